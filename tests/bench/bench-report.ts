/** The bench's output: lines as they come, all of them again at the end, and the shared formatting. */
import type { RunningEmulator } from "../../emulator";
import type { TerraformEstimate } from "./terraform-schedule";

const lines: string[] = [];

export function report(line: string): void {
  lines.push(line);
  console.log(line);
}

export function reported(): readonly string[] {
  return lines;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The emulator's request log since the last clear: how many calls, by action. */
export function callsSince(emulator: RunningEmulator): { total: number; throttled: number; detail: string } {
  const log = emulator.requestLog();
  const byAction = new Map<string, number>();
  for (const e of log) byAction.set(e.action, (byAction.get(e.action) ?? 0) + 1);
  return {
    total: log.length,
    throttled: log.filter((e) => e.code?.startsWith("Throttling")).length,
    detail: [...byAction].map(([a, n]) => `${a}×${n}`).join(", "),
  };
}

/** When, after `since` (ms epoch), an action was first and last answered 200: "3.10–7.42 s". */
export function answeredSpan(emulator: RunningEmulator, action: string, since: number): string {
  const times = emulator
    .requestLog()
    .filter((e) => e.action === action && e.status === 200)
    .map((e) => Date.parse(e.time) - since);
  if (times.length === 0) return "never";
  return `${(Math.min(...times) / 1000).toFixed(2)}–${(Math.max(...times) / 1000).toFixed(2)} s`;
}

/** One operation, ours beside Terraform's for the same latencies. */
export function reportOperation(
  label: string,
  wallMs: number,
  cloudMs: number,
  calls: { total: number; detail: string },
  terraform: TerraformEstimate,
  targets: { overheadMs: number; calls: number },
): void {
  const overhead = wallMs - cloudMs;
  const pct = ((overhead / cloudMs) * 100).toFixed(1);
  const ok = (good: boolean) => (good ? "met" : "MISSED");
  report(
    `${label}: ${seconds(wallMs)} wall for ${seconds(cloudMs)} of cloud work: overhead ${overhead} ms (${pct} %, target <= ${targets.overheadMs} ms: ${ok(overhead <= targets.overheadMs)}); ${calls.total} calls (target <= ${targets.calls}: ${ok(calls.total <= targets.calls)}): ${calls.detail}`,
  );
  report(
    `    Terraform for the same: overhead ${terraform.overheadMs} ms (${((terraform.overheadMs / cloudMs) * 100).toFixed(1)} %), ${terraform.calls} calls: ${terraform.detail}`,
  );
}
