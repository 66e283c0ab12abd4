/**
 * What a user of a one-mesh stack sees: at every latency point, the first stack on a machine for an
 * account and region (create, update, destroy, each in a fresh provider process as each `pulumi up` is;
 * the provider not told the cloud's latencies, as for a real account), then a second stack, whose
 * processes start from what the first one's learned (the account's durations file), with Terraform's
 * schedule beside each. The points:
 * the named ones and points in between, spread by a fixed low-discrepancy sequence over 0.3×–3× the
 * documented durations, enrollment and update at their own factor of it (a region is slow or fast for
 * all its operations, by somewhat different amounts).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Latencies, type RunningEmulator } from "../../emulator";
import { DEFAULT_EXPECTED_MS } from "../../provider/cloud/expected-durations";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { untoldProviderEnv } from "../support/mesh-stack";
import type { BenchConfig, SweepPoint } from "./bench-config";
import { report, seconds } from "./bench-report";
import type { Operation, OperationSpan } from "./fresh-process";
import { terraformCreate, terraformDelete, terraformUpdate, type TerraformEstimate } from "./terraform-schedule";

/** The documented durations the factors scale (what the provider expects when told nothing). */
const DOCUMENTED = DEFAULT_EXPECTED_MS;

/** The sweep: the named points, then `between` more, log-spread over 0.3×–3× (golden-ratio steps). */
export function sweepPoints(named: SweepPoint[], between: number): SweepPoint[] {
  const points = [...named];
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 1; i <= between; i++) {
    const f = 0.3 * 10 ** ((i * phi) % 1); // provisioning factor, log-uniform in [0.3, 3]
    const g = 0.6 + 0.4 * ((i * phi * phi * 3) % 1); // enrollment, 0.6–1.0 of that factor
    const h = 0.6 + 0.6 * ((i * phi * 7) % 1); // update, 0.6–1.2 of it
    points.push({
      provisionMs: Math.round(DOCUMENTED.provision * f),
      enrollMs: Math.round(DOCUMENTED.enroll * f * g),
      updateMs: Math.round(DOCUMENTED.update * f * h),
    });
  }
  return points;
}

interface Measured {
  op: Operation;
  wallMs: number;
  calls: number;
}

/** One operation in a fresh provider process; what it took and what it cost. */
async function freshProcess(
  emulator: RunningEmulator,
  env: Record<string, string>,
  op: Operation,
  clusterId: string,
): Promise<Measured> {
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "fresh-process.ts")], {
    env: { ...process.env, ...env, BENCH_OP: op, BENCH_CLUSTER: clusterId },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const line = out.split("\n").find((l) => l.startsWith("BENCH "));
  if (code !== 0 || !line) throw new Error(`the ${op} process for ${clusterId} exited ${code}: ${err.slice(-2000)}`);
  const span = JSON.parse(line.slice(6)) as OperationSpan;
  const calls = emulator.requestLog().filter((e) => {
    const t = Date.parse(e.time);
    return t >= span.startedAt && t <= span.endedAt;
  }).length;
  return { op, wallMs: span.endedAt - span.startedAt, calls };
}

/** A one-mesh stack's life on this machine: create, update, destroy, each its own provider process. */
async function stackLife(emulator: RunningEmulator, env: Record<string, string>, clusterId: string, dir: string) {
  const withState = { ...env, BENCH_STATE: join(dir, `${clusterId}.json`) };
  const measured: Measured[] = [];
  for (const op of ["create", "update", "delete"] as const)
    measured.push(await freshProcess(emulator, withState, op, clusterId));
  return measured;
}

export interface SweepRow {
  point: SweepPoint;
  /** The point's latencies: its own, and removal and deletion at its provisioning factor. */
  latency: Latencies;
  factor: number;
  fresh: Measured[];
  learned: Measured[];
}

async function measurePoint(point: SweepPoint, kube: KubeCluster, config: BenchConfig, i: number): Promise<SweepRow> {
  const factor = point.provisionMs / DOCUMENTED.provision;
  const latency: Latencies = {
    ...config.latency,
    ...point,
    removeMs: Math.round(DOCUMENTED.remove * factor),
    deleteMs: Math.round(DOCUMENTED.delete * factor),
  };
  const keyId = `SWEEP${randomBytes(6).toString("hex")}`;
  const secret = randomBytes(16).toString("hex");
  const clusters = [`csweep${i}a`, `csweep${i}b`];
  const emulator = await startEmulator({
    accessKeyId: keyId,
    accessKeySecret: secret,
    seed: {
      clusters: clusters.map((clusterId) => ({
        clusterId,
        regionId: "cn-hangzhou",
        vpcId: "vpc-s",
        vswitchIds: ["vsw-s"],
      })),
    },
    latency,
  });
  const cache = await mkdtemp(join(tmpdir(), "sweep-cache-"));
  try {
    for (const c of clusters) emulator.mutate.bindKubeconfig(c, kube.kubeconfig);
    const shared = {
      ...untoldProviderEnv(emulator, keyId, secret),
      SERVICEMESH_CACHE_DIR: join(cache, "cache"),
      BENCH_KUBECONFIG: kube.kubeconfig,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    };
    // The first stack on this machine for the account and region, then a second one, which starts
    // from what the first one's processes learned.
    const fresh = await stackLife(emulator, shared, clusters[0] ?? "", cache);
    const learned = await stackLife(emulator, shared, clusters[1] ?? "", cache);
    return { point: { ...point }, latency, factor, fresh, learned };
  } finally {
    await emulator.stop();
    await rm(cache, { recursive: true, force: true });
  }
}

