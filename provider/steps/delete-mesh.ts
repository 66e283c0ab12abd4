import { isFailedState } from "../cloud/mesh-state";
import { succeeded, waitSteady } from "../conditions/condition";
import type { Desired } from "../model/desired";
import { OWNER_TAG } from "../model/ownership";
import type { Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";
import { CloudError, isCloudError } from "../resilience/errors";
import type { Observation } from "../resilience/wait";

const STEP = "ServiceMeshDeleted";

/**
 * The deletion policy: `Retain` keeps the mesh; `Delete` deletes it, only when no other cluster is
 * attached (another team's cluster must not lose its mesh), and waits until ASM answers not-found. A
 * mesh kept is released: its owner tag, when it names this resource, is removed, so the mesh is
 * nobody's and a later resource for the cluster may join it by name.
 */
export async function deleteMeshPerPolicy(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, deadline, log, watch } = ctx.deps;
  const meshId = observed.meshId;
  const done = (message: string): StepResult => {
    log.info(message);
    return { condition: succeeded(STEP, message) };
  };
  if (!meshId) return { condition: succeeded(STEP) };
  const release = async () => {
    if (!desired.owner || observed.meshOwner !== desired.owner) return;
    await asm.untagMesh(meshId, observed.mesh?.regionId || desired.region || "", [OWNER_TAG]);
  };
  if (desired.deletionPolicy !== "Delete") {
    await release();
    return done(`deletionPolicy Retain: mesh ${meshId} is kept`);
  }
  // The removal's last look (or the usage check's) saw the mesh moments ago; ASM itself refuses to
  // delete a mesh that still has clusters (ErrorPermitted.ClustersNotEmpty) should one join meanwhile.
  const mesh = observed.mesh?.id === meshId ? observed.mesh : await asm.describeMesh(meshId);
  if (!mesh) return done(`mesh ${meshId} is already gone`);
  if (mesh.clusters.length > 0) {
    await release();
    log.warn(`mesh ${meshId} still serves clusters ${mesh.clusters.join(", ")}; keeping it`);
    return { condition: succeeded(STEP, `mesh ${meshId} is kept: it still serves ${mesh.clusters.join(", ")}`) };
  }
  log.info(`deleting mesh ${meshId}`);
  try {
    await asm.deleteMesh(meshId);
  } catch (e) {
    if (isCloudError(e, "not-found")) return done(`mesh ${meshId} is already gone`);
    throw e;
  }
  await watch.until({
    meshId,
    operation: "delete",
    decide: (seen): Observation<undefined> => {
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
    deadline,
    what: `mesh ${meshId} to be deleted`,
    onProgress: (progress) => ctx.progress(waitSteady(STEP, progress)),
  });
  return done(`mesh ${meshId} deleted`);
}

export const meshDeletedPerPolicy: Step = {
  condition: STEP,
  title: "delete the mesh per policy",
  run: deleteMeshPerPolicy,
};
