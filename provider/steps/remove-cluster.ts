import { observeMeshState } from "../cloud/mesh-state";
import { succeeded, waitSteady } from "../conditions/condition";
import type { Mesh } from "../deps";
import type { Desired } from "../model/desired";
import type { Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";
import { isCloudError } from "../resilience/errors";
import type { Observation } from "../resilience/wait";

const STEP = "ServiceMeshDeleted";

/**
 * Removes the cluster from the mesh and waits until the mesh no longer lists it and is `running` again.
 * A mesh or cluster that is already gone, or no mesh recorded at all, counts as removed. Learns the
 * mesh as the last look saw it.
 */
export async function removeCluster(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, deadline, log, watch } = ctx.deps;
  const { clusterId } = desired;
  const meshId = observed.meshId;
  // The usage check looked at the mesh moments ago.
  const mesh = observed.mesh ?? (meshId ? await asm.describeMesh(meshId) : undefined);
  if (!meshId || !mesh || !mesh.clusters.includes(clusterId)) return { condition: succeeded(STEP) };
  log.info(`removing cluster ${clusterId} from mesh ${meshId}`);
  try {
    await asm.removeCluster(meshId, clusterId);
  } catch (e) {
    if (!isCloudError(e, "not-found")) throw e;
  }
  const left = await watch.until({
    meshId,
    operation: "remove",
    decide: (seen): Observation<Mesh | undefined> => {
      if (!seen) return { done: true, value: undefined };
      // A removal that ended `failed` is final; checking the list first would wait out the deadline.
      const state = observeMeshState(seen, meshId);
      if ("failed" in state) return state;
      if (seen.clusters.includes(clusterId))
        return { done: false, progress: `cluster ${clusterId} is leaving mesh ${meshId}` };
      return state.done ? { done: true, value: seen } : state;
    },
    deadline,
    what: `cluster ${clusterId} to leave mesh ${meshId}`,
    onProgress: (progress) => ctx.progress(waitSteady(STEP, progress)),
  });
  // The last look is what the delete step decides on (undefined: the mesh is gone).
  return { condition: succeeded(STEP, `cluster ${clusterId} removed from mesh ${meshId}`), learned: { mesh: left } };
}

export const clusterRemoved: Step = { condition: STEP, title: "remove the cluster", run: removeCluster };
