// Starts (or finds running) the demo's background services, kept between runs in .demo/:
//   - the ASM/ACK emulator (dist/emulator/cli.js) with its state file, and
//   - a local Kubernetes control plane (etcd + kube-apiserver from the toolchain) with its data dir.
// `stop` ends both (daemons.ts: only our own processes, and it waits for them). Binds the seeded ACK
// cluster to the local kube-apiserver in the emulator. Writes .demo/env (sourced by scripts/demo.sh): the
// ports, endpoints, demo credentials, KUBECONFIG for kubectl, the pulumi to use.
// PULUMI_ASM_DEMO_DIR moves .demo/ elsewhere (tests run two demos side by side this way).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { request as httpRequest } from "node:http";
import { join, resolve } from "node:path";
import { apiserverArgs, etcdArgs } from "../../devkit/control-plane-args";
import { expectedDurationsFor } from "../../devkit/expected-durations";
import { kubeconfigYaml } from "../../devkit/kubeconfig";
import { toolchain } from "../../devkit/toolchain";
import { legacyAdvice, running, startDaemon, stopDaemons } from "./daemons";
import { choosePorts, portLines, readEnvFile, recordedPorts, type PortName } from "./ports";

const root = resolve(__dirname, "..", "..");
const demo = resolve(process.env.PULUMI_ASM_DEMO_DIR || join(root, ".demo"));
const envFile = join(demo, "env");

