import type { ErrorKind } from "./errors";

/**
 * The kind of a failure known only by its HTTP status (Kubernetes answers, or a cloud code the error
 * table does not list). No status at all means no answer: a timeout, a reset, a refused connection.
 */
export function kindForStatus(status: number | undefined): ErrorKind {
  if (status === undefined) return "transient"; // no response at all: timeout, reset, refused
  if (status === 429) return "throttled";
  if (status >= 500) return "transient";
  if (status === 404) return "not-found";
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 409) return "conflict";
  return "terminal";
}
