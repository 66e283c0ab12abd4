import { redact } from "../redact";

/**
 * What kind of failure a cloud (or cluster) error is. The kind, not the call site, decides whether an
 * operation retries: `throttled` and `transient` are retried with backoff inside the deadline, all
 * others stop the step.
 */
export type ErrorKind =
  "not-found" | "conflict" | "throttled" | "transient" | "invalid-input" | "unauthorized" | "busy" | "terminal";

export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set(["throttled", "transient", "busy"]);

/** One error type for every cloud and cluster failure: a kind, the service's code, and our context. */
export class CloudError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** The service's error code (`ErrorPermitted.ClustersNotEmpty`), or a short code of ours. */
    readonly code: string,
    /** The service's own message, secrets removed. */
    readonly serviceMessage: string,
    /** What we were doing: "cannot enroll cluster c-1 into mesh m-2". */
    readonly context: string,
    readonly requestId?: string,
    /** Milliseconds the service asked us to wait (`x-acs-retry-after`). */
    readonly retryAfterMs?: number,
  ) {
    super(redact(`${context}: ${code}: ${serviceMessage}${requestId ? ` (request id ${requestId})` : ""}`));
    this.name = "CloudError";
  }

  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }

  /** The same error with a different context phrase (used when a lower layer did not know it). */
  withContext(context: string): CloudError {
    return new CloudError(this.kind, this.code, this.serviceMessage, context, this.requestId, this.retryAfterMs);
  }
}

export function isCloudError(e: unknown, kind?: ErrorKind): e is CloudError {
  return e instanceof CloudError && (kind === undefined || e.kind === kind);
}
