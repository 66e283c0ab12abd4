import { CloudError, isCloudError } from "../cloud/errors";
import { waitFor } from "../cloud/wait";
import { waitSteady } from "../conditions/condition";
import type { StepContext } from "./context";
import { isFailedState } from "./mesh-state";

export type DeleteMeshOutcome = "deleted" | "kept-other-clusters" | "already-gone";

/**
 * `deletionPolicy: Delete`: deletes the mesh, only when no other cluster is attached (another team's
 * cluster must not lose its mesh), and waits until ASM answers not-found.
 */
export async function deleteMesh(ctx: StepContext, meshId: string): Promise<DeleteMeshOutcome> {
  const { asm, clock, deadline, log } = ctx.deps;
  const mesh = await asm.describeMesh(meshId);
  if (!mesh) return "already-gone";
  if (mesh.clusters.length > 0) {
    log.warn(`mesh ${meshId} still serves clusters ${mesh.clusters.join(", ")}; keeping it`);
    return "kept-other-clusters";
  }
  log.info(`deleting mesh ${meshId}`);
  try {
    await asm.deleteMesh(meshId);
  } catch (e) {
    if (isCloudError(e, "not-found")) return "already-gone";
    throw e;
  }
  await waitFor(
    async () => {
      const seen = await asm.describeMesh(meshId);
      if (!seen) return { done: true, value: undefined };
      if (isFailedState(seen.state)) {
        const message = seen.errorMessage ?? `the mesh ended in state ${seen.state}`;
        return {
          done: false,
          failed: new CloudError("terminal", `MeshState.${seen.state}`, message, `cannot delete mesh ${meshId}`),
        };
      }
      return { done: false, progress: `mesh ${meshId} is ${seen.state}` };
    },
    {
      clock,
      deadline,
      what: `mesh ${meshId} to be deleted`,
      onProgress: (progress) => ctx.progress(waitSteady("ServiceMeshDeleted", progress)),
    },
  );
  return "deleted";
}
