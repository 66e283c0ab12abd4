import type { Clock, Deadline } from "../clock";
import { pollDelay } from "./backoff";
import { CloudError } from "./errors";

/** One look at something being waited on: done with a value, still in progress, or failed for good. */
export type Observation<T> =
  { done: true; value: T } | { done: false; progress: string } | { done: false; failed: CloudError };

export interface WaitOptions {
  clock: Clock;
  deadline: Deadline;
  /** What is being waited for, for the timeout message: "mesh m-1 to be running". */
  what: string;
  onProgress?: (progress: string) => void | Promise<void>;
}

/** Polls `observe` with jittered pauses until it is done, fails, or the deadline passes. */
export async function waitFor<T>(observe: () => Promise<Observation<T>>, options: WaitOptions): Promise<T> {
  const started = options.clock.now();
  let lastProgress = "";
  for (;;) {
    const seen = await observe();
    if (seen.done) return seen.value;
    if ("failed" in seen) throw seen.failed;
    if (seen.progress !== lastProgress) {
      lastProgress = seen.progress;
      await options.onProgress?.(seen.progress);
    }
    const delay = Math.min(pollDelay(options.clock.now() - started), options.deadline.remainingMs());
    if (delay <= 0 || options.deadline.expired()) {
      throw new CloudError(
        "terminal",
        "Timeout",
        `still ${lastProgress || "not ready"} after the ${options.deadline.budgetText} timeout`,
        `timed out waiting for ${options.what}`,
      );
    }
    await options.clock.sleep(delay);
  }
}
