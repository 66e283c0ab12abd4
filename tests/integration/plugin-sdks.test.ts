// The SDKs `npm run sdks` built (npm test builds them before the test files run) are one release: the
// package's version in the schema the plugin serves, the wheel, the sdist and the Go module; and each is
// what its language's tools take (the wheel's metadata, the module's go.mod).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pulumiGoSdk, pythonArtifact, REPO_ROOT, SDK_PATHS } from "../../devkit/plugin-sdks";
import { GO_MODULE, PYTHON_PACKAGE } from "../../plugin/package-name";
import { runCommand } from "../support/processes";

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A metadata file from inside a wheel (zip) or an sdist (tar.gz), read with Python's own modules. */
async function packagedMetadata(artifact: string, name: "METADATA" | "PKG-INFO"): Promise<string> {
  const read = [
    "import sys, tarfile, zipfile",
    "path, name = sys.argv[1], sys.argv[2]",
    "if path.endswith('.whl'):",
    "    z = zipfile.ZipFile(path)",
    "    print(z.read(next(n for n in z.namelist() if n.endswith('.dist-info/' + name))).decode())",
    "else:",
    "    t = tarfile.open(path)",
    "    print(t.extractfile(next(m for m in t.getmembers() if m.name.count('/') == 1 and m.name.endswith('/' + name))).read().decode())",
  ].join("\n");
  const r = await runCommand("python3", ["-c", read, artifact, name]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

const field = (metadata: string, key: string) =>
  [...metadata.matchAll(new RegExp(`^${key}: (.*)$`, "gm"))].map((m) => m[1]!.trim());

describe("the plugin's SDKs (npm run sdks)", () => {
  it("were built from the schema the plugin serves, which carries package.json's version", () => {
    const served = JSON.parse(readFileSync(SDK_PATHS.schema, "utf8")) as { version: string };
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, "plugin", "schema.json"), "utf8")) as unknown;
    assert.equal(served.version, VERSION);
    assert.deepEqual(served, committed, "sdk-dist/schema.json is the committed plugin/schema.json as served");
  });

  it("has a wheel and an sdist of the package's version that require pulumi", async () => {
    const wheel = pythonArtifact(".whl");
    assert.equal(wheel.slice(SDK_PATHS.python.length + 1), `${PYTHON_PACKAGE}-${VERSION}-py3-none-any.whl`);
    const metadata = await packagedMetadata(wheel, "METADATA");
    assert.deepEqual(field(metadata, "Name"), [PYTHON_PACKAGE]);
    assert.deepEqual(field(metadata, "Version"), [VERSION]);
    assert.ok(
      field(metadata, "Requires-Dist").some((r) => /^pulumi\b/.test(r)),
      `the wheel requires pulumi: ${field(metadata, "Requires-Dist").join("; ")}`,
    );
    const sdist = await packagedMetadata(pythonArtifact(".tar.gz"), "PKG-INFO");
    assert.deepEqual(field(sdist, "Version"), [VERSION]);
  });

  it("is the wheel the README's Python install names", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const named = [...readme.matchAll(/pip install (sdk-dist\/python\/\S+\.whl)/g)].map((m) => m[1]);
    assert.deepEqual(named, [pythonArtifact(".whl").slice(REPO_ROOT.length + 1)]);
  });

  it("has a Go module at the SDK's import path, requiring the CLI's Pulumi Go SDK, stamped with the version", () => {
    const goMod = readFileSync(join(SDK_PATHS.goModule, "go.mod"), "utf8");
    assert.match(goMod, new RegExp(`^module ${GO_MODULE.replace(/\./g, "\\.")}$`, "m"));
    const [sdk, version] = pulumiGoSdk().split("@");
    assert.match(
      goMod,
      new RegExp(`^\\s*(require )?${sdk!.replace(/\./g, "\\.")} ${version!.replace(/\./g, "\\.")}$`, "m"),
    );
    readFileSync(join(SDK_PATHS.goModule, "go.sum"), "utf8");
    const plugin = JSON.parse(readFileSync(join(SDK_PATHS.goModule, "pulumi-plugin.json"), "utf8")) as {
      name: string;
      version: string;
    };
    assert.deepEqual([plugin.name, plugin.version], ["asm-servicemesh", VERSION]);
  });
});
