// Child processes for the real toolchain (pulumi, kube-apiserver, etcd). Each runs in its own process
// group, and every live one is SIGKILLed with all its descendants when this process exits, so no
// server or plugin outlives a failed test run.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";

const live = new Set<ChildProcess>();
const scratch = new Set<string>();

/** Deletes `dir` when this process exits, unless `keep` is called first (i.e. it was cleaned up). */
export function removeOnExit(dir: string): { keep(): void } {
  scratch.add(dir);
  return { keep: () => scratch.delete(dir) };
}

/** Pids of every descendant of `root`, from /proc (Linux). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the parenthesised command name: state, ppid, ...
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Signals the child's process group and every descendant. pulumi starts each plugin (language host,
 * dynamic provider) in a process group of its own, and the plugins do not notice a dead engine, so
 * killing pulumi's group alone would orphan them.
 */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const tree = signal === "SIGKILL" ? descendants(child.pid) : [];
  signalQuietly(-child.pid, signal);
  for (const pid of tree) signalQuietly(pid, signal);
}

function killAll(): void {
  for (const child of live) killGroup(child, "SIGKILL");
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

process.on("exit", killAll);
// 'exit' does not run when a signal ends the process (e.g. the test runner cancelling a file), so
// clean up on the usual ones and then die by the same signal.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/** Starts a tracked child in its own process group. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  live.add(child);
  child.once("exit", () => live.delete(child));
  // Without a listener a spawn failure (ENOENT) would be an uncaught exception.
  child.once("error", () => live.delete(child));
  return child;
}

/** Resolves once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
}

/** SIGTERM to the child's group, then SIGKILL if it has not exited after graceMs. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  const done = exited(child);
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
}

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when `killWhen` matched and the command was SIGKILLed (or sent `killSignal`) because of it. */
  killedOnMatch: boolean;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** SIGKILL the whole process group as soon as stdout or stderr matches (crash simulation). */
  killWhen?: RegExp;
  /**
   * Send this signal instead, once, to the command's own process only, as Ctrl-C (SIGINT) or `kill`
   * (SIGTERM) would reach `pulumi` (its plugins run in process groups of their own); the command then
   * ends as it decides.
   */
  killSignal?: NodeJS.Signals;
  /** SIGKILL and reject after this long. */
  timeoutMs?: number;
}

/** Runs a command to completion, collecting its output; never rejects on a non-zero exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  const { killWhen, killSignal = "SIGKILL", timeoutMs = 10 * 60_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawnTracked(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let killedOnMatch = false;
    const check = (): void => {
      if (killWhen && !killedOnMatch && (killWhen.test(stdout) || killWhen.test(stderr))) {
        killedOnMatch = true;
        if (killSignal === "SIGKILL") killGroup(child, "SIGKILL");
        else if (child.pid !== undefined) signalQuietly(child.pid, killSignal);
      }
    };
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${err.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, killedOnMatch });
    });
  });
}
