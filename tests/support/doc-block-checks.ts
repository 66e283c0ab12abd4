/**
 * Each documentation code block checked the way its language checks a program, against what a user gets:
 * TypeScript type-checked against the built package, YAML programs' ServiceMesh properties against the
 * plugin's schema and the core's input rules, Python against the SDK wheel (names) and the same rules,
 * Go built against the SDK module, shell blocks' npm scripts and plugin config keys against package.json
 * and the schema, JSON parsed. Every failure is a line `file:line: what is wrong`.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAllYaml } from "@kubernetes/client-node";
import { SERVICE_MESH_TOKEN } from "../../plugin/package-name";
import { validateFields } from "../../provider/model/validate";
import { UNKNOWN } from "../../provider/model/unknown";
import { ROOT, type CodeBlock } from "./doc-blocks";
import { removeOnExit, runCommand } from "./processes";

/** The info strings a block may carry, by the check it gets. */
const LANGUAGES = {
  typescript: ["ts", "typescript"],
  yaml: ["yaml", "yml"],
  python: ["python", "py"],
  go: ["go"],
  shell: ["sh", "bash", "shell", "console"],
  json: ["json"],
  /** Output a command prints, a directory tree: nothing to run (the kubectl explain block has a test of its own). */
  text: ["text"],
} as const;
export type Language = keyof typeof LANGUAGES;

export function languageOf(block: CodeBlock): Language | undefined {
  return (Object.keys(LANGUAGES) as Language[]).find((l) => (LANGUAGES[l] as readonly string[]).includes(block.lang));
}

const at = (block: CodeBlock, offset = 0) => `${block.file}:${block.line + offset}`;

export function unlabelledBlocks(blocks: readonly CodeBlock[]): string[] {
  const known = Object.values(LANGUAGES).flat().join(", ");
  return blocks
    .filter((b) => languageOf(b) === undefined)
    .map((b) => `${at(b, -1)}: a block ${b.lang ? `in "${b.lang}"` : "with no language"}; label it one of ${known}`);
}

interface Schema {
  config: { variables: Record<string, unknown> };
  resources: Record<string, { inputProperties: Record<string, { $ref?: string }> }>;
  types: Record<string, { properties?: Record<string, { $ref?: string }> }>;
}

export function pluginSchema(): Schema {
  return JSON.parse(readFileSync(join(ROOT, "plugin", "schema.json"), "utf8")) as Schema;
}

/** `npm run X` names a script of package.json; `asm-servicemesh:K` a configuration key of the schema. */
export function shellFailures(blocks: readonly CodeBlock[], schema = pluginSchema()): string[] {
  const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as object);
  const keys = Object.keys(schema.config.variables);
  return blocks.flatMap((b) =>
    b.code
      .split("\n")
      .flatMap((line, i) => [
        ...[...line.matchAll(/\bnpm run(?: --silent)? ([\w:.-]+)/g)]
          .filter(([, s]) => !scripts.includes(s!))
          .map(
            ([, s]) => `${at(b, i)}: npm run ${s}: package.json has no script "${s}" (it has ${scripts.join(", ")})`,
          ),
        ...[...line.matchAll(/\basm-servicemesh:(\w+)/g)]
          .filter(([, k]) => !keys.includes(k!) && k !== "index")
          .map(
            ([, k]) =>
              `${at(b, i)}: asm-servicemesh:${k} is not a configuration key of the plugin (${keys.join(", ")})`,
          ),
      ]),
  );
}

export function jsonFailures(blocks: readonly CodeBlock[]): string[] {
  return blocks.flatMap((b) => {
    try {
      JSON.parse(b.code);
      return [];
    } catch (e) {
      return [`${at(b)}: not JSON: ${(e as Error).message}`];
    }
  });
}

/** A YAML program's interpolation (`${cluster.id}`) is a value known only at run time: unknown at check. */
function literalInputs(value: unknown): unknown {
  if (typeof value === "string") return /\$\{[^}]+\}/.test(value) ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map(literalInputs);
  if (value && typeof value === "object") {
    if (Object.keys(value).some((k) => k.startsWith("fn::"))) return UNKNOWN;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalInputs(v)]));
  }
  return value;
}

/** Property names the schema does not have, at any depth of the object types it names. */
function unknownProperties(
  schema: Schema,
  given: unknown,
  properties: Record<string, { $ref?: string }>,
  path = "",
): string[] {
  if (!given || typeof given !== "object" || Array.isArray(given)) return [];
  return Object.entries(given).flatMap(([key, value]) => {
    const spec = properties[key];
    if (!spec) return [`${path}${key} is not an input of ${SERVICE_MESH_TOKEN} in plugin/schema.json`];
    const nested = spec.$ref?.replace("#/types/", "");
    const type = nested ? schema.types[nested]?.properties : undefined;
    return type ? unknownProperties(schema, value, type, `${path}${key}.`) : [];
  });
}

