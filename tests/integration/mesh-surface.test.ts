// Integration: every block of the ASM surface beyond the seed's (the full meshConfig, the Istio version,
// tags, network, public endpoints, the control-plane kubeconfig) through the provider's create, update
// and read with the real Alibaba clients against the emulator and a real kube-apiserver: set at create,
// changed in place, drift found on refresh.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { asmClient } from "../support/asm-test-client";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { sampleFor } from "../support/mesh-config-samples";
import { setValueAt, valueAt } from "../../provider/cloud/mesh-config-mapping";
import { MESH_CONFIG_FIELDS } from "../../provider/model/mesh-config-fields";
import { CLUSTER_TAG } from "../../provider/model/ownership";
import { ISTIO_VERSIONS } from "../../emulator/asm/istio-versions";

const [V22, V23, V24] = ISTIO_VERSIONS;
const cluster = (clusterId: string, vpc = "vpc-hz1", vsw = `vsw-${clusterId}`) => ({
  clusterId,
  regionId: "cn-hangzhou",
  vpcId: vpc,
  vswitchIds: [vsw],
});

describe("the ASM surface through the provider, the real clients and the emulator", () => {
  let h: MeshHarness;
  let call: ReturnType<typeof asmClient>;

  before(async () => {
    h = await startMeshHarness({
      seed: {
        clusters: [
          cluster("cconfig"),
          cluster("cversion"),
          cluster("ctags"),
          cluster("cmanytags"),
          cluster("ceip"),
          cluster("cnet"),
          cluster("cother", "vpc-other", "vsw-other"),
        ],
      },
    });
    call = asmClient(h.emulator.endpoint, { accessKeyId: h.accessKeyId, accessKeySecret: h.accessKeySecret });
  });
  after(async () => h?.stop());

  const meshOf = (outs: Record<string, unknown>) => {
    const mesh = h.emulator.inventory().meshes.find((m) => m.serviceMeshId === outs["serviceMeshId"]);
    assert.ok(mesh, `mesh ${String(outs["serviceMeshId"])} exists`);
    return mesh;
  };
  const actions = () => h.emulator.requestLog().map((e) => e.action);
  const own = (clusterId: string) => ({ clusterId, customResourceName: `mesh-${clusterId}` });

  it("meshConfig: every field set at create is reported where the table says, changed in place, and drift is read back", async () => {
    // GIVEN every meshConfig field at a non-default value
    const meshConfig: Record<string, unknown> = {};
    for (const f of MESH_CONFIG_FIELDS) setValueAt(meshConfig, f.path, sampleFor(f.kind));
    const outs = await h.create({ ...own("cconfig"), meshConfig });
    // THEN ASM reports each one where the table says
    const reported = meshOf(outs).meshConfig;
    for (const f of MESH_CONFIG_FIELDS) assert.deepEqual(valueAt(reported, f.reported), sampleFor(f.kind), f.path);

    // WHEN two fields change, THEN one UpdateMeshFeature carries exactly those, in place
    const changed = structuredClone(meshConfig);
    setValueAt(changed, "gatewayApi", false);
    setValueAt(changed, "opa.logLevel", "debug");
    setValueAt(changed, "controlPlaneLog.logTtlInDays", 90);
    h.emulator.clearRequestLog();
    const updated = await h.update(outs, { ...own("cconfig"), meshConfig: changed });
    const sent = (action: string) =>
      h.emulator
        .requestLog()
        .filter((e) => e.action === action)
        .map((e) =>
          Object.keys(e.params)
            .filter((k) => k !== "ServiceMeshId")
            .sort(),
        );
    assert.deepEqual(sent("UpdateMeshFeature"), [["GatewayAPIEnabled", "OPALogLevel"]]);
    // The control-plane log has its own call, which needs Enabled every time.
    assert.deepEqual(sent("UpdateControlPlaneLogConfig"), [["Enabled", "LogTTLInDay"]]);
    assert.equal(valueAt(meshOf(updated).meshConfig, "ControlPlaneLogInfo.LogTTL"), 90);
    // The cluster domain is fixed at creation: a new one replaces the resource.
    const moved = structuredClone(changed);
    setValueAt(moved, "sidecarProxy.clusterDomain", "mesh.internal");
    await assert.rejects(h.update(updated, { ...own("cconfig"), meshConfig: moved }), /would replace: meshConfig/);
    assert.equal(valueAt(meshOf(updated).meshConfig, "K8sNewAPIsSupport.GatewayAPIEnabled"), false);

    // WHEN someone turns the Gateway API back on in the console, THEN refresh records it
    await call("UpdateMeshFeature", { ServiceMeshId: updated["serviceMeshId"], GatewayAPIEnabled: true });
    await waitRunning(String(updated["serviceMeshId"]));
    const seen = await h.read(updated);
    assert.deepEqual(seen.props?.["drift"], ["meshConfig.gatewayApi: expected false, found true"]);
    assert.equal(valueAt(seen.inputs?.["meshConfig"], "gatewayApi"), true);
  });

  it("istioVersion: pinned at create, upgraded in place, an older one refused, an unknown one refused before anything is made", async () => {
    const outs = await h.create({ ...own("cversion"), istioVersion: V22 });
    assert.deepEqual([meshOf(outs).version, outs["istioVersion"]], [V22, V22]);

    h.emulator.clearRequestLog();
    const upgraded = await h.update(outs, { ...own("cversion"), istioVersion: V23 });
    assert.ok(actions().includes("UpgradeMeshEditionPartially"));
    assert.equal(meshOf(upgraded).version, V23);
    assert.equal(upgraded["version"], V23);

    const older = await h.check({ ...own("cversion"), istioVersion: V23 }, { ...own("cversion"), istioVersion: V22 });
    assert.deepEqual(
      older.failures.map((f) => f.property),
      ["istioVersion"],
    );

    // Someone upgrades it in the console: refresh records the new version.
    await call("UpgradeMeshEditionPartially", { ServiceMeshId: upgraded["serviceMeshId"], ExpectedVersion: V24 });
    await waitRunning(String(upgraded["serviceMeshId"]));
    const seen = await h.read(upgraded);
    assert.deepEqual(seen.props?.["drift"], [`Istio version: expected ${V23}, found ${V24}`]);
    assert.equal(seen.inputs?.["istioVersion"], V24);

    const before = h.emulator.inventory().meshes.length;
    await assert.rejects(
      h.create({ ...own("cnet"), istioVersion: "v1.19.0.1-gdeadbee-aliyun" }),
      /istioVersion v1\.19\.0\.1-gdeadbee-aliyun is not offered by ASM; available: /,
    );
    assert.equal(h.emulator.inventory().meshes.length, before, "no mesh was created");
  });

  it("tags: set at create beside the ownership tag, changed in place, drift read back", async () => {
    const outs = await h.create({ ...own("ctags"), tags: { team: "payments", tier: "1" } });
    const tagsOf = (o: Record<string, unknown>) => Object.fromEntries(meshOf(o).tags.map((t) => [t.Key, t.Value]));
    assert.deepEqual(tagsOf(outs), { team: "payments", tier: "1", [CLUSTER_TAG]: "ctags" });

    h.emulator.clearRequestLog();
    const updated = await h.update(outs, { ...own("ctags"), tags: { team: "checkout" } });
    assert.deepEqual(tagsOf(updated), { team: "checkout", [CLUSTER_TAG]: "ctags" });
    assert.deepEqual(
      actions().filter((a) => /tag/i.test(a)),
      ["ListTagResources", "TagResources", "UntagResources"],
    );

    await call(
      "TagResources",
      {},
      {
        query: {
          RegionId: "cn-hangzhou",
          ResourceType: "servicemesh",
          ResourceId: [updated["serviceMeshId"]],
          Tag: [{ Key: "team", Value: "ops" }],
        },
      },
    );
    const seen = await h.read(updated);
    assert.deepEqual(seen.props?.["drift"], ['tags: expected {"team":"checkout"}, found {"team":"ops"}']);
    assert.deepEqual(seen.inputs?.["tags"], { team: "ops" });
  });

  it("tags: more than one ListTagResources page (the emulator pages 10 rows) are read back whole", async () => {
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${String(i).padStart(2, "0")}`, `v${i}`]));
    const outs = await h.create({ ...own("cmanytags"), tags: many });
    h.emulator.clearRequestLog();
    const seen = await h.read(outs);
    assert.deepEqual(seen.props?.["drift"], []);
    assert.deepEqual(seen.inputs?.["tags"], many);
    assert.equal(actions().filter((a) => a === "ListTagResources").length, 2, "two pages, both read");
  });

  it("loadBalancer: a public API server at create, a Pilot EIP bound and the API server's unbound in place, drift read back", async () => {
    const outs = await h.create({ ...own("ceip"), loadBalancer: { apiServerPublicEip: true } });
    const endpoints = outs["endpoints"] as Record<string, string>;
    const lb = outs["loadBalancer"] as Record<string, unknown>;
    assert.match(endpoints["apiServerPublic"] ?? "", /^https:\/\//);
    assert.equal(lb["apiServerPublicEip"], true);

    const updated = await h.update(outs, {
      ...own("ceip"),
      loadBalancer: { apiServerPublicEip: false, pilotEipId: "eip-pilot1" },
    });
    const after = updated["loadBalancer"] as Record<string, unknown>;
    assert.deepEqual([after["apiServerPublicEip"], after["pilotEipId"]], [false, "eip-pilot1"]);
    assert.equal((updated["endpoints"] as Record<string, string>)["apiServerPublic"], "");
    assert.equal(meshOf(updated).serviceMeshId, outs["serviceMeshId"], "the same mesh, changed in place");

    await call("ModifyPilotEipResource", {
      ServiceMeshId: updated["serviceMeshId"],
      Operation: "UnBindEip",
      EipId: "eip-pilot1",
    });
    const seen = await h.read(updated);
    assert.deepEqual(seen.props?.["drift"], ["Pilot EIP: expected eip-pilot1, found nothing"]);
  });

  it("network and kubeconfig: a mesh in another VPC and vSwitch, the cluster's vSwitch refused for it, the control plane's kubeconfig exported", async () => {
    await assert.rejects(
      h.create({ ...own("cnet"), vpcId: "vpc-other", vSwitchIds: ["vsw-cnet"] }),
      /vSwitchIds: vsw-cnet is in VPC vpc-hz1 \(ACK cluster cnet's\), not in vpcId vpc-other/,
    );
    const outs = await h.create({
      ...own("cnet"),
      vpcId: "vpc-other",
      vSwitchIds: ["vsw-other"],
      controlPlaneKubeconfig: "private",
    });
    const mesh = meshOf(outs);
    assert.deepEqual(
      [mesh.vpcId, mesh.vswitches, outs["vpcId"], outs["vSwitchIds"]],
      ["vpc-other", ["vsw-other"], "vpc-other", ["vsw-other"]],
    );
    const kubeconfig = String(outs["meshKubeconfig"]);
    assert.match(kubeconfig, /kind: Config/);
    assert.ok(kubeconfig.includes((outs["endpoints"] as Record<string, string>)["apiServerIntranet"] ?? "?"));
  });

  async function waitRunning(meshId: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const m = h.emulator.inventory().meshes.find((x) => x.serviceMeshId === meshId);
      if (m?.state === "running") return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`mesh ${meshId} never settled`);
  }
});
