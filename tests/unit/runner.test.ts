/**
 * The step runner and the two passes built on it, over the stateful fakes: steps run in the declared
 * order, the first step that does not hold stops the list, what steps learned is carried (also into the
 * partial state Pulumi keeps), a resumed pass says it retried, and a refused teardown removes nothing.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { failed, succeeded } from "../../provider/conditions/condition";
import type { StepReportType } from "../../provider/conditions/vocabulary";
import { create } from "../../provider/lifecycle/create";
import { deleteServiceMesh } from "../../provider/lifecycle/delete";
import { update } from "../../provider/lifecycle/update";
import type { Desired } from "../../provider/model/desired";
import { APPLY_STEPS } from "../../provider/pipeline/apply";
import type { Observed } from "../../provider/pipeline/observed";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import { runSteps } from "../../provider/pipeline/runner";
import { StatusPublisher } from "../../provider/pipeline/status-publisher";
import type { Step, StepResult } from "../../provider/pipeline/step";
import { TEARDOWN_STEPS } from "../../provider/pipeline/teardown";
import type { Settings } from "../../provider/settings";
import { world, type World } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };
const desired: Desired = { clusterId: "c1234", deletionPolicy: "Retain" };

/** A step that records that it ran and answers what it is told. */
function step(condition: StepReportType, answer: (observed: Observed) => StepResult, ran: string[]): Step {
  return {
    condition,
    title: condition,
    run: async (_ctx, _desired, observed) => {
      ran.push(condition);
      return answer(observed);
    },
  };
}

async function run(w: World, steps: Step[], observed: Observed = {}) {
  const publisher = new StatusPublisher(w.deps, { conditions: [] });
  const outcome = await runSteps({ steps, ctx: w.ctx, publisher, desired, observed });
  return { outcome, publisher };
}

const statuses = (publisher: StatusPublisher) => publisher.status.conditions.map((c) => [c.type, c.status, c.reason]);

describe("runSteps", () => {
  it("runs the steps in order, each seeing what the earlier ones learned", async () => {
    const ran: string[] = [];
    const { outcome, publisher } = await run(world(), [
      step("PreChecked", () => ({ condition: succeeded("PreChecked"), learned: { region: "cn-beijing" } }), ran),
      step(
        "ServiceMeshAvailable",
        (o) => ({ condition: succeeded("ServiceMeshAvailable"), learned: { meshName: `in ${o.region}` } }),
        ran,
      ),
    ]);
    assert.deepEqual(ran, ["PreChecked", "ServiceMeshAvailable"]);
    assert.deepEqual(outcome, { ok: true, observed: { region: "cn-beijing", meshName: "in cn-beijing" } });
    assert.deepEqual(statuses(publisher), [
      ["PreChecked", "True", "Passed"],
      ["ServiceMeshAvailable", "True", "Available"],
    ]);
  });

  it("stops at the first step that does not hold, keeping what it learned, and runs nothing after it", async () => {
    const ran: string[] = [];
    const { outcome, publisher } = await run(world(), [
      step("PreChecked", () => ({ condition: succeeded("PreChecked") }), ran),
      step(
        "ServiceMeshAvailable",
        () => ({ condition: failed("ServiceMeshAvailable", "no quota"), learned: { meshId: "m1" } }),
        ran,
      ),
      step("ClusterEnrolled", () => ({ condition: succeeded("ClusterEnrolled") }), ran),
    ]);
    assert.deepEqual(ran, ["PreChecked", "ServiceMeshAvailable"]);
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && "failure" in outcome);
    assert.equal(outcome.failure.message, "no quota");
    assert.equal(outcome.observed.meshId, "m1");
    assert.deepEqual(statuses(publisher), [
      ["PreChecked", "True", "Passed"],
      ["ServiceMeshAvailable", "False", "Failed"],
    ]);
  });

  it("turns an exception thrown by a step into that step's failed condition", async () => {
    const { outcome, publisher } = await run(world(), [
      step(
        "PreChecked",
        () => {
          throw new TypeError("boom");
        },
        [],
      ),
    ]);
    assert.ok(!outcome.ok && "failure" in outcome);
    assert.equal(outcome.failure.message, "unexpected error: boom");
    assert.deepEqual(statuses(publisher), [["PreChecked", "False", "Failed"]]);
  });

  it("sets a condition that several steps report True only after the last of them", async () => {
    const seen: string[][] = [];
    const w = world();
    const publisher = new StatusPublisher(w.deps, { conditions: [] });
    const watch = (): StepResult => {
      seen.push(statuses(publisher).map((s) => s.join("/")));
      return { condition: succeeded("ServiceMeshDeleted") };
    };
    const steps = [1, 2, 3].map(() => step("ServiceMeshDeleted", watch, []));
    await runSteps({ steps, ctx: w.ctx, publisher, desired, observed: {} });
    assert.deepEqual(seen, [
      ["ServiceMeshDeleted/Unknown/Reconciling"],
      ["ServiceMeshDeleted/Unknown/Reconciling"],
      ["ServiceMeshDeleted/Unknown/Reconciling"],
    ]);
    assert.deepEqual(statuses(publisher), [["ServiceMeshDeleted", "True", "Succeeded"]]);
  });

  it("reports a status write that fails between steps as an interruption, with what was learned, the step False", async () => {
    const w = world();
    await w.crCluster.applyCr({ clusterId: "c1234", deletionPolicy: "Retain" });
    const cr = await w.crCluster.readCr();
    let writes = 0;
    const write = w.crCluster.writeStatus.bind(w.crCluster);
    // The first write (PreChecked Reconciling) lands; the apiserver is down by the time the step is done.
    w.crCluster.writeStatus = async (status) => {
      if (++writes > 1) throw new Error("apiserver down");
      await write(status);
    };
    const { outcome, publisher } = await run(
      w,
      [step("PreChecked", () => ({ condition: succeeded("PreChecked"), learned: { region: "cn-beijing" } }), [])],
      { customResource: cr },
    );
    assert.ok(!outcome.ok && "interrupted" in outcome);
    assert.equal((outcome.interrupted as Error).message, "apiserver down");
    assert.equal(outcome.observed.region, "cn-beijing");
    // The state Pulumi keeps says the step did not complete, and why.
    assert.deepEqual(
      publisher.status.conditions.map((c) => [c.type, c.status, c.message]),
      [["PreChecked", "False", "unexpected error: apiserver down"]],
    );
  });

  it("declares the seed's steps in order", () => {
    assert.deepEqual(
      APPLY_STEPS.map((s) => s.condition),
      ["PreChecked", "ServiceMeshAvailable", "ClusterEnrolled", "MeshConfigApplied"],
    );
    assert.deepEqual(
      TEARDOWN_STEPS.map((s) => s.title),
      [
        "confirm the mesh is ours",
        "check usage",
        "remove the cluster",
        "delete the mesh per policy",
        "remove the custom resource",
      ],
    );
  });
});

