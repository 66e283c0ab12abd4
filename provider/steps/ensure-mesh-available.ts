import type { AckCluster } from "../cloud/ack-client";
import type { Mesh } from "../cloud/asm-client";
import { CloudError, isCloudError } from "../cloud/errors";
import { meshConfigParams } from "../cloud/mesh-config-mapping";
import { waitFor } from "../cloud/wait";
import { failed, succeeded, waitSteady, type ConditionUpdate } from "../conditions/condition";
import { toClusterSpec } from "../spec/editions";
import type { Edition } from "../spec/types";
import type { Desired, StepContext } from "./context";
import { observeMeshState } from "./mesh-state";

/** Tag on every mesh this provider creates, so a person can tell which cluster's resource made it. */
export const CLUSTER_TAG = "pulumi-asm-servicemesh/cluster";

export interface MeshFacts {
  cluster: AckCluster;
  region: string;
  clusterSpec: Edition;
  /** Decided before the first create call and kept: a re-run looks this name up instead of creating. */
  serviceMeshName?: string;
  /** The mesh an earlier run found or created. */
  knownMeshId?: string;
  /** The account's meshes from PreChecked, for the lookup by name. */
  meshes?: Mesh[];
}

export interface MeshResult {
  condition: ConditionUpdate;
  /** The mesh found or created, even when it never became available (so state can track it). */
  meshId?: string;
  mesh?: Mesh;
}

/**
 * ServiceMeshAvailable: find the mesh by `meshId`, else the one an earlier run recorded, else by name,
 * else create it in the cluster's VPC; then wait until it is `running`. Never creates a second mesh: the
 * name is looked up first, and a NameAlreadyExist race falls back to the lookup.
 */
export async function ensureMeshAvailable(ctx: StepContext, desired: Desired, facts: MeshFacts): Promise<MeshResult> {
  const { asm, clock, deadline, log } = ctx.deps;
  const found = await findMesh(ctx, desired, facts);
  if ("failure" in found) return { condition: failed("ServiceMeshAvailable", found.failure) };

  let meshId = found.mesh?.id;
  if (!meshId) {
    const name = facts.serviceMeshName ?? desired.name ?? "";
    log.info(`creating mesh ${name} (${facts.clusterSpec}) in ${facts.region}, VPC ${facts.cluster.vpcId}`);
    try {
      meshId = await asm.createMesh({
        name,
        regionId: facts.region,
        vpcId: facts.cluster.vpcId,
        // ASM takes one vSwitch for the control plane (Terraform: vswitche_list max 1).
        vSwitches: facts.cluster.vswitchIds.slice(0, 1),
        clusterSpec: toClusterSpec(facts.clusterSpec),
        tags: { [CLUSTER_TAG]: desired.clusterId },
        features: meshConfigParams(desired.meshConfig),
      });
    } catch (e) {
      if (!isCloudError(e, "conflict")) throw e;
      const raced = (await asm.listMeshes()).find((m) => m.name === name);
      if (!raced) throw e;
      meshId = raced.id;
    }
  }

  try {
    const mesh = await waitFor(async () => observeMeshState(await asm.describeMesh(meshId), meshId), {
      clock,
      deadline,
      what: `mesh ${meshId} to be running`,
      onProgress: (progress) => ctx.progress(waitSteady("ServiceMeshAvailable", progress)),
    });
    return { condition: succeeded("ServiceMeshAvailable"), meshId, mesh };
  } catch (e) {
    if (e instanceof CloudError && e.kind === "terminal") {
      return { condition: failed("ServiceMeshAvailable", e.message, "Unavailable"), meshId };
    }
    throw e;
  }
}

async function findMesh(
  ctx: StepContext,
  desired: Desired,
  facts: MeshFacts,
): Promise<{ mesh?: Mesh } | { failure: string }> {
  const { asm, log } = ctx.deps;
  if (desired.meshId) {
    const mesh = await asm.describeMesh(desired.meshId);
    return mesh ? { mesh } : { failure: `mesh ${desired.meshId} (meshId) does not exist (ServiceMesh.NotFound)` };
  }
  if (facts.knownMeshId) {
    const mesh = await asm.describeMesh(facts.knownMeshId);
    if (mesh && mesh.state !== "deleting") return { mesh };
    log.warn(`mesh ${facts.knownMeshId} no longer exists; looking for mesh ${facts.serviceMeshName} by name`);
  }
  const name = facts.serviceMeshName ?? desired.name;
  const matches = (facts.meshes ?? (await asm.listMeshes())).filter(
    (m) => m.name === name && (!m.regionId || m.regionId === facts.region) && m.state !== "deleting",
  );
  if (matches.length > 1) {
    return {
      failure: `${matches.length} meshes are named ${name} (${matches.map((m) => m.id).join(", ")}); set meshId to pick one`,
    };
  }
  return { mesh: matches[0] };
}