/** The ServiceMesh properties of a Pulumi YAML program: schema names, then the core's rules on literal values. */
export function yamlFailures(blocks: readonly CodeBlock[], schema = pluginSchema()): string[] {
  const inputs = schema.resources[SERVICE_MESH_TOKEN]!.inputProperties;
  return blocks.flatMap((b) => {
    let documents: unknown[];
    try {
      documents = loadAllYaml(b.code);
    } catch (e) {
      return [`${at(b)}: not YAML: ${(e as Error).message.split("\n")[0]}`];
    }
    return documents.flatMap((doc) => {
      const resources = (doc as { resources?: Record<string, { type?: string; properties?: unknown }> } | null)
        ?.resources;
      return Object.entries(resources ?? {})
        .filter(([, r]) => r?.type === SERVICE_MESH_TOKEN)
        .flatMap(([name, r]) => {
          const properties = (r.properties ?? {}) as Record<string, unknown>;
          const names = unknownProperties(schema, properties, inputs);
          const rules = validateFields(literalInputs(properties) as Record<string, unknown>).map((f) => f.reason);
          return [...names, ...rules].map((reason) => `${at(b)}: resource ${name}: ${reason}`);
        });
    });
  });
}

/** A directory for generated files, under the repository so `pulumi-asm-servicemesh` resolves to itself. */
function scratchDir(prefix: string): string {
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "tmp", prefix));
  removeOnExit(dir);
  return dir;
}

/**
 * Every TypeScript block as a module of one program, type-checked by tsc against the built package
 * (dist/, by its own name and "exports", as a program that installed it resolves it). Strict, as
 * examples/ are; a block may declare a value it does not use (it shows one resource, not a whole program).
 */
export async function typeScriptFailures(blocks: readonly CodeBlock[]): Promise<string[]> {
  if (blocks.length === 0) return [];
  const dir = scratchDir("doc-blocks-ts-");
  blocks.forEach((b, i) => writeFileSync(join(dir, `block${i}.ts`), `${b.code}\nexport {};\n`));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "node16",
        moduleResolution: "node16",
        lib: ["ES2022"],
        types: ["node"],
        strict: true,
        noImplicitReturns: true,
        noUncheckedIndexedAccess: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ["*.ts"],
    }),
  );
  const tsc = join(ROOT, "node_modules", ".bin", "tsc");
  const r = await runCommand(tsc, ["-p", dir, "--pretty", "false"], { cwd: ROOT, timeoutMs: 5 * 60_000 });
  if (r.code === 0) return [];
  const failures = [...r.stdout.matchAll(/^(?:.*\/)?block(\d+)\.ts\((\d+),\d+\): (error .*)$/gm)].map(
    ([, i, line, message]) => {
      const b = blocks[Number(i)]!;
      return `${at(b, Number(line) - 1)}: ${message}`;
    },
  );
  return failures.length > 0 ? failures : [`tsc failed on the TypeScript blocks:\n${r.stdout}${r.stderr}`];
}

/**
 * Python blocks compiled by `python` (a virtualenv with the SDK installed), and every keyword of a call
 * to the SDK's classes (`ServiceMesh(...)`, `MeshConfigArgs(...)`) checked against its signatures; the literal inputs of each
 * ServiceMesh then go through the core's rules, as the plugin's check runs them.
 */
export async function pythonFailures(blocks: readonly CodeBlock[], python: string): Promise<string[]> {
  if (blocks.length === 0) return [];
  const input = join(scratchDir("doc-blocks-py-"), "blocks.json");
  writeFileSync(input, JSON.stringify(blocks.map((b) => b.code)));
  const r = await runCommand(python, [join(__dirname, "python-block-check.py"), input, UNKNOWN], {
    timeoutMs: 60_000,
  });
  if (r.code !== 0) return [`the Python block checker failed (exit ${r.code}):\n${r.stdout}${r.stderr}`];
  const results = JSON.parse(r.stdout) as { errors: { line: number; message: string }[]; meshes: unknown[] }[];
  return results.flatMap((result, i) => {
    const b = blocks[i]!;
    const rules = result.meshes.flatMap((inputs) =>
      validateFields(inputs as Record<string, unknown>).map((f) => `${at(b)}: ServiceMesh: ${f.reason}`),
    );
    return [...result.errors.map((e) => `${at(b, e.line - 1)}: ${e.message}`), ...rules];
  });
}

/** Each Go block a `package main` of its own, built against the SDK module (required through a `replace`). */
export async function goFailures(
  blocks: readonly CodeBlock[],
  sdkModule: { path: string; dir: string; pulumiSdk: string },
): Promise<string[]> {
  if (blocks.length === 0) return [];
  const dir = scratchDir("doc-blocks-go-");
  blocks.forEach((b, i) => {
    mkdirSync(join(dir, `block${i}`));
    writeFileSync(join(dir, `block${i}`, "main.go"), b.code);
  });
  writeFileSync(
    join(dir, "go.mod"),
    [
      "module docblocks",
      "",
      "go 1.24",
      "",
      `require ${sdkModule.path} v0.0.0`,
      "",
      `replace ${sdkModule.path} => ${sdkModule.dir}`,
      "",
    ].join("\n"),
  );
  const env = { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", CGO_ENABLED: "0" };
  const go = (args: string[]) => runCommand("go", args, { cwd: dir, env, timeoutMs: 15 * 60_000 });
  const got = await go(["get", sdkModule.pulumiSdk]);
  if (got.code !== 0) return [`go get ${sdkModule.pulumiSdk} failed:\n${got.stderr}`];
  const r = await go(["vet", "./..."]);
  if (r.code === 0) return [];
  const failures = [...r.stderr.matchAll(/^(?:vet: )?(?:.*\/)?block(\d+)\/main\.go:(\d+):(?:\d+:)? (.*)$/gm)].map(
    ([, i, line, message]) => `${at(blocks[Number(i)]!, Number(line) - 1)}: ${message}`,
  );
  return failures.length > 0 ? failures : [`go vet failed on the Go blocks:\n${r.stderr}`];
}
