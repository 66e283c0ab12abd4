// Integration: a production-size enrolled cluster on a real kube-apiserver, 1,010 pods in 101 namespaces
// (no nodes: they stay Pending) and one pod with a sidecar in the namespace that sorts last, without an
// injection label. Every list follows its continue token: the delete is refused naming that pod and
// nothing is removed, and the Standard 50-pod rule and the pod count read the same cluster right.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusterReader, type ClusterReader } from "../support/kube-read";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { KubeConnection } from "../../provider/kube/kube-connection";
import { EnrolledClusterClient } from "../../provider/kube/enrolled-cluster-client";
import { PAGE_SIZE } from "../../provider/kube/paged-list";
import { Deadline, systemClock } from "../../provider/clock";
import { silentLogger } from "../../provider/log";

const NAMESPACES = 101;
const PODS_EACH = 10;
const LAST = "zzz-last";

describe("a cluster with more pods than one list page", () => {
  let h: MeshHarness;
  let kube: ClusterReader;

  before(async () => {
    const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-big" });
    h = await startMeshHarness({ seed: { clusters: [cluster("cbig"), cluster("cbigstd")] } });
    kube = clusterReader(h.kube.kubeconfig);
    const names = Array.from({ length: NAMESPACES }, (_, i) => `team-${String(i).padStart(3, "0")}`);
    // Ten namespaces at a time: the API server shares the machine's two cores with the test.
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(names.slice(i, i + 10).map((ns) => kube.createPods(ns, PODS_EACH)));
    }
  });

  after(async () => {
    await h?.stop();
  });

  it("counts every pod, page after page, and stops once it has counted enough", async () => {
    const connection = new KubeConnection(
      "the test cluster",
      async () => h.kube.kubeconfig,
      systemClock,
      Deadline.after(systemClock, 60_000, "60s"),
      silentLogger,
    );
    const cluster = new EnrolledClusterClient(connection);
    const total = NAMESPACES * PODS_EACH;
    assert.ok(total > 2 * PAGE_SIZE, "the pods span three pages");
    assert.equal(await cluster.countPods(total + 100), total);
    assert.equal(await cluster.countPods(51), 51);
  });

  it("refuses Standard for the cluster: more than 50 pods", async () => {
    const result = await h.check({}, { clusterId: "cbigstd", clusterSpec: "Standard" });
    assert.deepEqual(result.failures, []);
    await assert.rejects(
      h.create({ clusterId: "cbigstd", clusterSpec: "Standard" }),
      /ACK cluster cbigstd runs more than 50 pods, the Standard Edition limit/,
    );
    assert.equal(h.emulator.inventory().meshes.filter((m) => m.name === "mesh-for-cbigstd").length, 0);
  });

  it("refuses the delete for one sidecar on the last page, removing nothing", async () => {
    // GIVEN an Enterprise mesh serving the cluster, and a sidecar pod in the namespace listed last
    const outs = await h.create({ clusterId: "cbig", clusterSpec: "Enterprise", deletionPolicy: "Delete" });
    await kube.createSidecarPod(LAST, "cart-0");
    // WHEN it is destroyed with deletionPolicy Delete
    await assert.rejects(
      h.delete(outs),
      new RegExp(`cluster cbig still uses ASM \\(pods with sidecars: ${LAST}/cart-0\\)`),
    );
    // THEN the mesh still serves the cluster and the CR stands
    const mesh = h.emulator.inventory().meshes.find((m) => m.serviceMeshId === outs["serviceMeshId"]);
    assert.deepEqual([mesh?.state, mesh?.clusters], ["running", ["cbig"]]);
    assert.ok(await kube.serviceMesh());
    // AND once the sidecar is gone, the delete goes through
    await kube.deletePod(LAST, "cart-0");
    await h.delete(outs);
    assert.equal(h.emulator.inventory().meshes.filter((m) => m.name === "mesh-for-cbig").length, 0);
  });
});
