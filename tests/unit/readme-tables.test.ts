/** docs/reference.md's tables list every input and every meshConfig field, with the parameter the table sends. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MESH_CONFIG_FIELDS } from "../../provider/model/mesh-config-fields";
import { INPUT_KEYS } from "../../provider/model/validate";

const REFERENCE = readFileSync(join(__dirname, "../../docs/reference.md"), "utf8");
const rows = REFERENCE.split("\n").filter((line) => line.startsWith("| `"));

describe("docs/reference.md tables (Inputs, The mesh configuration)", () => {
  for (const key of INPUT_KEYS) {
    it(`has a row for the input ${key}`, () =>
      assert.ok(
        rows.some((r) => new RegExp(`^\\| [^|]*\`${key}\``).test(r)),
        `no Inputs row names ${key}`,
      ));
  }
  for (const field of MESH_CONFIG_FIELDS) {
    it(`has the meshConfig row ${field.path} → ${field.param}`, () =>
      assert.ok(
        rows.some(
          (r) =>
            r.startsWith(`| \`${field.path}\` `) &&
            r.includes(`\`${field.param}\``) &&
            r.includes(`\`${field.reported}\``),
        ),
        `no meshConfig row for ${field.path} with ${field.param} and ${field.reported}`,
      ));
  }
});
