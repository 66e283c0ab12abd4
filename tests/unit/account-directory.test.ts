/** What provider processes on one machine share about an account: where it lives, how it stays bounded, the learned durations. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accountDirectory, pruneAccounts } from "../../provider/cloud/account-directory";
import { LearnedDurationsFile } from "../../provider/cloud/learned-durations";

async function withDir(run: (dir: string) => void | Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "accounts-"));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("accountDirectory", () => {
  it("is one directory per account and region, named by a hash: no key on disk", () => {
    const dir = accountDirectory("https://asm.cn-hangzhou.example/LTAIabc", { XDG_CACHE_HOME: "/c" });
    assert.match(dir, /^\/c\/pulumi-asm-servicemesh\/accounts\/[0-9a-f]{32}$/);
    assert.equal(dir.includes("LTAI"), false);
    assert.notEqual(accountDirectory("https://asm.eu-central-1.example/LTAIabc", { XDG_CACHE_HOME: "/c" }), dir);
  });

  it("moves with SERVICEMESH_CACHE_DIR", () => {
    const dir = accountDirectory("k", { SERVICEMESH_CACHE_DIR: "/s", XDG_CACHE_HOME: "/c" });
    assert.match(dir, /^\/s\/accounts\/[0-9a-f]{32}$/);
  });

  it("keeps the most recently used accounts, removing the rest", () =>
    withDir((root) => {
      for (let i = 0; i < 5; i++) {
        mkdirSync(join(root, `a${i}`));
        utimesSync(join(root, `a${i}`), 1_000 + i, 1_000 + i);
      }
      pruneAccounts(root, 3);
      assert.deepEqual(readdirSync(root).sort(), ["a2", "a3", "a4"]);
      pruneAccounts(join(root, "missing"), 3); // nothing there: nothing to do, no error
    }));
});

describe("LearnedDurationsFile", () => {
  it("reads nothing from a missing file, and merges each kind written into one small object", () =>
    withDir((dir) => {
      const file = new LearnedDurationsFile(dir);
      assert.deepEqual(file.read(), {});
      file.write("provision", 91_234.6);
      new LearnedDurationsFile(dir).write("enroll", 40_000); // another process
      assert.deepEqual(file.read(), { provision: 91_235, enroll: 40_000 });
      assert.deepEqual(readdirSync(dir), ["durations.json"], "no temporary file left");
      assert.equal(readFileSync(join(dir, "durations.json"), "utf8"), '{"provision":91235,"enroll":40000}\n');
    }));

  it("ignores a file it did not write: unknown keys, values that are no durations, not JSON", () =>
    withDir((dir) => {
      const path = join(dir, "durations.json");
      writeFileSync(path, '{"provision":-1,"enroll":"30s","update":20000,"secret":"x","delete":1e12}');
      assert.deepEqual(new LearnedDurationsFile(dir).read(), { update: 20_000 });
      writeFileSync(path, "{half");
      assert.deepEqual(new LearnedDurationsFile(dir).read(), {});
    }));

  it("learns nothing, and throws nothing, where it cannot write", () =>
    withDir((dir) => {
      const file = new LearnedDurationsFile(join(dir, "missing", "deeper"));
      file.write("update", 1_000);
      assert.deepEqual(file.read(), {});
    }));
});
