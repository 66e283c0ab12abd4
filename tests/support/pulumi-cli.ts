// Runs the real pulumi CLI, fully offline, on a project directory: a file:// backend in a temp dir,
// a temp PULUMI_HOME, a passphrase secrets provider, no plugin downloads, no update checks.
// The stack's config file lives in the temp dir too (passed with --config-file), so a test never
// writes into the project directory and two tests may share one project.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { removeOnExit, runCommand, type CommandResult } from "./processes";
import { toolchain } from "../../devkit/toolchain";

export type { CommandResult } from "./processes";

export interface PulumiRunOptions {
  /** Return the result of a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Extra environment for this command only. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** For `upUntil`: the signal sent when the output matches (default SIGKILL, to the whole tree). */
  signal?: NodeJS.Signals;
}

export interface PulumiProjectOptions {
  /** The project directory (holding Pulumi.yaml). */
  dir: string;
  /** Stack name; defaults to a unique one. */
  stack?: string;
  /** Environment for every command (e.g. credentials, a kubeconfig path). */
  env?: Record<string, string>;
  config?: Record<string, string>;
  secretConfig?: Record<string, string>;
}

export interface PulumiProject {
  dir: string;
  stack: string;
  /** file:// backend directory; the stack's state is `statePath()` inside it. */
  stateDir: string;
  /** The stack's config file (Pulumi.<stack>.yaml), kept outside the project directory. */
  configFile: string;
  env: Record<string, string>;
  /** Any pulumi command; never throws on a non-zero exit. */
  run(args: string[], opts?: PulumiRunOptions): Promise<CommandResult>;
  preview(args?: string[], opts?: PulumiRunOptions): Promise<CommandResult>;
  /** `preview --json`, parsed: { steps: [{ op, urn, ... }], changeSummary, diagnostics, ... }. */
  previewJson(args?: string[]): Promise<any>;
  up(args?: string[], opts?: PulumiRunOptions): Promise<CommandResult>;
  /** `up` that is SIGKILLed (with its plugins) once its output matches; for crash tests. */
  upUntil(pattern: RegExp, args?: string[], opts?: PulumiRunOptions): Promise<CommandResult>;
  refresh(args?: string[], opts?: PulumiRunOptions): Promise<CommandResult>;
  destroy(args?: string[], opts?: PulumiRunOptions): Promise<CommandResult>;
  /** `pulumi cancel`: removes the lock a killed update leaves behind in the file backend. */
  cancel(): Promise<CommandResult>;
  /** `stack export`: { version, deployment: { resources, pending_operations, ... } }. */
  exportStack(opts?: { showSecrets?: boolean }): Promise<any>;
  stackOutputs(opts?: { showSecrets?: boolean }): Promise<Record<string, unknown>>;
  /** `config set` on this stack, e.g. setConfig("smoke:name", "x") or with { secret: true }. */
  setConfig(key: string, value: string, opts?: { secret?: boolean }): Promise<void>;
  /** Path of the stack's state file in the file:// backend. */
  statePath(): string;
  /** Removes the stack's state and temp dirs (does not run destroy). */
  cleanup(): Promise<void>;
}

