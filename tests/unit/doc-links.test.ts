/** README.md and docs/ link only to files and headings that exist, and the README stays short. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { anchorOf, brokenLinks, documentationFiles, ROOT } from "../support/doc-blocks";

describe("documentation links", () => {
  it("resolve, file and heading, in README.md and every docs/ page", () => {
    assert.ok(documentationFiles().length > 1, "docs/ holds pages");
    assert.deepEqual(brokenLinks(), []);
  });

  it("keep README.md within two screens (200 lines)", () => {
    const lines = readFileSync(join(ROOT, "README.md"), "utf8").split("\n").length - 1;
    assert.ok(lines <= 200, `README.md is ${lines} lines`);
  });

  it("link every docs/ page from README.md", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const unlinked = documentationFiles()
      .filter((f) => f !== "README.md")
      .filter((f) => !readme.includes(`](${f})`) && !readme.includes(`](${f}#`));
    assert.deepEqual(unlinked, []);
  });

  it("name GitHub's anchors for headings with code and punctuation", () => {
    assert.equal(
      anchorOf("Every language, and `pulumi import`: the provider plugin"),
      "every-language-and-pulumi-import-the-provider-plugin",
    );
    assert.equal(anchorOf("A read-only reference: `ServiceMesh.get`"), "a-read-only-reference-servicemeshget");
  });

  it("find a missing file, a missing heading and a repeated heading's anchor, and pass URLs and code", () => {
    // GIVEN a README linking to a page, a missing page, a missing heading, and a repeated heading's second anchor
    const root = mkdtempSync(join(tmpdir(), "doc-links-"));
    try {
      mkdirSync(join(root, "docs"));
      writeFileSync(join(root, "docs", "page.md"), "# Page\n\n## Usage\n\n## Usage\n\n```sh\n# not a heading\n```\n");
      writeFileSync(
        join(root, "README.md"),
        [
          "[ok](docs/page.md) [ok](docs/page.md#usage) [ok](docs/page.md#usage-1) [url](https://example.com/x.md)",
          "[gone](docs/gone.md) [no heading](docs/page.md#not-a-heading) `[in code](docs/nowhere.md)`",
          "",
        ].join("\n"),
      );
      // THEN exactly the two broken ones are named
      assert.deepEqual(brokenLinks(root), [
        "README.md: docs/gone.md (no docs/gone.md)",
        "README.md: docs/page.md#not-a-heading (no heading #not-a-heading in docs/page.md)",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
