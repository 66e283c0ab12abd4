/** startEmulator: wires the inventory, faults, throttle and log to an HTTP server on 127.0.0.1. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdminHandler, type Control } from "./admin";
import { FaultQueue } from "./faults";
import { RequestLog } from "./request-log";
import { createRequestListener } from "./server";
import type { Credential } from "./signature";
import { clusterFromSeed, Inventory } from "./state";
import { Throttle } from "./throttle";
import { DEFAULT_LATENCIES, type EmulatorOptions, type Latencies, type RunningEmulator } from "./types";

function mergeLatency(into: Latencies, l: Partial<Latencies>): void {
  for (const key of Object.keys(DEFAULT_LATENCIES) as (keyof Latencies)[]) {
    const v = l[key];
    if (v !== undefined) {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
        throw new Error(`latency ${key} must be a number >= 0`);
      into[key] = v;
    }
  }
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  if (!opts.accessKeyId || !opts.accessKeySecret)
    throw new Error("startEmulator needs accessKeyId and accessKeySecret");
  const clock = opts.clock ?? Date.now;
  const inv = Inventory.open(opts.seed, opts.statePath, clock);
  const faults = new FaultQueue();
  const throttle = new Throttle({ perKey: opts.qpsLimit, perAction: opts.qpsPerActionLimit }, clock);
  const log = new RequestLog();
  const latency: Latencies = { ...DEFAULT_LATENCIES };
  mergeLatency(latency, opts.latency ?? {});

  const credentials = new Map<string, Credential>([[opts.accessKeyId, { accessKeySecret: opts.accessKeySecret }]]);
  for (const t of opts.stsTokens ?? []) {
    credentials.set(t.accessKeyId, {
      accessKeySecret: t.accessKeySecret,
      securityToken: t.securityToken,
      ...(t.expiresAt !== undefined ? { expiresAt: t.expiresAt } : {}),
    });
  }

  const mesh = (id: string) => {
    inv.settle();
    const m = inv.meshes.get(id);
    if (!m) throw new Error(`no mesh ${id} in the emulator`);
    return m;
  };

  const control: Control = {
    inventory: () => inv.snapshot(),
    requestLog: () => log.list(),
    clearRequestLog: () => log.clear(),
    injectFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    setLatency: (l) => mergeLatency(latency, l),
    setQpsLimit: (qps, perAction) => throttle.setLimits({ perKey: qps, perAction }),
    mutate: {
      renameMesh(id, name) {
        mesh(id).name = name;
        inv.save();
      },
      setMeshState(id, state) {
        const m = mesh(id);
        m.pending = undefined;
        m.state = state;
        m.errorMessage = state === "running" ? "" : m.errorMessage;
        m.updatedAt = clock();
        inv.save();
      },
      deleteMesh(id) {
        mesh(id);
        inv.meshes.delete(id);
        inv.save();
      },
      addCluster(c) {
        inv.clusters.set(c.clusterId, clusterFromSeed(c, clock()));
        inv.save();
      },
      bindKubeconfig(clusterId, kubeconfig) {
        const cluster = inv.clusters.get(clusterId);
        if (!cluster) throw new Error(`no cluster ${clusterId}`);
        cluster.kubeconfig = kubeconfig;
        inv.save();
      },
      setAsmActivated(v) {
        inv.asmActivated = v;
        inv.save();
      },
    },
  };

  const server = createServer(
    createRequestListener({
      inv,
      faults,
      throttle,
      log,
      latency: () => latency,
      lookup: (ak) => credentials.get(ak),
      clock,
      admin: createAdminHandler(control),
    }),
  );
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let stopped: Promise<void> | undefined;
  const { faults: _listFaults, ...api } = control;
  return {
    ...api,
    endpoint: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
