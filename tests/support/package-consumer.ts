// A new user's Pulumi program, made the way a new user makes one: `npm pack` of this checkout (which runs
// `prepack`: a clean build), then a fresh directory with Pulumi's template files and `npm install` of the
// tarball from the registry's packages, as an npm user would. Nothing of the checkout leaks in: the
// program resolves every import from its own node_modules.
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand, type CommandResult } from "./processes";

export const ROOT = join(__dirname, "..", "..");

/**
 * The tsconfig.json of Pulumi's `typescript` template (github.com/pulumi/templates, typescript/), in its
 * two generations: `node` resolution from 2024 until March 2026 (what most existing programs have), and
 * `nodenext` since (commit 81e65225, "moduleResolution: node is hard deprecated in TypeScript 6").
 */
const TEMPLATE_BASE = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};
export const PULUMI_TEMPLATE_TSCONFIGS = {
  "2024 template (module commonjs, moduleResolution node)": {
    compilerOptions: { ...TEMPLATE_BASE, module: "commonjs", moduleResolution: "node" },
    files: ["index.ts"],
  },
  "2026 template (module nodenext, moduleResolution nodenext)": {
    compilerOptions: { ...TEMPLATE_BASE, module: "nodenext", moduleResolution: "nodenext" },
    files: ["index.ts"],
  },
} as const;
export type TemplateName = keyof typeof PULUMI_TEMPLATE_TSCONFIGS;

/** What `npm pack --json` reports for the tarball. */
export interface Packed {
  tarball: string;
  files: string[];
  size: number;
  unpackedSize: number;
}

export function describeRun(r: CommandResult): string {
  return `exit ${r.code ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

async function npm(args: string[], cwd: string): Promise<CommandResult> {
  const r = await runCommand("npm", args, { cwd, timeoutMs: 5 * 60_000 });
  if (r.code !== 0) throw new Error(`npm ${args.join(" ")} in ${cwd} failed:\n${describeRun(r)}`);
  return r;
}

/**
 * `npm pack` of the checkout into `dest`; `prepack` cleans dist/ and builds it first. It packs a copy of
 * what the build and the tarball read (so the checkout's own dist/, which other test files run, is never
 * cleaned under them), with the checkout's node_modules linked in for the compiler.
 */
export async function packPackage(dest: string): Promise<Packed> {
  const copy = await mkdtemp(join(tmpdir(), "pack-checkout-"));
  for (const entry of PACKED_SOURCES) await cp(join(ROOT, entry), join(copy, entry), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
  try {
    return await packIn(copy, dest);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** What `prepack` compiles (tsconfig.build.json) and `files` ships, beside package.json. */
const PACKED_SOURCES = [
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "sdk",
  "provider",
  "plugin",
  "emulator",
  "bin",
  "README.md",
  "docs",
  "LICENSE",
  "CHANGELOG.md",
];

async function packIn(checkout: string, dest: string): Promise<Packed> {
  const r = await npm(["pack", "--json", "--pack-destination", dest], checkout);
  // prepack's own output precedes the JSON on stdout.
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf("[")))[0];
  return {
    tarball: join(dest, report.filename),
    files: (report.files as { path: string }[]).map((f) => f.path).sort(),
    size: report.size,
    unpackedSize: report.unpackedSize,
  };
}

/** The README's first TypeScript example, verbatim: what a new user copies into index.ts. */
export function readmeExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const match = /^```ts\n([\s\S]*?)^```$/m.exec(readme);
  if (!match?.[1]) throw new Error("README.md has no ```ts example");
  return match[1];
}

/** The install-script policy for consumers: the `allowScripts` object docs/installation-configuration.md shows. */
export function documentedConsumerAllowScripts(): Record<string, boolean> {
  const page = readFileSync(join(ROOT, "docs", "installation-configuration.md"), "utf8");
  const match = /^```json\n(\{\s*"allowScripts"[\s\S]*?)^```$/m.exec(page);
  if (!match?.[1]) {
    throw new Error('docs/installation-configuration.md shows no ```json block with "allowScripts" for consumers');
  }
  return JSON.parse(match[1]).allowScripts;
}

export interface Consumer {
  dir: string;
  /** npm install's output (its warnings are on stderr). */
  install: CommandResult;
}

/**
 * A Pulumi TypeScript program in `dir`: the template's package.json (with TypeScript 5.9.3, the newest 5.x,
 * which `typescript: ^5` resolves to, and the given @pulumi/pulumi) plus this package from `tarball`, the
 * README example as index.ts, and the 2024 template tsconfig.json (the commonest today).
 */
export async function makeConsumer(
  dir: string,
  tarball: string,
  allowScripts: Record<string, boolean>,
  pulumiVersion = "3.248.0",
): Promise<Consumer> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\ndescription: a new user's program\n");
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify(
      {
        name: "consumer",
        main: "index.ts",
        devDependencies: { "@types/node": "^20.19.0", typescript: "5.9.3" },
        dependencies: { "@pulumi/pulumi": pulumiVersion },
        allowScripts,
      },
      null,
      2,
    ),
  );
  await writeFile(join(dir, "index.ts"), readmeExample());
  await writeTsconfig(
    dir,
    "tsconfig.json",
    PULUMI_TEMPLATE_TSCONFIGS["2024 template (module commonjs, moduleResolution node)"],
  );
  // --prefer-offline: the packages this checkout's `npm ci` fetched are reused from npm's cache.
  const install = await npm(["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], dir);
  return { dir, install };
}

export async function writeTsconfig(dir: string, name: string, tsconfig: object): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(tsconfig, null, 2));
  return path;
}

/**
 * Installs the given TypeScript versions side by side into `dir` (as npm aliases `ts-<version>`, one npm
 * call) and returns the path of each one's tsc.
 */
export async function installTypeScripts(dir: string, versions: readonly string[]): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "typescripts", private: true }));
  const specs = versions.map((v) => `ts-${v}@npm:typescript@${v}`);
  await npm(["install", "--no-audit", "--no-fund", "--prefer-offline", ...specs], dir);
  return Object.fromEntries(versions.map((v) => [v, join(dir, "node_modules", `ts-${v}`, "bin", "tsc")]));
}

/** `tsc --noEmit -p tsconfig` with the given tsc, in the program's directory. */
export function typeCheck(tsc: string, dir: string, tsconfig: string): Promise<CommandResult> {
  return runCommand(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", tsconfig], {
    cwd: dir,
    timeoutMs: 5 * 60_000,
  });
}
