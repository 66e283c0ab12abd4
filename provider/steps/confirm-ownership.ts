import { succeeded } from "../conditions/condition";
import type { Desired } from "../model/desired";
import { describeOwner, otherOwner, OWNER_TAG } from "../model/ownership";
import type { Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";

const STEP = "ServiceMeshDeleted";

/**
 * First teardown step, before anything is removed: whose the recorded mesh is, by its owner tag.
 * Another resource's mesh for this cluster is not this resource's to leave or delete (state written
 * before owners were recorded may name one: a creation race lost to another resource), so teardown
 * forgets it and removes only what this resource made, its CR. Learns the mesh as it is now and its
 * owner, so that a mesh kept at the end is released by its own resource only.
 */
export async function confirmOwnership(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, log } = ctx.deps;
  const meshId = observed.meshId;
  if (!meshId) return { condition: succeeded(STEP) };
  const mesh = await asm.describeMesh(meshId);
  if (!mesh) return { condition: succeeded(STEP), learned: { mesh: undefined } };
  const tags = await asm.meshTags(meshId, mesh.regionId || desired.region || "");
  const owner = otherOwner({ ...mesh, tags }, desired.owner, desired.clusterId);
  if (owner) {
    const message = `mesh ${meshId} belongs to ${describeOwner(owner)}: its enrollment of ACK cluster ${desired.clusterId} and the mesh are left as they are`;
    log.warn(message);
    return { condition: succeeded(STEP, message), learned: { meshId: undefined, mesh: undefined } };
  }
  return { condition: succeeded(STEP), learned: { mesh, meshOwner: tags[OWNER_TAG] } };
}

export const ownershipConfirmed: Step = { condition: STEP, title: "confirm the mesh is ours", run: confirmOwnership };
