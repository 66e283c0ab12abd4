/** Unit tests for the emulator's lazy state machine, fault queue and token bucket, driven by a fake clock. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FaultQueue, isFault } from "../../emulator/faults";
import { Inventory } from "../../emulator/state";
import { Throttle } from "../../emulator/throttle";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("Inventory.settle", () => {
  function inventory(now: { t: number }) {
    return Inventory.open(
      {
        clusters: [{ clusterId: "c-1", regionId: "cn-hangzhou" }],
        meshes: [{ serviceMeshId: "m1", name: "m", regionId: "cn-hangzhou" }],
      },
      undefined,
      () => now.t,
    );
  }

  it("completes an enrollment only once its time has come", () => {
    const now = { t: 1000 };
    const inv = inventory(now);
    const mesh = inv.meshes.get("m1");
    assert.ok(mesh);
    mesh.clusters.push("c-1");
    mesh.state = "updating";
    mesh.pending = { kind: "enroll", clusterId: "c-1", completesAt: 1500 };
    now.t = 1499;
    inv.settle();
    assert.equal(mesh.state, "updating");
    now.t = 1500;
    inv.settle();
    assert.equal(mesh.state, "running");
    assert.deepEqual(mesh.clusters, ["c-1"]);
    assert.equal(inv.snapshot().clusters[0]?.serviceMeshId, "m1");
  });

  it("removes a deleted mesh and detaches a removed cluster", () => {
    const now = { t: 0 };
    const inv = inventory(now);
    const mesh = inv.meshes.get("m1");
    assert.ok(mesh);
    mesh.clusters = ["c-1"];
    mesh.pending = { kind: "remove", clusterId: "c-1", completesAt: 10 };
    now.t = 10;
    inv.settle();
    assert.deepEqual(mesh.clusters, []);
    mesh.pending = { kind: "delete", completesAt: 20 };
    now.t = 20;
    inv.settle();
    assert.equal(inv.meshes.size, 0);
  });

  it("records an enrollment failure on the mesh and returns it to running", () => {
    const now = { t: 0 };
    const inv = inventory(now);
    const mesh = inv.meshes.get("m1");
    assert.ok(mesh);
    mesh.clusters = ["c-1"];
    mesh.state = "updating";
    mesh.pending = { kind: "enroll", clusterId: "c-1", completesAt: 0, enrollFailure: { code: "X", message: "y" } };
    inv.settle();
    assert.equal(mesh.state, "running");
    assert.deepEqual(mesh.clusters, []);
    assert.deepEqual(mesh.failedEnrollments, [{ clusterId: "c-1", code: "X", message: "y", at: 0 }]);
  });
});

describe("FaultQueue", () => {
  it("consumes an action fault the given number of times", () => {
    const q = new FaultQueue();
    q.add({ action: "A", times: 2, code: "C", status: 500 });
    assert.ok(q.takeForAction("A"));
    assert.equal(q.takeForAction("B"), undefined);
    assert.ok(q.takeForAction("A"));
    assert.equal(q.takeForAction("A"), undefined);
  });

  it("keeps mesh-end-state and enrollment faults apart", () => {
    const q = new FaultQueue();
    q.add({ enrollFails: { code: "C", message: "m" } });
    q.add({ meshEndState: "failed" });
    assert.equal(q.takeMeshEndState(), "failed");
    assert.deepEqual(q.takeEnrollFailure(), { code: "C", message: "m" });
    assert.equal(q.takeEnrollFailure(), undefined);
  });

  const invalid: unknown[] = [
    null,
    {},
    { action: "A" },
    { action: "A", code: "C", status: 200 },
    { meshEndState: "ok" },
    { action: "A", delayMs: 5, times: 0 },
  ];
  for (const f of invalid) {
    it(`refuses the malformed fault ${JSON.stringify(f)}`, () => assert.equal(isFault(f), false));
  }
});

describe("Throttle", () => {
  it("allows a burst of qps calls per key and product, then refills at qps per second", () => {
    const now = { t: 0 };
    const t = new Throttle({ perKey: 2 }, () => now.t);
    assert.equal(t.take("a", "servicemesh", "X"), 0);
    assert.equal(t.take("a", "servicemesh", "Y"), 0);
    assert.equal(t.take("a", "servicemesh", "X"), 500);
    assert.equal(t.take("b", "servicemesh", "X"), 0, "another key has its own bucket");
    assert.equal(t.take("a", "cs", "X"), 0, "so has another product: ACK's quota is not ASM's");
    now.t = 500;
    assert.equal(t.take("a", "servicemesh", "X"), 0);
  });

  it("limits each action of a key on its own, as each API has its own quota", () => {
    const now = { t: 0 };
    const t = new Throttle({ perKey: 10, perAction: 1 }, () => now.t);
    assert.equal(t.take("a", "servicemesh", "DescribeServiceMeshes"), 0);
    assert.equal(t.take("a", "servicemesh", "DescribeServiceMeshes"), 1000, "that action's bucket is empty");
    assert.equal(t.take("a", "servicemesh", "DescribeServiceMeshDetail"), 0, "another action still has its own");
    now.t = 1000;
    assert.equal(t.take("a", "servicemesh", "DescribeServiceMeshes"), 0);
  });

  it("does not spend a key's token on a call its action refuses", () => {
    const t = new Throttle({ perKey: 2, perAction: 1 }, () => 0);
    assert.equal(t.take("a", "servicemesh", "X"), 0);
    assert.ok(t.take("a", "servicemesh", "X") > 0);
    assert.equal(t.take("a", "servicemesh", "Y"), 0, "the refused X call left the key a token");
  });

  it("is unlimited without a limit", () => {
    const t = new Throttle({}, () => 0);
    for (let i = 0; i < 100; i++) assert.equal(t.take("a", "servicemesh", "X"), 0);
  });
});

describe("state files", () => {
  it("reads a format-1 file (camel-case meshConfig) into the official shape, keeping its settings", () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-state-"));
    const path = join(dir, "state.json");
    Inventory.open({ meshes: [{ serviceMeshId: "m1", name: "m", regionId: "cn-hangzhou" }] }, path, () => 0);
    const written = JSON.parse(readFileSync(path, "utf8"));
    assert.equal(written.format, 2);
    // What an earlier version wrote: format 1, the emulator's own meshConfig shape.
    written.format = 1;
    written.meshes[0].meshConfig = {
      tracing: true,
      traceSampling: 30,
      proxy: { limitCPU: "3", clusterDomain: "mesh.internal" },
      audit: { enabled: true, project: "p" },
    };
    writeFileSync(path, JSON.stringify(written));
    const mesh = Inventory.open(undefined, path, () => 0).meshes.get("m1");
    const config = mesh?.meshConfig as any;
    assert.deepEqual(
      [
        config.Tracing,
        config.Pilot.TraceSampling,
        config.Proxy.LimitCPU,
        config.Proxy.ClusterDomain,
        config.Audit.Enabled,
      ],
      [true, 30, "3", "mesh.internal", true],
    );
    assert.equal(config.Proxy.RequestCPU, "100m", "settings it did not have get the defaults");
    rmSync(dir, { recursive: true, force: true });
  });
});
