import { observeMeshState } from "../cloud/mesh-state";
import { meshConfigParams } from "../cloud/mesh-config-mapping";
import { failed, succeeded, waitSteady } from "../conditions/condition";
import type { Mesh } from "../deps";
import type { Desired } from "../model/desired";
import { toClusterSpec } from "../model/editions";
import { byName } from "../model/mesh-lookup";
import { CLUSTER_TAG, createdFor, otherOwner, ownedElsewhere, OWNER_TAG } from "../model/ownership";
import { requireFact, type Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";
import { CloudError, isCloudError } from "../resilience/errors";

const STEP = "ServiceMeshAvailable";

/**
 * ServiceMeshAvailable: find the mesh by `meshId`, else the one an earlier run recorded, else by name,
 * else by the ownership tag a run that crashed right after creating it left on it, else create it in
 * the cluster's VPC, tagged; then wait until it is `running`. Never creates a second mesh: it is looked
 * up first, and a NameAlreadyExist race falls back to the lookup. Never takes another resource's mesh
 * for this cluster (its owner tag, see `otherOwner`): that fails, learning nothing, so this resource's
 * destroy cannot touch it. Learns the mesh (its id even when it never becomes available, so state can
 * track it).
 */
export async function ensureMeshAvailable(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { deadline, watch } = ctx.deps;
  const found = await findMesh(ctx, desired, observed);
  if ("failure" in found) return { condition: failed(STEP, found.failure) };
  if (found.mesh) {
    // What the lookup just saw needs no second look: running, or failed for good.
    const now = observeMeshState(found.mesh, found.mesh.id);
    if (now.done) return { condition: succeeded(STEP), learned: { meshId: found.mesh.id, mesh: now.value } };
    if ("failed" in now) return unavailable(found.mesh.id, now.failed);
  }

  let meshId = found.mesh?.id;
  if (meshId === undefined) {
    const created = await createMesh(ctx, desired, observed);
    if (typeof created !== "string") return { condition: failed(STEP, created.failure) };
    meshId = created;
  }
  const provisioning = !found.mesh || found.mesh.state === "initial";
  try {
    const mesh = await watch.until({
      meshId,
      operation: provisioning ? "provision" : "update",
      // Timed from the creation call's answer, or, for a mesh a crashed run created, from its creation.
      startedAt: found.mesh && provisioning ? found.mesh.createdAt : undefined,
      decide: (seen) => observeMeshState(seen, meshId),
      deadline,
      what: `mesh ${meshId} to be running`,
      onProgress: (progress) => ctx.progress(waitSteady(STEP, progress)),
    });
    return { condition: succeeded(STEP), learned: { meshId, mesh } };
  } catch (e) {
    if (e instanceof CloudError && e.kind === "terminal") return unavailable(meshId, e);
    throw e;
  }
}

/** The mesh exists but did not become available (it ended failed, or the deadline passed): keep its id. */
function unavailable(meshId: string, error: CloudError): StepResult {
  return { condition: failed(STEP, error.message, "Unavailable"), learned: { meshId } };
}

export const serviceMeshAvailable: Step = {
  condition: STEP,
  title: "find or create the mesh",
  run: ensureMeshAvailable,
};

/**
 * Creates the mesh under the name recorded before this call, in the requested (else the cluster's) VPC
 * and vSwitch and the region, with the user's tags beside the ownership tag. A vSwitch ASM refuses for
 * the VPC is a failure naming `vSwitchIds`.
 */
async function createMesh(
  ctx: StepContext,
  desired: Desired,
  observed: Observed,
): Promise<string | { failure: string }> {
  const { asm, log } = ctx.deps;
  const name = requireFact(observed, "meshName", STEP);
  const cluster = requireFact(observed, "cluster", STEP);
  const region = requireFact(observed, "region", STEP);
  const edition = requireFact(observed, "edition", STEP);
  const vpcId = desired.vpcId ?? cluster.vpcId;
  // ASM takes one vSwitch for the control plane (Terraform: vswitche_list max 1).
  const vSwitches = desired.vSwitchIds ?? cluster.vswitchIds.slice(0, 1);
  log.info(`creating mesh ${name} (${edition}) in ${region}, VPC ${vpcId}`);
  try {
    return await asm.createMesh({
      name,
      regionId: region,
      vpcId,
      vSwitches,
      clusterSpec: toClusterSpec(edition),
      tags: ownershipTags(desired),
      features: {
        ...meshConfigParams(desired.meshConfig, true),
        ...(desired.istioVersion ? { IstioVersion: desired.istioVersion } : {}),
        // An EIP named by id is bound once the mesh runs (MeshConfigApplied); ASM allocates one only here.
        ...(desired.loadBalancer?.apiServerPublicEip && !desired.loadBalancer.apiServerEipId
          ? { ApiServerPublicEip: true }
          : {}),
      },
    });
  } catch (e) {
    if (e instanceof CloudError && /VSwitch/i.test(e.code)) {
      return { failure: `vSwitchIds ${vSwitches.join(", ")} cannot hold a mesh in VPC ${vpcId}: ${e.message}` };
    }
    if (!isCloudError(e, "conflict")) throw e;
    // Another create of this name got there first: this resource's own (a parallel or crashed run of
    // it), or another resource's, which is not ours to join for this cluster.
    const raced = (await asm.listMeshes()).find((m) => m.name === name && m.state !== "deleting");
    if (!raced) throw e;
    const owner = otherOwner(raced, desired.owner, desired.clusterId);
    return owner ? { failure: ownedElsewhere(raced, owner, desired.clusterId) } : raced.id;
  }
}

/** The user's tags and the two ownership tags (the owner's only when the shell named one). */
function ownershipTags(desired: Desired): Record<string, string> {
  return {
    ...desired.tags,
    [CLUSTER_TAG]: desired.clusterId,
    ...(desired.owner ? { [OWNER_TAG]: desired.owner } : {}),
  };
}

async function findMesh(
  ctx: StepContext,
  desired: Desired,
  observed: Observed,
): Promise<{ mesh?: Mesh } | { failure: string }> {
  const { asm, log } = ctx.deps;
  if (desired.meshId) {
    const mesh = await asm.describeMesh(desired.meshId);
    return mesh ? { mesh } : { failure: `mesh ${desired.meshId} (meshId) does not exist (ServiceMesh.NotFound)` };
  }
  if (observed.meshId) {
    const mesh = await asm.describeMesh(observed.meshId);
    if (mesh && mesh.state !== "deleting") return { mesh };
    log.warn(`mesh ${observed.meshId} no longer exists; looking for mesh ${observed.meshName} by name`);
  }
  const found = byName(observed.meshes ?? (await asm.listMeshes()), observed.meshName, observed.region);
  if ("failure" in found) return found;
  // A mesh an earlier run created for this cluster but never recorded (a crash right after creating it).
  const mesh = found.mesh ?? found.live.find((m) => createdFor(m, desired.clusterId));
  const owner = mesh && otherOwner(mesh, desired.owner, desired.clusterId);
  return owner ? { failure: ownedElsewhere(mesh, owner, desired.clusterId) } : { mesh };
}
