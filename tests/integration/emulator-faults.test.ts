/**
 * Contract tests for injected faults, flow control and latency, through the real openapi-core client and
 * the admin HTTP interface: what a provider's retry and wait logic will meet.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { asmClient, rand, failure } from "../support/asm-test-client";
import { startEmulator, type RunningEmulator } from "../../emulator";

type Json = any;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function admin(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}/__emulator/${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  return { status: res.status, body: await res.json() };
}

const LATENCY = { provisionMs: 60, enrollMs: 60, removeMs: 60, updateMs: 60, deleteMs: 60, responseMs: 0 };
const CREATE = { RegionId: "cn-hangzhou", VpcId: "vpc-1", VSwitches: '["vsw-1"]' };

describe("faults, flow control and latency", () => {
  const cred = { accessKeyId: `test-${rand(6)}`, accessKeySecret: rand(16) };
  const sts = { accessKeyId: `STS.${rand(6)}`, accessKeySecret: rand(16), securityToken: rand(32) };
  let emu: RunningEmulator;
  let call: ReturnType<typeof asmClient>;

  const createRunning = async (Name: string): Promise<string> => {
    const { ServiceMeshId } = await call("CreateServiceMesh", { ...CREATE, Name });
    await sleep(LATENCY.provisionMs + 20);
    return ServiceMeshId;
  };

  before(async () => {
    emu = await startEmulator({
      ...cred,
      stsTokens: [sts],
      latency: LATENCY,
      seed: { clusters: [{ clusterId: "c-1", regionId: "cn-hangzhou" }] },
    });
    call = asmClient(emu.endpoint, cred);
  });
  after(() => emu.stop());

  it("fails the next N calls of an action with the injected code and status, then recovers", async () => {
    emu.injectFault({
      action: "DescribeServiceMeshes",
      times: 2,
      code: "ServiceUnavailable",
      status: 503,
      message: "try later",
    });
    for (let i = 0; i < 2; i++) {
      const e = await failure(call("DescribeServiceMeshes"));
      assert.equal(e.code, "ServiceUnavailable");
      assert.equal(e.statusCode, 503);
      assert.equal(e.name, "ServerError");
    }
    const ok = await call("DescribeServiceMeshes");
    assert.ok(Array.isArray(ok.ServiceMeshes));
  });

  it("only fails the targeted action", async () => {
    emu.injectFault({ action: "CreateServiceMesh", code: "Throttling", status: 400 });
    await call("DescribeServiceMeshes");
    const e = await failure(call("CreateServiceMesh", { ...CREATE, Name: "thr" }));
    assert.equal(e.name, "ThrottlingError");
    assert.equal(e.retryAfter, 100, "an injected throttling names its wait, as real flow control does");
    assert.equal(emu.inventory().meshes.length, 0);
    emu.injectFault({ action: "CreateServiceMesh", code: "Throttling.User", status: 400, retryAfterMs: 1500 });
    assert.equal((await failure(call("CreateServiceMesh", { ...CREATE, Name: "thr" }))).retryAfter, 1500);
  });

  it("delays a response past the client's read timeout, while the operation still happens", async () => {
    emu.injectFault({ action: "CreateServiceMesh", delayMs: 600 });
    const impatient = asmClient(emu.endpoint, cred, { readTimeoutMs: 250 });
    const e = await failure(impatient("CreateServiceMesh", { ...CREATE, Name: "slow" }));
    assert.equal(e.statusCode, undefined);
    assert.match(`${e.name} ${e.message}`, /timeout/i);
    await sleep(500);
    assert.ok(emu.inventory().meshes.some((m) => m.name === "slow"));
  });

  it("drops the connection without a response, and serves the next call", async () => {
    emu.injectFault({ action: "DescribeServiceMeshes", dropConnection: true });
    const e = await failure(call("DescribeServiceMeshes"));
    assert.equal(e.code, "ECONNRESET");
    assert.equal(e.statusCode, undefined);
    const ok = await call("DescribeServiceMeshes");
    assert.ok(Array.isArray(ok.ServiceMeshes));
    const dropped = emu.requestLog().find((l) => l.code === "ConnectionDropped");
    assert.equal(dropped?.action, "DescribeServiceMeshes");
  });

  it("ends the next created mesh in state failed with an ErrorMessage; a failed mesh can still be deleted", async () => {
    emu.injectFault({ meshEndState: "failed" });
    const { ServiceMeshId } = await call("CreateServiceMesh", { ...CREATE, Name: "doomed" });
    await sleep(LATENCY.provisionMs + 20);
    const d = await call("DescribeServiceMeshDetail", { ServiceMeshId });
    assert.equal(d.ServiceMesh.ServiceMeshInfo.State, "failed");
    assert.notEqual(d.ServiceMesh.ServiceMeshInfo.ErrorMessage, "");
    const e = await failure(call("AddClusterIntoServiceMesh", { ServiceMeshId, ClusterId: "c-1" }));
    assert.equal(e.code, "InvalidOperation.MeshStatus");
    await call("DeleteServiceMesh", { ServiceMeshId });
    await sleep(LATENCY.deleteMs + 20);
    assert.equal((await failure(call("DescribeServiceMeshDetail", { ServiceMeshId }))).code, "ServiceMesh.NotFound");
  });

  it("ends the next async operation in create_timeout when so injected", async () => {
    const id = await createRunning("late");
    emu.injectFault({ meshEndState: "create_timeout" });
    await call("UpdateMeshFeature", { ServiceMeshId: id, Tracing: true });
    await sleep(LATENCY.updateMs + 20);
    const info = (await call("DescribeServiceMeshDetail", { ServiceMeshId: id })).ServiceMesh;
    assert.equal(info.ServiceMeshInfo.State, "create_timeout");
    assert.match(info.ServiceMeshInfo.ErrorMessage, /timed out/);
    assert.equal(info.Spec.MeshConfig.Tracing, false, "a failed update does not apply its changes");
    emu.mutate.deleteMesh(id);
  });

  it("fails an enrollment: the cluster is not added, shows failed with the error, and the mesh is running again", async () => {
    const id = await createRunning("enroll-fails");
    emu.injectFault({
      enrollFails: { code: "ErrorPermitted.CidrConflict", message: "pod CIDR overlaps the mesh VPC" },
    });
    await call("AddClusterIntoServiceMesh", { ServiceMeshId: id, ClusterId: "c-1" });
    await sleep(LATENCY.enrollMs + 20);
    const d = await call("DescribeServiceMeshDetail", { ServiceMeshId: id });
    assert.equal(d.ServiceMesh.ServiceMeshInfo.State, "running");
    assert.deepEqual(d.ServiceMesh.Clusters, []);
    const clusters = (await call("DescribeClustersInServiceMesh", {}, { query: { ServiceMeshId: id } })).Clusters;
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0].State, "failed");
    assert.match(clusters[0].ErrorMessage, /ErrorPermitted\.CidrConflict: pod CIDR overlaps/);

    await call("AddClusterIntoServiceMesh", { ServiceMeshId: id, ClusterId: "c-1" });
    await sleep(LATENCY.enrollMs + 20);
    const retried = (await call("DescribeClustersInServiceMesh", {}, { query: { ServiceMeshId: id } })).Clusters;
    assert.deepEqual(
      retried.map((c: Json) => [c.ClusterId, c.State]),
      [["c-1", "running"]],
    );
  });

  it("throttles an access key past its QPS with Throttling.User and x-acs-retry-after, other keys unaffected", async () => {
    emu.setQpsLimit(2);
    try {
      await call("DescribeServiceMeshes");
      await call("DescribeServiceMeshes");
      const e = await failure(call("DescribeServiceMeshes"));
      assert.equal(e.name, "ThrottlingError");
      assert.equal(e.code, "Throttling.User");
      assert.equal(e.statusCode, 400);
      assert.equal(e.message.includes("Request was denied due to user flow control."), true);
      assert.ok((e.retryAfter ?? 0) > 0);
      const viaSts = asmClient(emu.endpoint, sts);
      await viaSts("DescribeServiceMeshes");
      await sleep(600);
      await call("DescribeServiceMeshes");
    } finally {
      emu.setQpsLimit(undefined);
    }
    for (let i = 0; i < 5; i++) await call("DescribeServiceMeshes");
  });

  it("delays every response by responseMs", async () => {
    emu.setLatency({ responseMs: 150 });
    const t0 = Date.now();
    await call("DescribeServiceMeshes");
    emu.setLatency({ responseMs: 0 });
    assert.ok(Date.now() - t0 >= 140);
  });

  describe("admin HTTP interface", () => {
    it("injects and clears faults over HTTP", async () => {
      assert.equal(
        (
          await admin(emu.url, "POST", "faults", {
            action: "DescribeServiceMeshes",
            code: "InternalError",
            status: 500,
          })
        ).status,
        200,
      );
      assert.equal((await admin(emu.url, "GET", "faults")).body.length, 1);
      assert.equal((await failure(call("DescribeServiceMeshes"))).code, "InternalError");
      await admin(emu.url, "POST", "faults", [{ action: "DescribeServiceMeshes", code: "InternalError", status: 500 }]);
      await admin(emu.url, "DELETE", "faults");
      await call("DescribeServiceMeshes");
    });

    it("refuses a malformed fault with 400", async () => {
      const res = await admin(emu.url, "POST", "faults", { action: "X", status: 500 });
      assert.equal(res.status, 400);
      assert.match(res.body.error, /not a valid fault/);
    });

    it("serves the inventory and the request log, and clears the log", async () => {
      const inv = await admin(emu.url, "GET", "inventory");
      assert.ok(inv.body.meshes.some((m: Json) => m.name === "enroll-fails"));
      assert.deepEqual(
        inv.body.clusters.map((c: Json) => c.clusterId),
        ["c-1"],
      );
      const log = await admin(emu.url, "GET", "requests");
      assert.ok(log.body.length > 0);
      await admin(emu.url, "DELETE", "requests");
      assert.deepEqual((await admin(emu.url, "GET", "requests")).body, []);
    });

    it("mutates the cloud behind the client's back", async () => {
      const id = emu.inventory().meshes.find((m) => m.name === "enroll-fails")?.serviceMeshId ?? "";
      await admin(emu.url, "POST", "mutate/renameMesh", { id, name: "drifted" });
      await admin(emu.url, "POST", "mutate/setMeshState", { id, state: "upgrading" });
      const d = (await call("DescribeServiceMeshDetail", { ServiceMeshId: id })).ServiceMesh.ServiceMeshInfo;
      assert.deepEqual([d.Name, d.State], ["drifted", "upgrading"]);
      await admin(emu.url, "POST", "mutate/addCluster", { clusterId: "c-2", regionId: "cn-hangzhou" });
      assert.ok(emu.inventory().clusters.some((c) => c.clusterId === "c-2"));
      assert.equal((await admin(emu.url, "POST", "latency", { enrollMs: 10 })).status, 200);
      assert.equal((await admin(emu.url, "POST", "latency", { enrollMs: -1 })).status, 400);
      assert.equal((await admin(emu.url, "POST", "mutate/deleteMesh", { id: "c-none" })).status, 400);
      await admin(emu.url, "POST", "mutate/deleteMesh", { id });
      assert.equal(
        (await failure(call("DescribeServiceMeshDetail", { ServiceMeshId: id }))).code,
        "ServiceMesh.NotFound",
      );
    });
  });
});
