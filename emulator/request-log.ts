/** Every API request the emulator answered (admin calls excluded), failures included; never secrets. */
import type { RequestLogEntry } from "./types";

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly max = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear(): void {
    this.entries = [];
  }
}
