// The plugin's SDKs as a user gets them: the schema the plugin serves (`pulumi package get-schema` runs
// it), and the wheel and Go module `npm run sdks` built from that schema (sdk-dist/; npm test builds
// them before the test files run).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pythonArtifact } from "../../devkit/plugin-sdks";
import { toolchain } from "../../devkit/toolchain";
import { removeOnExit, runCommand } from "./processes";

export const PLUGIN_BIN_DIR = join(__dirname, "..", "..", "bin");
export const PLUGIN = join(PLUGIN_BIN_DIR, "pulumi-resource-asm-servicemesh");

/** The Pulumi Python SDK's pin (the CLI's release), a constraint for a fresh virtualenv's install. */
const PYTHON_PINS = join(__dirname, "..", "e2e", "python", "requirements.txt");

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

/**
 * A new virtualenv in which the SDK's wheel is installed the one way the docs give,
 * `pip install <wheel>` (its `pulumi` dependency held to the CLI's release), removed when the test
 * process exits. Returns the virtualenv's directory.
 */
export async function pythonVenvWithSdk(): Promise<string> {
  const venv = await mkdtemp(join(tmpdir(), "asm-python-sdk-"));
  removeOnExit(venv);
  await checked("python3", ["-m", "venv", venv]);
  const pip = join(venv, "bin", "pip");
  await checked(pip, ["install", "--quiet", "--disable-pip-version-check", pythonArtifact(".whl"), "-c", PYTHON_PINS]);
  return venv;
}
