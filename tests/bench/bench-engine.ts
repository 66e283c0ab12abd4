/**
 * Figures through the real pulumi CLI: a fleet of meshes in one stack against a throttled emulator,
 * the serialized provider's size in state, and a no-op preview against an empty stack's.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { untoldProviderEnv } from "../support/mesh-stack";
import { pulumiProject, type PulumiProject } from "../support/pulumi-cli";
import type { BenchConfig } from "./bench-config";
import { answeredSpan, callsSince, report, seconds } from "./bench-report";

interface World {
  emulator: RunningEmulator;
  kube: KubeCluster;
  keyId: string;
  secret: string;
}

/** The provider as a user's shell sets it, expecting the documented durations (not told the emulator's). */
const env = (w: World) => untoldProviderEnv(w.emulator, w.keyId, w.secret);

async function world(config: BenchConfig, clusters: number): Promise<World> {
  const keyId = `BENCH${randomBytes(6).toString("hex")}`;
  const secret = randomBytes(16).toString("hex");
  const seed = {
    clusters: Array.from({ length: Math.max(clusters, 1) }, (_, i) => ({
      clusterId: `cfleet${String(i).padStart(4, "0")}`,
      regionId: "cn-hangzhou",
      vpcId: "vpc-f",
      vswitchIds: ["vsw-f"],
    })),
  };
  const emulator = await startEmulator({ accessKeyId: keyId, accessKeySecret: secret, seed, latency: config.latency });
  const kube = await startKubeCluster();
  return { emulator, kube, keyId, secret };
}

function fleetStack(w: World, count: number, plainDynamic = 0, first = 0): Promise<PulumiProject> {
  return pulumiProject({
    dir: join(__dirname, "programs", "fleet"),
    env: env(w),
    config: {
      "mesh-fleet:count": String(count),
      "mesh-fleet:plainDynamic": String(plainDynamic),
      "mesh-fleet:first": String(first),
    },
    secretConfig: { "mesh-fleet:kubeconfig": w.kube.kubeconfig },
  });
}

/** N meshes in one stack, `pulumi preview` then `pulumi up --skip-preview`, at the QPS limit. */
export async function cliFleetFigures(config: BenchConfig, singleCreateMs: number): Promise<void> {
  const w = await world(config, config.fleet);
  const stack = await fleetStack(w, config.fleet);
  try {
    w.emulator.setQpsLimit(config.qps);
    w.emulator.clearRequestLog();
    // The CLI runs GOMAXPROCS × 4 resource operations at once by default (8 here); a fleet whose
    // resources mostly wait on the cloud wants them all at once (docs/waiting-and-performance.md, "Fleets").
    const parallel = `--parallel=${config.fleet}`;
    await stack.preview([parallel], { timeoutMs: 30 * 60_000 });
    const preview = callsSince(w.emulator);
    w.emulator.clearRequestLog();
    const started = Date.now();
    const up = await stack.up(["--skip-preview", parallel], { allowFailure: true, timeoutMs: 60 * 60_000 });
    const wall = Date.now() - started;
    const calls = callsSince(w.emulator);
    const ready = up.code === 0 ? Number((await stack.stackOutputs())["ready"]) : 0;
    const n = config.fleet;
    report(
      `fleet of ${n} meshes in one stack at ${config.qps} QPS: up ${seconds(wall)} wall (${(wall / singleCreateMs).toFixed(2)}x a single create, target <= 1.15x), ${calls.total} calls (${(calls.total / n).toFixed(1)} per mesh, target <= 10), ${calls.throttled} throttled (${((calls.throttled / calls.total) * 100).toFixed(1)} %, target <= 2 %), ${n - ready} failures (exit ${up.code}): ${calls.detail}`,
    );
    report(
      `    CreateServiceMesh answered ${answeredSpan(w.emulator, "CreateServiceMesh", started)} into the up, AddClusterIntoServiceMesh ${answeredSpan(w.emulator, "AddClusterIntoServiceMesh", started)}`,
    );
    report(
      `    its preview (PreChecked for ${n} new meshes): ${preview.total} calls (${(preview.total / n).toFixed(1)} per mesh): ${preview.detail}`,
    );
  } finally {
    w.emulator.setQpsLimit(undefined);
    await stack.cleanup();
    await Promise.allSettled([w.emulator.stop(), w.kube.stop()]);
  }
}

/**
 * Many stacks on one account: each `pulumi up` (its own CLI, language host and provider process, no
 * coordinator between them) at the same time, or some started late, against one QPS quota. The bound is
 * what the quota and the cloud allow: the longer of one create's cloud time (after the latest start) and
 * the calls made at the quota's rate.
 */
