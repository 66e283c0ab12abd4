/**
 * The API front door. Per request: read the (possibly chunked) body, verify the ACS3 signature, throttle
 * per access key, route (RPC by `x-acs-action` + `x-acs-version`; ROA by method and path), apply injected
 * faults, settle due async operations, run the handler, log. Every failure becomes an Alibaba-style
 * error body; nothing a client sends can crash or hang the server.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { ACK_VERSION, matchAckRoute } from "./ack/clusters";
import { ASM_ACTIONS, ASM_VERSION } from "./asm";
import type { Handler } from "./context";
import { ApiError, errorBody, internalError } from "./errors";
import type { FaultQueue } from "./faults";
import { header, readBody, sendJson, sleep, splitUrl } from "./http-util";
import { parseBody, parseUrlEncoded, redact, type Params } from "./params";
import { newRequestId } from "./records";
import type { RequestLog } from "./request-log";
import { verifySignature, type Credential } from "./signature";
import type { Inventory } from "./state";
import type { Throttle } from "./throttle";
import type { Latencies } from "./types";

/**
 * The wait an injected throttling fault names unless it says otherwise: short, so fault tests stay fast
 * (what matters to a client is that the header is there; the service names its own wait).
 */
const THROTTLE_FAULT_RETRY_MS = 100;

export interface ServerDeps {
  inv: Inventory;
  faults: FaultQueue;
  throttle: Throttle;
  log: RequestLog;
  latency: () => Latencies;
  lookup: (accessKeyId: string) => Credential | undefined;
  clock: () => number;
  admin: (req: IncomingMessage, res: ServerResponse, rawPath: string) => Promise<void>;
}

interface Route {
  action: string;
  product: string;
  handler: Handler;
  pathParams: Record<string, string>;
}

function route(method: string, rawPath: string, action: string, version: string): Route {
  if (version === ASM_VERSION) {
    const handler = Object.hasOwn(ASM_ACTIONS, action) ? ASM_ACTIONS[action] : undefined;
    if (!handler || rawPath !== "/") {
      throw new ApiError(
        404,
        "InvalidAction.NotFound",
        `Specified api ${action} is not found, please check your url and method.`,
      );
    }
    return { action, product: "servicemesh", handler, pathParams: {} };
  }
  if (version === ACK_VERSION) {
    const m = matchAckRoute(method, rawPath);
    if (!m)
      throw new ApiError(
        404,
        "InvalidAction.NotFound",
        `Specified api ${method} ${rawPath} is not found, please check your url and method.`,
      );
    return { action: m.action, product: "cs", handler: m.handler, pathParams: m.pathParams };
  }
  throw new ApiError(
    400,
    "InvalidVersion",
    `Specified parameter Version ${version} is not valid; supported: ${ASM_VERSION} (servicemesh), ${ACK_VERSION} (cs).`,
  );
}

export function createRequestListener(deps: ServerDeps): RequestListener {
  return (req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      // Last resort: handle() already answers every error; this only guards against bugs in it.
      process.stderr.write(`asm-emulator: unexpected failure: ${String(e)}\n`);
      sendJson(res, 500, { Code: "InternalError", Message: "unexpected emulator failure" });
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { rawPath, rawQuery } = splitUrl(req.url ?? "/");
  if (rawPath.startsWith("/__emulator/")) return deps.admin(req, res, rawPath);

  const method = (req.method ?? "GET").toUpperCase();
  const requestId = newRequestId();
  let action = header(req, "x-acs-action") ?? "";
  const version = header(req, "x-acs-version") ?? "";
  let product = version === ACK_VERSION ? "cs" : "servicemesh";
  let accessKeyId = "";
  let params: Params = {};
  let status = 200;
  let code: string | undefined;
  let body: Buffer | undefined;

  try {
    body = await readBody(req);
    const verification = verifySignature(
      { method, rawPath, rawQuery, headers: req.headers, body },
      deps.lookup,
      deps.clock(),
    );
    accessKeyId = verification.accessKeyId;
    if (!verification.ok) throw verification.error;

    const wait = deps.throttle.take(accessKeyId, product, action);
    if (wait > 0) {
      throw new ApiError(400, "Throttling.User", "Request was denied due to user flow control.", {
        "x-acs-retry-after": String(wait),
      });
    }

    const r = route(method, rawPath, action, version);
    action = r.action;
    product = r.product;
    params = { ...parseUrlEncoded(rawQuery, "query"), ...parseBody(body, header(req, "content-type")) };

    const fault = deps.faults.takeForAction(action);
    if (fault && "dropConnection" in fault) {
      status = 0;
      code = "ConnectionDropped";
      req.socket.destroy();
      return;
    }
    if (fault && "code" in fault) {
      // Real flow control always names its wait; the official SDKs pick their exception class by it.
      const headers = fault.code.startsWith("Throttling")
        ? { "x-acs-retry-after": String(fault.retryAfterMs ?? THROTTLE_FAULT_RETRY_MS) }
        : undefined;
      throw new ApiError(fault.status, fault.code, fault.message ?? `Injected fault for ${action}.`, headers);
    }
    if (fault && "delayMs" in fault) await sleep(fault.delayMs);

    deps.inv.settle();
    const result = r.handler({
      inv: deps.inv,
      faults: deps.faults,
      latency: deps.latency(),
      now: deps.clock(),
      params,
      pathParams: r.pathParams,
    });
    await respondAfterLatency(deps);
    // RPC bodies carry RequestId; ROA bodies are the resource itself (the id goes in a header).
    sendJson(res, 200, product === "cs" ? result : { RequestId: requestId, ...result }, {
      "x-acs-request-id": requestId,
    });
  } catch (e) {
    const err = e instanceof ApiError ? e : internalError();
    if (!(e instanceof ApiError))
      process.stderr.write(
        `asm-emulator: ${action} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
    status = err.status;
    code = err.code;
    await respondAfterLatency(deps);
    sendJson(res, err.status, errorBody(err, requestId, product), { "x-acs-request-id": requestId, ...err.headers });
  } finally {
    if (Object.keys(params).length === 0) params = paramsForLog(rawQuery, body, header(req, "content-type"));
    deps.log.add({
      time: new Date(deps.clock()).toISOString(),
      requestId,
      method,
      path: rawPath,
      action,
      version,
      params: redact(params),
      status,
      ...(code !== undefined ? { code } : {}),
      accessKeyId,
    });
  }
}

/** Best effort, so a refused request (bad signature, throttled) still shows what it asked for. */
function paramsForLog(rawQuery: string, body: Buffer | undefined, contentType: string | undefined): Params {
  try {
    return { ...parseUrlEncoded(rawQuery, "query"), ...(body ? parseBody(body, contentType) : {}) };
  } catch {
    return {};
  }
}

async function respondAfterLatency(deps: ServerDeps): Promise<void> {
  const ms = deps.latency().responseMs;
  if (ms > 0) await sleep(ms);
}
