/**
 * The unsigned admin interface under `/__emulator/`, loopback only:
 *   GET    /__emulator/inventory                 the inventory snapshot
 *   GET    /__emulator/requests                  the request log;  DELETE clears it
 *   GET    /__emulator/faults                    armed faults;     POST adds one (or an array); DELETE clears
 *   POST   /__emulator/latency                   Partial<Latencies>
 *   POST   /__emulator/qps                       {"qps": number | null, "perAction"?: number | null}
 *   POST   /__emulator/mutate/renameMesh         {"id","name"}
 *          /__emulator/mutate/setMeshState       {"id","state"}
 *          /__emulator/mutate/deleteMesh         {"id"}
 *          /__emulator/mutate/addCluster         SeedCluster
 *          /__emulator/mutate/bindKubeconfig     {"clusterId","kubeconfig"}
 *          /__emulator/mutate/setAsmActivated    {"value": boolean}
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isFault } from "./faults";
import { isLoopback, readBody, sendJson } from "./http-util";
import type { RunningEmulator, SeedCluster } from "./types";

export type Control = Omit<RunningEmulator, "endpoint" | "url" | "port" | "stop"> & { faults(): unknown[] };

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function str(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (typeof v !== "string" || v === "") throw new AdminError(400, `"${name}" must be a non-empty string`);
  return v;
}

function isSeedCluster(x: Record<string, unknown>): x is Record<string, unknown> & SeedCluster {
  return typeof x["clusterId"] === "string" && typeof x["regionId"] === "string";
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req)).toString("utf8");
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AdminError(400, "the body is not valid JSON");
  }
}

function asObject(x: unknown): Record<string, unknown> {
  if (x === null || typeof x !== "object" || Array.isArray(x)) throw new AdminError(400, "expected a JSON object");
  return x as Record<string, unknown>;
}

export function createAdminHandler(control: Control) {
  return async (req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> => {
    if (!isLoopback(req.socket.remoteAddress))
      return sendJson(res, 403, { error: "the admin interface is loopback only" });
    const method = (req.method ?? "GET").toUpperCase();
    const path = rawPath.slice("/__emulator/".length).replace(/\/+$/, "");
    try {
      const result = await dispatch(control, method, path, req);
      sendJson(res, 200, result ?? { ok: true });
    } catch (e) {
      const status = e instanceof AdminError ? e.status : 400;
      sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
    }
  };
}

async function dispatch(c: Control, method: string, path: string, req: IncomingMessage): Promise<unknown> {
  const key = `${method} ${path}`;
  switch (key) {
    case "GET inventory":
      return c.inventory();
    case "GET requests":
      return c.requestLog();
    case "DELETE requests":
      c.clearRequestLog();
      return undefined;
    case "GET faults":
      return c.faults();
    case "POST faults": {
      const body = await jsonBody(req);
      const list = Array.isArray(body) ? body : [body];
      for (const f of list) if (!isFault(f)) throw new AdminError(400, `not a valid fault: ${JSON.stringify(f)}`);
      for (const f of list) if (isFault(f)) c.injectFault(f);
      return undefined;
    }
    case "DELETE faults":
      c.clearFaults();
      return undefined;
    case "POST latency": {
      const body = asObject(await jsonBody(req));
      for (const [k, v] of Object.entries(body)) {
        if (typeof v !== "number" || v < 0) throw new AdminError(400, `latency ${k} must be a number >= 0`);
      }
      c.setLatency(body as Record<string, number>);
      return undefined;
    }
    case "POST qps": {
      const body = asObject(await jsonBody(req));
      const limit = (name: string) => {
        const qps = body[name];
        if (qps !== null && qps !== undefined && (typeof qps !== "number" || qps <= 0))
          throw new AdminError(400, `${name} must be a positive number or null`);
        return typeof qps === "number" ? qps : undefined;
      };
      c.setQpsLimit(limit("qps"), limit("perAction"));
      return undefined;
    }
  }
  if (method === "POST" && path.startsWith("mutate/")) {
    const body = asObject(await jsonBody(req));
    const op = path.slice("mutate/".length);
    switch (op) {
      case "renameMesh":
        return c.mutate.renameMesh(str(body, "id"), str(body, "name"));
      case "setMeshState":
        return c.mutate.setMeshState(str(body, "id"), str(body, "state"));
      case "deleteMesh":
        return c.mutate.deleteMesh(str(body, "id"));
      case "addCluster":
        if (!isSeedCluster(body)) throw new AdminError(400, "addCluster needs clusterId and regionId");
        return c.mutate.addCluster(body);
      case "bindKubeconfig":
        return c.mutate.bindKubeconfig(str(body, "clusterId"), str(body, "kubeconfig"));
      case "setAsmActivated":
        if (typeof body["value"] !== "boolean") throw new AdminError(400, '"value" must be a boolean');
        return c.mutate.setAsmActivated(body["value"]);
    }
  }
  throw new AdminError(404, `no admin endpoint ${method} /__emulator/${path}`);
}
