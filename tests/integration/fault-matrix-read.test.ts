// Integration: faults during `read` (pulumi refresh) through the real clients, the emulator and a real
// kube-apiserver behind a pausable proxy. A refresh either reads through the fault or fails with a clear
// error, so the engine keeps state as it was; only ASM's ServiceMesh.NotFound for the recorded mesh drops
// the resource (Terraform's alicloud provider also drops it on 403, 500 and 503, and then makes a second
// mesh on the next apply: here, never).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Fault } from "../../emulator";
import { clusterIdFor, seedCluster, startMatrix, type MatrixRun } from "../support/fault-matrix-kit";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";

type Outcome = { reads: true } | { fails: RegExp } | { drops: true };

interface ReadCase {
  fault: string;
  inject(run: MatrixRun, meshId: string): void | Promise<unknown>;
  expect: Outcome;
}

const on = (f: Omit<Fault, "action"> & Record<string, unknown>) => (run: MatrixRun) =>
  run.h.emulator.injectFault({ action: "DescribeServiceMeshDetail", ...f } as Fault);

const CASES: ReadCase[] = [
  {
    fault: "Throttling.User ×2",
    inject: on({ code: "Throttling.User", status: 400, times: 2 }),
    expect: { reads: true },
  },
  {
    fault: "500 InternalError ×2",
    inject: on({ code: "InternalError", status: 500, times: 2 }),
    expect: { reads: true },
  },
  { fault: "dropped connection ×2", inject: on({ dropConnection: true, times: 2 }), expect: { reads: true } },
  { fault: "slow response (1.5 s)", inject: on({ delayMs: 1_500 }), expect: { reads: true } },
  {
    fault: "503 ServiceUnavailable past the read deadline",
    inject: on({ code: "ServiceUnavailable", status: 503, message: "try later", times: 1_000 }),
    expect: { fails: /cannot read mesh \w+: ServiceUnavailable: try later/ },
  },
  {
    fault: "dropped connections past the read deadline",
    inject: on({ dropConnection: true, times: 1_000 }),
    expect: { fails: /cannot read mesh \w+: NetworkError/ },
  },
  {
    fault: "403 Forbidden.RAM",
    inject: on({ code: "Forbidden.RAM", status: 403, message: "not authorized to DescribeServiceMeshDetail" }),
    expect: { fails: /cannot read mesh \w+: Forbidden\.RAM: not authorized/ },
  },
  {
    fault: "404 with a code that does not say the mesh is gone",
    inject: on({ code: "EntityNotFound", status: 404, message: "route not found" }),
    expect: { fails: /cannot read mesh \w+: EntityNotFound: route not found/ },
  },
  {
    fault: "kube-apiserver unreachable past the read deadline",
    inject: (run) => run.proxy.outage(8_000),
    expect: { fails: /cannot read ServiceMesh istio-system\/cr-\w+: Kubernetes\.\S+/ },
  },
  {
    fault: "the mesh deleted out of band (ServiceMesh.NotFound)",
    inject: (run, meshId) => run.h.emulator.mutate.deleteMesh(meshId),
    expect: { drops: true },
  },
];

describe("fault matrix: read (pulumi refresh)", () => {
  let h: MeshHarness | undefined;
  let run: MatrixRun | undefined;

  before(async () => {
    h = await startMeshHarness({ seed: { clusters: CASES.map((_, i) => seedCluster(clusterIdFor("fr", i))) } });
    run = await startMatrix(h);
  });
  after(async () => {
    await run?.proxy.stop();
    await h?.stop();
  });

  CASES.forEach((c, i) => {
    const outcome = "reads" in c.expect ? "reads through" : "fails" in c.expect ? "fails, state kept" : "drops";
    it(`read · ${c.fault} → ${outcome}`, async () => {
      if (!h || !run) throw new Error("the harness did not start");
      const clusterId = clusterIdFor("fr", i);
      const state = await h.create({
        clusterId,
        customResourceName: `cr-${clusterId}`,
        kubeconfig: run.kubeconfig,
        deletionPolicy: "Delete",
        timeouts: { read: "4s" },
      });
      const meshId = String(state["serviceMeshId"]);
      const pending = c.inject(run, meshId);
      const result = await h.read(state).then(
        (r) => ({ r }),
        (e: Error) => ({ e }),
      );
      await pending;
      h.emulator.clearFaults();
      await run.proxy.resume();

      if ("reads" in c.expect) {
        assert.ok("r" in result, `expected the refresh to read through: ${"e" in result ? result.e.message : ""}`);
        assert.equal(result.r.id, clusterId);
        assert.equal(result.r.props?.["serviceMeshId"], meshId);
        assert.deepEqual(result.r.props?.["drift"], []);
      } else if ("fails" in c.expect) {
        // The engine keeps state as it was when read throws; nothing may say "gone".
        assert.ok("e" in result, `expected the refresh to fail, got ${JSON.stringify("r" in result ? result.r : {})}`);
        assert.match(result.e.message, c.expect.fails);
        assert.equal(h.emulator.inventory().meshes.filter((m) => m.serviceMeshId === meshId).length, 1);
      } else {
        assert.ok("r" in result);
        assert.deepEqual(result.r, {}, "an empty answer removes the resource from state");
        return;
      }
      await h.delete(state);
    });
  });
});
