// Every code block of README.md and docs/ is checked the way its language checks a program, against what
// a user gets: the built package, the plugin's schema and the core's input rules, the SDK's wheel and Go
// module (npm run sdks). The checks are first shown refusing a fixture of wrong examples, among them the
// README's old adopt example (`clusterSpec: "enterprise"`), each failure at its line.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pulumiGoSdk, SDK_PATHS } from "../../devkit/plugin-sdks";
import { GO_MODULE } from "../../plugin/package-name";
import { allCodeBlocks, codeBlocks, type CodeBlock } from "../support/doc-blocks";
import {
  goFailures,
  jsonFailures,
  languageOf,
  pythonFailures,
  shellFailures,
  typeScriptFailures,
  unlabelledBlocks,
  yamlFailures,
  type Language,
} from "../support/doc-block-checks";
import { pythonVenvWithSdk } from "../support/plugin-sdk";

const FIXTURE = "tests/integration/fixtures/wrong-doc-blocks.md";
const GO_SDK_MODULE = { path: GO_MODULE, dir: SDK_PATHS.goModule, pulumiSdk: pulumiGoSdk() };

const only = (blocks: readonly CodeBlock[], language: Language) => blocks.filter((b) => languageOf(b) === language);
const lines = (failures: string[]) => failures.map((f) => /^[^:]+:(\d+):/.exec(f)?.[1]);

const WRONG_EDITION = /clusterSpec must be one of Standard, Enterprise, Ultimate/;

/** Each pattern matches one of the failures (all of which the assertion message lists). */
function reportsEach(failures: string[], ...patterns: RegExp[]): void {
  for (const pattern of patterns) {
    assert.ok(
      failures.some((f) => pattern.test(f)),
      `${pattern} in:\n${failures.join("\n")}`,
    );
  }
}

describe("documentation code blocks", () => {
  const docs = allCodeBlocks();
  const wrong = codeBlocks(readFileSync(join(__dirname, "..", "..", FIXTURE), "utf8"), FIXTURE);
  let python: string;
  before(async () => {
    python = join(await pythonVenvWithSdk(), "bin", "python");
  });

  describe("refuse the wrong examples, each at its line", () => {
    it("a TypeScript edition in lower case (the old adopt example)", async () => {
      const failures = await typeScriptFailures(only(wrong, "typescript"));
      assert.equal(failures.length, 1, failures.join("\n"));
      assert.match(failures[0]!, /^tests\/integration\/fixtures\/wrong-doc-blocks\.md:9: error TS\d+: .*"enterprise"/);
    });

    it("a YAML program's edition in lower case and a meshConfig field the schema lacks", () => {
      const failures = yamlFailures(only(wrong, "yaml"));
      assert.ok(
        failures.length > 0 && failures.every((f) => f.startsWith(`${FIXTURE}:15: resource mesh: `)),
        failures.join("\n"),
      );
      reportsEach(failures, /tracing\.sampleRate is not an input of/, WRONG_EDITION);
    });

    it("a Python keyword the SDK does not take, and the edition in lower case", async () => {
      const failures = await pythonFailures(only(wrong, "python"), python);
      reportsEach(failures, /:33: ServiceMesh\(\) takes no keyword 'deletion'/, WRONG_EDITION);
    });

    it("a Go program that does not build", async () => {
      const failures = await goFailures(only(wrong, "go"), GO_SDK_MODULE);
      assert.deepEqual(lines(failures), ["39"], failures.join("\n"));
      assert.match(failures[0]!, /undefined: undefinedCall/);
    });

    it("an npm script that does not exist and a configuration key the plugin lacks", () => {
      const failures = shellFailures(only(wrong, "shell"));
      assert.deepEqual(lines(failures), ["43", "44"], failures.join("\n"));
      assert.match(failures[0]!, /package\.json has no script "nonexistent-script"/);
      assert.match(failures[1]!, /asm-servicemesh:regin is not a configuration key/);
    });

    it("JSON that does not parse, and a block with no language", () => {
      assert.deepEqual(lines(jsonFailures(only(wrong, "json"))), ["48"]);
      assert.deepEqual(lines(unlabelledBlocks(wrong)), ["51"]);
    });
  });

  describe("in README.md and docs/", () => {
    it("each have a language the checks know", () => assert.deepEqual(unlabelledBlocks(docs), []));
    it("type-check as TypeScript against the built package", async () =>
      assert.deepEqual(await typeScriptFailures(only(docs, "typescript")), []));
    it("give a ServiceMesh in YAML only the schema's inputs, with allowed values", () =>
      assert.deepEqual(yamlFailures(only(docs, "yaml")), []));
    it("call the Python SDK with its own names and allowed values", async () =>
      assert.deepEqual(await pythonFailures(only(docs, "python"), python), []));
    it("build as Go against the SDK's module", async () =>
      assert.deepEqual(await goFailures(only(docs, "go"), GO_SDK_MODULE), []));
    it("run only npm scripts that exist and set only the plugin's configuration keys", () =>
      assert.deepEqual(shellFailures(only(docs, "shell")), []));
    it("hold valid JSON", () => assert.deepEqual(jsonFailures(only(docs, "json")), []));
    it("include each language's example", () => {
      for (const language of ["typescript", "yaml", "python", "go"] as const) {
        assert.ok(only(docs, language).length > 0, `no ${language} block in README.md or docs/`);
      }
    });
  });
});
