import type { Clock } from "../clock";

/**
 * Answers to the same read, by key, shared by every caller in the process: callers arriving while it is
 * in flight get the same answer, and, for `reuseMs` after it came, so do later ones. Failures are never
 * kept.
 */
export class SharedAnswers<T> {
  private readonly answers = new Map<string, { at: number; answer: Promise<T> }>();

  constructor(
    private readonly clock: Clock,
    private readonly reuseMs: number,
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    const kept = this.answers.get(key);
    if (kept && this.clock.now() - kept.at < this.reuseMs) return kept.answer;
    const entry = { at: Infinity, answer: read() };
    this.answers.set(key, entry);
    entry.answer.then(
      () => (entry.at = this.clock.now()), // reusable from its answer on
      () => this.answers.get(key) === entry && this.answers.delete(key),
    );
    return entry.answer;
  }
}
