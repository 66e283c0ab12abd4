import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deleteServiceMesh } from "../../provider/lifecycle/delete";
import { checkUsage } from "../../provider/steps/check-usage";
import type { Desired } from "../../provider/model/desired";
import type { Settings } from "../../provider/settings";
import { deleteMeshPerPolicy } from "../../provider/steps/delete-mesh";
import { removeCluster } from "../../provider/steps/remove-cluster";
import { world } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };
const desired = (overrides: Partial<Desired> = {}): Desired => ({
  clusterId: "c1234",
  deletionPolicy: "Delete",
  ...overrides,
});

describe("checkUsage", () => {
  it("lets the delete go on when nothing in the cluster uses the mesh", async () => {
    const w = world();
    assert.equal((await checkUsage(w.ctx)).condition.status, "True");
  });

  it("refuses, listing sidecar-injected namespaces", async () => {
    const w = world();
    w.kube.usage.injectedNamespaces = ["shop", "payments"];
    assert.deepEqual((await checkUsage(w.ctx)).condition, {
      type: "ServiceMeshDeleted",
      status: "False",
      reason: "Failed",
      message:
        "the cluster still uses ASM (sidecar-injected namespaces: shop, payments); remove the injection labels, sidecars and gateways, then delete again",
    });
  });

  it("lists pods with sidecars (at most 20) and gateways too", async () => {
    const w = world();
    w.kube.usage = {
      injectedNamespaces: [],
      sidecarPods: Array.from({ length: 25 }, (_, i) => `shop/pod-${i}`),
      gateways: ["istio-system/ingressgateway"],
    };
    const refusal = await checkUsage(w.ctx);
    const pods = Array.from({ length: 20 }, (_, i) => `shop/pod-${i}`).join(", ");
    assert.equal(
      refusal.condition.message,
      `the cluster still uses ASM (pods with sidecars: ${pods}; ASM gateways: istio-system/ingressgateway); remove the injection labels, sidecars and gateways, then delete again`,
    );
  });
});

describe("removeCluster", () => {
  it("takes the cluster out of the mesh and waits until the mesh no longer lists it", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "m", clusters: ["c1234", "cother"] });
    await removeCluster(w.ctx, desired(), { meshId: mesh.id });
    assert.deepEqual([...mesh.clusters.keys()], ["cother"]);
    assert.equal(mesh.state, "running");
    assert.deepEqual(
      w.conditions.map((c) => [c.type, c.reason, c.message]),
      [["ServiceMeshDeleted", "WaitSteady", `cluster c1234 is leaving mesh ${mesh.id}`]],
    );
  });

  it("counts a cluster or mesh that is already gone as removed", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "m", clusters: ["cother"] });
    await removeCluster(w.ctx, desired(), { meshId: mesh.id });
    await removeCluster(w.ctx, desired(), { meshId: "mgone" });
    assert.deepEqual([...mesh.clusters.keys()], ["cother"]);
  });
});

describe("deleteMeshPerPolicy", () => {
  it("deletes an empty mesh and waits until it is gone", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "m" });
    const result = await deleteMeshPerPolicy(w.ctx, desired(), { meshId: mesh.id });
    assert.equal(result.condition.message, `mesh ${mesh.id} deleted`);
    assert.equal(w.asm.meshes.size, 0);
  });

  it("keeps a mesh that still serves other clusters", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "m", clusters: ["cother"] });
    const result = await deleteMeshPerPolicy(w.ctx, desired(), { meshId: mesh.id });
    assert.equal(result.condition.message, `mesh ${mesh.id} is kept: it still serves cother`);
    assert.deepEqual([w.asm.meshes.get(mesh.id)?.state, [...mesh.clusters.keys()]], ["running", ["cother"]]);
  });

  it("tolerates a mesh that is already gone", async () => {
    const w = world();
    const result = await deleteMeshPerPolicy(w.ctx, desired(), { meshId: "mgone" });
    assert.equal(result.condition.message, "mesh mgone is already gone");
  });
});

describe("deleteServiceMesh over the fakes", () => {
  const outputs = (serviceMeshId: string, deletionPolicy: "Retain" | "Delete") => ({
    clusterId: "c1234",
    serviceMeshId,
    deletionPolicy,
  });

  it("with Delete: removes the cluster, deletes the mesh and the CR", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    await w.kube.applyCr({ clusterId: "c1234", deletionPolicy: "Delete" });
    await deleteServiceMesh(outputs(mesh.id, "Delete"), settings, w.deps);
    assert.equal(w.asm.meshes.size, 0);
    assert.equal(w.kube.cr, undefined);
  });

  it("with Retain: removes the cluster and keeps the mesh", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    await w.kube.applyCr({ clusterId: "c1234", deletionPolicy: "Retain" });
    await deleteServiceMesh(outputs(mesh.id, "Retain"), settings, w.deps);
    assert.deepEqual([w.asm.meshes.get(mesh.id)?.state, [...mesh.clusters.keys()]], ["running", []]);
    assert.equal(w.kube.cr, undefined);
  });

  it("refuses while the cluster uses the mesh, removing nothing and saying why in the CR", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    await w.kube.applyCr({ clusterId: "c1234", deletionPolicy: "Delete" });
    w.kube.usage.injectedNamespaces = ["shop"];
    await assert.rejects(
      deleteServiceMesh(outputs(mesh.id, "Delete"), settings, w.deps),
      /^Error: cannot delete ServiceMesh c1234: the cluster still uses ASM \(sidecar-injected namespaces: shop\)/,
    );
    assert.deepEqual([...mesh.clusters.keys()], ["c1234"]);
    const deleted = w.kube.cr?.status?.conditions?.find((c) => c.type === "ServiceMeshDeleted");
    assert.deepEqual([deleted?.status, deleted?.reason], ["False", "Failed"]);
  });
});