function get(url: string): Promise<number> {
  const send = url.startsWith("https:") ? request : httpRequest;
  return new Promise((done) => {
    const req = send(url, { rejectUnauthorized: false, timeout: 1_000 }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on("error", () => done(0));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

/** POSTs JSON to the emulator's admin interface (loopback, unsigned). */
function post(url: string, body: unknown): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on("error", fail);
    req.end(JSON.stringify(body));
  });
}

async function waitUntil(what: string, log: string, ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready in 60 s; see ${log}`);
}

function daemon(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  startDaemon(demo, name, command, args, env);
}

function once(path: string, make: () => string): string {
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
  return readFileSync(path, "utf8").trim();
}

async function start(): Promise<void> {
  mkdirSync(demo, { recursive: true });
  // Its processes may still hold the data dirs and the old fixed ports: starting beside them would fail.
  const advice = legacyAdvice(demo);
  if (advice) throw new Error(`cannot start the demo: ${advice}`);
  const tools = toolchain();
  const previous = existsSync(envFile) ? readFileSync(envFile, "utf8") : "";
  // The pulumi the demo runs: from scripts/toolchain.sh --demo, else the one recorded at the last start
  // (demo:down runs without the toolchain step), else the pinned build.
  const pulumiBinDir = process.env.PULUMI_BIN_DIR || readEnvFile(previous)["DEMO_PULUMI_BIN_DIR"] || tools.pulumiBinDir;
  const up = {
    emulator: running(demo, "emulator"),
    etcd: running(demo, "etcd"),
    apiserver: running(demo, "kube-apiserver"),
  };
  const keep = new Set<PortName>([
    ...(up.emulator ? (["emulator"] as const) : []),
    ...(up.etcd ? (["etcd", "etcdPeer"] as const) : []),
    ...(up.apiserver ? (["apiserver"] as const) : []),
  ]);
  const { ports: PORTS, replaced } = await choosePorts(recordedPorts(previous), keep);
  for (const name of replaced)
    console.log(`the recorded ${name} port is taken by another program; using ${PORTS[name]}`);
  // Recorded before anything starts, so an interrupted start still reuses them.
  const recorded = [...portLines(PORTS), `export DEMO_PULUMI_BIN_DIR=${pulumiBinDir}`];
  writeFileSync(envFile, [...recorded, ""].join("\n"), { mode: 0o600 });
  // Demo credentials for the emulator, made once per checkout (never committed).
  const keyId = once(join(demo, "access-key-id"), () => `DEMO${randomBytes(8).toString("hex").toUpperCase()}`);
  const secret = once(join(demo, "access-key-secret"), () => randomBytes(18).toString("base64url"));

  if (up.emulator) console.log(`emulator already running on 127.0.0.1:${PORTS.emulator}`);
  else {
    daemon(
      "emulator",
      process.execPath,
      [
        join(root, "dist", "emulator", "cli.js"),
        "--port",
        String(PORTS.emulator),
        "--seed",
        join(__dirname, "seed.json"),
        "--state",
        join(demo, "emulator-state.json"),
      ],
      { ...process.env, ASM_EMULATOR_ACCESS_KEY_ID: keyId, ASM_EMULATOR_ACCESS_KEY_SECRET: secret },
    );
    await waitUntil(
      "the emulator",
      join(demo, "emulator.log"),
      async () => (await get(`http://127.0.0.1:${PORTS.emulator}/__emulator/inventory`)) === 200,
    );
    console.log(`emulator started on 127.0.0.1:${PORTS.emulator} (state: .demo/emulator-state.json)`);
  }

  const cluster = join(demo, "cluster");
  mkdirSync(cluster, { recursive: true });
  const token = once(join(cluster, "admin-token"), () => randomBytes(24).toString("hex"));
  once(join(cluster, "tokens.csv"), () => `${token},admin,admin,"system:masters"\n`);
  const keys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  once(join(cluster, "sa.key"), () => keys.privateKey.export({ type: "sec1", format: "pem" }).toString());
  once(join(cluster, "sa.pub"), () => keys.publicKey.export({ type: "spki", format: "pem" }).toString());
  const server = `https://127.0.0.1:${PORTS.apiserver}`;
  if (!up.etcd) {
    const etcdUrl = `http://127.0.0.1:${PORTS.etcd}`;
    const peerUrl = `http://127.0.0.1:${PORTS.etcdPeer}`;
    daemon(
      "etcd",
      tools.etcd,
      etcdArgs({ dataDir: join(cluster, "etcd"), clientUrl: etcdUrl, peerUrl, unsafeNoFsync: false }),
    );
    await waitUntil("etcd", join(demo, "etcd.log"), async () => (await get(`${etcdUrl}/health`)) === 200);
  }
  if (up.apiserver) console.log(`kube-apiserver already running at ${server}`);
  else {
    daemon(
      "kube-apiserver",
      tools.kubeApiserver,
      apiserverArgs({
        etcdUrl: `http://127.0.0.1:${PORTS.etcd}`,
        certDir: join(cluster, "certs"),
        port: PORTS.apiserver,
        tokenFile: join(cluster, "tokens.csv"),
        serviceAccountPublicKey: join(cluster, "sa.pub"),
        serviceAccountPrivateKey: join(cluster, "sa.key"),
      }),
    );
    await waitUntil(
      "kube-apiserver",
      join(demo, "kube-apiserver.log"),
      async () => (await get(`${server}/readyz`)) === 200,
    );
    console.log(`kube-apiserver started at ${server} (data: .demo/cluster)`);
  }
  const ca = readFileSync(join(cluster, "certs", "apiserver.crt")).toString("base64");
  const kubeconfig = join(demo, "kubeconfig");
  const kubeconfigText = kubeconfigYaml(server, ca, "admin", token);
  writeFileSync(kubeconfig, kubeconfigText, { mode: 0o600 });
  // The seeded ACK cluster *is* this kube-apiserver: the kubeconfig its ACK hands out reaches it, so the
  // demo program needs no kubeconfig (the CR goes into the enrolled cluster, as the operator's does).
  const seed = JSON.parse(readFileSync(join(__dirname, "seed.json"), "utf8")) as { clusters: { clusterId: string }[] };
  for (const { clusterId } of seed.clusters) {
    const status = await post(`http://127.0.0.1:${PORTS.emulator}/__emulator/mutate/bindKubeconfig`, {
      clusterId,
      kubeconfig: kubeconfigText,
    });
    if (status !== 200 && status !== 204)
      throw new Error(`the emulator refused to bind cluster ${clusterId} (${status})`);
  }
  writeFileSync(
    envFile,
    [
      ...recorded,
      `export SERVICEMESH_ASM_ENDPOINT=127.0.0.1:${PORTS.emulator}`,
      `export SERVICEMESH_ACK_ENDPOINT=127.0.0.1:${PORTS.emulator}`,
      "export SERVICEMESH_PROTOCOL=HTTP",
      // What the emulator takes (its default latencies), so the provider looks when it is due.
      `export SERVICEMESH_EXPECTED_DURATIONS='${expectedDurationsFor()}'`,
      "export ALICLOUD_REGION=cn-hangzhou",
      `export ALICLOUD_ACCESS_KEY=${keyId}`,
      `export ALICLOUD_SECRET_KEY="$(cat '${join(demo, "access-key-secret")}')"`,
      `export KUBECONFIG=${kubeconfig}`,
      `export PATH=${pulumiBinDir}:$PATH`,
      `export KUBECTL=${tools.kubectl}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
}

const fail = (e: unknown) => {
  console.error(String((e as Error)?.message ?? e));
  process.exit(1);
};
const verb = process.argv[2];
if (verb === "start") start().catch(fail);
else if (verb === "stop") stopDaemons(demo).catch(fail);
else {
  console.error("usage: services.ts start|stop");
  process.exit(2);
}
