/**
 * The create/update lifecycle over the stateful fakes: the four steps in order, what ends up in the
 * cloud and in the CR, and in-place changes on a later `pulumi up`.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../provider/lifecycle/check";
import { create } from "../../provider/lifecycle/create";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import { update } from "../../provider/lifecycle/update";
import type { Settings } from "../../provider/settings";
import { world, type World } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };

async function createFrom(w: World, news: Record<string, unknown>) {
  const { inputs, failures } = check({}, news, settings);
  assert.deepEqual(failures, []);
  return create(inputs, settings, w.deps);
}

async function updateTo(w: World, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const { inputs, failures } = check(olds, news, settings);
  assert.deepEqual(failures, []);
  return update(olds, inputs, settings, w.deps);
}

const conditionsOf = (w: World) => (w.crCluster.cr?.status?.conditions ?? []).map((c) => [c.type, c.status, c.reason]);

describe("create over the fakes", () => {
  it("runs the four steps and records a running mesh, the enrollment and the CR", async () => {
    const w = world();
    const { id, outs } = await createFrom(w, { clusterId: "c1234" });
    const [mesh] = w.asm.meshesNamed("mesh-for-c1234");
    assert.equal(id, "c1234");
    assert.equal(w.asm.meshes.size, 1);
    assert.deepEqual(
      [mesh?.state, mesh?.clusterSpec, [...(mesh?.clusters.keys() ?? [])]],
      ["running", "standard", ["c1234"]],
    );
    assert.deepEqual(conditionsOf(w), [
      ["PreChecked", "True", "Passed"],
      ["ServiceMeshAvailable", "True", "Available"],
      ["ClusterEnrolled", "True", "Succeeded"],
      ["MeshConfigApplied", "True", "Succeeded"],
    ]);
    assert.deepEqual(w.crCluster.cr?.spec, { name: "mesh-for-c1234", clusterSpec: "Standard" });
    assert.deepEqual(
      [outs.serviceMeshId, outs.serviceMeshName, outs.region, outs.clusterSpec, outs.ready, outs.state],
      [mesh?.id, "mesh-for-c1234", "cn-hangzhou", "Standard", true, "running"],
    );
  });

  it("keeps a failed create in state with the failed step, without creating a mesh", async () => {
    const w = world();
    w.enrolledCluster.pods = 80;
    await assert.rejects(createFrom(w, { clusterId: "c1234" }), (e: unknown) => {
      assert.ok(e instanceof PartialFailure);
      assert.equal(e.id, "c1234");
      assert.equal(e.properties["clusterId"], "c1234");
      return true;
    });
    assert.equal(w.asm.meshes.size, 0);
    assert.deepEqual(conditionsOf(w), [["PreChecked", "False", "Failed"]]);
  });
});

describe("update over the fakes", () => {
  it("upgrades the edition in place", async () => {
    const w = world();
    const { outs } = await createFrom(w, { clusterId: "c1234" });
    const next = await updateTo(w, outs as unknown as Record<string, unknown>, {
      clusterId: "c1234",
      clusterSpec: "Enterprise",
    });
    assert.equal(w.asm.meshes.size, 1);
    assert.equal(w.asm.meshesNamed("mesh-for-c1234")[0]?.clusterSpec, "enterprise");
    assert.equal(next.outs.clusterSpec, "Enterprise");
  });

  // Bug: preCheck compares the cluster's current mesh against the *desired* name, so the mesh this
  // resource created (still named mesh-for-c1234) counts as "another mesh" once `name` changes.
  it("renames the mesh it manages in place", async () => {
    const w = world();
    const { outs } = await createFrom(w, { clusterId: "c1234" });
    const next = await updateTo(w, outs as unknown as Record<string, unknown>, { clusterId: "c1234", name: "prod" });
    assert.equal(w.asm.meshes.size, 1);
    assert.deepEqual(
      [...w.asm.meshes.values()].map((m) => m.name),
      ["prod"],
    );
    assert.equal(next.outs.serviceMeshName, "prod");
  });
});

describe("joining an existing mesh over the fakes", () => {
  it("joins an Ultimate mesh by meshId when the program asks for Ultimate", async () => {
    const w = world();
    w.asm.seed({ id: "mtheirs", name: "shared", clusterSpec: "ultimate" });
    const { outs } = await createFrom(w, { clusterId: "c1234", meshId: "mtheirs", clusterSpec: "Ultimate" });
    assert.equal(w.asm.meshes.size, 1);
    assert.deepEqual([...(w.asm.meshes.get("mtheirs")?.clusters.keys() ?? [])], ["c1234"]);
    assert.deepEqual([outs.serviceMeshId, outs.serviceMeshName, outs.name], ["mtheirs", "shared", "shared"]);
  });

  // Bug: check (and preCheck) fill clusterSpec with the region's default, and MeshConfigApplied then
  // treats that default as a requested downgrade of the existing mesh.
  for (const [how, news] of [
    ["by meshId", { clusterId: "c1234", meshId: "mtheirs" }],
    ["by name", { clusterId: "c1234", name: "shared" }],
  ] as const) {
    it(`joins an existing Enterprise mesh ${how} in a mainland region without an edition, keeping its edition`, async () => {
      const w = world();
      w.asm.seed({ id: "mtheirs", name: "shared", clusterSpec: "enterprise", regionId: "cn-hangzhou" });
      const { inputs, failures } = check({}, news, { protocol: "HTTPS", region: "cn-hangzhou" });
      assert.deepEqual(failures, []);
      const { outs } = await create(inputs, settings, w.deps);
      assert.equal(w.asm.meshes.get("mtheirs")?.clusterSpec, "enterprise");
      assert.deepEqual([outs.serviceMeshId, outs.clusterSpec], ["mtheirs", "Enterprise"]);
    });
  }
});
