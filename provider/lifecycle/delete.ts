import { reconciling, type ConditionUpdate } from "../conditions/condition";
import type { Deps } from "../deps";
import { belongsTo } from "../kube/custom-resource";
import type { ServiceMeshOutputs } from "../spec/types";
import { checkUsage } from "../steps/check-usage";
import type { StepContext } from "../steps/context";
import { deleteMesh } from "../steps/delete-mesh";
import { removeCluster } from "../steps/remove-cluster";
import { removeCustomResource } from "../steps/remove-custom-resource";
import { StatusPublisher } from "./status-publisher";

/**
 * `pulumi destroy` (and the delete half of a replacement), the seed's order:
 *   check usage → remove the cluster from the mesh → delete the mesh (deletionPolicy Delete only)
 *   → drop the finalizer and delete the CR. The CRD stays.
 * A refusal or failure throws: the engine keeps the resource, and ServiceMeshDeleted=False says why.
 */
export async function deleteServiceMesh(props: Record<string, unknown>, deps: Deps): Promise<void> {
  const outs = props as unknown as ServiceMeshOutputs;
  const cr = await deps.kube.readCr();
  const publisher = cr ? new StatusPublisher(deps, { conditions: [], ...cr.status }, cr.generation) : undefined;
  const publish = async (update: ConditionUpdate) => publisher?.set(update);
  const ctx: StepContext = { deps, progress: publish };
  const meshId = outs.serviceMeshId || (belongsTo(cr, outs.clusterId) ? cr.status?.serviceMeshId : undefined);

  await publish(reconciling("ServiceMeshDeleted"));
  const refusal = await checkUsage(ctx);
  if (refusal) {
    await publish(refusal);
    throw new Error(`cannot delete ServiceMesh ${outs.clusterId}: ${refusal.message}`);
  }
  try {
    if (meshId) {
      await removeCluster(ctx, meshId, outs.clusterId);
      if ((outs.deletionPolicy ?? "Retain") === "Delete") {
        const outcome = await deleteMesh(ctx, meshId);
        deps.log.info(`mesh ${meshId}: ${outcome}`);
      } else {
        deps.log.info(`deletionPolicy Retain: mesh ${meshId} is kept`);
      }
    }
  } catch (e) {
    const message = (e as Error).message;
    await publish({ type: "ServiceMeshDeleted", status: "False", reason: "Failed", message }).catch(() => undefined);
    throw new Error(`cannot delete ServiceMesh ${outs.clusterId}: ${message}`);
  }
  await publish({ type: "ServiceMeshDeleted", status: "True", reason: "Succeeded", message: "" });
  await removeCustomResource(ctx);
}
