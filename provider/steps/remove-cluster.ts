import { isCloudError } from "../cloud/errors";
import { waitFor } from "../cloud/wait";
import { waitSteady } from "../conditions/condition";
import type { StepContext } from "./context";
import { observeMeshState } from "./mesh-state";

/**
 * Removes the cluster from the mesh and waits until the mesh no longer lists it and is `running` again.
 * A mesh or cluster that is already gone counts as removed.
 */
export async function removeCluster(ctx: StepContext, meshId: string, clusterId: string): Promise<void> {
  const { asm, clock, deadline, log } = ctx.deps;
  const mesh = await asm.describeMesh(meshId);
  if (!mesh || !mesh.clusters.includes(clusterId)) return;
  log.info(`removing cluster ${clusterId} from mesh ${meshId}`);
  try {
    await asm.removeCluster(meshId, clusterId);
  } catch (e) {
    if (!isCloudError(e, "not-found")) throw e;
  }
  await waitFor(
    async () => {
      const seen = await asm.describeMesh(meshId);
      if (!seen) return { done: true, value: undefined };
      // A removal that ended `failed` is final; checking the list first would wait out the deadline.
      const state = observeMeshState(seen, meshId);
      if ("failed" in state) throw state.failed;
      if (seen.clusters.includes(clusterId))
        return { done: false, progress: `cluster ${clusterId} is leaving mesh ${meshId}` };
      return state.done ? { done: true, value: undefined } : state;
    },
    {
      clock,
      deadline,
      what: `cluster ${clusterId} to leave mesh ${meshId}`,
      onProgress: (progress) => ctx.progress(waitSteady("ServiceMeshDeleted", progress)),
    },
  );
}
