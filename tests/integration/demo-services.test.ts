// The demo's background services (scripts/demo/services.ts) as two checkouts on one machine run them:
// two demo directories side by side, each with its own emulator, etcd and kube-apiserver on free ports
// recorded in its env file; `stop` of one stops only its own processes, returns once they have exited,
// and never signals a process that merely holds a recorded pid. Real processes throughout (the toolchain's
// etcd and kube-apiserver, the built emulator); no pulumi.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request } from "node:https";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRecord } from "../../scripts/demo/daemons";
import { choosePorts, recordedPorts, type Ports } from "../../scripts/demo/ports";
import { judge, recordOf, viewProcess } from "../../scripts/demo/process-identity";
import { exited, runCommand, spawnTracked, stopProcess, type CommandResult } from "../support/processes";
import { toolchain } from "../../devkit/toolchain";

const ROOT = join(__dirname, "..", "..");
const SERVICES = ["emulator", "etcd", "kube-apiserver"];

function services(verb: "start" | "stop", dir: string): Promise<CommandResult> {
  return runCommand(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "demo", "services.ts"), verb], {
    cwd: ROOT,
    env: { ...process.env, PULUMI_ASM_DEMO_DIR: dir, PULUMI_BIN_DIR: toolchain().pulumiBinDir },
    timeoutMs: 3 * 60_000,
  });
}

function status(url: string): Promise<number> {
  const send = url.startsWith("https:") ? request : httpRequest;
  return new Promise((done) => {
    const req = send(url, { rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on("error", () => done(0));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

const portsOf = (dir: string): Ports => recordedPorts(readFileSync(join(dir, "env"), "utf8")) as Ports;
const ours = (dir: string, name: string) => {
  const record = readRecord(dir, name);
  return record !== undefined && judge(record, viewProcess(record.pid)).ours;
};
const run = (r: CommandResult) => `exit ${r.code}\n${r.stdout}\n${r.stderr}`;

describe("two demos side by side", () => {
  let a: string;
  let b: string;

  before(async () => {
    assert.ok(existsSync(join(ROOT, "dist", "emulator", "cli.js")), "dist/ is missing: run `npm run build` first");
    a = await mkdtemp(join(tmpdir(), "demo-a-"));
    b = await mkdtemp(join(tmpdir(), "demo-b-"));
    for (const dir of [a, b]) {
      const r = await services("start", dir);
      assert.equal(r.code, 0, run(r));
    }
  });
  after(async () => {
    for (const dir of [a, b]) if (dir) await services("stop", dir);
    for (const dir of [a, b]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("runs both on different free ports, each recorded in its own env file and serving", async () => {
    const [pa, pb] = [portsOf(a), portsOf(b)];
    const all = [...Object.values(pa), ...Object.values(pb)];
    assert.equal(new Set(all).size, 8, JSON.stringify({ a: pa, b: pb }));
    for (const p of [pa, pb]) {
      assert.equal(await status(`http://127.0.0.1:${p.emulator}/__emulator/inventory`), 200);
      assert.equal(await status(`https://127.0.0.1:${p.apiserver}/readyz`), 200);
    }
    for (const name of SERVICES) assert.ok(ours(a, name) && ours(b, name), `${name} is not running in both`);
  });

  it("finds its services running on a second start and keeps their ports", async () => {
    const before = portsOf(a);
    const r = await services("start", a);
    assert.equal(r.code, 0, run(r));
    assert.match(r.stdout, /emulator already running/);
    assert.match(r.stdout, /kube-apiserver already running/);
    assert.deepEqual(portsOf(a), before);
  });

  it("stops only its own processes and returns once they have exited; the other demo keeps serving", async () => {
    const records = SERVICES.map((name) => readRecord(a, name)!);
    const r = await services("stop", a);
    assert.equal(r.code, 0, run(r));
    for (const record of records) {
      // Checked once, right after stop returned: no waiting here, stop itself waited.
      assert.equal(judge(record, viewProcess(record.pid)).ours, false, `pid ${record.pid} still runs`);
      assert.match(r.stdout, new RegExp(`stopped \\S+ \\(pid ${record.pid}\\)`));
    }
    for (const name of SERVICES) assert.ok(ours(b, name), `${name} of the other demo stopped`);
    assert.equal(await status(`https://127.0.0.1:${portsOf(b).apiserver}/readyz`), 200);
  });
});

describe("demo:down's identity check", () => {
  it("never signals a process that holds a recorded pid but is not the one recorded", async () => {
    const dir = await mkdtemp(join(tmpdir(), "demo-stranger-"));
    const stranger = spawnTracked("sleep", ["600"], { stdio: "ignore" });
    try {
      const real = recordOf(stranger.pid!, ["sleep", "600"]);
      // GIVEN records naming the stranger's pid: one from another start time (pid reused), one for
      // another command line
      writeFileSync(join(dir, "emulator.process.json"), JSON.stringify({ ...real, startTime: "1" }));
      writeFileSync(join(dir, "etcd.process.json"), JSON.stringify({ ...real, argv: ["/cache/etcd"] }));
      // WHEN the demo is stopped
      const r = await services("stop", dir);
      // THEN the stranger still runs, and stop said why it left it alone
      assert.equal(r.code, 0, run(r));
      assert.equal(viewProcess(stranger.pid!)?.state === "Z", false);
      assert.ok(viewProcess(stranger.pid!), "the stranger was killed");
      assert.match(r.stdout, /not stopping emulator: pid \d+ was started at another time/);
      assert.match(r.stdout, /not stopping etcd: pid \d+ runs sleep 600, not ours/);
    } finally {
      await stopProcess(stranger);
      await exited(stranger);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a .demo left by an earlier version (bare pid files)", () => {
  it("refuses to start beside it and never signals its pids, saying what to check and stop", async () => {
    const dir = await mkdtemp(join(tmpdir(), "demo-legacy-"));
    const old = spawnTracked("sleep", ["600"], { stdio: "ignore" });
    try {
      writeFileSync(join(dir, "etcd.pid"), String(old.pid));
      const started = await services("start", dir);
      assert.equal(started.code, 1, run(started));
      assert.match(started.stderr, new RegExp(`earlier demo that recorded bare pids \\(etcd ${old.pid}\\)`));
      const stopped = await services("stop", dir);
      assert.equal(stopped.code, 0, run(stopped));
      assert.match(stopped.stdout, new RegExp(`not stopping pids without a record: .*kill ${old.pid}`));
      assert.ok(viewProcess(old.pid!), "the recorded pid was signalled");
    } finally {
      await stopProcess(old);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("demo ports", () => {
  const hold = (): Promise<Server> =>
    new Promise((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => resolve(s));
    });

  it("reuses a recorded port that is free, and replaces one another program holds", async () => {
    const busy = await hold();
    const busyPort = (busy.address() as { port: number }).port;
    const probe = await hold();
    const freePort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    try {
      const { ports, replaced } = await choosePorts({ emulator: busyPort, etcd: freePort }, new Set());
      assert.equal(ports.etcd, freePort);
      assert.notEqual(ports.emulator, busyPort);
      assert.deepEqual(replaced, ["emulator"]);
      assert.equal(new Set(Object.values(ports)).size, 4);
    } finally {
      await new Promise<void>((r) => busy.close(() => r()));
    }
  });
});
