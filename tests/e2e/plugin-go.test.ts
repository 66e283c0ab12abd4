// A Go program builds against the SDK generated from the plugin's schema, and previews one ServiceMesh
// through the real CLI and engine (an Automation API inline program: see programs/plugin-go/main.go).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolchain } from "../../devkit/toolchain";
import { cloudWrites, providerEnv, startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import { generatedSdk, PLUGIN_BIN_DIR } from "../support/plugin-sdk";
import { removeOnExit, runCommand } from "../support/processes";
import { isolatedPulumiEnv } from "../support/pulumi-cli";

/** The Pulumi Go SDK the program builds with: the release of the pinned CLI. */
const GO_SDK = "github.com/pulumi/pulumi/sdk/v3@v3.248.0";

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

  it("builds against the generated SDK and previews the mesh's create, writing nothing", async () => {
    // One module: the program, and the generated SDK at the import path the schema names.
    const root = await mkdtemp(join(tmpdir(), "asm-go-"));
    removeOnExit(root);
    await mkdir(join(root, "sdk", "go"), { recursive: true });
    await rename(join(await generatedSdk("go"), "asmservicemesh"), join(root, "sdk", "go", "asmservicemesh"));
    await copyFile(join(__dirname, "programs", "plugin-go", "main.go"), join(root, "main.go"));
    await writeFile(join(root, "go.mod"), "module pulumi-asm-servicemesh\n\ngo 1.24\n");
    await go(root, ["get", GO_SDK]);
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
