import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deleteServiceMesh } from "../../provider/lifecycle/delete";
import { CloudError } from "../../provider/resilience/errors";
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

/** The cluster in a mesh of its own: what the usage check guards. */
const enrolled = (w: ReturnType<typeof world>) => ({ meshId: w.asm.seed({ name: "m", clusters: ["c1234"] }).id });

describe("checkUsage", () => {
  it("lets the delete go on when nothing in the cluster uses the mesh", async () => {
    const w = world();
    assert.equal((await checkUsage(w.ctx, desired(), enrolled(w))).condition.status, "True");
  });

  it("asks nothing when the cluster is in no mesh this resource manages, whatever runs there", async () => {
    // GIVEN sidecars in the cluster, and either no mesh recorded or a recorded mesh the cluster is not in
    const w = world();
    w.enrolledCluster.usage.injectedNamespaces = ["shop"];
    const elsewhere = w.asm.seed({ name: "m", clusters: ["cother"] });
    // THEN there is nothing to leave, so nothing to refuse
    assert.equal((await checkUsage(w.ctx, desired(), {})).condition.status, "True");
    assert.equal((await checkUsage(w.ctx, desired(), { meshId: elsewhere.id })).condition.status, "True");
  });

  it("refuses, listing sidecar-injected namespaces", async () => {
    const w = world();
    w.enrolledCluster.usage.injectedNamespaces = ["shop", "payments"];
    assert.deepEqual((await checkUsage(w.ctx, desired(), enrolled(w))).condition, {
      type: "ServiceMeshDeleted",
      status: "False",
      reason: "Failed",
      message:
        "cluster c1234 still uses ASM (sidecar-injected namespaces: shop, payments); remove the injection labels, sidecars and gateways, then delete again",
    });
  });

  it("lists pods with sidecars (at most 20) and gateways too", async () => {
    const w = world();
    w.enrolledCluster.usage = {
      injectedNamespaces: [],
      sidecarPods: Array.from({ length: 25 }, (_, i) => `shop/pod-${i}`),
      gateways: ["istio-system/ingressgateway"],
    };
    const refusal = await checkUsage(w.ctx, desired(), enrolled(w));
    const pods = Array.from({ length: 20 }, (_, i) => `shop/pod-${i}`).join(", ");
    assert.equal(
      refusal.condition.message,
      `cluster c1234 still uses ASM (pods with sidecars: ${pods}; ASM gateways: istio-system/ingressgateway); remove the injection labels, sidecars and gateways, then delete again`,
    );
  });

  it("refuses when ASM still sees proxies connected from the cluster, though the cluster shows none", async () => {
    // GIVEN a mesh serving only this cluster, and ASM reporting a proxy the cluster's API no longer lists
    const w = world();
    const mesh = w.asm.seed({ name: "m", clusters: ["c1234"] });
    w.asm.guests.set("c1234", { namespaces: [{ name: "shop", labels: {} }], proxies: ["cart-0.shop"] });
    // WHEN the usage check runs
    const refusal = await checkUsage(w.ctx, desired(), { meshId: mesh.id });
    // THEN ASM's witness refuses the delete, naming the proxy and the mesh
    assert.equal(
      refusal.condition.message,
      `cluster c1234 still uses ASM (proxies connected to mesh ${mesh.id}: cart-0.shop); remove the injection labels, sidecars and gateways, then delete again`,
    );
  });

  it("refuses for a namespace ASM sees injected, naming it once when both witnesses see it", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "m", clusters: ["c1234"] });
    const injected = { "istio-injection": "enabled" };
    w.asm.guests.set("c1234", {
      namespaces: [
        { name: "shop", labels: injected },
        { name: "pay", labels: { "istio.io/rev": "1-24" } },
      ],
      proxies: [],
    });
    w.enrolledCluster.usage.injectedNamespaces = ["shop"];
    const refusal = await checkUsage(w.ctx, desired(), { meshId: mesh.id });
    assert.match(
      refusal.condition.message,
      new RegExp(`\\(sidecar-injected namespaces: shop; namespaces ASM sees injected in mesh ${mesh.id}: pay\\)`),
    );
  });

  it("in a mesh shared with other clusters, counts only proxies in namespaces this cluster has injected", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "m", clusters: ["c1234", "cother"] });
    w.asm.guests.set("c1234", { namespaces: [{ name: "shop", labels: {} }], proxies: [] });
    w.asm.guests.set("cother", {
      namespaces: [{ name: "ads", labels: { "istio-injection": "enabled" } }],
      proxies: ["banner-0.ads", "gateway-0.istio-system"],
    });
    const result = await checkUsage(w.ctx, desired(), { meshId: mesh.id });
    assert.equal(result.condition.status, "True", result.condition.message);
    // The same proxies count once this cluster injects their namespace.
    w.asm.guests.set("c1234", { namespaces: [{ name: "ads", labels: { "istio-injection": "enabled" } }], proxies: [] });
    const refusal = await checkUsage(w.ctx, desired(), { meshId: mesh.id });
    assert.match(refusal.condition.message, /proxies connected to mesh \w+: banner-0\.ads\)/);
  });

  it("finds nothing in a cluster ACK says no longer exists, but not in one it cannot reach", async () => {
    const w = world();
    const fail = (code: string, kind: "not-found" | "transient") => async () => {
      throw new CloudError(kind, code, "…", "cannot get a kubeconfig for ACK cluster c1234");
    };
    const observed = enrolled(w);
    w.enrolledCluster.meshUsage = fail("ErrorClusterNotFound", "not-found");
    assert.equal((await checkUsage(w.ctx, desired(), observed)).condition.status, "True");
    w.enrolledCluster.meshUsage = fail("ServiceUnavailable", "transient");
    await assert.rejects(checkUsage(w.ctx, desired(), observed), /ServiceUnavailable/);
  });

  it("asks ASM nothing about a cluster that is no longer in the mesh", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "m", clusters: ["cother"] });
    w.asm.guests.set("cother", { namespaces: [], proxies: ["banner-0.ads"] });
    assert.equal((await checkUsage(w.ctx, desired(), { meshId: mesh.id })).condition.status, "True");
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
    await w.crCluster.applyCr({ clusterId: "c1234", deletionPolicy: "Delete" });
    await deleteServiceMesh(outputs(mesh.id, "Delete"), settings, w.deps);
    assert.equal(w.asm.meshes.size, 0);
    assert.equal(w.crCluster.cr, undefined);
  });

  it("with Retain: removes the cluster and keeps the mesh", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    await w.crCluster.applyCr({ clusterId: "c1234", deletionPolicy: "Retain" });
    await deleteServiceMesh(outputs(mesh.id, "Retain"), settings, w.deps);
    assert.deepEqual([w.asm.meshes.get(mesh.id)?.state, [...mesh.clusters.keys()]], ["running", []]);
    assert.equal(w.crCluster.cr, undefined);
  });

  it("refuses while the cluster uses the mesh, removing nothing and saying why in the CR", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    await w.crCluster.applyCr({ clusterId: "c1234", deletionPolicy: "Delete" });
    w.enrolledCluster.usage.injectedNamespaces = ["shop"];
    await assert.rejects(
      deleteServiceMesh(outputs(mesh.id, "Delete"), settings, w.deps),
      /^Error: cannot delete ServiceMesh c1234: cluster c1234 still uses ASM \(sidecar-injected namespaces: shop\)/,
    );
    assert.deepEqual([...mesh.clusters.keys()], ["c1234"]);
    const deleted = w.crCluster.cr?.status?.conditions?.find((c) => c.type === "ServiceMeshDeleted");
    assert.deepEqual([deleted?.status, deleted?.reason], ["False", "Failed"]);
  });
});
