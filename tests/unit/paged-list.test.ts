import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { KubeConnection } from "../../provider/kube/kube-connection";
import { forEachChunk, type ListChunk, type Page } from "../../provider/kube/paged-list";

/** A list of `total` numbers served in chunks, with either token spelling; records each request. */
function served(total: number, spelling: "_continue" | "continue") {
  const asked: Page[] = [];
  const connection = {
    call: (fn: (apis: never) => Promise<unknown>) => fn(undefined as never),
  } as unknown as KubeConnection;
  const list = async (_apis: unknown, page: Page): Promise<ListChunk<number>> => {
    asked.push(page);
    const start = Number(page._continue ?? 0);
    const items = Array.from({ length: Math.max(0, Math.min(page.limit, total - start)) }, (_, i) => start + i);
    const next = start + items.length < total ? String(start + items.length) : undefined;
    return { items, metadata: next ? { [spelling]: next } : {} };
  };
  return { asked, connection, list };
}

describe("forEachChunk", () => {
  for (const spelling of ["_continue", "continue"] as const) {
    it(`reads every chunk, following the token spelled ${spelling}`, async () => {
      const { asked, connection, list } = served(23, spelling);
      const seen: number[] = [];
      await forEachChunk(connection, list, "listing", (items) => (seen.push(...items), true), 10);
      assert.deepEqual(
        seen,
        Array.from({ length: 23 }, (_, i) => i),
      );
      assert.deepEqual(asked, [{ limit: 10 }, { limit: 10, _continue: "10" }, { limit: 10, _continue: "20" }]);
    });
  }

  it("stops asking once the visitor has seen enough", async () => {
    const { asked, connection, list } = served(100, "_continue");
    await forEachChunk(connection, list, "listing", () => asked.length < 2, 10);
    assert.equal(asked.length, 2);
  });
});
