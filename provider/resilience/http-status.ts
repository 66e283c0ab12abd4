import type { ErrorKind } from "./errors";

/**
 * The kind of a failure known only by its HTTP status (Kubernetes answers, or a cloud code the error
 * table does not list). No status at all means no answer: a timeout, a reset, a refused connection, all
 * retried; except a host name that does not resolve (`ENOTFOUND`, given as `code`): a wrong endpoint or
 * kubeconfig, which retrying until the deadline would only hide (`EAI_AGAIN`, a busy resolver, is retried).
 */
export function kindForStatus(status: number | undefined, code?: string): ErrorKind {
  if (status === undefined) return code === "ENOTFOUND" ? "terminal" : "transient";
  if (status === 429) return "throttled";
  if (status >= 500) return "transient";
  if (status === 404) return "not-found";
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 409) return "conflict";
  return "terminal";
}
