import { kindForCode } from "./error-table";
import { CloudError } from "../resilience/errors";

interface AlibabaErrorShape {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
  requestId?: string;
  retryAfter?: number;
  data?: { Message?: string; message?: string; Code?: string; code?: string };
}

/** Turns whatever the Alibaba clients throw into a CloudError with its kind, code and clean message. */
export function toCloudError(e: unknown, context: string): CloudError {
  if (e instanceof CloudError) return e.withContext(context);
  const err = (e ?? {}) as AlibabaErrorShape;
  const network = networkCode(err);
  if (network) return new CloudError("transient", network, err.message ?? network, context);
  const code = err.code ?? err.data?.Code ?? err.data?.code ?? "UnknownError";
  // openapi-core stringifies a missing RequestId or Message into "undefined".
  const present = (v: string | undefined) => (v && v !== "undefined" ? v : undefined);
  const message = present(err.data?.Message) ?? present(err.data?.message) ?? stripCodePrefix(err.message ?? "", code);
  const requestId = present(err.requestId);
  const retryAfterMs = typeof err.retryAfter === "number" && err.retryAfter > 0 ? err.retryAfter : undefined;
  return new CloudError(kindForCode(code, err.statusCode), code, message, context, requestId, retryAfterMs);
}

/** Timeouts, resets and refused connections: no response at all, always worth a retry. */
function networkCode(err: AlibabaErrorShape): string | undefined {
  if (err.name === "RequestTimeoutError" || /ReadTimeout|ConnectTimeout/.test(err.message ?? ""))
    return "RequestTimeout";
  if (err.statusCode !== undefined) return undefined;
  const text = `${err.code ?? ""} ${err.message ?? ""}`;
  const match = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|other side closed|UND_ERR_SOCKET/.exec(text);
  return match ? `NetworkError(${match[0]})` : undefined;
}

/** openapi-core prefixes messages with "<Code>: code: <status>, "; keep only the service's words. */
function stripCodePrefix(message: string, code: string): string {
  return message.replace(new RegExp(`^${escape(code)}: code: \\d+, `), "").replace(/ request id: \S+$/, "");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
