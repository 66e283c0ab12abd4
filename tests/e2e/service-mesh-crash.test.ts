// End-to-end through the real pulumi CLI: `pulumi up` SIGKILLed (with its language host and dynamic
// provider) at step boundaries, then recovered. The emulator runs with slow latencies so each kill lands
// mid-step: right after CreateServiceMesh (the mesh is provisioning), while the cluster is enrolling,
// and while MeshConfigApplied runs (on create, and mid-UpdateMeshFeature on an edition upgrade).
//
// Crash recovery (pulumi v3.248, file backend, non-interactive), in this order:
//
//   1. pulumi cancel --yes --stack <stack>
//      A killed update leaves its lock in the backend (.pulumi/locks/<org>/<project>/<stack>/*.json);
//      every later update refuses with "the stack is currently locked" until it is removed.
//   2. rm -f <backend>/.pulumi/stacks/<project>/<stack>.json.attrs        # only if it is 0 bytes
//      A kill during a checkpoint write can leave an empty metadata sidecar next to the state file.
//   3. pulumi refresh --clear-pending-creates --yes --stack <stack>
//      A kill during a create leaves a pending CREATE operation. Non-interactively, refresh never
//      clears it without this flag, and `pulumi up` only warns ("Attempting to deploy or update
//      resources with 1 pending operations from previous deployment"), re-runs the create, and keeps
//      the pending operation in state until this refresh drops it. A kill during an update leaves a
//      pending UPDATE, which the next up clears by itself; this step is then not needed.
//   4. pulumi up --yes --stack <stack>
//      Runs the interrupted create (or update) again. The provider resumes from the CR's status: the
//      mesh name recorded before CreateServiceMesh (and the mesh id, once known) is looked up first,
//      and an enrollment or update in flight is waited for, so no second mesh is made.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusterReader } from "../support/kube-read";
import { startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import type { PulumiProject } from "../support/pulumi-cli";
import { lockFiles, pendingOperations, removeEmptyAttrs } from "../support/interrupted-up";

const SLOW = { provisionMs: 3000, enrollMs: 2000, updateMs: 1000, removeMs: 500, deleteMs: 500 };
const STEPS_TRUE = [
  "PreChecked=True/Passed",
  "ServiceMeshAvailable=True/Available",
  "ClusterEnrolled=True/Succeeded",
  "MeshConfigApplied=True/Succeeded",
];
const PENDING_WARNING = "Attempting to deploy or update resources with 1 pending operations from previous deployment";

const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] });
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

/** SIGKILLs `up` when its output matches, then releases the lock as documented above. */
async function killUpAt(stack: PulumiProject, at: RegExp): Promise<void> {
  const killed = await stack.upUntil(at);
  assert.equal(killed.killedOnMatch, true, `up was not killed at ${at}:\n${output(killed)}`);
  assert.equal(lockFiles(stack).length, 1, "the killed update left its lock");
  await stack.cancel();
  assert.deepEqual(lockFiles(stack), []);
  removeEmptyAttrs(stack);
}