function failure(args: string[], r: CommandResult): string {
  return `pulumi ${args.join(" ")} exited with ${r.code ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/**
 * What every pulumi command of a test runs with: a file backend and a home of its own, a passphrase made
 * for this run (nothing key-like is written in the sources), and no update check, plugin download or prompt.
 */
export function isolatedPulumiEnv(stateDir: string, home: string): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: randomBytes(16).toString("hex"),
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
}

export async function pulumiProject(opts: PulumiProjectOptions): Promise<PulumiProject> {
  const tools = toolchain();
  const dir = resolve(opts.dir);
  const stack = opts.stack ?? `t${randomBytes(4).toString("hex")}`;
  const root = await mkdtemp(join(tmpdir(), "pulumi-test-"));
  const scratch = removeOnExit(root);
  const stateDir = join(root, "state");
  const configFile = join(root, `Pulumi.${stack}.yaml`);
  const env: Record<string, string> = { ...isolatedPulumiEnv(stateDir, join(root, "home")), ...opts.env };
  await mkdir(stateDir);
  await mkdir(env.PULUMI_HOME ?? join(root, "home"), { recursive: true });

  const run = async (args: string[], o: PulumiRunOptions & { killWhen?: RegExp } = {}): Promise<CommandResult> => {
    const merged = { ...process.env, ...env, ...o.env };
    // Our bin dir first, so the engine finds our language host and dynamic-provider launcher.
    // The project's own PATH (a Python virtualenv's bin, as an activated one puts it) after the toolchain.
    merged.PATH = `${tools.pulumiBinDir}:${merged.PATH ?? ""}`;
    // Keep the developer's own Pulumi login and tokens out of the test.
    delete merged.PULUMI_ACCESS_TOKEN;
    return runCommand(tools.pulumi, [...args, "--non-interactive", "--color", "never"], {
      cwd: dir,
      env: merged,
      killWhen: o.killWhen,
      killSignal: o.signal,
      timeoutMs: o.timeoutMs,
    });
  };
  const checked = async (args: string[], o: PulumiRunOptions & { killWhen?: RegExp } = {}): Promise<CommandResult> => {
    const r = await run(args, o);
    if (r.code !== 0 && !o.allowFailure && !r.killedOnMatch) throw new Error(failure(args, r));
    return r;
  };
  const onStack = (verb: string[], args: string[]): string[] => [
    ...verb,
    "--stack",
    stack,
    "--config-file",
    configFile,
    ...args,
  ];

  // stack init writes Pulumi.<stack>.yaml (with the passphrase salt) next to Pulumi.yaml; move it out.
  await checked(["stack", "init", stack]);
  const written = join(dir, `Pulumi.${stack}.yaml`);
  if (existsSync(written)) await rename(written, configFile);
  else await writeFile(configFile, "");
  const pairs = [
    ...Object.entries(opts.config ?? {}).map(([k, v]) => ["--plaintext", `${k}=${v}`]),
    ...Object.entries(opts.secretConfig ?? {}).map(([k, v]) => ["--secret", `${k}=${v}`]),
  ].flat();
  if (pairs.length > 0) await checked(["config", "set-all", "--stack", stack, "--config-file", configFile, ...pairs]);

  const statePath = (): string => {
    // The file backend nests stacks by project: .pulumi/stacks/<project>/<stack>.json
    const stacks = join(stateDir, ".pulumi", "stacks");
    for (const project of existsSync(stacks) ? readdirSync(stacks) : []) {
      const path = join(stacks, project, `${stack}.json`);
      if (existsSync(path)) return path;
    }
    return join(stacks, `${stack}.json`);
  };

  return {
    dir,
    stack,
    stateDir,
    configFile,
    env,
    run,
    preview: (args = [], o) => checked(onStack(["preview"], args), o),
    previewJson: async (args = []) => {
      const r = await checked(onStack(["preview", "--json"], args));
      return JSON.parse(r.stdout);
    },
    up: (args = [], o) => checked(onStack(["up", "--yes", "--skip-preview"], args), o),
    upUntil: (pattern, args = [], o) =>
      checked(onStack(["up", "--yes", "--skip-preview"], args), { ...o, killWhen: pattern }),
    refresh: (args = [], o) => checked(onStack(["refresh", "--yes", "--skip-preview"], args), o),
    destroy: (args = [], o) => checked(onStack(["destroy", "--yes", "--skip-preview"], args), o),
    cancel: () => checked(["cancel", "--yes", "--stack", stack]),
    exportStack: async (o = {}) =>
      JSON.parse(
        (await checked(["stack", "export", "--stack", stack, ...(o.showSecrets ? ["--show-secrets"] : [])])).stdout,
      ),
    stackOutputs: async (o = {}) => {
      const args = ["stack", "output", "--json", "--stack", stack, ...(o.showSecrets ? ["--show-secrets"] : [])];
      return JSON.parse((await checked(args)).stdout) as Record<string, unknown>;
    },
    setConfig: async (key, value, o = {}) => {
      await checked([
        "config",
        "set",
        key,
        value,
        "--stack",
        stack,
        "--config-file",
        configFile,
        o.secret ? "--secret" : "--plaintext",
      ]);
    },
    statePath,
    cleanup: async () => {
      await rm(root, { recursive: true, force: true });
      scratch.keep();
      // Written only if a command ran without --config-file; never leave it in the project dir.
      await rm(written, { force: true });
    },
  };
}

/** Reads the stack's state file as the file backend wrote it (for checks on what was persisted). */
export async function readState(project: PulumiProject): Promise<any> {
  return JSON.parse(await readFile(project.statePath(), "utf8"));
}
