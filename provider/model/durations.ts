/** Parses Pulumi-style durations ("30m", "90s", "1h30m", "500ms") into milliseconds. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * (UNIT_MS[unit ?? ""] ?? 0);
  return total > 0 ? total : undefined;
}

export const DEFAULT_TIMEOUT = "30m";

/** Each operation's deadline when `timeouts` does not set it; refresh only reads, so it gives up sooner. */
export const DEFAULT_TIMEOUTS = {
  read: "5m",
  create: DEFAULT_TIMEOUT,
  update: DEFAULT_TIMEOUT,
  delete: DEFAULT_TIMEOUT,
};

/** The deadline of an operation in milliseconds: its `timeouts` entry, else the default (`check` refused bad text). */
export function budgetMs(text: string): number {
  return parseDuration(text) ?? 30 * 60_000;
}
