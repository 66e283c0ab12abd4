// Who a pid is. A pid file alone cannot tell our etcd from whatever process got the same pid after a
// reboot or a long pause: the kernel reuses pids. A process is ours when its start time (clock ticks
// after boot, /proc/<pid>/stat field 22: fixed at fork, unique per pid) and its command line are the ones
// recorded when we started it. Linux only (/proc), like the rest of the local toolchain.
import { readFileSync } from "node:fs";

/** What the demo records when it starts a process (.demo/<name>.process.json). */
export interface ProcessRecord {
  pid: number;
  /** /proc/<pid>/stat field 22, as text (it can exceed 2^53 in theory). */
  startTime: string;
  /** The command and its arguments, as spawned. */
  argv: string[];
}

/** What /proc says about a pid now. */
export interface ProcessView {
  /** Field 3: R, S, D, T, Z (zombie: exited, not yet reaped), ... */
  state: string;
  startTime: string;
  argv: string[];
}

/** Parses /proc/<pid>/stat. The command name (field 2) may hold spaces and parentheses, so fields are counted after its last ")". */
export function parseStat(stat: string): { state: string; startTime: string } {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTime = fields[19];
  if (!state || !startTime) throw new Error(`unreadable /proc stat line: ${stat.slice(0, 80)}`);
  return { state, startTime };
}

/** /proc/<pid>/cmdline: NUL-separated, with a trailing NUL. */
export function parseCmdline(cmdline: string): string[] {
  const parts = cmdline.split("\0");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** The pid as it is now, or undefined when no such process exists. */
export function viewProcess(pid: number): ProcessView | undefined {
  try {
    const { state, startTime } = parseStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
    return { state, startTime, argv: parseCmdline(readFileSync(`/proc/${pid}/cmdline`, "utf8")) };
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT" || (e as { code?: string }).code === "ESRCH") return undefined;
    throw e;
  }
}

export type Verdict =
  | { ours: true }
  /** Nothing to stop: the process has exited (or is a zombie waiting to be reaped). */
  | { ours: false; gone: true }
  /** Something else holds the pid now: never signal it. */
  | { ours: false; gone: false; why: string };

/** Is the process `record` describes still running, and still the one we started? */
export function judge(record: ProcessRecord, now: ProcessView | undefined): Verdict {
  if (!now || now.state === "Z") return { ours: false, gone: true };
  if (now.startTime !== record.startTime) {
    return { ours: false, gone: false, why: `pid ${record.pid} was started at another time: the pid was reused` };
  }
  // The start time alone tells a reused pid; the command line is checked as well, so that a wrong
  // record (a hand-edited file, a clock-tick collision) still never leads to signalling a stranger.
  if (now.argv.join("\0") !== record.argv.join("\0")) {
    return { ours: false, gone: false, why: `pid ${record.pid} runs ${now.argv.slice(0, 2).join(" ")}, not ours` };
  }
  return { ours: true };
}

/** The record for a process just spawned (its start time is fixed from fork on). */
export function recordOf(pid: number, argv: string[]): ProcessRecord {
  const now = viewProcess(pid);
  if (!now) throw new Error(`${argv[0]} (pid ${pid}) exited at once`);
  return { pid, startTime: now.startTime, argv };
}
