// A real, throwaway Kubernetes control plane for tests: etcd plus kube-apiserver, started the way
// controller-runtime's envtest does (no kubelet, no controller-manager). RBAC is on; users
// authenticate with bearer tokens from a token file generated per run.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:https";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { apiserverArgs, etcdArgs } from "../../devkit/control-plane-args";
import { kubeconfigYaml } from "../../devkit/kubeconfig";
import { removeOnExit, spawnTracked, stopProcess } from "./processes";
import { toolchain } from "../../devkit/toolchain";

export interface KubeUser {
  name: string;
  token: string;
  groups?: string[];
}

export interface KubeCluster {
  /** https://127.0.0.1:<port> */
  server: string;
  /** Admin kubeconfig written to disk (for kubectl and anything that wants a path). */
  kubeconfigPath: string;
  /** Admin kubeconfig as YAML text; the admin is in system:masters. */
  kubeconfig: string;
  adminToken: string;
  /** Kubeconfig YAML for one of `extraUsers`, authenticating with that user's token. */
  kubeconfigFor(user: string): string;
  /** gitVersion reported by /version, e.g. v1.36.3. */
  version: string;
  /** Directory holding the logs, certs and etcd data; removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 90_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  // Only used for unauthenticated probes (/readyz, /version, etcd /health) before the CA is read.
  const send = url.startsWith("https:") ? request : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { rejectUnauthorized: false, timeout: 2_000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

async function tail(path: string, lines = 40): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.split("\n").slice(-lines).join("\n");
}

/** Polls until `ready` says yes; fails early with the log tail if the process dies. */
async function waitFor(
  what: string,
  child: ChildProcess,
  logPath: string,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${what} exited (${child.exitCode ?? child.signalCode}) during startup; last lines of ${logPath}:\n${await tail(logPath)}`,
      );
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${what} not ready after ${STARTUP_TIMEOUT_MS} ms; last lines of ${logPath}:\n${await tail(logPath)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function start(command: string, args: string[], logPath: string): ChildProcess {
  const log = createWriteStream(logPath);
  const child = spawnTracked(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once("exit", () => setTimeout(() => log.end(), 100));
  return child;
}

/** A kubeconfig with one cluster (trusting `caData`) and one bearer-token user. */
export async function startKubeCluster(opts: { extraUsers?: KubeUser[] } = {}): Promise<KubeCluster> {
  const tools = toolchain();
  const dir = await mkdtemp(join(tmpdir(), "kube-cluster-"));
  const scratch = removeOnExit(dir);
  const children: ChildProcess[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // apiserver first: it would otherwise log etcd connection errors while shutting down.
    for (const child of children.reverse()) await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
    scratch.keep();
  };

  try {
    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const etcdLog = join(dir, "etcd.log");
    const etcd = start(
      tools.etcd,
      etcdArgs({ dataDir: join(dir, "etcd"), clientUrl: etcdUrl, peerUrl, unsafeNoFsync: true }),
      etcdLog,
    );
    children.push(etcd);

    // Tokens and the service-account key are made per run, never committed.
    const adminToken = randomBytes(24).toString("hex");
    const users: KubeUser[] = [
      { name: "admin", token: adminToken, groups: ["system:masters"] },
      ...(opts.extraUsers ?? []),
    ];
    const csv = users.map((u) => `${u.token},${u.name},${u.name},"${(u.groups ?? []).join(",")}"`).join("\n");
    await writeFile(join(dir, "tokens.csv"), `${csv}\n`, { mode: 0o600 });
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    await writeFile(join(dir, "sa.key"), privateKey.export({ type: "sec1", format: "pem" }), { mode: 0o600 });
    await writeFile(join(dir, "sa.pub"), publicKey.export({ type: "spki", format: "pem" }));

    await waitFor("etcd", etcd, etcdLog, async () => (await get(`${etcdUrl}/health`)).body.includes('"true"'));

    const server = `https://127.0.0.1:${apiPort}`;
    const apiLog = join(dir, "kube-apiserver.log");
    const certDir = join(dir, "certs");
    const apiserver = start(
      tools.kubeApiserver,
      apiserverArgs({
        etcdUrl,
        certDir,
        port: apiPort,
        tokenFile: join(dir, "tokens.csv"),
        serviceAccountPublicKey: join(dir, "sa.pub"),
        serviceAccountPrivateKey: join(dir, "sa.key"),
      }),
      apiLog,
    );
    children.push(apiserver);
    await waitFor("kube-apiserver", apiserver, apiLog, async () => (await get(`${server}/readyz`)).status === 200);

    const version = (JSON.parse((await get(`${server}/version`)).body) as { gitVersion: string }).gitVersion;
    // apiserver.crt holds the serving cert followed by the CA that signed it; both may sit in the CA bundle.
    const caData = Buffer.from(await readFile(join(certDir, "apiserver.crt"))).toString("base64");
    const kubeconfig = kubeconfigYaml(server, caData, "admin", adminToken);
    const kubeconfigPath = join(dir, "kubeconfig");
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });

    const kubeconfigFor = (name: string): string => {
      const user = users.find((u) => u.name === name);
      if (!user) throw new Error(`no user ${name} in this cluster; pass it in startKubeCluster({ extraUsers })`);
      return kubeconfigYaml(server, caData, user.name, user.token);
    };
    return { server, kubeconfigPath, kubeconfig, adminToken, kubeconfigFor, version, dir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
