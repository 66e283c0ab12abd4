import { isFailedState, observeMeshState } from "../cloud/mesh-state";
import { failed, succeeded, waitSteady } from "../conditions/condition";
import type { Desired } from "../model/desired";
import { requireFact, type Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";
import { CloudError } from "../resilience/errors";
import { waitFor } from "../resilience/wait";

const STEP = "ClusterEnrolled";

/**
 * ClusterEnrolled: add the cluster to the mesh unless it is already there, then wait until the mesh is
 * `running` again and lists the cluster as `running`. An enrollment that ended `failed` is added again,
 * which is what the retry path needs. Learns the mesh as it settled.
 */
export async function enrollCluster(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, clock, deadline, log } = ctx.deps;
  const mesh = requireFact(observed, "mesh", STEP);
  const clusterId = desired.clusterId;
  const listed = (await asm.listClusters(mesh.id)).find((c) => c.clusterId === clusterId);
  if (listed?.state === "running" && mesh.clusters.includes(clusterId)) {
    return { condition: succeeded(STEP), learned: { enrolled: true } };
  }
  if (!listed || isFailedState(listed.state)) {
    log.info(`enrolling cluster ${clusterId} into mesh ${mesh.id}`);
    await asm.addCluster(mesh.id, clusterId);
  }
  try {
    const settled = await waitFor(
      async () => {
        const meshSeen = observeMeshState(await asm.describeMesh(mesh.id), mesh.id);
        if (!meshSeen.done) return meshSeen;
        const cluster = (await asm.listClusters(mesh.id)).find((c) => c.clusterId === clusterId);
        if (cluster && isFailedState(cluster.state)) {
          const message = cluster.errorMessage ?? `cluster ${clusterId} ended in state ${cluster.state}`;
          return {
            done: false,
            failed: new CloudError(
              "terminal",
              "EnrollmentFailed",
              message,
              `cannot enroll cluster ${clusterId} into mesh ${mesh.id}`,
            ),
          };
        }
        if (cluster?.state === "running") return meshSeen;
        return {
          done: false,
          progress: `cluster ${clusterId} is ${cluster?.state ?? "not yet listed"} in mesh ${mesh.id}`,
        };
      },
      {
        clock,
        deadline,
        what: `cluster ${clusterId} to be enrolled in mesh ${mesh.id}`,
        onProgress: (progress) => ctx.progress(waitSteady(STEP, progress)),
      },
    );
    return { condition: succeeded(STEP), learned: { mesh: settled, enrolled: true } };
  } catch (e) {
    if (e instanceof CloudError && e.kind === "terminal") return { condition: failed(STEP, e.message) };
    throw e;
  }
}

export const clusterEnrolled: Step = { condition: STEP, title: "enroll the cluster", run: enrollCluster };
