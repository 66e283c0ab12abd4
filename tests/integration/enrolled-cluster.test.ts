// Integration: the two cluster roles on three real kube-apiservers. A management cluster M holds the CRs
// (the `kubeconfig` input); E and F are enrolled clusters, each bound in the emulator's ACK to its own
// kube-apiserver, so the kubeconfig ACK issues for them reaches them. Proves every usage and pod check
// reads the enrolled cluster (never M), that ASM's own view is a second witness, that without
// `kubeconfig` the CR goes into the enrolled cluster, and that the kubeconfig ACK issued shows up in no
// output, error or log line.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { conditionOf } from "../support/fault-matrix-kit";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { clusterReader, type ClusterReader } from "../support/kube-read";
import { expectPartialFailure, startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { captureOutput, type OutputCapture } from "../support/output-capture";

/** What ACK hands out for E and F: a token user whose token is easy to search for. */
const ACK_TOKEN = `ACKISSUED${randomBytes(12).toString("hex")}`;
const ACK_USER = { name: "ack-ram-user", token: ACK_TOKEN, groups: ["system:masters"] };

const cluster = (clusterId: string, extra: Record<string, unknown> = {}) => ({
  clusterId,
  regionId: "cn-hangzhou",
  vpcId: "vpc-mc",
  vswitchIds: ["vsw-mc"],
  ...extra,
});

describe("enrolled cluster and CR cluster", () => {
  let h: MeshHarness;
  let enrolledE: KubeCluster;
  let enrolledF: KubeCluster;
  let m: ClusterReader;
  let e: ClusterReader;
  let f: ClusterReader;
  let output: OutputCapture;

  before(async () => {
    [enrolledE, enrolledF] = await Promise.all([
      startKubeCluster({ extraUsers: [ACK_USER] }),
      startKubeCluster({ extraUsers: [ACK_USER] }),
    ]);
    const onE = (id: string, extra = {}) =>
      cluster(id, { kubeconfig: enrolledE.kubeconfigFor(ACK_USER.name), ...extra });
    const onF = (id: string, extra = {}) =>
      cluster(id, { kubeconfig: enrolledF.kubeconfigFor(ACK_USER.name), ...extra });
    // The harness's own kube-apiserver is the management cluster M.
    h = await startMeshHarness({
      seed: {
        clusters: [
          onE("cmce1"),
          onF("cmcf1"),
          onE("cmce2"),
          onF("cmcf2"),
          // ASM still sees a proxy of this cluster's, though its API server shows no sidecar.
          onE("cmcproxied", {
            namespaces: [{ name: "shop", labels: { "istio-injection": "enabled" } }],
            proxies: ["cart-0.shop"],
          }),
          onF("cmcnocr"),
        ],
      },
    });
    [m, e, f] = [h.kube, enrolledE, enrolledF].map((k) => clusterReader(k.kubeconfig)) as [
      ClusterReader,
      ClusterReader,
      ClusterReader,
    ];
    output = captureOutput();
  });
  after(async () => {
    output?.stop();
    await Promise.allSettled([h?.stop(), enrolledE?.stop(), enrolledF?.stop()]);
  });

  /** A mesh for `clusterId` whose CR lives in M (the harness passes M's kubeconfig). */
  const createInM = (clusterId: string, extra: Record<string, unknown> = {}) =>
    h.create({ clusterId, customResourceName: `cr-${clusterId}`, deletionPolicy: "Delete", ...extra });
  const meshOf = (clusterId: string) => h.emulator.inventory().meshes.find((x) => x.clusters.includes(clusterId));

  it("does not let an injected namespace in the management cluster block anything", async () => {
    // GIVEN a namespace with sidecar injection on in M, which holds the CR
    await m.labelNamespace("shop", { "istio-injection": "enabled" });
    const state = await createInM("cmce1");
    // WHEN the mesh of enrolled cluster E (which uses nothing) is destroyed
    await h.delete(state);
    // THEN it goes: the mesh, the enrollment and the CR in M
    assert.equal(meshOf("cmce1"), undefined);
    assert.equal(await m.serviceMesh("cr-cmce1"), undefined);
  });

  it("refuses F's delete while F runs a sidecar, removing nothing, and lets E's go", async () => {
    const stateE = await createInM("cmce2");
    const stateF = await createInM("cmcf1");
    await f.createSidecarPod("shop", "cart-0");

    await h.delete(stateE);
    assert.equal(meshOf("cmce2"), undefined, "E's mesh is gone");

    const refused = await h.delete(stateF).then(
      () => assert.fail("F's delete must be refused"),
      (err: Error) => err,
    );
    assert.match(refused.message, /cluster cmcf1 still uses ASM \(pods with sidecars: shop\/cart-0\)/);
    assert.deepEqual(meshOf("cmcf1")?.clusters, ["cmcf1"], "F is still enrolled");
    const cr = await m.serviceMesh("cr-cmcf1");
    assert.deepEqual([conditionOf(cr, "ServiceMeshDeleted")?.status, cr.metadata.finalizers.length], ["False", 1]);

    // WHEN the sidecar is gone, THEN the delete goes through.
    await f.deletePod("shop", "cart-0");
    await h.delete(stateF);
    assert.equal(meshOf("cmcf1"), undefined);
  });

  it("refuses a delete while ASM still sees proxies connected from the enrolled cluster", async () => {
    const state = await createInM("cmcproxied");
    const refused = await h.delete(state).then(
      () => assert.fail("the delete must be refused"),
      (err: Error) => err,
    );
    assert.match(
      refused.message,
      /cluster cmcproxied still uses ASM \(namespaces ASM sees injected in mesh \w+: shop; proxies connected to mesh \w+: cart-0\.shop\)/,
    );
    assert.deepEqual(meshOf("cmcproxied")?.clusters, ["cmcproxied"]);
    // The proxy disconnects (the cluster re-seeded without it); the delete then goes through.
    h.emulator.mutate.addCluster(cluster("cmcproxied", { kubeconfig: enrolledE.kubeconfigFor(ACK_USER.name) }));
    await h.delete(state);
  });

  it("counts the enrolled cluster's pods for Standard's limit: 60 in E refuse E only, 60 in M count for nothing", async () => {
    await e.createPods("load", 60);
    await m.createPods("load", 60);
    const crowded = await expectPartialFailure(() => createInM("cmce1", { clusterSpec: "Standard" }));
    assert.match(
      crowded.message,
      /PreChecked failed: ACK cluster cmce1 runs more than 50 pods, the Standard Edition limit/,
    );
    await h.delete(crowded.properties);

    const roomy = await createInM("cmcf2", { clusterSpec: "Standard" });
    assert.equal(roomy["ready"], true);
    await h.delete(roomy);
    await Promise.all([e.deletePods("load"), m.deletePods("load")]);
  });

  it("without kubeconfig, writes the CRD and the CR into the enrolled cluster, as the operator does", async () => {
    const state = await h.create({ clusterId: "cmcnocr", kubeconfig: undefined, deletionPolicy: "Delete" });
    assert.equal(state["ready"], true);
    const cr = await f.serviceMesh();
    assert.equal(cr?.status?.serviceMeshId, state["serviceMeshId"]);
    assert.equal(cr?.metadata?.annotations?.["servicemesh.pulumi.com/cluster-id"], "cmcnocr");
    assert.equal(await m.serviceMesh(), undefined, "nothing in the management cluster");
    await h.delete(state);
    assert.equal(await f.serviceMesh(), undefined);
  });

  it("keeps the kubeconfig ACK issued out of every output, error and log line", async () => {
    // The CR goes into E through ACK's kubeconfig; a refused delete makes an error about E.
    const state = await h.create({ clusterId: "cmce1", kubeconfig: undefined, deletionPolicy: "Delete" });
    await e.createSidecarPod("shop", "cart-1");
    const refused = await h.delete(state).then(
      () => assert.fail("the delete must be refused"),
      (err: Error) => err,
    );
    await e.deletePod("shop", "cart-1");
    await h.delete(state);
    const texts = [output.text(), JSON.stringify(state), refused.message, String(refused.stack)];
    assert.ok(texts[0]?.includes("cmce1"), "the capture saw the provider's lines");
    for (const text of texts) assert.ok(!text.includes(ACK_TOKEN), "the ACK-issued token leaked");
  });
});
