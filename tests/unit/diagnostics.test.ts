/**
 * One diagnostic per failure: the dynamic-provider host's stderr echo (`${error}: ${error.stack}`) of an
 * error a provider method threw is dropped (the engine reports the message on the resource); every other
 * line still gets through.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { reportedOnce } from "../../provider/diagnostics";

describe("reportedOnce", () => {
  it("drops the host's echo of the error the method threw, once, and nothing else", async () => {
    const error = new Error("cannot delete ServiceMesh c1: cluster c1 still uses ASM");
    const failing = reportedOnce(async () => {
      throw error;
    });
    await assert.rejects(failing, (e) => e === error);
    const lines: string[] = [];
    const restore = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      // console.error writes to stderr; reportedOnce filters it.
      console.error(`${error}: ${error.stack}`); // the host's echo: dropped
      console.error(`${error}: ${error.stack}`); // a second, unrelated print of the same text: kept
      console.error("warning: something else"); // kept
    } finally {
      process.stderr.write = restore;
    }
    assert.equal(lines.length, 2, lines.join("|"));
    assert.match(lines[0] ?? "", /^Error: cannot delete ServiceMesh c1/);
    assert.match(lines[1] ?? "", /^warning: something else/);
  });

  it("passes results through untouched", async () => {
    assert.equal(await reportedOnce(async () => 42), 42);
  });
});
