/**
 * Contract tests: the real `@alicloud/openapi-core` client (default ACS3-HMAC-SHA256 signing) drives every
 * ASM operation of the emulator through a mesh's whole life. Proves the wire protocol and the response
 * shapes the provider reads, not the provider itself.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { asmClient, rand, rejects } from "../support/asm-test-client";
import { startEmulator, type RunningEmulator } from "../../emulator";

// Long enough that the in-progress state is reliably observed right after each call, on a busy machine.
const LATENCY = { provisionMs: 300, enrollMs: 250, removeMs: 250, updateMs: 200, deleteMs: 250, responseMs: 0 };

type Body = any;
async function waitForState(call: ReturnType<typeof asmClient>, id: string, state: string): Promise<Body> {
  for (let i = 0; i < 100; i++) {
    const d = await call("DescribeServiceMeshDetail", { ServiceMeshId: id });
    if (d.ServiceMesh.ServiceMeshInfo.State === state) return d;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`mesh ${id} never reached ${state}`);
}

describe("emulated ASM mesh lifecycle through the real openapi-core client", () => {
  const keyId = `test-${rand(6)}`;
  const secret = rand(18);
  let emu: RunningEmulator;
  let call: ReturnType<typeof asmClient>;
  let meshId = "";

  before(async () => {
    emu = await startEmulator({
      accessKeyId: keyId,
      accessKeySecret: secret,
      latency: LATENCY,
      seed: {
        clusters: [
          {
            clusterId: "c-app",
            name: "app",
            regionId: "cn-hangzhou",
            vpcId: "vpc-1",
            vswitchIds: ["vsw-1"],
            namespaces: [{ name: "default", labels: { "istio-injection": "enabled" } }, { name: "kube-system" }],
            proxies: ["productpage-v1.default"],
          },
          { clusterId: "c-other", regionId: "cn-hangzhou" },
        ],
        meshes: [
          {
            serviceMeshId: "c0123456789abcdef0123456789abcdef",
            name: "existing",
            regionId: "cn-hangzhou",
            clusters: ["c-other"],
          },
        ],
      },
    });
    call = asmClient(emu.endpoint, { accessKeyId: keyId, accessKeySecret: secret });
  });
  after(() => emu.stop());

  it("creates a mesh that is initial at first and running after provisionMs", async () => {
    const created = await call(
      "CreateServiceMesh",
      {
        RegionId: "cn-hangzhou",
        VpcId: "vpc-1",
        VSwitches: JSON.stringify(["vsw-1"]),
        Name: "mesh-for-c-app",
        ClusterSpec: "standard",
        Tracing: true,
        TraceSampling: 5,
      },
      { query: { Tag: [{ Key: "owner", Value: "pulumi" }] } },
    );
    assert.match(created.ServiceMeshId, /^c[0-9a-f]{32}$/);
    assert.equal(typeof created.RequestId, "string");
    meshId = created.ServiceMeshId;

    const first = await call("DescribeServiceMeshDetail", { ServiceMeshId: meshId });
    assert.equal(first.ServiceMesh.ServiceMeshInfo.State, "initial");

    const d = await waitForState(call, meshId, "running");
    const m = d.ServiceMesh;
    assert.equal(m.ClusterSpec, "standard");
    assert.deepEqual(m.Clusters, []);
    assert.equal(m.ServiceMeshInfo.Name, "mesh-for-c-app");
    assert.equal(m.ServiceMeshInfo.Profile, "Default");
    assert.equal(m.ServiceMeshInfo.RegionId, "cn-hangzhou");
    assert.equal(m.ServiceMeshInfo.ErrorMessage, "");
    assert.deepEqual(m.Spec.Network.VSwitches, ["vsw-1"]);
    assert.equal(m.Spec.Network.VpcId, "vpc-1");
    assert.equal(m.Spec.MeshConfig.Tracing, true);
    assert.equal(m.Spec.MeshConfig.Pilot.TraceSampling, 5);
    assert.equal(m.Spec.MeshConfig.OutboundTrafficPolicy, "ALLOW_ANY");
    assert.equal(m.Spec.MeshConfig.Proxy.ClusterDomain, "cluster.local");
  });

  it("lists every mesh of the account with tags, and filters by tag", async () => {
    const all = await call("DescribeServiceMeshes", {}, { method: "GET" });
    assert.deepEqual(all.ServiceMeshes.map((m: Body) => m.ServiceMeshInfo.Name).sort(), ["existing", "mesh-for-c-app"]);
    const tagged = await call(
      "DescribeServiceMeshes",
      {},
      { method: "GET", query: { Tag: [{ Key: "owner", Value: "pulumi" }] } },
    );
    assert.equal(tagged.ServiceMeshes.length, 1);
    assert.deepEqual(tagged.ServiceMeshes[0].Tag, [{ Key: "owner", Value: "pulumi" }]);
  });

  it("enrolls a cluster: mesh updating and cluster initial, then both running", async () => {
    const added = await call("AddClusterIntoServiceMesh", { ServiceMeshId: meshId, ClusterId: "c-app" });
    assert.equal(added.Code, "200");
    assert.equal(added.Message, "success");
    const during = await call("DescribeClustersInServiceMesh", {}, { query: { ServiceMeshId: meshId } });
    assert.equal(during.Clusters[0].State, "initial");
    const detail = await call("DescribeServiceMeshDetail", { ServiceMeshId: meshId });
    assert.equal(detail.ServiceMesh.ServiceMeshInfo.State, "updating");

    await waitForState(call, meshId, "running");
    const after = await call("DescribeClustersInServiceMesh", {}, { query: { ServiceMeshId: meshId } });
    const c = after.Clusters[0];
    assert.equal(c.ClusterId, "c-app");
    assert.equal(c.Name, "app");
    assert.equal(c.State, "running");
    assert.equal(c.Version, "v1.32.1-aliyun.1");
    assert.equal(c.VpcId, "vpc-1");
    assert.equal(c.ClusterType, "ManagedKubernetes");
    assert.equal(c.ErrorMessage, "");
    const d = await call("DescribeServiceMeshDetail", { ServiceMeshId: meshId });
    assert.deepEqual(d.ServiceMesh.Clusters, ["c-app"]);
  });

  it("reports the seeded namespaces with labels and the connected proxies", async () => {
    const ns = await call("DescribeGuestClusterNamespaces", {
      ServiceMeshId: meshId,
      GuestClusterID: "c-app",
      ShowNsLabels: true,
    });
    assert.deepEqual(ns.NsList, ["default", "kube-system"]);
    assert.deepEqual(ns.NsLabels, { default: { "istio-injection": "enabled" }, "kube-system": {} });
    const withoutLabels = await call("DescribeGuestClusterNamespaces", {
      ServiceMeshId: meshId,
      GuestClusterID: "c-app",
    });
    assert.equal(withoutLabels.NsLabels, undefined);
    const proxies = await call("DescribeServiceMeshProxyStatus", { ServiceMeshId: meshId });
    assert.deepEqual(
      proxies.ProxyStatus.map((p: Body) => p.ProxyId),
      ["productpage-v1.default"],
    );
    assert.equal(proxies.ProxyStatus[0].ClusterSynced, "SYNCED");
  });

  it("applies UpdateMeshFeature changes after updateMs, upgrading the edition", async () => {
    await call("UpdateMeshFeature", {
      ServiceMeshId: meshId,
      ClusterSpec: "enterprise",
      AccessLogEnabled: true,
      AccessLogProject: "mesh-log",
      OutboundTrafficPolicy: "REGISTRY_ONLY",
      ProxyRequestCPU: "200m",
      ProxyLimitMemory: "2Gi",
      AutoInjectionPolicyEnabled: true,
      EnableNamespacesByDefault: false,
      Telemetry: true,
    });
    const during = await call("DescribeServiceMeshDetail", { ServiceMeshId: meshId });
    assert.equal(during.ServiceMesh.ServiceMeshInfo.State, "updating");
    const d = (await waitForState(call, meshId, "running")).ServiceMesh;
    assert.equal(d.ClusterSpec, "enterprise");
    assert.equal(d.ServiceMeshInfo.Profile, "Pro");
    assert.deepEqual(d.Spec.MeshConfig.AccessLog, { Enabled: true, Project: "mesh-log" });
    assert.equal(d.Spec.MeshConfig.OutboundTrafficPolicy, "REGISTRY_ONLY");
    assert.equal(d.Spec.MeshConfig.Proxy.RequestCPU, "200m");
    assert.equal(d.Spec.MeshConfig.Proxy.LimitMemory, "2Gi");
    assert.equal(d.Spec.MeshConfig.Proxy.RequestMemory, "128Mi");
    assert.equal(d.Spec.MeshConfig.SidecarInjector.AutoInjectionPolicyEnabled, true);
    assert.equal(d.Spec.MeshConfig.SidecarInjector.EnableNamespacesByDefault, false);
    assert.equal(d.Spec.MeshConfig.Telemetry, true);
  });

  it("refuses a ClusterSpec downgrade", async () => {
    const e = await rejects(
      call("UpdateMeshFeature", { ServiceMeshId: meshId, ClusterSpec: "standard" }),
      "InvalidParameter.ClusterSpec",
      400,
    );
    assert.match(e.message, /downgrade not supported/);
  });

  it("renames a mesh at once and refuses a name another mesh in the region has", async () => {
    await call("ModifyServiceMeshName", { ServiceMeshId: meshId, Name: "renamed_mesh" });
    const d = await call("DescribeServiceMeshDetail", { ServiceMeshId: meshId });
    assert.equal(d.ServiceMesh.ServiceMeshInfo.Name, "renamed_mesh");
    assert.equal(d.ServiceMesh.ServiceMeshInfo.State, "running");
    await rejects(call("ModifyServiceMeshName", { ServiceMeshId: meshId, Name: "existing" }), "NameAlreadyExist", 400);
    await rejects(
      call("ModifyServiceMeshName", { ServiceMeshId: meshId, Name: "9starts-with-digit" }),
      "InvalidParameter.Name",
      400,
    );
  });

  it("refuses to delete a mesh that still has clusters, with the real message", async () => {
    const e = await rejects(
      call("DeleteServiceMesh", { ServiceMeshId: meshId }),
      "ErrorPermitted.ClustersNotEmpty",
      400,
    );
    assert.match(e.message, /the clusters should be removed from it before the mesh instance is deleted/);
    assert.equal(e.data?.HostId, "servicemesh.aliyuncs.com");
    assert.match(e.data?.Recommend, /ErrorPermitted\.ClustersNotEmpty/);
  });

  it("removes the cluster: mesh updating, then the cluster is gone", async () => {
    const removed = await call("RemoveClusterFromServiceMesh", { ServiceMeshId: meshId, ClusterId: "c-app" });
    assert.equal(removed.Code, "200");
    const during = await call("DescribeClustersInServiceMesh", {}, { query: { ServiceMeshId: meshId } });
    assert.equal(during.Clusters[0].State, "deleting");
    await rejects(
      call("AddClusterIntoServiceMesh", { ServiceMeshId: meshId, ClusterId: "c-app" }),
      "InvalidOperation.MeshStatus",
      400,
    );
    await waitForState(call, meshId, "running");
    const after = await call("DescribeClustersInServiceMesh", {}, { query: { ServiceMeshId: meshId } });
    assert.deepEqual(after.Clusters, []);
    await rejects(
      call("RemoveClusterFromServiceMesh", { ServiceMeshId: meshId, ClusterId: "c-app" }),
      "ErrorClusterNotInServiceMesh",
      404,
    );
  });

  it("deletes an empty mesh: deleting, then ServiceMesh.NotFound", async () => {
    await call("DeleteServiceMesh", { ServiceMeshId: meshId });
    const during = await call("DescribeServiceMeshDetail", { ServiceMeshId: meshId });
    assert.equal(during.ServiceMesh.ServiceMeshInfo.State, "deleting");
    await rejects(
      call("UpdateMeshFeature", { ServiceMeshId: meshId, Tracing: false }),
      "InvalidOperation.MeshStatus",
      400,
    );
    await new Promise((r) => setTimeout(r, LATENCY.deleteMs + 20));
    await rejects(call("DescribeServiceMeshDetail", { ServiceMeshId: meshId }), "ServiceMesh.NotFound", 404);
    assert.deepEqual(
      emu.inventory().meshes.map((m) => m.name),
      ["existing"],
    );
  });

  it("logs every request with its action, status and code but without secrets", () => {
    const log = emu.requestLog();
    assert.ok(log.length > 10);
    const failed = log.find((e) => e.code === "ErrorPermitted.ClustersNotEmpty");
    assert.ok(failed);
    assert.equal(failed.status, 400);
    assert.equal(failed.action, "DeleteServiceMesh");
    assert.equal(failed.version, "2020-01-11");
    assert.equal(failed.accessKeyId, keyId);
    assert.equal(failed.params["ServiceMeshId"], meshId);
    assert.ok(!JSON.stringify(log).includes(secret));
    emu.clearRequestLog();
    assert.deepEqual(emu.requestLog(), []);
  });
});
