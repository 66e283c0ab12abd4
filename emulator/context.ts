/** What every operation handler receives, and the handler signature the router dispatches to. */
import type { FaultQueue } from "./faults";
import type { Params } from "./params";
import type { Inventory } from "./state";
import type { Latencies } from "./types";

export interface HandlerContext {
  inv: Inventory;
  faults: FaultQueue;
  latency: Latencies;
  /** Clock reading for this request (ms). */
  now: number;
  /** Query and body parameters merged (the body wins on a clash). */
  params: Params;
  /** ROA path parameters, e.g. `{ ClusterId: "c123" }`. */
  pathParams: Record<string, string>;
}

/** Returns the response body without RequestId; the server adds it. Throws ApiError for API errors. */
export type Handler = (ctx: HandlerContext) => Record<string, unknown>;
