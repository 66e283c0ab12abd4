/**
 * Contract tests for the ACK side (the real `@alicloud/cs20151215` client against the emulator's ROA
 * routes), for persistence of the inventory across a restart (statePath), and for the `asm-emulator` CLI.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import CsClient, { DescribeClusterUserKubeconfigRequest, DescribeClustersV1Request } from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { asmClient, rand, failure } from "../support/asm-test-client";
import { startEmulator, type RunningEmulator, type SeedCluster } from "../../emulator";

function config(endpoint: string, cred: { accessKeyId: string; accessKeySecret: string }) {
  return new $OpenApiUtil.Config({ ...cred, endpoint, protocol: "HTTP", readTimeout: 5000, connectTimeout: 5000 });
}

const CLUSTERS: SeedCluster[] = [
  {
    clusterId: "c-hz-1",
    name: "prod",
    regionId: "cn-hangzhou",
    vpcId: "vpc-hz",
    vswitchIds: ["vsw-a", "vsw-b"],
    kubernetesVersion: "1.30.7-aliyun.1",
    kubeconfig:
      "apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n      server: https://127.0.0.1:6443\n",
  },
  { clusterId: "c-hz-2", name: "stage", regionId: "cn-hangzhou" },
  { clusterId: "c-sg-1", name: "intl", regionId: "ap-southeast-1", clusterType: "Kubernetes", state: "stopped" },
];

describe("ACK cluster reads through the real cs20151215 client", () => {
  const cred = { accessKeyId: `test-${rand(6)}`, accessKeySecret: rand(16) };
  let emu: RunningEmulator;
  let cs: CsClient;

  before(async () => {
    emu = await startEmulator({ ...cred, seed: { clusters: CLUSTERS } });
    cs = new CsClient(config(emu.endpoint, cred));
  });
  after(() => emu.stop());

  it("describes a cluster with the snake_case fields the SDK model maps", async () => {
    const res = await cs.describeClusterDetail("c-hz-1");
    assert.equal(res.statusCode, 200);
    const b = res.body;
    assert.ok(b);
    assert.equal(b.clusterId, "c-hz-1");
    assert.equal(b.name, "prod");
    assert.equal(b.regionId, "cn-hangzhou");
    assert.equal(b.currentVersion, "1.30.7-aliyun.1");
    assert.equal(b.vpcId, "vpc-hz");
    assert.deepEqual(b.vswitchIds, ["vsw-a", "vsw-b"]);
    assert.equal(b.state, "running");
    assert.equal(b.clusterType, "ManagedKubernetes");
    assert.equal(b.clusterDomain, "cluster.local");
    assert.equal(b.profile, "Default");
  });

  it("reports the API server endpoints in master_url as a JSON string", async () => {
    const bound = JSON.parse((await cs.describeClusterDetail("c-hz-1")).body?.masterUrl ?? "");
    assert.deepEqual(bound, {
      api_server_endpoint: "https://127.0.0.1:6443",
      intranet_api_server_endpoint: "https://127.0.0.1:6443",
    });
    const unbound = JSON.parse((await cs.describeClusterDetail("c-hz-2")).body?.masterUrl ?? "");
    assert.match(unbound.intranet_api_server_endpoint, /^https:\/\/c-hz-2\.private\./);
  });

  it("issues the bound kubeconfig with a short expiration when asked for one", async () => {
    const before = Date.now();
    const res = await cs.describeClusterUserKubeconfig(
      "c-hz-1",
      new DescribeClusterUserKubeconfigRequest({ temporaryDurationMinutes: 15, privateIpAddress: true }),
    );
    assert.match(res.body?.config ?? "", /server: https:\/\/127\.0\.0\.1:6443/);
    const expires = Date.parse(res.body?.expiration ?? "");
    assert.ok(expires >= before + 14 * 60_000 && expires <= Date.now() + 15 * 60_000, res.body?.expiration);
    const log = emu.requestLog().filter((r) => r.action === "DescribeClusterUserKubeconfig");
    assert.deepEqual(log.at(-1)?.params, { PrivateIpAddress: "true", TemporaryDurationMinutes: "15" });
  });

  it("issues a kubeconfig for the cluster's own (unresolvable) address when it is not bound", async () => {
    const res = await cs.describeClusterUserKubeconfig("c-hz-2", new DescribeClusterUserKubeconfigRequest({}));
    assert.match(res.body?.config ?? "", /server: "https:\/\/c-hz-2\.public\.cs-emulator\.invalid:6443"/);
  });

  it("refuses a kubeconfig for an unknown cluster with ErrorClusterNotFound, and a duration out of range", async () => {
    const missing = await failure(
      cs.describeClusterUserKubeconfig("c-missing", new DescribeClusterUserKubeconfigRequest({})),
    );
    assert.deepEqual([missing.code, missing.statusCode], ["ErrorClusterNotFound", 404]);
    const tooShort = await failure(
      cs.describeClusterUserKubeconfig(
        "c-hz-1",
        new DescribeClusterUserKubeconfigRequest({ temporaryDurationMinutes: 5 }),
      ),
    );
    assert.equal(tooShort.statusCode, 400);
  });

  it("answers ErrorClusterNotFound 404 for an unknown cluster", async () => {
    const e = await failure(cs.describeClusterDetail("c-missing"));
    assert.equal(e.code, "ErrorClusterNotFound");
    assert.equal(e.statusCode, 404);
  });

  it("lists clusters with filters and page_info", async () => {
    const all = await cs.describeClustersV1(new DescribeClustersV1Request({}));
    assert.equal(all.body?.pageInfo?.totalCount, 3);
    const hz = await cs.describeClustersV1(
      new DescribeClustersV1Request({ regionId: "cn-hangzhou", pageSize: 1, pageNumber: 2 }),
    );
    assert.deepEqual(
      hz.body?.clusters?.map((c) => c.clusterId),
      ["c-hz-2"],
    );
    assert.deepEqual(
      [hz.body?.pageInfo?.pageNumber, hz.body?.pageInfo?.pageSize, hz.body?.pageInfo?.totalCount],
      [2, 1, 2],
    );
    const byName = await cs.describeClustersV1(new DescribeClustersV1Request({ name: "intl" }));
    assert.equal(byName.body?.clusters?.[0]?.state, "stopped");
  });

  it("verifies ROA signatures too", async () => {
    const wrong = new CsClient(config(emu.endpoint, { ...cred, accessKeySecret: rand(16) }));
    const e = await failure(wrong.describeClusterDetail("c-hz-1"));
    assert.equal(e.code, "SignatureDoesNotMatch");
  });

  it("sees clusters added behind the client's back", async () => {
    emu.mutate.addCluster({ clusterId: "c-new", regionId: "cn-shanghai" });
    const res = await cs.describeClusterDetail("c-new");
    assert.equal(res.body?.currentVersion, "1.32.1-aliyun.1");
    assert.equal(emu.requestLog().at(-1)?.action, "DescribeClusterDetail");
  });
});

describe("persistence across a restart", () => {
  const cred = { accessKeyId: `test-${rand(6)}`, accessKeySecret: rand(16) };
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "asm-emulator-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps meshes, memberships and an in-flight operation, which completes after the restart", async () => {
    const statePath = join(dir, "state.json");
    const latency = { provisionMs: 50, enrollMs: 300 };
    let now = Date.parse("2026-02-01T00:00:00Z");
    const clock = () => now;
    const first = await startEmulator({ ...cred, statePath, latency, clock, seed: { clusters: CLUSTERS } });
    const call = asmClient(first.endpoint, cred);
    const { ServiceMeshId } = await call("CreateServiceMesh", {
      RegionId: "cn-hangzhou",
      VpcId: "vpc-hz",
      VSwitches: '["vsw-a"]',
      Name: "durable",
    });
    now += 50;
    await call("AddClusterIntoServiceMesh", { ServiceMeshId, ClusterId: "c-hz-1" });
    await first.stop();
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    assert.equal(saved.meshes[0].pending.kind, "enroll");

    const second = await startEmulator({ ...cred, statePath, latency, clock, seed: { clusters: [] } });
    try {
      const again = asmClient(second.endpoint, cred);
      const during = (await again("DescribeServiceMeshDetail", { ServiceMeshId })).ServiceMesh;
      assert.equal(during.ServiceMeshInfo.State, "updating");
      now += 300;
      const d = (await again("DescribeServiceMeshDetail", { ServiceMeshId })).ServiceMesh;
      assert.equal(d.ServiceMeshInfo.Name, "durable");
      assert.equal(d.ServiceMeshInfo.State, "running");
      assert.deepEqual(d.Clusters, ["c-hz-1"]);
      assert.equal(second.inventory().clusters.length, 3, "the state file wins over the seed");
      assert.equal(
        JSON.parse(readFileSync(statePath, "utf8")).meshes[0].state,
        "running",
        "the completed transition is persisted",
      );
    } finally {
      await second.stop();
    }
  });

  it("computes transitions from the injected clock", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const emu = await startEmulator({ ...cred, clock: () => now, latency: { provisionMs: 60_000 } });
    try {
      const call = asmClient(emu.endpoint, cred);
      const { ServiceMeshId } = await call("CreateServiceMesh", {
        RegionId: "cn-hangzhou",
        VpcId: "v",
        VSwitches: '["v"]',
        Name: "clocked",
      });
      now += 59_999;
      assert.equal(
        (await call("DescribeServiceMeshDetail", { ServiceMeshId })).ServiceMesh.ServiceMeshInfo.State,
        "initial",
      );
      now += 1;
      const info = (await call("DescribeServiceMeshDetail", { ServiceMeshId })).ServiceMesh.ServiceMeshInfo;
      assert.equal(info.State, "running");
      assert.equal(info.CreationTime, "2026-01-01T00:00:00Z");
      assert.equal(info.UpdateTime, "2026-01-01T00:01:00Z");
    } finally {
      await emu.stop();
    }
  });
});

describe("the asm-emulator CLI", () => {
  it("reads the key from the environment, announces its URL first, serves, and exits 0 on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "asm-emulator-cli-"));
    const seedPath = join(dir, "seed.json");
    writeFileSync(seedPath, JSON.stringify({ clusters: [{ clusterId: "c-cli", regionId: "cn-beijing" }] }));
    const cred = { accessKeyId: `test-${rand(6)}`, accessKeySecret: rand(16) };
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(__dirname, "../../emulator/cli.ts"),
        "--port",
        "0",
        "--seed",
        seedPath,
        "--provision-ms",
        "20",
        "--qps",
        "100",
      ],
      {
        env: {
          ...process.env,
          ASM_EMULATOR_ACCESS_KEY_ID: cred.accessKeyId,
          ASM_EMULATOR_ACCESS_KEY_SECRET: cred.accessKeySecret,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const m = /^asm-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(firstLine);
      assert.ok(m, firstLine);
      const cs = new CsClient(config(`127.0.0.1:${m[2]}`, cred));
      assert.equal((await cs.describeClusterDetail("c-cli")).body?.regionId, "cn-beijing");
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start without an access key", async () => {
    const env = { ...process.env };
    delete env["ASM_EMULATOR_ACCESS_KEY_ID"];
    delete env["ASM_EMULATOR_ACCESS_KEY_SECRET"];
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "../../emulator/cli.ts")], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    assert.equal(code, 2);
    assert.match(stderr, /access key is required/);
  });
});
