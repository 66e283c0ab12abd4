// The examples compile against what users get: the built package (dist/, made by `npm run build`
// before the tests) for the four emulator-runnable programs, and a real npm install of @pulumi/alicloud
// and @pulumi/kubernetes for real-cloud, which lives in its own package so those provider packages
// never enter the root node_modules (the engine would look for their plugin binaries).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { SERVICE_MESH_TOKEN } from "../../plugin/package-name";
import { runCommand, type CommandResult } from "../support/processes";

const ROOT = join(__dirname, "..", "..");
const EXAMPLES = join(ROOT, "examples");
const REAL_CLOUD = join(EXAMPLES, "real-cloud");
const EMULATOR_EXAMPLES = [
  "quickstart",
  "edition-upgrade",
  "join-existing-mesh",
  "deletion-policy-delete",
  "adopt-existing-mesh",
];

function output(r: CommandResult): string {
  return `exit ${r.code ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

describe("examples", () => {
  it("gives every scenario a Pulumi program, a README and no stack files", () => {
    for (const name of [...EMULATOR_EXAMPLES, "real-cloud"]) {
      const dir = join(EXAMPLES, name);
      for (const file of ["Pulumi.yaml", "index.ts", "README.md"]) {
        assert.ok(existsSync(join(dir, file)), `examples/${name}/${file} is missing`);
      }
      assert.match(
        readFileSync(join(dir, "Pulumi.yaml"), "utf8"),
        /^runtime: nodejs$/m,
        `examples/${name}/Pulumi.yaml`,
      );
      const stackFiles = readdirSync(dir).filter((f) => /^Pulumi\..+\.ya?ml$/.test(f) && f !== "Pulumi.yaml");
      assert.deepEqual(stackFiles, [], `examples/${name} holds stack config files`);
    }
  });

  it("type-checks the emulator examples against the built package", async () => {
    assert.ok(existsSync(join(ROOT, "dist", "sdk", "index.d.ts")), "dist/ is missing: run `npm run build` first");
    const tsc = join(ROOT, "node_modules", ".bin", "tsc");
    const r = await runCommand(tsc, ["--noEmit", "-p", join(EXAMPLES, "tsconfig.json")], {
      cwd: ROOT,
      timeoutMs: 5 * 60_000,
    });
    assert.equal(r.code, 0, `tsc -p examples/tsconfig.json failed:\n${output(r)}`);
  });

  it("type-checks the real-cloud example in its own package with @pulumi/alicloud and @pulumi/kubernetes", async () => {
    assert.ok(existsSync(join(ROOT, "dist", "sdk", "index.d.ts")), "dist/ is missing: run `npm run build` first");
    if (!existsSync(join(REAL_CLOUD, "node_modules"))) {
      const install = await runCommand("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {
        cwd: REAL_CLOUD,
        timeoutMs: 8 * 60_000,
      });
      assert.equal(install.code, 0, `npm ci in examples/real-cloud failed:\n${output(install)}`);
    }
    // --no: use the tsc that npm ci installed there, never fetch one.
    const r = await runCommand("npx", ["--no", "--", "tsc", "--noEmit"], { cwd: REAL_CLOUD, timeoutMs: 5 * 60_000 });
    assert.equal(r.code, 0, `tsc --noEmit in examples/real-cloud failed:\n${output(r)}`);
  });

  it("gives the plugin's YAML and Python examples the plugin's type and the generated SDK's names", async () => {
    const yaml = readFileSync(join(EXAMPLES, "plugin-yaml", "Pulumi.yaml"), "utf8");
    assert.match(yaml, /^runtime: yaml$/m);
    assert.match(yaml, new RegExp(`type: ${SERVICE_MESH_TOKEN}$`, "m"));
    const schema = JSON.parse(readFileSync(join(ROOT, "plugin", "schema.json"), "utf8"));
    const inputs = Object.keys(schema.resources[SERVICE_MESH_TOKEN].inputProperties);
    const used = [...yaml.matchAll(/^ {6}(\w+): /gm)].map((m) => m[1]!);
    assert.deepEqual(
      used.filter((p) => !inputs.includes(p)),
      [],
      "the YAML example sets only schema inputs",
    );
    const python = join(EXAMPLES, "plugin-python", "__main__.py");
    const compiled = await runCommand("python3", ["-m", "py_compile", python]);
    assert.equal(compiled.code, 0, output(compiled));
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const args = [...readFileSync(python, "utf8").matchAll(/^ {4}(\w+)=/gm)].map((m) => m[1]!);
    assert.deepEqual(
      args.filter((a) => !inputs.map(snake).includes(a)),
      [],
      "the Python example uses the SDK's names",
    );
  });
});
