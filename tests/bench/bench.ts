// npm run bench: prints the figures the hardening issue asks for. Nothing here asserts time.
//   (a) create/update wall time against the emulator's own provisioning + enrollment latency
//   (b) cloud calls per create, update and delete
//   (c) a fleet of N meshes in one stack with the emulator throttling at 20 QPS
//   (d) serialized __provider bytes per resource
//   (e) a no-op preview of a one-mesh stack divided by an empty stack's preview
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_LATENCIES, startEmulator, type RunningEmulator } from "../../emulator";
import { startKubeCluster } from "../support/kube-cluster";
import { startMeshHarness } from "../support/mesh-harness";
import { providerEnv } from "../support/mesh-stack";
import { pulumiProject, type PulumiProject } from "../support/pulumi-cli";

const FLEET = Number(process.env["BENCH_FLEET"] ?? 100);
const FLEET_QPS = 20;
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const callsBy = (emulator: RunningEmulator) => {
  const log = emulator.requestLog();
  const byAction = new Map<string, number>();
  for (const e of log) byAction.set(e.action, (byAction.get(e.action) ?? 0) + 1);
  return { total: log.length, detail: [...byAction].map(([a, n]) => `${a}×${n}`).join(", ") };
};

async function providerFigures(): Promise<void> {
  const latency = DEFAULT_LATENCIES;
  const h = await startMeshHarness({
    seed: {
      clusters: ["cfirst", "cbench"].map((clusterId) => ({
        clusterId,
        regionId: "cn-hangzhou",
        vpcId: "vpc-b",
        vswitchIds: ["vsw-b"],
      })),
    },
    latency,
  });
  try {
    // The first create in a fresh cluster also installs the CRD; kube-apiserver takes about 2 s before
    // it serves a new CRD's objects. Measured apart, so the steady-state figure is the provider's own.
    let t = Date.now();
    await h.create({ clusterId: "cfirst", customResourceName: "first" });
    const firstMs = Date.now() - t;
    h.emulator.clearRequestLog();
    t = Date.now();
    const created = await h.create({ clusterId: "cbench", deletionPolicy: "Delete" });
    const createMs = Date.now() - t;
    const createCalls = callsBy(h.emulator);
    const createFloor = latency.provisionMs + latency.enrollMs;

    h.emulator.clearRequestLog();
    t = Date.now();
    const updated = await h.update(created, {
      clusterId: "cbench",
      deletionPolicy: "Delete",
      clusterSpec: "Enterprise",
    });
    const updateMs = Date.now() - t;
    const updateCalls = callsBy(h.emulator);

    h.emulator.clearRequestLog();
    t = Date.now();
    await h.delete(updated);
    const deleteMs = Date.now() - t;
    const deleteCalls = callsBy(h.emulator);
    const deleteFloor = latency.removeMs + latency.deleteMs;

    const target = (floor: number) => Math.max(1000, floor * 0.05);
    report(
      `emulator latencies: provision ${latency.provisionMs} ms, enroll ${latency.enrollMs} ms, update ${latency.updateMs} ms, remove ${latency.removeMs} ms, delete ${latency.deleteMs} ms`,
    );
    report(`(a) first create in a fresh cluster (installs the CRD): ${seconds(firstMs)} wall`);
    report(
      `(a) create: ${seconds(createMs)} wall / ${seconds(createFloor)} provisioning+enrollment = ${(createMs / createFloor).toFixed(2)}x; overhead ${createMs - createFloor} ms (target <= ${target(createFloor)} ms)`,
    );
    report(
      `(a) update (edition upgrade): ${seconds(updateMs)} wall / ${seconds(latency.updateMs)} update latency = ${(updateMs / latency.updateMs).toFixed(2)}x; overhead ${updateMs - latency.updateMs} ms (target <= ${target(latency.updateMs)} ms)`,
    );
    report(
      `(a) delete (policy Delete): ${seconds(deleteMs)} wall / ${seconds(deleteFloor)} removal+deletion = ${(deleteMs / deleteFloor).toFixed(2)}x`,
    );
    report(`(b) cloud calls per create: ${createCalls.total} (${createCalls.detail})`);
    report(`(b) cloud calls per update: ${updateCalls.total} (${updateCalls.detail})`);
    report(`(b) cloud calls per delete: ${deleteCalls.total} (${deleteCalls.detail})`);
  } finally {
    await h.stop();
  }
}

async function median(n: number, run: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await run());
  samples.sort((a, b) => a - b);
  return samples[Math.floor(n / 2)]!;
}