describe("ServiceMesh after pulumi up is killed, through the real pulumi CLI", () => {
  let w: MeshWorld;
  const meshesFor = (clusterId: string) =>
    w.emulator.inventory().meshes.filter((m) => m.name === `mesh-for-${clusterId}` || m.clusters.includes(clusterId));

  /** One mesh for the cluster, enrolled and running; the CR and the stack agree with it. */
  async function assertConverged(stack: PulumiProject, clusterId: string): Promise<string> {
    const meshes = meshesFor(clusterId);
    assert.deepEqual(
      meshes.map((m) => [m.name, m.state, m.clusters]),
      [[`mesh-for-${clusterId}`, "running", [clusterId]]],
    );
    const meshId = meshes[0]!.serviceMeshId;
    const cr = await clusterReader(w.kube.kubeconfig).serviceMesh();
    assert.equal(cr.status.serviceMeshId, meshId);
    assert.equal(cr.status.serviceMeshName, `mesh-for-${clusterId}`);
    assert.deepEqual(
      cr.status.conditions
        .filter((c: any) => c.type !== "Retried")
        .map((c: any) => `${c.type}=${c.status}/${c.reason}`),
      STEPS_TRUE,
    );
    const outputs = await stack.stackOutputs();
    assert.equal(outputs["serviceMeshId"], meshId);
    assert.equal(outputs["ready"], true);
    assert.deepEqual(await pendingOperations(stack), []);
    await stack.preview(["--expect-no-changes"]);
    return meshId;
  }

  before(async () => {
    w = await startMeshWorld(
      { clusters: [cluster("ccrash1"), cluster("ccrash2"), cluster("ccrash3"), cluster("ccrash4")] },
      SLOW,
    );
  });
  after(async () => w?.stop());

  it("recovers from a kill right after CreateServiceMesh, adopting the provisioning mesh by its recorded name", async () => {
    // GIVEN up is killed while the new mesh provisions
    const stack = await w.stack({ clusterId: "ccrash1" });
    await killUpAt(stack, /ServiceMeshAvailable: Unknown\/WaitSteady/);
    const made = meshesFor("ccrash1");
    assert.equal(made.length, 1, "the create call went out before the kill");
    // The creation request itself records whose mesh it is (no CR write has to land first).
    assert.deepEqual(
      made[0]?.tags.filter((t) => t.Key.startsWith("pulumi-asm-servicemesh/")),
      [
        { Key: "pulumi-asm-servicemesh/cluster", Value: "ccrash1" },
        { Key: "pulumi-asm-servicemesh/owner", Value: `mesh-e2e/${stack.stack}/mesh` },
      ],
    );
    assert.deepEqual(await pendingOperations(stack), ["creating mesh"]);

    // WHEN the interrupted create is cleared from state, and up runs
    await stack.refresh(["--clear-pending-creates"]);
    assert.deepEqual(await pendingOperations(stack), []);
    w.emulator.clearRequestLog();
    const up = await stack.up();

    // THEN the mesh is found by name, not created again
    assert.doesNotMatch(output(up), /creating mesh/);
    assert.deepEqual(
      w.emulator.requestLog().filter((e) => e.action === "CreateServiceMesh"),
      [],
    );
    await assertConverged(stack, "ccrash1");
    await stack.destroy(); // every stack here shares the one CR istio-system/mesh
  });

  it("recovers from a kill while the cluster enrolls, waiting for the enrollment in flight instead of repeating it", async () => {
    // GIVEN up is killed after AddClusterIntoServiceMesh, while the enrollment is in flight
    const stack = await w.stack({ clusterId: "ccrash2" });
    await killUpAt(stack, /ClusterEnrolled: Unknown\/WaitSteady/);
    const [mesh] = meshesFor("ccrash2");
    assert.ok(mesh);
    assert.deepEqual(mesh.clusters, ["ccrash2"], "the enroll call went out before the kill");
    assert.equal((await clusterReader(w.kube.kubeconfig).serviceMesh()).status.serviceMeshId, mesh.serviceMeshId);

    // WHEN the documented recovery runs
    await stack.refresh(["--clear-pending-creates"]);
    w.emulator.clearRequestLog();
    await stack.up();

    // THEN the provider resumes on the same mesh and the same enrollment
    const calls = w.emulator.requestLog().map((e) => e.action);
    assert.equal(calls.includes("CreateServiceMesh"), false, calls.join(" "));
    assert.equal(
      calls.includes("AddClusterIntoServiceMesh"),
      false,
      "the enrollment in flight is waited for, not repeated",
    );
    assert.equal(await assertConverged(stack, "ccrash2"), mesh.serviceMeshId);
    await stack.destroy();
  });

  it("recovers from a kill while MeshConfigApplied runs on create with a plain up, and a later refresh clears the pending create", async () => {
    // GIVEN up is killed as the last step starts
    const stack = await w.stack({ clusterId: "ccrash3" });
    await killUpAt(stack, /MeshConfigApplied: Unknown\/Reconciling/);
    const [mesh] = meshesFor("ccrash3");
    assert.ok(mesh);

    // WHEN the next up runs without clearing the pending create
    w.emulator.clearRequestLog();
    const up = await stack.up();

    // THEN pulumi warns and re-runs the create; the provider converges on the same mesh with no mutating call
    assert.ok(output(up).includes(PENDING_WARNING), output(up));
    const mutating = w.emulator.requestLog().filter((e) => /^(Create|Add|Update|Modify)/.test(e.action));
    assert.deepEqual(
      mutating.map((e) => e.action),
      [],
    );
    assert.deepEqual(
      await pendingOperations(stack),
      ["creating mesh"],
      "pulumi keeps a pending create until told to drop it",
    );

    // WHEN the pending create is dropped afterwards (this refresh also reads the live resource back)
    await stack.refresh(["--clear-pending-creates"]);

    // THEN state, cloud and CR agree and nothing is pending
    assert.equal(await assertConverged(stack, "ccrash3"), mesh.serviceMeshId);
    await stack.destroy();
  });

  it("recovers from a kill mid-UpdateMeshFeature during an edition upgrade", async () => {
    // GIVEN a converged Standard mesh being upgraded to Enterprise, and up killed while the mesh updates
    const stack = await w.stack({ clusterId: "ccrash4", clusterSpec: "Standard" });
    await stack.up();
    const meshId = meshesFor("ccrash4")[0]!.serviceMeshId;
    await stack.setConfig("mesh-e2e:clusterSpec", "Enterprise");
    await killUpAt(stack, /MeshConfigApplied: Unknown\/WaitSteady/);
    const sent = w.emulator
      .requestLog()
      .filter((e) => e.action === "UpdateMeshFeature" && e.params["ServiceMeshId"] === meshId);
    assert.equal(sent.length, 1, "the update call went out before the kill");
    assert.deepEqual(await pendingOperations(stack), ["updating mesh"]);

    // WHEN the next up runs
    const up = await stack.up();

    // THEN the upgrade completes on the same mesh, and state, CR and cloud agree on Enterprise
    assert.ok(output(up).includes(PENDING_WARNING), output(up));
    assert.equal(await assertConverged(stack, "ccrash4"), meshId);
    assert.equal(meshesFor("ccrash4")[0]!.clusterSpec, "enterprise");
    const cr = await clusterReader(w.kube.kubeconfig).serviceMesh();
    assert.deepEqual([cr.spec.clusterSpec, cr.status.clusterSpec], ["Enterprise", "Enterprise"]);
    await stack.destroy();
  });
});
