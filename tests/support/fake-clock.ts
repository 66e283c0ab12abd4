import { Deadline, type Clock } from "../../provider/clock";

/**
 * A clock whose `sleep` moves time forward at once: waits and backoffs run in microseconds while the
 * code under test sees the time pass. `slept` is the total simulated waiting, for deadline assertions.
 */
export class FakeClock implements Clock {
  slept = 0;

  constructor(private time = Date.UTC(2026, 0, 9, 2, 25, 19)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.time += ms;
    this.slept += ms;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  deadline(ms: number, budgetText = `${ms}ms`): Deadline {
    return Deadline.after(this, ms, budgetText);
  }
}
