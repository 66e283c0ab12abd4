import { isFailedState, observeMeshState } from "../cloud/mesh-state";
import { failed, succeeded, waitSteady } from "../conditions/condition";
import type { Desired } from "../model/desired";
import { requireFact, type Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";
import { CloudError } from "../resilience/errors";

const STEP = "ClusterEnrolled";

/**
 * ClusterEnrolled: add the cluster to the mesh unless it is already there, wait until the mesh is
 * `running` again (as Terraform's provider waits), then ask ASM how the enrollment ended
 * (DescribeClustersInServiceMesh): `running` holds, `failed` fails the step with ASM's message, anything
 * else is still on its way. An enrollment that ended `failed` before is added again, which is what the
 * retry path needs. Learns the mesh as it settled.
 */
export async function enrollCluster(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, clock, deadline, log, watch } = ctx.deps;
  const { clusterId } = desired;
  const mesh = requireFact(observed, "mesh", STEP);
  const state = mesh.clusters.includes(clusterId) ? await enrollmentState(ctx, mesh.id, clusterId) : undefined;
  if (state?.state === "running" && mesh.state === "running")
    return { condition: succeeded(STEP), learned: { enrolled: true } };

  if (!state || isFailedState(state.state)) {
    log.info(`enrolling cluster ${clusterId} into mesh ${mesh.id}`);
    await asm.addCluster(mesh.id, clusterId);
  }
  // Timed from the answer to the call: by then ASM has started the work.
  const began = clock.now();
  try {
    for (;;) {
      const settled = await watch.until({
        meshId: mesh.id,
        operation: "enroll",
        startedAt: began,
        decide: (seen) => observeMeshState(seen, mesh.id),
        deadline,
        what: `cluster ${clusterId} to be enrolled in mesh ${mesh.id}`,
        onProgress: (progress) => ctx.progress(waitSteady(STEP, progress)),
      });
      // The mesh settled: ASM's cluster list says whether the enrollment worked, failed, or goes on.
      const now = await enrollmentState(ctx, mesh.id, clusterId);
      if (now?.state === "running") return { condition: succeeded(STEP), learned: { mesh: settled, enrolled: true } };
      if (now && isFailedState(now.state)) {
        const message = now.errorMessage ?? `cluster ${clusterId} ended in state ${now.state}`;
        return {
          condition: failed(
            STEP,
            `cannot enroll cluster ${clusterId} into mesh ${mesh.id}: EnrollmentFailed: ${message}`,
          ),
        };
      }
      if (!now) {
        const why = `mesh ${mesh.id} does not list cluster ${clusterId}`;
        return { condition: failed(STEP, `cannot enroll cluster ${clusterId} into mesh ${mesh.id}: ${why}`) };
      }
    }
  } catch (e) {
    if (e instanceof CloudError && e.kind === "terminal") return { condition: failed(STEP, e.message) };
    throw e;
  }
}

export const clusterEnrolled: Step = { condition: STEP, title: "enroll the cluster", run: enrollCluster };

/** The cluster's enrollment as DescribeClustersInServiceMesh reports it, or undefined when not listed. */
async function enrollmentState(ctx: StepContext, meshId: string, clusterId: string) {
  return (await ctx.deps.asm.listClusters(meshId)).find((c) => c.clusterId === clusterId);
}
