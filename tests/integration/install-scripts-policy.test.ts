// The repository's install-script policy (package.json "allowScripts", read by npm 11): every dependency
// that has an install script is decided, npm itself finds nothing left to review (so `npm ci` is quiet),
// the one script allowed has really run, and docs/installation-configuration.md gives the reason for each
// decision.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openSync, readFileSync, readSync, closeSync } from "node:fs";
import { join } from "node:path";
import { runCommand } from "../support/processes";

const ROOT = join(__dirname, "..", "..");
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), "utf8"));

/** Names of the locked packages that have an install script (npm's `hasInstallScript`). */
function lockedWithScripts(): string[] {
  const lock = read("package-lock.json");
  const names = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
    .filter(([path, entry]) => path !== "" && entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
  return [...new Set(names)].sort();
}

/** allowScripts keys without a version (`esbuild@0.28.2` -> `esbuild`, `@scope/x@1` -> `@scope/x`). */
function decided(): Record<string, boolean> {
  const policy = read("package.json").allowScripts as Record<string, boolean>;
  return Object.fromEntries(Object.entries(policy).map(([key, allow]) => [key.replace(/(.)@.*$/, "$1"), allow]));
}

describe("install-script policy", () => {
  it("decides every dependency install script in the lockfile, and nothing else", () => {
    assert.deepEqual(Object.keys(decided()).sort(), lockedWithScripts());
  });

  it("leaves npm nothing to review, so `npm ci` prints no install-script warning", async () => {
    const r = await runCommand("npm", ["install-scripts", "ls"], { cwd: ROOT, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No packages with unreviewed install scripts/);
  });

  it("ran esbuild's allowed postinstall: bin/esbuild is the native binary, not the JavaScript stand-in", () => {
    // esbuild ships bin/esbuild as a node script and its postinstall replaces it with the platform binary.
    const fd = openSync(join(ROOT, "node_modules", "esbuild", "bin", "esbuild"), "r");
    const head = Buffer.alloc(2);
    readSync(fd, head, 0, 2, 0);
    closeSync(fd);
    assert.notEqual(head.toString(), "#!");
  });

  it("gives the reason for each decision in docs/installation-configuration.md", () => {
    const page = readFileSync(join(ROOT, "docs", "installation-configuration.md"), "utf8");
    const start = page.indexOf("### Install scripts");
    assert.ok(start >= 0, 'docs/installation-configuration.md has no "### Install scripts" section');
    const section = page.slice(start);
    for (const [name, allow] of Object.entries(decided())) {
      const row = section.split("\n").find((l) => l.startsWith(`| \`${name}\``));
      assert.ok(row, `the "Install scripts" table of docs/installation-configuration.md has no row for ${name}`);
      assert.match(row, allow ? /\|\s*runs\s*\|/ : /\|\s*skipped\s*\|/, row);
    }
  });
});