/** Runs `tasks` at most `limit` at a time, keeping their order. */
async function limited<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await (tasks[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The cloud's own time for each operation at a point, and Terraform's schedule for it. */
function cloudOf(row: SweepRow, op: Operation): { cloudMs: number; terraform: TerraformEstimate } {
  const p = row.point;
  const { removeMs, deleteMs } = row.latency;
  if (op === "create")
    return { cloudMs: p.provisionMs + p.enrollMs, terraform: terraformCreate(p.provisionMs, p.enrollMs) };
  if (op === "update") return { cloudMs: p.updateMs, terraform: terraformUpdate(p.updateMs) };
  return { cloudMs: removeMs + deleteMs, terraform: terraformDelete(removeMs, deleteMs) };
}

/** The bound on a create's overhead once the account's pace is learned: max(2 s, 3 %). */
const learnedTarget = (cloudMs: number) => Math.max(2_000, 0.03 * cloudMs);
const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;

export async function sweepFigures(config: BenchConfig): Promise<void> {
  const points = sweepPoints(config.sweep.named, config.sweep.between);
  report(
    `sweep: ${points.length} points (${config.sweep.named.length} named, ${config.sweep.between} between): the first stack's create, update and destroy, each in a fresh provider process, then a second stack's on the same account; ${config.sweep.parallel} points at a time`,
  );
  const kube = await startKubeCluster();
  let rows: SweepRow[];
  try {
    // Points start 5 s apart: provider processes starting at the same moment on 2 cores would time
    // each other's module loading, not the provider.
    rows = await limited(
      config.sweep.parallel,
      points.map((p, i) => async () => {
        await new Promise((r) => setTimeout(r, Math.min(i, config.sweep.parallel) * 5_000));
        return measurePoint(p, kube, config, i);
      }),
    );
  } finally {
    await kube.stop();
  }
  const worst = {
    overhead: { share: -Infinity, line: "" },
    calls: { n: 0, line: "" },
    learned: { share: -Infinity, line: "" },
  };
  const ahead = { create: 0, update: 0, delete: 0 };
  for (const row of rows) {
    const p = row.point;
    const name = `${seconds(p.provisionMs)} / ${seconds(p.enrollMs)} / ${seconds(p.updateMs)} (${row.factor.toFixed(2)}x)`;
    report(`point ${name}:`);
    for (const [label, runs] of [
      ["first stack", row.fresh],
      ["once learned", row.learned],
    ] as const) {
      const parts = runs.map((m) => {
        const { cloudMs, terraform } = cloudOf(row, m.op);
        const overhead = m.wallMs - cloudMs;
        if (label === "first stack") {
          if (overhead < terraform.overheadMs) ahead[m.op]++;
          if (m.op === "create" && overhead / cloudMs > worst.overhead.share)
            worst.overhead = {
              share: overhead / cloudMs,
              line: `${overhead} ms (${pct(overhead, cloudMs)}) at ${name}`,
            };
          if (m.op === "create" && m.calls > worst.calls.n) worst.calls = { n: m.calls, line: `${m.calls} at ${name}` };
        } else if (m.op === "create" && overhead / learnedTarget(cloudMs) > worst.learned.share) {
          // The worst is the one furthest past its own target, max(2 s, 3 %) of its cloud time.
          worst.learned = {
            share: overhead / learnedTarget(cloudMs),
            line: `${overhead} ms (${pct(overhead, cloudMs)}) at ${name}`,
          };
        }
        return `${m.op} +${overhead} ms (${pct(overhead, cloudMs)}), ${m.calls} calls [Terraform +${terraform.overheadMs} ms, ${terraform.calls} calls]`;
      });
      report(`    ${label}: ${parts.join("; ")}`);
    }
  }
  const n = rows.length;
  report(
    `sweep headline: fresh-process create, worst overhead ${worst.overhead.line}; worst calls ${worst.calls.line} (target <= 15, <= 20 at 3x); ahead of Terraform's schedule at ${ahead.create}/${n} points (create), ${ahead.update}/${n} (update), ${ahead.delete}/${n} (delete); once learned, worst create overhead ${worst.learned.line} (target <= max(2 s, 3 %))`,
  );
}
