// The demo's process identity and port records (scripts/demo/process-identity.ts, ports.ts): pure logic,
// plus reading this test's own process from /proc.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { judge, parseCmdline, parseStat, viewProcess, type ProcessRecord } from "../../scripts/demo/process-identity";
import { portLines, readEnvFile, recordedPorts } from "../../scripts/demo/ports";

/** A /proc/<pid>/stat line: pid, (comm), then fields 3.. with state first and starttime at field 22. */
function statLine(comm: string, state: string, startTime: string): string {
  const rest = Array.from({ length: 50 }, (_, i) => String(i + 3));
  rest[0] = state;
  rest[19] = startTime;
  return `4242 (${comm}) ${rest.join(" ")}\n`;
}

const record: ProcessRecord = { pid: 4242, startTime: "987654", argv: ["/cache/etcd", "--data-dir=/x/.demo/etcd"] };

describe("process identity", () => {
  it("reads state and start time after the command name, even one with spaces and parentheses", () => {
    assert.deepEqual(parseStat(statLine("kube-apiserver", "S", "123")), { state: "S", startTime: "123" });
    assert.deepEqual(parseStat(statLine("a (b) c)", "Z", "99")), { state: "Z", startTime: "99" });
  });

  it("splits a NUL-separated command line", () => {
    const argv = ["/usr/bin/node", "cli.js", "--port", "123"];
    assert.deepEqual(parseCmdline(`${argv.join("\0")}\0`), argv);
  });

  it("calls a process ours when start time and command line match the record", () => {
    assert.deepEqual(judge(record, { state: "S", startTime: "987654", argv: record.argv }), { ours: true });
  });

  it("calls a missing process or a zombie gone: nothing to stop", () => {
    assert.deepEqual(judge(record, undefined), { ours: false, gone: true });
    assert.deepEqual(judge(record, { state: "Z", startTime: "987654", argv: [] }), { ours: false, gone: true });
  });

  it("refuses a reused pid: another start time, whatever it runs", () => {
    const v = judge(record, { state: "S", startTime: "1000000", argv: record.argv });
    assert.equal(v.ours, false);
    assert.match((v as { why: string }).why, /pid 4242 was started at another time/);
  });

  it("refuses a process with the recorded start time but another command line", () => {
    const v = judge(record, { state: "R", startTime: "987654", argv: ["/usr/bin/vim", "notes.txt"] });
    assert.equal(v.ours, false);
    assert.match((v as { why: string }).why, /runs \/usr\/bin\/vim notes\.txt, not ours/);
  });

  it("reads a live process from /proc, and nothing for a pid that does not exist", () => {
    const self = viewProcess(process.pid);
    assert.ok(self, "this process is not in /proc");
    assert.match(self.startTime, /^\d+$/);
    assert.equal(self.argv[0], process.argv0);
    // Above the kernel's pid_max ceiling (2^22), so never a live pid.
    assert.equal(viewProcess(4_194_305), undefined);
  });
});

describe("demo port records", () => {
  it("reads back the ports it writes", () => {
    const ports = { emulator: 41001, etcd: 41002, etcdPeer: 41003, apiserver: 41004 };
    const env = [...portLines(ports), "export KUBECONFIG=/x/.demo/kubeconfig", ""].join("\n");
    assert.deepEqual(recordedPorts(env), ports);
  });

  it("leaves out a missing or malformed port, so a fresh one is chosen for it", () => {
    const env = "export DEMO_EMULATOR_PORT=abc\nexport DEMO_ETCD_PORT=70000\nexport DEMO_APISERVER_PORT=45443\n";
    assert.deepEqual(recordedPorts(env), { apiserver: 45443 });
  });

  it("reads only plain export lines, skipping quoted values", () => {
    const env = `export A=1\nexport B="$(cat x)"\nexport PATH=/p:$PATH\nnot an export\n`;
    assert.deepEqual(readEnvFile(env), { A: "1", PATH: "/p:$PATH" });
  });
});
