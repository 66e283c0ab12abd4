// scripts/toolchain.sh's choice of Pulumi CLI, run for real on stand-in binaries: the demo (--demo) takes
// any pulumi on PATH at or above the package's minimum with the Node.js plugins beside it, and builds
// nothing then; the tests always get the pinned version. Every run uses a scratch cache (never the
// shared one) and a KUBEBUILDER_ASSETS dir of stand-ins, so nothing is built and nothing real is touched.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand, type CommandResult } from "../support/processes";

const ROOT = join(__dirname, "..", "..");
const PINNED = "v3.248.0";
const MINIMUM = `v${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).peerDependencies["@pulumi/pulumi"].slice(1)}`;

function executable(path: string, body = "exit 0"): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A directory with a `pulumi` that reports `version`, with or without the Node.js plugins beside it. */
function fakePulumi(dir: string, version: string, plugins = true): string {
  mkdirSync(dir, { recursive: true });
  executable(join(dir, "pulumi"), `echo ${version}`);
  if (plugins) for (const p of ["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) executable(join(dir, p));
  return dir;
}

describe("toolchain.sh: which pulumi the demo and the tests use", () => {
  let scratch: string;
  let assets: string;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "toolchain-reuse-"));
    assets = join(scratch, "assets");
    mkdirSync(assets);
    for (const b of ["kube-apiserver", "etcd", "kubectl"]) executable(join(assets, b));
  });
  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** A cache that already holds the pinned build (so nothing needs building), or an empty one. */
  function cache(name: string, withPinned: boolean): string {
    const dir = join(scratch, name);
    if (withPinned) {
      fakePulumi(join(dir, `pulumi-${PINNED}`, "bin"), PINNED);
      const host = join(dir, "language-host-v3.68.0", "bin");
      mkdirSync(host, { recursive: true });
      executable(join(host, "pulumi-language-nodejs"));
    } else mkdirSync(dir, { recursive: true });
    return dir;
  }

  function toolchainSh(args: string[], ambient: string | undefined, cacheDir: string): Promise<CommandResult> {
    const env = {
      ...process.env,
      PULUMI_ASM_TOOLCHAIN_CACHE: cacheDir,
      KUBEBUILDER_ASSETS: assets,
      PATH: `${ambient ? `${ambient}:` : ""}${process.env.PATH}`,
    };
    return runCommand("bash", [join(ROOT, "scripts", "toolchain.sh"), ...args], { env, timeoutMs: 60_000 });
  }

  const recorded = (cacheDir: string) => readFileSync(join(cacheDir, "toolchain.env"), "utf8");

  it("gives the demo a newer pulumi from PATH, and keeps the tests on the pinned build", async () => {
    const ambient = fakePulumi(join(scratch, "newer"), "v3.250.1");
    const dir = cache("c1", true);
    const r = await toolchainSh(["--demo"], ambient, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${ambient}\n`);
    assert.match(recorded(dir), new RegExp(`^PULUMI_BIN_DIR=${dir}/pulumi-${PINNED}/bin$`, "m"));
  });

  it(`accepts exactly the minimum, ${MINIMUM}, for the demo, building nothing even with no pinned build cached`, async () => {
    const ambient = fakePulumi(join(scratch, "minimum"), MINIMUM);
    const dir = cache("c2", false);
    const r = await toolchainSh(["--demo"], ambient, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${ambient}\n`);
    assert.doesNotMatch(r.stderr, /building/);
    assert.doesNotMatch(recorded(dir), /PULUMI_BIN_DIR/, "the tests must not be pointed at a non-pinned pulumi");
  });

  it("refuses for the demo a pulumi older than the minimum, saying why, and uses the pinned build", async () => {
    const ambient = fakePulumi(join(scratch, "older"), "v3.138.0");
    const dir = cache("c3", true);
    const r = await toolchainSh(["--demo"], ambient, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${dir}/pulumi-${PINNED}/bin\n`);
    assert.match(r.stderr, new RegExp(`v3\\.138\\.0 on PATH .* is older than ${MINIMUM.replace(/\./g, "\\.")}`));
  });

  it("refuses for the demo a pulumi without the Node.js plugins beside it", async () => {
    const ambient = fakePulumi(join(scratch, "bare"), "v3.250.1", false);
    const dir = cache("c4", true);
    const r = await toolchainSh(["--demo"], ambient, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${dir}/pulumi-${PINNED}/bin\n`);
    assert.match(r.stderr, /lacks pulumi-language-nodejs or pulumi-resource-pulumi-nodejs/);
  });

  it("ignores a newer pulumi on PATH for the tests (no --demo) and prints nothing on stdout", async () => {
    const ambient = fakePulumi(join(scratch, "newer2"), "v3.250.1");
    const dir = cache("c5", true);
    const r = await toolchainSh([], ambient, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(recorded(dir), new RegExp(`^PULUMI_BIN_DIR=${dir}/pulumi-${PINNED}/bin$`, "m"));
    assert.match(recorded(dir), /^KUBE_APISERVER=.*assets\/kube-apiserver$/m);
  });
});
