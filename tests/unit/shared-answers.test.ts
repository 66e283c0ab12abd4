/** Answers shared by the resources of a process (ACK clusters' details): in flight, then for a while. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { SharedAnswers } from "../../provider/cloud/shared-answers";
import { FakeClock } from "../support/fake-clock";

describe("SharedAnswers", () => {
  it("answers every caller from one read while it is in flight and for reuseMs after, per key", async () => {
    const clock = new FakeClock();
    const answers = new SharedAnswers<string>(clock, 10_000);
    const reads: string[] = [];
    const read = (key: string) => async () => {
      reads.push(key);
      return `${key}@${clock.now()}`;
    };
    const [a, b] = await Promise.all([answers.get("c1", read("c1")), answers.get("c1", read("c1"))]);
    assert.equal(a, b);
    clock.advance(9_999);
    await answers.get("c1", read("c1"));
    await answers.get("c2", read("c2"));
    clock.advance(1);
    await answers.get("c1", read("c1"));
    assert.deepEqual(reads, ["c1", "c2", "c1"]);
  });

  it("keeps no failure", async () => {
    const answers = new SharedAnswers<string>(new FakeClock(), 10_000);
    let reads = 0;
    const failing = async () => {
      reads++;
      throw new Error("throttled past the deadline");
    };
    await assert.rejects(answers.get("c1", failing));
    await assert.rejects(answers.get("c1", failing));
    assert.equal(reads, 2);
  });
});