describe("the apply pass", () => {
  it("carries the mesh it created into the partial state of a failed create, and resumes with Retried", async () => {
    // GIVEN an enrollment that will fail once
    const w = world();
    w.asm.enrollPath = ["initial", "failed"];
    w.asm.enrollErrorMessage = "the cluster's API server is unreachable";
    const props = { clusterId: "c1234", name: "mesh-for-c1234", deletionPolicy: "Retain", __provider: "p" };
    // WHEN create runs
    const failure = await create(props, settings, w.deps).then(
      () => assert.fail("expected the create to fail"),
      (e: unknown) => e,
    );
    // THEN the engine gets the resource id and a state naming the mesh that now exists
    assert.ok(failure instanceof PartialFailure);
    const [mesh] = w.asm.meshesNamed("mesh-for-c1234");
    assert.equal(failure.properties["serviceMeshId"], mesh?.id);
    assert.equal(failure.properties["__provider"], "p");
    assert.match(failure.message, /^ServiceMesh c1234: ClusterEnrolled failed: .*unreachable/);
    assert.equal(w.crCluster.cr?.status?.serviceMeshId, mesh?.id);

    // WHEN the next `pulumi up` updates it
    w.asm.enrollPath = ["initial", "running"];
    const { outs } = await update(failure.properties, props, settings, w.deps);
    // THEN it resumes at the failed step, says so, and uses the same mesh
    const retried = outs.status.conditions.find((c) => c.type === "Retried");
    assert.match(retried?.message ?? "", /^resuming at ClusterEnrolled after: /);
    assert.deepEqual([outs.ready, outs.serviceMeshId, w.asm.meshes.size], [true, mesh?.id, 1]);
  });
});

describe("the teardown pass", () => {
  it("refuses while the cluster uses the mesh and leaves the mesh, the enrollment and the CR in place", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    await w.crCluster.applyCr({ clusterId: "c1234", deletionPolicy: "Delete" });
    w.enrolledCluster.usage.sidecarPods = ["shop/cart-0"];
    const outputs = { clusterId: "c1234", serviceMeshId: mesh.id, deletionPolicy: "Delete" };
    await assert.rejects(deleteServiceMesh(outputs, settings, w.deps), /pods with sidecars: shop\/cart-0/);
    assert.deepEqual([w.asm.meshes.size, [...mesh.clusters.keys()]], [1, ["c1234"]]);
    assert.ok(w.crCluster.cr, "the CR stays");
    const deleted = w.crCluster.cr.status?.conditions?.find((c) => c.type === "ServiceMeshDeleted");
    assert.deepEqual([deleted?.status, deleted?.reason], ["False", "Failed"]);
  });
});
