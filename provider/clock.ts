/** Time, injected so tests can run the waits without real sleeps. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The time an operation must finish by (the `timeouts` input; Pulumi's customTimeouts never arrive). */
export class Deadline {
  constructor(
    private readonly clock: Clock,
    readonly at: number,
    readonly budgetText: string,
  ) {}

  static after(clock: Clock, ms: number, budgetText: string): Deadline {
    return new Deadline(clock, clock.now() + ms, budgetText);
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  expired(): boolean {
    return this.remainingMs() === 0;
  }
}
