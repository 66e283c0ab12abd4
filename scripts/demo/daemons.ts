// The demo's background processes: started detached with a record of who they are
// (.demo/<name>.process.json: pid, start time, command line), and stopped only when the pid still
// belongs to that process, waiting until it has exited.
import { spawn } from "node:child_process";
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { judge, recordOf, viewProcess, type ProcessRecord } from "./process-identity";

/** kube-apiserver drains for up to ~30 s after SIGTERM; past this it is killed. */
const STOP_GRACE_MS = 60_000;
const KILL_WAIT_MS = 10_000;

const SERVICES = ["emulator", "etcd", "kube-apiserver"];
const recordPath = (dir: string, name: string) => join(dir, `${name}.process.json`);

export function readRecord(dir: string, name: string): ProcessRecord | undefined {
  const path = recordPath(dir, name);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as ProcessRecord;
  } catch {
    return undefined;
  }
}

/** Our process `name` is running (the recorded pid is alive and still the process we started). */
export function running(dir: string, name: string): boolean {
  const record = readRecord(dir, name);
  return record !== undefined && judge(record, viewProcess(record.pid)).ours;
}

/** Starts a long-lived process detached from this one, logging to <dir>/<name>.log, and records it. */
export function startDaemon(
  dir: string,
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ProcessRecord {
  const log = openSync(join(dir, `${name}.log`), "a");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", log, log], env });
  if (child.pid === undefined) throw new Error(`cannot start ${name}: ${command} did not start`);
  const record = recordOf(child.pid, [command, ...args]);
  writeFileSync(recordPath(dir, name), JSON.stringify(record) + "\n");
  child.unref();
  return record;
}

async function exitedWithin(record: ProcessRecord, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    if (!judge(record, viewProcess(record.pid)).ours) return true;
  }
  return !judge(record, viewProcess(record.pid)).ours;
}

/**
 * Demos started before process records existed left bare <name>.pid files on fixed ports: nothing proves
 * who those pids are now, so they are reported, never signalled.
 */
function legacyPids(dir: string): { name: string; pid: string }[] {
  return SERVICES.filter((name) => existsSync(join(dir, `${name}.pid`))).map((name) => ({
    name,
    pid: readFileSync(join(dir, `${name}.pid`), "utf8").trim(),
  }));
}

export function legacyAdvice(dir: string): string | undefined {
  const legacy = legacyPids(dir);
  if (legacy.length === 0) return undefined;
  const pids = legacy.map((l) => l.pid).join(" ");
  return (
    `${dir} was started by an earlier demo that recorded bare pids (${legacy.map((l) => `${l.name} ${l.pid}`).join(", ")}). ` +
    `Check them with \`ps -o pid,args -p ${pids.replace(/ /g, ",")}\`, stop those that are still the demo's ` +
    `(\`kill ${pids}\`), then delete ${join(dir, "*.pid")}`
  );
}

/** Stops our process `name`, if it runs, and returns once it has exited. Never signals anyone else. */
async function stopOne(dir: string, name: string, say: (line: string) => void): Promise<void> {
  const record = readRecord(dir, name);
  if (!record) return;
  const verdict = judge(record, viewProcess(record.pid));
  if (!verdict.ours) {
    if (!verdict.gone) say(`not stopping ${name}: ${verdict.why}`);
    rmSync(recordPath(dir, name), { force: true });
    return;
  }
  process.kill(record.pid, "SIGTERM");
  if (!(await exitedWithin(record, STOP_GRACE_MS))) {
    say(`${name} (pid ${record.pid}) still runs ${STOP_GRACE_MS / 1000} s after SIGTERM; sending SIGKILL`);
    if (judge(record, viewProcess(record.pid)).ours) process.kill(record.pid, "SIGKILL");
    if (!(await exitedWithin(record, KILL_WAIT_MS))) throw new Error(`${name} (pid ${record.pid}) survived SIGKILL`);
  }
  rmSync(recordPath(dir, name), { force: true });
  say(`stopped ${name} (pid ${record.pid})`);
}

/**
 * Stops the demo's services: the API server and the emulator together, then etcd, which the API server
 * writes to until it has drained.
 */
export async function stopDaemons(dir: string, say: (line: string) => void = console.log): Promise<void> {
  const advice = legacyAdvice(dir);
  if (advice) say(`not stopping pids without a record: ${advice}`);
  await Promise.all(["kube-apiserver", "emulator"].map((name) => stopOne(dir, name, say)));
  await stopOne(dir, "etcd", say);
}
