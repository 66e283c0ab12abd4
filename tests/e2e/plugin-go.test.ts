// A Go program builds against the SDK's Go module (npm run sdks), required through a `replace` to the
// built directory, and previews one ServiceMesh through the real CLI and engine (an Automation API inline
// program: see programs/plugin-go/main.go).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolchain } from "../../devkit/toolchain";
import { cloudWrites, providerEnv, startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import { pulumiGoSdk, SDK_PATHS } from "../../devkit/plugin-sdks";
import { GO_MODULE } from "../../plugin/package-name";
import { PLUGIN_BIN_DIR } from "../support/plugin-sdk";
import { removeOnExit, runCommand } from "../support/processes";
import { isolatedPulumiEnv } from "../support/pulumi-cli";

async function go(dir: string, args: string[]): Promise<string> {
  const env = { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", CGO_ENABLED: "0" };
  const r = await runCommand("go", args, { cwd: dir, env, timeoutMs: 15 * 60_000 });
  if (r.code !== 0) throw new Error(`go ${args.join(" ")} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe("ServiceMesh provider plugin, from Go", () => {
  let w: MeshWorld;
  before(async () => {
    w = await startMeshWorld({
      clusters: [{ clusterId: "cplugingo", regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] }],
    });
  });
  after(async () => w?.stop());

  it("builds against the SDK's module and previews the mesh's create, writing nothing", async () => {
    // The program's own module, requiring the SDK's as a user does before it is published.
    const root = await mkdtemp(join(tmpdir(), "asm-go-"));
    removeOnExit(root);
    await copyFile(join(__dirname, "programs", "plugin-go", "main.go"), join(root, "main.go"));
    await writeFile(
      join(root, "go.mod"),
      `module meshgo\n\ngo 1.24\n\nrequire ${GO_MODULE} v0.0.0\n\nreplace ${GO_MODULE} => ${SDK_PATHS.goModule}\n`,
    );
    await go(root, ["get", pulumiGoSdk()]);
    await go(root, ["mod", "tidy"]);
    await go(root, ["build", "-o", "mesh-go", "."]);

    const tools = toolchain();
    w.emulator.clearRequestLog();
    const r = await runCommand(join(root, "mesh-go"), [], {
      cwd: root,
      env: {
        ...process.env,
        ...providerEnv(w.emulator, w.accessKeyId, w.accessKeySecret),
        STACK: "dev",
        CLUSTER_ID: "cplugingo",
        PLUGIN_DIR: PLUGIN_BIN_DIR,
        PATH: `${tools.pulumiBinDir}:${process.env.PATH ?? ""}`,
        ...isolatedPulumiEnv(root, join(root, "home")),
      },
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const summary = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
    assert.deepEqual(summary, { create: 2 }, "the stack and the ServiceMesh");
    assert.deepEqual(cloudWrites(w.emulator), [], "a preview writes nothing");
    assert.ok(
      w.emulator.requestLog().some((e) => e.action === "DescribeClusterDetail"),
      "the preflight ran",
    );
  });
});
