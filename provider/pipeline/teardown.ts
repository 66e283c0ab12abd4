import type { Deps } from "../deps";
import { belongsTo, otherCrOwner } from "../kube/custom-resource";
import type { Desired } from "../model/desired";
import { clusterRemoved } from "../steps/remove-cluster";
import { customResourceRemoved } from "../steps/remove-custom-resource";
import { meshDeletedPerPolicy } from "../steps/delete-mesh";
import { usageChecked } from "../steps/check-usage";
import { ownershipConfirmed } from "../steps/confirm-ownership";
import type { Observed } from "./observed";
import { failureMessage, runSteps } from "./runner";
import { StatusPublisher } from "./status-publisher";
import type { Step } from "./step";

/** `delete`: the seed's teardown order, all reported as ServiceMeshDeleted. The CRD stays. */
export const TEARDOWN_STEPS: readonly Step[] = [
  ownershipConfirmed,
  usageChecked,
  clusterRemoved,
  meshDeletedPerPolicy,
  customResourceRemoved,
];

/**
 * `delete` of an Observe resource: the mesh and its enrollment were never this resource's to change;
 * only a CR it wrote while fully managed goes.
 */
export const OBSERVE_TEARDOWN_STEPS: readonly Step[] = [customResourceRemoved];

/**
 * One teardown pass (the Observe policy's when the resource has it). A refusal or failure throws a
 * plain error: the engine keeps the resource as it was, and ServiceMeshDeleted=False on the CR says
 * why. Nothing is removed before the ownership and usage checks pass.
 */
export async function teardownPass(desired: Desired, recordedMeshId: string | undefined, deps: Deps): Promise<void> {
  const refused = (message: string) => new Error(`cannot delete ServiceMesh ${desired.clusterId}: ${message}`);
  const cr = await deps.crCluster.readCr().catch((e: unknown) => {
    throw refused(failureMessage(e));
  });
  // Another resource's CR at this location is neither written to nor deleted.
  const ours = otherCrOwner(cr, desired.owner) === undefined ? cr : undefined;
  const publisher = new StatusPublisher(deps, { conditions: [], ...ours?.status });
  const observed: Observed = {
    meshId: recordedMeshId || (belongsTo(cr, desired.clusterId, desired.owner) ? cr.status?.serviceMeshId : undefined),
    customResource: ours,
  };
  const outcome = await runSteps({
    steps: desired.managementPolicy === "Observe" ? OBSERVE_TEARDOWN_STEPS : TEARDOWN_STEPS,
    ctx: { deps, progress: (update) => publisher.set(update) },
    publisher,
    desired,
    observed,
  });
  if ("interrupted" in outcome) throw refused(failureMessage(outcome.interrupted));
  if (!outcome.ok) throw refused(outcome.failure.message);
}
