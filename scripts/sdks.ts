// `npm run sdks`: the provider plugin's SDKs, built from the schema the plugin serves (asked through the
// real CLI, as `pulumi package get-schema` asks it), into sdk-dist/:
//   python/  a wheel and an sdist of pulumi_asm_servicemesh (`pip install <wheel>`)
//   go/asmservicemesh/  a Go module with its own go.mod and go.sum (require it with a `replace`)
// Both are written by the pinned pulumi's code generators (tools/sdkgen), so every SDK carries the
// schema's version, which is package.json's. Needs the build (dist/plugin), the toolchain and the
// Python build venv: `npm run sdks` makes all three first.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pulumiGoSdk, REPO_ROOT, SDK_BUILD_VENV, SDK_DIST, SDK_PATHS, pythonArtifact } from "../devkit/plugin-sdks";
import { toolchain } from "../devkit/toolchain";
import { GO_MODULE } from "../plugin/package-name";

const PLUGIN = join(REPO_ROOT, "bin", "pulumi-resource-asm-servicemesh");

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function servedSchema(scratch: string): string {
  if (!existsSync(join(REPO_ROOT, "dist", "plugin", "main.js")))
    throw new Error("dist/plugin is missing: run `npm run build`");
  const tools = toolchain();
  return run(tools.pulumi, ["package", "get-schema", PLUGIN], {
    env: {
      PULUMI_HOME: join(scratch, "pulumi-home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PATH: `${tools.pulumiBinDir}:${process.env.PATH ?? ""}`,
    },
  });
}

function buildPython(scratch: string): void {
  const source = join(scratch, "python");
  run(toolchain().sdkgen, ["python", SDK_PATHS.schema, source]);
  const python = join(SDK_BUILD_VENV, "bin", "python");
  if (!existsSync(python)) throw new Error(`${python} is missing: run \`bash scripts/python-sdks.sh\``);
  // No isolation: the build tools come from the venv (pinned), not fetched into a fresh one per build.
  run(python, ["-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", SDK_PATHS.python, source]);
}

function buildGo(scratch: string): void {
  const out = join(scratch, "go");
  run(toolchain().sdkgen, ["go", SDK_PATHS.schema, out]);
  mkdirSync(join(SDK_PATHS.goModule, ".."), { recursive: true });
  renameSync(join(out, "asmservicemesh"), SDK_PATHS.goModule);
  writeFileSync(join(SDK_PATHS.goModule, "go.mod"), `module ${GO_MODULE}\n\ngo 1.24\n`);
  const env = { GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", CGO_ENABLED: "0" };
  run("go", ["get", pulumiGoSdk()], { cwd: SDK_PATHS.goModule, env });
  run("go", ["mod", "tidy"], { cwd: SDK_PATHS.goModule, env });
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), "asm-sdks-"));
  try {
    rmSync(SDK_DIST, { recursive: true, force: true });
    mkdirSync(SDK_DIST, { recursive: true });
    writeFileSync(SDK_PATHS.schema, servedSchema(scratch));
    buildPython(scratch);
    buildGo(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const built of [pythonArtifact(".whl"), pythonArtifact(".tar.gz"), SDK_PATHS.goModule]) {
    console.log(`sdks: ${built.slice(REPO_ROOT.length + 1)}`);
  }
}

main();
