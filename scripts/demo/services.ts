// Starts (or finds running) the demo's background services, kept between runs in .demo/:
//   - the ASM/ACK emulator (dist/emulator/cli.js) with its state file, and
//   - a local Kubernetes control plane (etcd + kube-apiserver from the toolchain) with its data dir.
// `stop` ends both. Binds the seeded ACK cluster to the local kube-apiserver in the emulator. Writes
// .demo/env (sourced by scripts/demo.sh): endpoints, demo credentials, and KUBECONFIG for kubectl.
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { request as httpRequest } from "node:http";
import { join, resolve } from "node:path";
import { apiserverArgs, etcdArgs } from "../../devkit/control-plane-args";
import { kubeconfigYaml } from "../../devkit/kubeconfig";
import { toolchain } from "../../devkit/toolchain";

const root = resolve(__dirname, "..", "..");
const demo = join(root, ".demo");
const PORTS = { emulator: 47180, etcd: 47379, etcdPeer: 47380, apiserver: 47443 };

function read(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8").trim() : undefined;
}

function alive(pidFile: string): boolean {
  const pid = Number(read(pidFile));
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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

/** Starts a long-lived process detached from this one, logging to .demo/<name>.log. */
function daemon(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const log = openSync(join(demo, `${name}.log`), "a");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", log, log], env });
  writeFileSync(join(demo, `${name}.pid`), String(child.pid));
  child.unref();
}

function once(path: string, make: () => string): string {
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
  return readFileSync(path, "utf8").trim();
}

async function start(): Promise<void> {
  mkdirSync(demo, { recursive: true });
  const tools = toolchain();
  // Demo credentials for the emulator, made once per checkout (never committed).
  const keyId = once(join(demo, "access-key-id"), () => `DEMO${randomBytes(8).toString("hex").toUpperCase()}`);
  const secret = once(join(demo, "access-key-secret"), () => randomBytes(18).toString("base64url"));

  if (alive(join(demo, "emulator.pid"))) console.log(`emulator already running on 127.0.0.1:${PORTS.emulator}`);
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
  if (!alive(join(demo, "etcd.pid"))) {
    const etcdUrl = `http://127.0.0.1:${PORTS.etcd}`;
    const peerUrl = `http://127.0.0.1:${PORTS.etcdPeer}`;
    daemon(
      "etcd",
      tools.etcd,
      etcdArgs({ dataDir: join(cluster, "etcd"), clientUrl: etcdUrl, peerUrl, unsafeNoFsync: false }),
    );
    await waitUntil("etcd", join(demo, "etcd.log"), async () => (await get(`${etcdUrl}/health`)) === 200);
  }
  if (alive(join(demo, "kube-apiserver.pid"))) console.log(`kube-apiserver already running at ${server}`);
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
    join(demo, "env"),
    [
      `export SERVICEMESH_ASM_ENDPOINT=127.0.0.1:${PORTS.emulator}`,
      `export SERVICEMESH_ACK_ENDPOINT=127.0.0.1:${PORTS.emulator}`,
      "export SERVICEMESH_PROTOCOL=HTTP",
      "export ALICLOUD_REGION=cn-hangzhou",
      `export ALICLOUD_ACCESS_KEY=${keyId}`,
      `export ALICLOUD_SECRET_KEY="$(cat '${join(demo, "access-key-secret")}')"`,
      `export KUBECONFIG=${kubeconfig}`,
      `export PATH=${tools.pulumiBinDir}:$PATH`,
      `export KUBECTL=${tools.kubectl}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
}

function stop(): void {
  for (const name of ["kube-apiserver", "etcd", "emulator"]) {
    const pidFile = join(demo, `${name}.pid`);
    if (!alive(pidFile)) continue;
    process.kill(Number(read(pidFile)), "SIGTERM");
    console.log(`stopped ${name}`);
  }
}

const verb = process.argv[2];
if (verb === "start")
  start().catch((e) => {
    console.error(String(e?.message ?? e));
    process.exit(1);
  });
else if (verb === "stop") stop();
else {
  console.error("usage: services.ts start|stop");
  process.exit(2);
}
