/**
 * Contract tests for the emulator's refusals: authentication (ACS3 signature, unknown keys, STS tokens),
 * routing (action, version), parameter validation and the ASM business rules, each observed through the
 * real `@alicloud/openapi-core` client (or a raw HTTP request where the client cannot produce the fault).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { request } from "node:http";
import { connect } from "node:net";
import { asmClient, rand, rejects } from "../support/asm-test-client";
import { signRequest, startEmulator, type RunningEmulator } from "../../emulator";

type Json = any;
function raw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body = "",
): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Headers as openapi-core sends them, signed with the emulator's helper (the same scheme). */
function signedHeaders(
  host: string,
  action: string,
  body: string,
  keyId: string,
  secret: string,
  path = "/",
  query = "",
): Record<string, string> {
  const headers: Record<string, string> = {
    host,
    "x-acs-action": action,
    "x-acs-version": "2020-01-11",
    "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": rand(32),
    "x-acs-content-sha256": createHash("sha256").update(body).digest("hex"),
    "content-type": "application/x-www-form-urlencoded",
  };
  headers["authorization"] = signRequest(
    { method: "POST", rawPath: path, rawQuery: query, headers, body: Buffer.from(body) },
    keyId,
    secret,
  );
  return headers;
}

describe("emulator refusals seen by the real client", () => {
  const keyId = `test-${rand(6)}`;
  const secret = rand(16);
  const sts = { accessKeyId: `STS.${rand(8)}`, accessKeySecret: rand(16), securityToken: rand(40) };
  const expired = {
    accessKeyId: `STS.${rand(8)}`,
    accessKeySecret: rand(16),
    securityToken: rand(40),
    expiresAt: Date.now() - 1000,
  };
  let emu: RunningEmulator;
  let call: ReturnType<typeof asmClient>;
  let runningMesh = "";

  before(async () => {
    emu = await startEmulator({
      accessKeyId: keyId,
      accessKeySecret: secret,
      stsTokens: [sts, expired],
      latency: { provisionMs: 5000, enrollMs: 60, removeMs: 60, updateMs: 60, deleteMs: 60 },
      seed: {
        clusters: [
          { clusterId: "c-free", regionId: "cn-beijing" },
          { clusterId: "c-taken", regionId: "cn-beijing" },
          { clusterId: "c-stopped", regionId: "cn-beijing", state: "stopped" },
        ],
        meshes: [{ name: "taken-mesh", regionId: "cn-beijing", clusters: ["c-taken"] }],
      },
    });
    call = asmClient(emu.endpoint, { accessKeyId: keyId, accessKeySecret: secret });
    runningMesh = emu.inventory().meshes[0]?.serviceMeshId ?? "";
  });
  after(() => emu.stop());

  describe("authentication", () => {
    it("refuses a request signed with the wrong secret with SignatureDoesNotMatch", async () => {
      const wrong = asmClient(emu.endpoint, { accessKeyId: keyId, accessKeySecret: rand(16) });
      await rejects(wrong("DescribeServiceMeshes"), "SignatureDoesNotMatch", 400);
    });

    it("refuses an unknown access key id with InvalidAccessKeyId.NotFound", async () => {
      const stranger = asmClient(emu.endpoint, { accessKeyId: `test-${rand(6)}`, accessKeySecret: secret });
      await rejects(stranger("DescribeServiceMeshes"), "InvalidAccessKeyId.NotFound", 404);
    });

    it("accepts an STS credential with its security token", async () => {
      const viaSts = asmClient(emu.endpoint, sts);
      const body = await viaSts("DescribeServiceMeshes");
      assert.equal(body.ServiceMeshes.length, 1);
    });

    it("refuses an STS key id with a different token with InvalidSecurityToken.Mismatch", async () => {
      const bad = asmClient(emu.endpoint, { ...sts, securityToken: rand(40) });
      await rejects(bad("DescribeServiceMeshes"), "InvalidSecurityToken.Mismatch", 400);
    });

    it("refuses an STS key id without a token with MissingSecurityToken", async () => {
      const bad = asmClient(emu.endpoint, { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret });
      await rejects(bad("DescribeServiceMeshes"), "MissingSecurityToken", 400);
    });

    it("refuses an expired STS token with InvalidSecurityToken.Expired", async () => {
      const old = asmClient(emu.endpoint, expired);
      await rejects(old("DescribeServiceMeshes"), "InvalidSecurityToken.Expired", 400);
    });

    it("refuses a body that does not match x-acs-content-sha256", async () => {
      const headers = signedHeaders(
        emu.endpoint,
        "DescribeServiceMeshDetail",
        `ServiceMeshId=${runningMesh}`,
        keyId,
        secret,
      );
      const res = await raw(emu.url, "POST", headers, `ServiceMeshId=${runningMesh}x`);
      assert.equal(res.status, 400);
      assert.equal(res.body.Code, "SignatureDoesNotMatch");
      assert.match(res.body.Message, /x-acs-content-sha256/);
    });

    it("accepts a correctly signed hand-built request", async () => {
      const body = `ServiceMeshId=${runningMesh}`;
      const res = await raw(
        emu.url,
        "POST",
        signedHeaders(emu.endpoint, "DescribeServiceMeshDetail", body, keyId, secret),
        body,
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.ServiceMesh.ServiceMeshInfo.Name, "taken-mesh");
    });

    it("refuses a request without Authorization with IncompleteSignature", async () => {
      const res = await raw(emu.url, "POST", {
        "x-acs-action": "DescribeServiceMeshes",
        "x-acs-version": "2020-01-11",
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.Code, "IncompleteSignature");
      assert.equal(typeof res.body.RequestId, "string");
    });

    it("refuses a signed request missing a required x-acs header with IncompleteSignature", async () => {
      const headers = signedHeaders(emu.endpoint, "DescribeServiceMeshes", "", keyId, secret);
      delete headers["x-acs-signature-nonce"];
      const res = await raw(emu.url, "POST", headers);
      assert.equal(res.body.Code, "IncompleteSignature");
      assert.match(res.body.Message, /x-acs-signature-nonce/);
    });
  });

  describe("routing and parameters", () => {
    it("refuses an unknown action with InvalidAction.NotFound", async () => {
      await rejects(call("DescribeEverything"), "InvalidAction.NotFound", 404);
    });

    it("refuses an unknown version with InvalidVersion", async () => {
      const old = asmClient(emu.endpoint, { accessKeyId: keyId, accessKeySecret: secret }, { version: "2019-01-01" });
      await rejects(old("DescribeServiceMeshes"), "InvalidVersion", 400);
    });

    it("names a missing required parameter in the code", async () => {
      await rejects(call("DescribeServiceMeshDetail"), "MissingServiceMeshId", 400);
      const e = await rejects(
        call("CreateServiceMesh", { RegionId: "cn-beijing", VSwitches: '["vsw-1"]' }),
        "MissingVpcId",
        400,
      );
      assert.match(e.message, /VpcId is mandatory/);
      await rejects(call("CreateServiceMesh", { RegionId: "cn-beijing", VpcId: "vpc-1" }), "MissingVSwitches", 400);
    });

    it("refuses VSwitches that are not a JSON array with InvalidParameter", async () => {
      const e = await rejects(
        call("CreateServiceMesh", { RegionId: "cn-beijing", VpcId: "vpc-1", VSwitches: "vsw-1" }),
        "InvalidParameter",
        400,
      );
      assert.match(e.message, /VSwitches/);
    });

    it("refuses a boolean parameter that is not true or false", async () => {
      await rejects(
        call("CreateServiceMesh", { RegionId: "cn-beijing", VpcId: "vpc-1", VSwitches: '["v"]', Tracing: "yes" }),
        "InvalidParameter",
        400,
      );
    });

    it("refuses a malformed form body with InvalidParameter", async () => {
      const body = "ServiceMeshId=%E0%A4%A";
      const res = await raw(
        emu.url,
        "POST",
        signedHeaders(emu.endpoint, "DescribeServiceMeshDetail", body, keyId, secret),
        body,
      );
      assert.equal(res.status, 400);
      assert.equal(res.body.Code, "InvalidParameter");
    });

    it("keeps serving after garbage on the socket", async () => {
      await new Promise<void>((resolve) => {
        const s = connect(emu.port, "127.0.0.1", () => s.end("\x00\x01 not http at all\r\n\r\n"));
        s.resume();
        s.on("close", () => resolve());
        s.on("error", () => resolve());
      });
      const body = await call("DescribeServiceMeshes");
      assert.ok(Array.isArray(body.ServiceMeshes));
    });
  });

  describe("CreateServiceMesh rules", () => {
    const base = { RegionId: "cn-beijing", VpcId: "vpc-1", VSwitches: '["vsw-1"]' };

    it("refuses names that break the naming rule with InvalidParameter.Name", async () => {
      for (const Name of ["-lead", "has space", "x".repeat(64), "1abc"]) {
        await rejects(call("CreateServiceMesh", { ...base, Name }), "InvalidParameter.Name", 400);
      }
    });

    it("accepts Chinese characters, digits, hyphens and underscores in a name", async () => {
      const body = await call("CreateServiceMesh", { ...base, Name: "网格_mesh-1" });
      assert.match(body.ServiceMeshId, /^c[0-9a-f]{32}$/);
    });

    it("refuses a duplicate name in the same region with NameAlreadyExist, but not in another region", async () => {
      await rejects(call("CreateServiceMesh", { ...base, Name: "taken-mesh" }), "NameAlreadyExist", 400);
      const other = await call("CreateServiceMesh", { ...base, RegionId: "cn-shanghai", Name: "taken-mesh" });
      assert.ok(other.ServiceMeshId);
    });

    it("refuses a Standard mesh outside the Chinese mainland, Hong Kong included", async () => {
      for (const RegionId of ["ap-southeast-1", "cn-hongkong"]) {
        const e = await rejects(
          call("CreateServiceMesh", { ...base, RegionId, ClusterSpec: "standard" }),
          "InvalidParameter.ClusterSpec",
          400,
        );
        assert.match(e.message, /Standard Edition is available only in regions in the Chinese mainland/);
      }
      await rejects(
        call("CreateServiceMesh", { ...base, RegionId: "ap-southeast-1" }),
        "InvalidParameter.ClusterSpec",
        400,
      );
      const ok = await call("CreateServiceMesh", { ...base, RegionId: "ap-southeast-1", ClusterSpec: "enterprise" });
      assert.ok(ok.ServiceMeshId);
    });

    it("refuses an unknown ClusterSpec", async () => {
      await rejects(
        call("CreateServiceMesh", { ...base, ClusterSpec: "premium" }),
        "InvalidParameter.ClusterSpec",
        400,
      );
    });

    it("refuses every ASM call with Forbidden.ServiceNotActivated while ASM is not activated", async () => {
      emu.mutate.setAsmActivated(false);
      try {
        await rejects(call("CreateServiceMesh", base), "Forbidden.ServiceNotActivated", 403);
        await rejects(call("DescribeServiceMeshes"), "Forbidden.ServiceNotActivated", 403);
      } finally {
        emu.mutate.setAsmActivated(true);
      }
    });
  });

  describe("cluster and mesh state rules", () => {
    it("refuses to enroll into a mesh that is still initial with InvalidOperation.MeshStatus", async () => {
      const { ServiceMeshId } = await call("CreateServiceMesh", {
        RegionId: "cn-beijing",
        VpcId: "v",
        VSwitches: '["v"]',
        Name: "young",
      });
      const e = await rejects(
        call("AddClusterIntoServiceMesh", { ServiceMeshId, ClusterId: "c-free" }),
        "InvalidOperation.MeshStatus",
        400,
      );
      assert.match(e.message, /initial/);
    });

    it("refuses an unknown cluster with ErrorClusterNotFound", async () => {
      await rejects(
        call("AddClusterIntoServiceMesh", { ServiceMeshId: runningMesh, ClusterId: "c-nope" }),
        "ErrorClusterNotFound",
        404,
      );
    });

    it("refuses a cluster already in a mesh with ErrorPermitted.ClusterAlreadyInMesh", async () => {
      const e = await rejects(
        call("AddClusterIntoServiceMesh", { ServiceMeshId: runningMesh, ClusterId: "c-taken" }),
        "ErrorPermitted.ClusterAlreadyInMesh",
        400,
      );
      assert.match(e.message, new RegExp(runningMesh));
    });

    it("refuses a cluster that is not running with ErrorPermitted.ClusterNotRunning", async () => {
      await rejects(
        call("AddClusterIntoServiceMesh", { ServiceMeshId: runningMesh, ClusterId: "c-stopped" }),
        "ErrorPermitted.ClusterNotRunning",
        400,
      );
    });

    it("answers ServiceMesh.NotFound for an unknown mesh on every mesh operation", async () => {
      const id = `c${rand(16)}`;
      for (const [action, body] of [
        ["DescribeServiceMeshDetail", {}],
        ["DeleteServiceMesh", {}],
        ["ModifyServiceMeshName", { Name: "x" }],
        ["UpdateMeshFeature", {}],
        ["AddClusterIntoServiceMesh", { ClusterId: "c-free" }],
        ["RemoveClusterFromServiceMesh", { ClusterId: "c-free" }],
        ["DescribeServiceMeshProxyStatus", {}],
        ["DescribeGuestClusterNamespaces", { GuestClusterID: "c-free" }],
      ] as const) {
        await rejects(call(action, { ServiceMeshId: id, ...body }), "ServiceMesh.NotFound", 404);
      }
      await rejects(
        call("DescribeClustersInServiceMesh", {}, { query: { ServiceMeshId: id } }),
        "ServiceMesh.NotFound",
        404,
      );
    });

    it("refuses namespace listing for a cluster outside the mesh", async () => {
      await rejects(
        call("DescribeGuestClusterNamespaces", { ServiceMeshId: runningMesh, GuestClusterID: "c-free" }),
        "ErrorClusterNotInServiceMesh",
        404,
      );
    });

    it("refuses invalid mesh-config values in UpdateMeshFeature", async () => {
      await rejects(
        call("UpdateMeshFeature", { ServiceMeshId: runningMesh, OutboundTrafficPolicy: "DENY" }),
        "InvalidParameter",
        400,
      );
      await rejects(
        call("UpdateMeshFeature", { ServiceMeshId: runningMesh, TraceSampling: 101 }),
        "InvalidParameter",
        400,
      );
      await rejects(
        call("UpdateMeshFeature", { ServiceMeshId: runningMesh, ProxyLimitMemory: "lots" }),
        "InvalidParameter",
        400,
      );
      await rejects(
        call("UpdateMeshFeature", { ServiceMeshId: runningMesh, ClusterSpec: "gold" }),
        "InvalidParameter.ClusterSpec",
        400,
      );
    });

    it("logs refused requests too, with the key id but never the signature", () => {
      const refused = emu.requestLog().filter((e) => e.code === "SignatureDoesNotMatch");
      assert.ok(refused.length >= 2);
      assert.ok(refused.every((e) => e.status === 400 && e.accessKeyId === keyId));
      const text = JSON.stringify(emu.requestLog());
      assert.ok(!text.includes(secret));
      assert.ok(!text.includes(sts.securityToken));
      assert.ok(!text.includes("Signature="));
    });
  });
});
