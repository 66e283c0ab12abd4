import type { Mesh } from "../cloud/asm-client";
import { CloudError } from "../cloud/errors";
import { waitFor } from "../cloud/wait";
import { failed, succeeded, waitSteady, type ConditionUpdate } from "../conditions/condition";
import type { Desired, StepContext } from "./context";
import { isFailedState, observeMeshState } from "./mesh-state";

export interface EnrollResult {
  condition: ConditionUpdate;
  mesh?: Mesh;
}

/**
 * ClusterEnrolled: add the cluster to the mesh unless it is already there, then wait until the mesh is
 * `running` again and lists the cluster as `running`. An enrollment that ended `failed` is added again,
 * which is what the retry path needs.
 */
export async function enrollCluster(ctx: StepContext, desired: Desired, mesh: Mesh): Promise<EnrollResult> {
  const { asm, clock, deadline, log } = ctx.deps;
  const clusterId = desired.clusterId;
  const listed = (await asm.listClusters(mesh.id)).find((c) => c.clusterId === clusterId);
  if (listed?.state === "running" && mesh.clusters.includes(clusterId)) {
    return { condition: succeeded("ClusterEnrolled"), mesh };
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
        onProgress: (progress) => ctx.progress(waitSteady("ClusterEnrolled", progress)),
      },
    );
    return { condition: succeeded("ClusterEnrolled"), mesh: settled };
  } catch (e) {
    if (e instanceof CloudError && e.kind === "terminal") return { condition: failed("ClusterEnrolled", e.message) };
    throw e;
  }
}
