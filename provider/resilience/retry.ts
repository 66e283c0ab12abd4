import type { Clock, Deadline } from "../clock";
import { backoffDelay, CALL_RETRY, type BackoffPolicy } from "./backoff";
import { CloudError } from "./errors";

export interface RetryOptions {
  clock: Clock;
  deadline: Deadline;
  policy?: BackoffPolicy;
  /** Called before each wait, e.g. to log "throttled, retrying in 400 ms". */
  onRetry?: (error: CloudError, delayMs: number, attempt: number) => void;
}

/**
 * Runs a cloud call, retrying retryable kinds (throttling, 5xx, timeouts, busy) with jittered backoff
 * until the deadline. Terminal kinds are rethrown at once. Past the deadline the last error is rethrown.
 */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = options.policy ?? CALL_RETRY;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof CloudError) || !e.retryable) throw e;
      const delay = Math.max(backoffDelay(policy, attempt), e.retryAfterMs ?? 0);
      if (delay >= options.deadline.remainingMs()) throw e;
      options.onRetry?.(e, delay, attempt);
      await options.clock.sleep(delay);
    }
  }
}
