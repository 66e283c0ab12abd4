// The plugin's SDK for a language, as a user gets it: the schema the plugin serves (`pulumi package
// get-schema` runs it), then the SDK written from that schema by the pinned pulumi's code generators
// (tools/sdkgen: the 3.248 CLI's `package gen-sdk` hands generation to language hosts the module proxy
// does not serve).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolchain } from "../../devkit/toolchain";
import { removeOnExit, runCommand } from "./processes";

export const PLUGIN_BIN_DIR = join(__dirname, "..", "..", "bin");
export const PLUGIN = join(PLUGIN_BIN_DIR, "pulumi-resource-asm-servicemesh");

async function checked(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCommand(command, args, { env: { ...process.env, ...env } });
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The schema as the plugin (the checkout's, or `plugin`) serves it, through the real CLI. */
export async function servedSchema(home: string, plugin = PLUGIN): Promise<string> {
  const tools = toolchain();
  return checked(tools.pulumi, ["package", "get-schema", plugin], {
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PATH: `${tools.pulumiBinDir}:${process.env.PATH ?? ""}`,
  });
}

export const PULUMI_VENV = join(__dirname, "..", "..", ".venv-pulumi");

/**
 * The generated Python SDK installed as `pip install` installs it (its metadata is how it knows its own
 * version), into a directory of its own for PYTHONPATH: the shared virtualenv stays as built.
 */
export async function installedPythonSdk(): Promise<string> {
  const source = await generatedSdk("python");
  const site = join(source, "..", "site-packages");
  const pip = join(PULUMI_VENV, "bin", "pip");
  await checked(pip, ["install", "--quiet", "--no-deps", "--no-build-isolation", "--target", site, source]);
  return site;
}

/** A directory holding the plugin's generated SDK for `language`, removed when the test process exits. */
export async function generatedSdk(language: "python" | "go"): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `asm-sdk-${language}-`));
  removeOnExit(root);
  const schemaPath = join(root, "schema.json");
  await writeFile(schemaPath, await servedSchema(join(root, "home")));
  const out = join(root, language);
  await checked(toolchain().sdkgen, [language, schemaPath, out]);
  return out;
}
