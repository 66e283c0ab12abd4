/**
 * The bench's knobs, from the environment (npm run bench passes them through):
 *   BENCH_LATENCY  provision/enroll/update/remove/delete, in seconds     (default 60/30/20/30/30)
 *   BENCH_SWEEP    named provision/enroll/update points, in seconds    (default 20/8/5,40/15/10,60/30/20,120/45/30,180/60/60)
 *   BENCH_SWEEP_BETWEEN  points between them, spread over 0.3x-3x       (default 7)
 *   BENCH_SWEEP_PARALLEL points measured at once                        (default 6)
 *   BENCH_FLEET    meshes in one stack through the pulumi CLI            (default 100)
 *   BENCH_HARNESS  meshes driven through the provider in one process     (default 1000)
 *   BENCH_QPS      the emulator's flow control per access key, fleets   (default 20)
 *   BENCH_STACKS   stacks x meshes, all `pulumi up` at once on one quota (default 10x20)
 *   BENCH_ONLY     comma list of sections: ops, sweep, plugin, fleet, stacks, harness, engine (default: all)
 */
import type { Latencies } from "../../emulator";

export interface SweepPoint {
  provisionMs: number;
  enrollMs: number;
  updateMs: number;
}

export interface BenchConfig {
  latency: Latencies;
  sweep: { named: SweepPoint[]; between: number; parallel: number };
  fleet: number;
  harness: number;
  qps: number;
  stacks: { count: number; meshes: number };
  sections: Set<string>;
}

const SECTIONS = ["ops", "sweep", "plugin", "fleet", "stacks", "harness", "engine"];

function seconds(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${what}: "${text}" is not a number of seconds`);
  return Math.round(n * 1000);
}

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const [provision = "60", enroll = "30", update = "20", remove = "30", del = "30"] = (
    env["BENCH_LATENCY"] ?? "60/30/20/30/30"
  ).split("/");
  const named = (env["BENCH_SWEEP"] ?? "20/8/5,40/15/10,60/30/20,120/45/30,180/60/60")
    .split(",")
    .filter(Boolean)
    .map((p) => {
      const [pr = "", en = "", up = ""] = p.split("/");
      return {
        provisionMs: seconds(pr, "BENCH_SWEEP"),
        enrollMs: seconds(en, "BENCH_SWEEP"),
        updateMs: seconds(up, "BENCH_SWEEP"),
      };
    });
  const only = (env["BENCH_ONLY"] ?? SECTIONS.join(",")).split(",").filter(Boolean);
  for (const s of only)
    if (!SECTIONS.includes(s)) throw new Error(`BENCH_ONLY: ${s} is not one of ${SECTIONS.join(", ")}`);
  return {
    latency: {
      provisionMs: seconds(provision, "BENCH_LATENCY"),
      enrollMs: seconds(enroll, "BENCH_LATENCY"),
      updateMs: seconds(update, "BENCH_LATENCY"),
      removeMs: seconds(remove, "BENCH_LATENCY"),
      deleteMs: seconds(del, "BENCH_LATENCY"),
      responseMs: 0,
    },
    sweep: {
      named,
      between: Number(env["BENCH_SWEEP_BETWEEN"] ?? 7),
      parallel: Number(env["BENCH_SWEEP_PARALLEL"] ?? 6),
    },
    fleet: Number(env["BENCH_FLEET"] ?? 100),
    harness: Number(env["BENCH_HARNESS"] ?? 1000),
    qps: Number(env["BENCH_QPS"] ?? 20),
    stacks: stacksOf(env["BENCH_STACKS"] ?? "10x20"),
    sections: new Set(only),
  };
}

function stacksOf(text: string): { count: number; meshes: number } {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new Error(`BENCH_STACKS: expected <stacks>x<meshes> such as 10x20, got ${text}`);
  return { count: Number(match[1]), meshes: Number(match[2]) };
}