async function engineFigures(): Promise<void> {
  const accessKeyId = `BENCH${randomBytes(6).toString("hex")}`;
  const accessKeySecret = randomBytes(16).toString("hex");
  const clusters = Array.from({ length: Math.max(FLEET, 1) }, (_, i) => ({
    clusterId: `cfleet${String(i).padStart(4, "0")}`,
    regionId: "cn-hangzhou",
    vpcId: "vpc-f",
    vswitchIds: ["vsw-f"],
  }));
  const emulator = await startEmulator({ accessKeyId, accessKeySecret, seed: { clusters } });
  const kube = await startKubeCluster();
  const projects: PulumiProject[] = [];
  const stack = async (count: number) => {
    const p = await pulumiProject({
      dir: join(__dirname, "programs", "fleet"),
      env: { ...providerEnv(emulator, accessKeyId, accessKeySecret), KUBECONFIG: kube.kubeconfigPath },
      config: { "mesh-fleet:count": String(count) },
    });
    projects.push(p);
    return p;
  };
  try {
    // (d) and (e): one mesh vs an empty stack.
    const empty = await stack(0);
    await empty.up();
    const one = await stack(1);
    await one.up();
    const exported = await one.exportStack();
    const resource = exported.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh");
    const provider = resource.outputs.__provider;
    const providerBytes = Buffer.byteLength(typeof provider === "string" ? provider : JSON.stringify(provider));
    report(
      `(d) serialized __provider per resource, program inside this checkout (serialized by value): ${providerBytes} bytes`,
    );
    report(
      `(d) serialized __provider per resource, package installed from npm pack (serialized by reference): ${await installedProviderBytes(emulator, kube.kubeconfigPath, accessKeyId, accessKeySecret)} bytes (target <= 2048)`,
    );
    const time = (p: PulumiProject) => async () => {
      const t = Date.now();
      await p.preview(["--expect-no-changes"]);
      return Date.now() - t;
    };
    const emptyMs = await median(3, time(empty));
    const oneMs = await median(3, time(one));
    report(
      `(e) no-op preview: one-mesh stack ${seconds(oneMs)} / empty stack ${seconds(emptyMs)} = ${(oneMs / emptyMs).toFixed(2)}x (median of 3)`,
    );
    await one.destroy();

    // (c) the fleet, throttled.
    emulator.setQpsLimit(FLEET_QPS);
    emulator.clearRequestLog();
    const fleet = await stack(FLEET);
    const t = Date.now();
    const up = await fleet.up([], { allowFailure: true, timeoutMs: 60 * 60_000 });
    const fleetMs = Date.now() - t;
    const log = emulator.requestLog();
    const throttled = log.filter((e) => e.code?.startsWith("Throttling")).length;
    const ready = up.code === 0 ? Number((await fleet.stackOutputs())["ready"]) : 0;
    const meshes = emulator.inventory().meshes.filter((m) => m.state === "running" && m.clusters.length === 1).length;
    report(
      `(c) fleet of ${FLEET} meshes at ${FLEET_QPS} QPS: ${seconds(fleetMs)} wall, ${log.length} calls, ${throttled} throttled, ${FLEET - ready} failures (exit ${up.code}); emulator holds ${meshes} running meshes`,
    );
    emulator.setQpsLimit(undefined);
  } finally {
    for (const p of projects) await p.cleanup();
    await Promise.allSettled([emulator.stop(), kube.stop()]);
  }
}

/**
 * What a user's stack stores: the package packed and installed into a program outside this checkout,
 * one mesh, `pulumi up`, then the size of `__provider` in `stack export`.
 */
async function installedProviderBytes(
  emulator: RunningEmulator,
  kubeconfigPath: string,
  keyId: string,
  secret: string,
): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "bench-user-program-"));
  try {
    const root = join(__dirname, "..", "..");
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: root, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop()!;
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "user-program", private: true }));
    await writeFile(join(dir, "Pulumi.yaml"), "name: user-program\nruntime: nodejs\nmain: index.js\n");
    await writeFile(
      join(dir, "index.js"),
      'const { ServiceMesh } = require("pulumi-asm-servicemesh");\nnew ServiceMesh("mesh", { clusterId: "cfleet0000", clusterSpec: "Enterprise", customResourceName: "user" });\n',
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", `./${packed}`, "@pulumi/pulumi@3.248.0"], {
      cwd: dir,
      stdio: "ignore",
    });
    const p = await pulumiProject({
      dir,
      env: { ...providerEnv(emulator, keyId, secret), KUBECONFIG: kubeconfigPath },
    });
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

async function main(): Promise<void> {
  console.log("npm run bench: measuring (this takes a few minutes)…");
  await providerFigures();
  await engineFigures();
  console.log("\n=== bench figures ===");
  for (const line of lines) console.log(line);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
