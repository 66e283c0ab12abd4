// End-to-end: `ServiceMesh.get` through the real pulumi CLI, for a mesh made outside Pulumi (seeded in
// the emulator, as one made in the console): referenced by mesh id and by the id of the cluster it
// serves, its outputs come from the cloud; `up`, `refresh` and `destroy` only read, and the mesh and its
// enrollment stay. An id that names nothing fails the `up` with a clear error and nothing in state.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { consoleMeshSeed, providerEnv, startMeshWorld, type MeshWorld, cloudWrites } from "../support/mesh-stack";
import { pulumiProject, type PulumiProject } from "../support/pulumi-cli";

const PROGRAM = join(__dirname, "programs", "service-mesh-get");
const CONSOLE_MESH = "c0a50000000000000000000000000c0a5";

describe("ServiceMesh.get", () => {
  let w: MeshWorld;
  const stacks: PulumiProject[] = [];
  const reference = async (id: string) => {
    const stack = await pulumiProject({
      dir: PROGRAM,
      env: {
        ...providerEnv(w.emulator, w.accessKeyId, w.accessKeySecret),
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      },
      config: { "mesh-get-e2e:id": id },
    });
    stacks.push(stack);
    return stack;
  };
  const writes = () => cloudWrites(w.emulator);

  before(async () => {
    w = await startMeshWorld(consoleMeshSeed(CONSOLE_MESH, "cget1", "enterprise"));
  });
  after(async () => {
    await Promise.allSettled(stacks.map((s) => s.cleanup()));
    await w?.stop();
  });

  for (const [how, id] of [
    ["the mesh id", CONSOLE_MESH],
    ["the id of the cluster it serves", "cget1"],
  ] as const) {
    it(`reads a mesh made outside Pulumi by ${how}, and destroy leaves it as it was`, async () => {
      const stack = await reference(id);
      w.emulator.clearRequestLog();
      await stack.up();
      const outs = await stack.stackOutputs();
      assert.deepEqual(
        [outs["serviceMeshId"], outs["serviceMeshName"], outs["clusterSpec"], outs["clusters"], outs["state"]],
        [CONSOLE_MESH, "made-in-console", "Enterprise", ["cget1"], "running"],
      );
      assert.deepEqual([outs["region"], outs["vpcId"], outs["ready"]], ["cn-hangzhou", "vpc-get1", true]);
      assert.deepEqual(outs["conditions"], ["ServiceMeshAvailable=True/Available", "ClusterEnrolled=True/Succeeded"]);
      await stack.preview(["--expect-no-changes"]);
      await stack.refresh();
      await stack.destroy();
      assert.deepEqual(writes(), [], "up, preview, refresh and destroy only read");
      const mesh = w.emulator.inventory().meshes.find((m) => m.serviceMeshId === CONSOLE_MESH);
      assert.deepEqual([mesh?.state, mesh?.clusters], ["running", ["cget1"]]);
    });
  }

  it("fails the up for an id that names nothing, recording nothing", async () => {
    const stack = await reference("cnothing");
    const up = await stack.up([], { allowFailure: true });
    assert.notEqual(up.code, 0);
    assert.match(up.stdout + up.stderr, /no ASM mesh has id cnothing, and no mesh serves an ACK cluster cnothing/);
    const state = await stack.exportStack();
    const meshes = (state.deployment.resources ?? []).filter((r: { type: string }) => r.type.endsWith("ServiceMesh"));
    assert.deepEqual(meshes, []);
    assert.deepEqual(writes(), []);
  });
});
