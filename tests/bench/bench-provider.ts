/**
 * Figures measured through the provider itself (its real clients, the emulator, a real kube-apiserver),
 * with the provider's expectations left at the documented defaults, as against a real cloud:
 * each operation at the configured latencies beside Terraform's schedule, the first create in a fresh
 * cluster, and a large fleet in one process. (Other latencies, each in a fresh process: bench-sweep.ts.)
 */
import type { Latencies } from "../../emulator";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { asmClient } from "../support/asm-test-client";
import type { BenchConfig } from "./bench-config";
import { callsSince, report, reportOperation, seconds } from "./bench-report";
import { terraformCreate, terraformDelete, terraformUpdate } from "./terraform-schedule";

const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-b", vswitchIds: ["vsw-b"] });
/** Overhead target for steady operations: max(1 s, 3 %). */
const steadyTarget = (cloudMs: number) => Math.max(1_000, Math.round(cloudMs * 0.03));

async function harness(
  kube: KubeCluster,
  latency: Latencies,
  clusterIds: string[],
  qps?: number,
): Promise<MeshHarness> {
  const h = await startMeshHarness({
    seed: { clusters: clusterIds.map(cluster) },
    latency,
    kube,
    tellLatencies: false,
  });
  if (qps) h.emulator.setQpsLimit(qps);
  return h;
}

async function timed<T>(h: MeshHarness, run: () => Promise<T>) {
  h.emulator.clearRequestLog();
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started, calls: callsSince(h.emulator) };
}

/** Create, update and delete at the configured latencies; returns the cold create's wall time. */
export async function operationFigures(config: BenchConfig): Promise<number> {
  const l = config.latency;
  const create = l.provisionMs + l.enrollMs;
  report(
    `latencies: provision ${seconds(l.provisionMs)}, enroll ${seconds(l.enrollMs)}, update ${seconds(l.updateMs)}, remove ${seconds(l.removeMs)}, delete ${seconds(l.deleteMs)}; the provider expects the documented defaults`,
  );
  const fresh = await startKubeCluster();
  let coldMs = 0;
  try {
    // The cluster has no CRD yet: the first create installs it, overlapped with the cloud's work.
    const first = await harness(fresh, l, ["cfirst"]);
    try {
      const r = await timed(first, () => first.create({ clusterId: "cfirst", customResourceName: "first" }));
      report(`first create in a fresh cluster (installs the CRD): ${seconds(r.ms)} wall, ${r.calls.total} calls`);
    } finally {
      await first.stop();
    }
    // A new emulator, so the provider's expectations are cold again; the cluster has the CRD now.
    const h = await harness(fresh, l, ["cbench", "cwarm"]);
    try {
      const c = await timed(h, () => h.create({ clusterId: "cbench", deletionPolicy: "Delete" }));
      coldMs = c.ms;
      reportOperation("create", c.ms, create, c.calls, terraformCreate(l.provisionMs, l.enrollMs), {
        overheadMs: steadyTarget(create),
        calls: 15,
      });
      const args = { clusterId: "cbench", deletionPolicy: "Delete", clusterSpec: "Enterprise" };
      const u = await timed(h, () => h.update(c.value, args));
      reportOperation("update (edition upgrade)", u.ms, l.updateMs, u.calls, terraformUpdate(l.updateMs), {
        overheadMs: steadyTarget(l.updateMs),
        calls: 8,
      });
      const d = await timed(h, () => h.delete(u.value));
      const teardown = l.removeMs + l.deleteMs;
      reportOperation("delete (policy Delete)", d.ms, teardown, d.calls, terraformDelete(l.removeMs, l.deleteMs), {
        overheadMs: steadyTarget(teardown),
        calls: 12,
      });
      // The same process again: it has learned what provisioning and enrollment take.
      const w = await timed(h, () => h.create({ clusterId: "cwarm", customResourceName: "warm" }));
      reportOperation("create, once learned", w.ms, create, w.calls, terraformCreate(l.provisionMs, l.enrollMs), {
        overheadMs: steadyTarget(create),
        calls: 15,
      });
    } finally {
      await h.stop();
    }
  } finally {
    await fresh.stop();
  }
  return coldMs;
}

/** N meshes created at once through the provider in this process, against a throttled emulator. */
export async function harnessFleetFigures(config: BenchConfig, singleCreateMs: number): Promise<void> {
  const n = config.harness;
  const ids = Array.from({ length: n }, (_, i) => `charness${String(i).padStart(4, "0")}`);
  const kube = await startKubeCluster();
  const h = await harness(kube, config.latency, ids, config.qps);
  try {
    const cpu = process.cpuUsage();
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
    const r = await timed(h, () =>
      Promise.allSettled(
        ids.map((clusterId) =>
          h.create({ clusterId, clusterSpec: "Enterprise", customResourceName: `m-${clusterId}` }),
        ),
      ),
    );
    clearInterval(sampler);
    const used = process.cpuUsage(cpu);
    const failures = r.value.filter((x) => x.status === "rejected").length;
    report(
      `fleet of ${n} meshes through the provider in one process at ${config.qps} QPS: ${seconds(r.ms)} wall (${(r.ms / singleCreateMs).toFixed(2)}x a single create), ${r.calls.total} calls (${(r.calls.total / n).toFixed(1)} per mesh), ${r.calls.throttled} throttled (${((r.calls.throttled / r.calls.total) * 100).toFixed(1)} %), ${failures} failures; this process: ${seconds((used.user + used.system) / 1000)} CPU, ${(peakRss / 2 ** 20).toFixed(0)} MiB peak RSS (emulator and provider together): ${r.calls.detail}`,
    );
    await emulatorCost(h, n);
  } finally {
    await h.stop();
    await kube.stop();
  }
}

/** What one request costs the emulator holding the fleet. */
async function emulatorCost(h: MeshHarness, meshes: number): Promise<void> {
  h.emulator.setQpsLimit(undefined);
  const call = asmClient(h.emulator.endpoint, { accessKeyId: h.accessKeyId, accessKeySecret: h.accessKeySecret });
  const id = h.emulator.inventory().meshes[0]?.serviceMeshId ?? "";
  const mean = async (run: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) await run();
    return Number(process.hrtime.bigint() - started) / 20 / 1e6;
  };
  const list = await mean(() => call("DescribeServiceMeshes", {}, { method: "GET" }));
  const detail = await mean(() => call("DescribeServiceMeshDetail", { ServiceMeshId: id }));
  report(
    `emulator holding ${meshes} meshes: DescribeServiceMeshes ${list.toFixed(1)} ms, DescribeServiceMeshDetail ${detail.toFixed(1)} ms per request (client and server in this process, mean of 20)`,
  );
}
