/**
 * Injected faults, each consumed `times` times (default 1). Action faults fire on the next matching
 * calls; `meshEndState` on the next created mesh or async mesh operation; `enrollFails` on the next
 * enrollment.
 */
import type { Fault } from "./types";

type ActionFault = Extract<Fault, { action: string }>;

interface Armed {
  fault: Fault;
  remaining: number;
}

export function isFault(x: unknown): x is Fault {
  if (x === null || typeof x !== "object") return false;
  const f = x as Record<string, unknown>;
  if (f["times"] !== undefined && !(typeof f["times"] === "number" && Number.isInteger(f["times"]) && f["times"] > 0))
    return false;
  if (typeof f["action"] === "string" && f["action"] !== "") {
    if (typeof f["code"] === "string") {
      return (
        typeof f["status"] === "number" &&
        f["status"] >= 400 &&
        f["status"] <= 599 &&
        (f["message"] === undefined || typeof f["message"] === "string") &&
        (f["retryAfterMs"] === undefined || (typeof f["retryAfterMs"] === "number" && f["retryAfterMs"] >= 0))
      );
    }
    if (typeof f["delayMs"] === "number") return f["delayMs"] >= 0;
    return f["dropConnection"] === true;
  }
  if (f["meshEndState"] !== undefined) return f["meshEndState"] === "failed" || f["meshEndState"] === "create_timeout";
  const e = f["enrollFails"] as Record<string, unknown> | undefined;
  return !!e && typeof e === "object" && typeof e["code"] === "string" && typeof e["message"] === "string";
}

export class FaultQueue {
  private armed: Armed[] = [];

  add(fault: Fault): void {
    if (!isFault(fault)) throw new Error(`not a valid fault: ${JSON.stringify(fault)}`);
    this.armed.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  list(): Fault[] {
    return this.armed.map((a) => ({ ...a.fault, times: a.remaining }));
  }

  private take<T extends Fault>(match: (f: Fault) => f is T): T | undefined {
    const a = this.armed.find((x) => match(x.fault));
    if (!a) return undefined;
    a.remaining -= 1;
    if (a.remaining <= 0) this.armed = this.armed.filter((x) => x !== a);
    return a.fault as T;
  }

  takeForAction(action: string): ActionFault | undefined {
    return this.take((f): f is ActionFault => "action" in f && f.action === action);
  }

  takeMeshEndState(): "failed" | "create_timeout" | undefined {
    return this.take((f): f is Extract<Fault, { meshEndState: string }> => "meshEndState" in f)?.meshEndState;
  }

  takeEnrollFailure(): { code: string; message: string } | undefined {
    return this.take((f): f is Extract<Fault, { enrollFails: unknown }> => "enrollFails" in f)?.enrollFails;
  }
}
