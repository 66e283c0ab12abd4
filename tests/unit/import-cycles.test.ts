/** The source's imports run one way: no file reaches itself through its imports (tests are not counted). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importCircles } from "../support/import-cycles";

const ROOT = join(__dirname, "..", "..");
const SOURCE_DIRS = ["sdk", "provider", "plugin", "emulator", "devkit", "scripts"];

describe("import circles", () => {
  it("finds none in the source", () => {
    assert.deepEqual(importCircles(ROOT, SOURCE_DIRS), []);
  });

  it("finds a circle through a type import and a re-export, once, and leaves the files outside it", () => {
    // GIVEN a → b (import type) → c (export … from) → a, and d importing a from outside the circle
    const dir = mkdtempSync(join(tmpdir(), "import-cycles-"));
    try {
      mkdirSync(join(dir, "src", "c"), { recursive: true });
      writeFileSync(join(dir, "src", "a.ts"), 'import { b } from "./b";\nexport const a = b;\n');
      writeFileSync(join(dir, "src", "b.ts"), 'import type { C } from "./c";\nexport const b: C = 1;\n');
      writeFileSync(join(dir, "src", "c", "index.ts"), 'export { a } from "../a";\nexport type C = number;\n');
      writeFileSync(join(dir, "src", "d.ts"), 'import { a } from "./a";\nimport "node:fs";\nexport const d = a;\n');
      // THEN the circle is a, b and c/index, reported once
      assert.deepEqual(importCircles(dir, ["src"]), [["src/a.ts", "src/b.ts", "src/c/index.ts"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
