// End-to-end: managementPolicy Observe through the real pulumi CLI, on a mesh made outside Pulumi (seeded
// in the emulator, as one made in the console) that differs from the program: `up`, `refresh` and
// `destroy` make no ASM or ACK write call and report the differences; switching to Full is an in-place
// update that then brings the mesh to the program.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusterReader } from "../support/kube-read";
import { consoleMeshSeed, startMeshWorld, type MeshWorld, cloudWrites } from "../support/mesh-stack";

const CONSOLE_MESH = "c0b50000000000000000000000000c0b5";

describe("managementPolicy Observe", () => {
  let w: MeshWorld;
  const writes = () => cloudWrites(w.emulator);
  const mesh = () => w.emulator.inventory().meshes.find((m) => m.serviceMeshId === CONSOLE_MESH);

  before(async () => {
    w = await startMeshWorld(consoleMeshSeed(CONSOLE_MESH, "cobs1", "standard"));
  });
  after(async () => w?.stop());

  it("observes without a write, reports the drift, then switches to Full in place", async () => {
    // GIVEN a program that differs from the mesh (edition), observing it
    const config = { clusterId: "cobs1", name: "made-in-console", clusterSpec: "Enterprise" };
    const stack = await w.stack({ ...config, managementPolicy: "Observe" });
    w.emulator.clearRequestLog();
    // WHEN it is brought up, refreshed and previewed
    await stack.up();
    const outs = await stack.stackOutputs();
    assert.deepEqual([outs["serviceMeshId"], outs["ready"]], [CONSOLE_MESH, true]);
    assert.deepEqual(outs["drift"], ["mesh edition: expected Enterprise, found Standard"]);
    await stack.refresh();
    await stack.preview(["--expect-no-changes"]);
    // THEN nothing was written, in ASM, ACK or the cluster
    assert.deepEqual(writes(), []);
    assert.equal(mesh()?.clusterSpec, "standard");
    assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined);

    // WHEN the policy becomes Full: an in-place update, which then upgrades the mesh
    await stack.setConfig("mesh-e2e:managementPolicy", "Full");
    const preview = await stack.previewJson();
    const step = preview.steps.find((s: { urn: string }) => s.urn.endsWith("::mesh"));
    assert.equal(step?.op, "update");
    await stack.up();
    assert.deepEqual([mesh()?.serviceMeshId, mesh()?.clusterSpec], [CONSOLE_MESH, "enterprise"]);
    assert.ok(await clusterReader(w.kube.kubeconfig).serviceMesh(), "the CR, now that it is managed");
    await stack.preview(["--expect-no-changes"]);

    // AND back to Observe, a destroy (deletionPolicy Retain or Delete alike) leaves the mesh serving the cluster
    await stack.setConfig("mesh-e2e:managementPolicy", "Observe");
    await stack.setConfig("mesh-e2e:deletionPolicy", "Delete");
    await stack.up();
    w.emulator.clearRequestLog();
    await stack.destroy();
    assert.deepEqual(writes(), []);
    assert.deepEqual([mesh()?.state, mesh()?.clusters], ["running", ["cobs1"]]);
    assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined, "its own CR is gone");
  });
});
