import { DEFAULT_LATENCIES, type Latencies } from "../emulator";

/**
 * The provider's `servicemesh:expectedDurations` for an emulator with these latencies: the provider's
 * schedule then knows what this "cloud" takes, as it would be told (or learn) a real region's timings.
 * Without it, the provider expects ASM's real minute-long provisioning of a local emulator.
 */
export function expectedDurationsFor(latency: Partial<Latencies> = {}): string {
  const l = { ...DEFAULT_LATENCIES, ...latency };
  return JSON.stringify({
    provision: `${l.provisionMs}ms`,
    enroll: `${l.enrollMs}ms`,
    update: `${l.updateMs}ms`,
    remove: `${l.removeMs}ms`,
    delete: `${l.deleteMs}ms`,
  });
}
