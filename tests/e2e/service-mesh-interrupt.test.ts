// End-to-end: `pulumi up` interrupted as a user does it, through the real pulumi CLI: Ctrl-C (SIGINT) and
// `kill` (SIGTERM) to the pulumi process, while the mesh provisions and while the cluster enrolls. pulumi
// 3.248 takes either signal as a request to cancel: it starts no new step, lets the provider finish the
// create in flight (the provider's steps are not cut short, so no half-made binding is left), records it, and
// exits 1 with "update canceled". The recovery in docs/operations.md (the same for every interrupt, a SIGKILL
// included) then ends with exactly one mesh, the cluster enrolled once, a consistent CR and nothing pending.
// (A SIGKILL, or a second Ctrl-C, is service-mesh-crash.test.ts.)
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusterReader } from "../support/kube-read";
import { pendingOperations } from "../support/interrupted-up";
import { startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import type { PulumiProject } from "../support/pulumi-cli";

const SLOW = { provisionMs: 3000, enrollMs: 2000, updateMs: 1000, removeMs: 500, deleteMs: 500 };
const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] });
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

// The signal goes out on the line logged as the operation starts: the provisioning (3 s) or the
// enrollment (2 s) is then under way. (A "WaitSteady" progress line would need a look to find it still
// running, and a provider that learned the emulator's pace from the earlier cases looks when it is done.)
const PROVISIONING = /creating mesh mesh-for-/;
const ENROLLING = /enrolling cluster cint\d into mesh/;
const CASES = [
  { signal: "SIGINT", during: "provisioning", at: PROVISIONING, clusterId: "cint1" },
  { signal: "SIGINT", during: "enrolling", at: ENROLLING, clusterId: "cint2" },
  { signal: "SIGTERM", during: "provisioning", at: PROVISIONING, clusterId: "cint3" },
  { signal: "SIGTERM", during: "enrolling", at: ENROLLING, clusterId: "cint4" },
] as const;

/** docs/operations.md, "Recovering from an interrupted `pulumi up`", command for command. */
async function recover(stack: PulumiProject): Promise<void> {
  await stack.cancel();
  await stack.refresh(["--clear-pending-creates"]);
  await stack.up();
}

describe("pulumi up interrupted by SIGINT or SIGTERM", () => {
  let w: MeshWorld;
  const calls = (action: string, clusterId: string) =>
    w.emulator.requestLog().filter((e) => e.action === action && (e.params["ClusterId"] ?? clusterId) === clusterId);

  before(async () => {
    w = await startMeshWorld({ clusters: CASES.map((c) => cluster(c.clusterId)) }, SLOW);
  });
  after(async () => w?.stop());

  for (const { signal, during, at, clusterId } of CASES) {
    it(`${signal} while the ${during === "provisioning" ? "mesh provisions" : "cluster enrolls"}: one mesh, enrolled once, a consistent CR`, async () => {
      // GIVEN an up interrupted mid-step (each case with a CR of its own in the shared cluster)
      const stack = await w.stack({ clusterId, customResourceName: clusterId });
      w.emulator.clearRequestLog();
      const interrupted = await stack.upUntil(at, [], { signal });
      assert.equal(interrupted.killedOnMatch, true, output(interrupted));
      assert.equal(interrupted.code, 1, output(interrupted));
      assert.match(output(interrupted), /update canceled/);

      // WHEN the documented recovery runs
      await recover(stack);

      // THEN one mesh serves the cluster, made once and enrolled once, and state, CR and cloud agree
      const meshes = w.emulator.inventory().meshes.filter((m) => m.clusters.includes(clusterId));
      assert.deepEqual(
        meshes.map((m) => [m.name, m.state]),
        [[`mesh-for-${clusterId}`, "running"]],
      );
      assert.equal(calls("CreateServiceMesh", clusterId).length, 1);
      assert.equal(calls("AddClusterIntoServiceMesh", clusterId).length, 1);
      const outputs = await stack.stackOutputs();
      assert.deepEqual([outputs["serviceMeshId"], outputs["ready"]], [meshes[0]?.serviceMeshId, true]);
      const cr = await clusterReader(w.kube.kubeconfig).serviceMesh(clusterId);
      assert.equal(cr?.status?.serviceMeshId, meshes[0]?.serviceMeshId);
      assert.deepEqual(
        cr.status.conditions.filter((c: any) => c.type !== "Retried").map((c: any) => `${c.type}=${c.status}`),
        ["PreChecked=True", "ServiceMeshAvailable=True", "ClusterEnrolled=True", "MeshConfigApplied=True"],
      );
      assert.deepEqual(await pendingOperations(stack), []);
      await stack.preview(["--expect-no-changes"]);
      await stack.destroy();
    });
  }
});