export async function stacksFleetFigures(config: BenchConfig, singleCreateMs: number): Promise<void> {
  const { count, meshes } = config.stacks;
  for (const late of [0, Math.min(3, count - 1)]) {
    const w = await world(config, count * meshes);
    const stacks = await Promise.all(Array.from({ length: count }, (_, k) => fleetStack(w, meshes, 0, k * meshes)));
    try {
      w.emulator.setQpsLimit(config.qps);
      w.emulator.clearRequestLog();
      const delayMs = 30_000;
      const started = Date.now();
      const runs = stacks.map(async (stack, k) => {
        if (k >= count - late) await new Promise((r) => setTimeout(r, delayMs));
        const up = await stack.up(["--skip-preview", `--parallel=${meshes}`], {
          allowFailure: true,
          timeoutMs: 60 * 60_000,
        });
        const ready = up.code === 0 ? Number((await stack.stackOutputs())["ready"]) : 0;
        return { ready, code: up.code };
      });
      const results = await Promise.all(runs);
      const wall = Date.now() - started;
      const calls = callsSince(w.emulator);
      const failures = count * meshes - results.reduce((n, r) => n + r.ready, 0);
      const bound = Math.max(singleCreateMs + (late ? delayMs : 0), (calls.total / config.qps) * 1000);
      const when = late ? `, ${late} of them started ${delayMs / 1000} s late` : "";
      report(
        `${count} stacks x ${meshes} meshes at once${when}, one ${config.qps} QPS quota: wall ${seconds(wall)} (${(wall / bound).toFixed(2)}x the bound ${seconds(bound)}, target <= 1.1x), ${calls.total} calls, ${calls.throttled} throttled (${((calls.throttled / calls.total) * 100).toFixed(1)} %, target <= 2 %), ${failures} failures (exits ${results.map((r) => r.code).join(",")})`,
      );
      report(
        `    into the ups: first call ${answeredSpan(w.emulator, "DescribeServiceMeshes", started).split("–")[0]}, CreateServiceMesh answered ${answeredSpan(w.emulator, "CreateServiceMesh", started)}, AddClusterIntoServiceMesh ${answeredSpan(w.emulator, "AddClusterIntoServiceMesh", started)}, last call ${seconds(lastCallAt(w.emulator) - started)}: ${calls.detail}`,
      );
    } finally {
      w.emulator.setQpsLimit(undefined);
      for (const stack of stacks) await stack.cleanup();
      await Promise.allSettled([w.emulator.stop(), w.kube.stop()]);
    }
  }
}

/** When the emulator last answered anything (ms epoch). */
function lastCallAt(emulator: RunningEmulator): number {
  return Math.max(...emulator.requestLog().map((e) => Date.parse(e.time)));
}

async function median(n: number, run: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await run());
  return samples.sort((a, b) => a - b)[Math.floor(n / 2)] ?? 0;
}

/** The serialized provider in state (in this checkout and installed), and a no-op preview's cost. */
export async function engineFigures(config: BenchConfig): Promise<void> {
  const quick = {
    ...config,
    latency: { ...config.latency, provisionMs: 1_500, enrollMs: 800, removeMs: 800, deleteMs: 800 },
  };
  const w = await world(quick, 2);
  // The destroy at the end checks the enrolled cluster for sidecars: it must be reachable.
  w.emulator.mutate.bindKubeconfig("cfleet0000", w.kube.kubeconfig);
  const projects: PulumiProject[] = [];
  const stack = async (count: number, plainDynamic = 0) => {
    const p = await fleetStack(w, count, plainDynamic);
    projects.push(p);
    return p;
  };
  try {
    const empty = await stack(0);
    await empty.up();
    const one = await stack(1);
    await one.up();
    const exported = await one.exportStack();
    const resource = exported.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh");
    const provider = resource.outputs.__provider;
    report(
      `serialized __provider per resource, program inside this checkout (serialized by value): ${Buffer.byteLength(typeof provider === "string" ? provider : JSON.stringify(provider))} bytes`,
    );
    report(
      `serialized __provider per resource, package installed from npm pack (serialized by reference): ${await installedProviderBytes(w)} bytes (target <= 2048)`,
    );
    const time = (p: PulumiProject) => async () => {
      const t = Date.now();
      await p.preview(["--expect-no-changes"]);
      return Date.now() - t;
    };
    // What any dynamic resource costs a preview (pulumi starts the dynamic-provider host for it): an
    // inline one that does nothing, beside the empty stack and the mesh.
    const plain = await stack(0, 1);
    await plain.up();
    const emptyMs = await median(5, time(empty));
    const plainMs = await median(5, time(plain));
    const oneMs = await median(5, time(one));
    w.emulator.clearRequestLog();
    await one.preview(["--expect-no-changes"]);
    report(
      `no-op preview: one-mesh stack ${seconds(oneMs)} / empty stack ${seconds(emptyMs)} = ${(oneMs / emptyMs).toFixed(2)}x (median of 5, target <= 1.15x); one do-nothing dynamic resource ${seconds(plainMs)} = ${(plainMs / emptyMs).toFixed(2)}x; cloud calls ${callsSince(w.emulator).total}`,
    );
    await one.destroy();
  } finally {
    for (const p of projects) await p.cleanup();
    await Promise.allSettled([w.emulator.stop(), w.kube.stop()]);
  }
}

/**
 * What a user's stack stores: the package packed and installed into a program outside this checkout,
 * one mesh, `pulumi up`, then the size of `__provider` in `stack export`.
 */
async function installedProviderBytes(w: World): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "bench-user-program-"));
  try {
    const root = join(__dirname, "..", "..");
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: root, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop();
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "user-program", private: true }));
    await writeFile(join(dir, "Pulumi.yaml"), "name: user-program\nruntime: nodejs\nmain: index.js\n");
    await writeFile(
      join(dir, "index.js"),
      'const { ServiceMesh } = require("pulumi-asm-servicemesh");\nnew ServiceMesh("mesh", { clusterId: "cfleet0001", clusterSpec: "Enterprise", customResourceName: "user" });\n',
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", `./${packed}`, "@pulumi/pulumi@3.248.0"], {
      cwd: dir,
      stdio: "ignore",
    });
    // A cluster of its own: cfleet0000's mesh belongs to the checkout's stack.
    w.emulator.mutate.bindKubeconfig("cfleet0001", w.kube.kubeconfig);
    const p = await pulumiProject({ dir, env: env(w) });
    try {
      await p.up();
      const exported = await p.exportStack();
      const resource = exported.deployment.resources.find(
        (r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh",
      );
      const bytes = Buffer.byteLength(resource.outputs.__provider);
      await p.destroy();
      return bytes;
    } finally {
      await p.cleanup();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
