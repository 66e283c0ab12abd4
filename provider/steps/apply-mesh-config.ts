import type { Mesh } from "../cloud/asm-client";
import { meshConfigChanges } from "../cloud/mesh-config-mapping";
import { waitFor } from "../cloud/wait";
import { failed, succeeded, waitSteady, type ConditionUpdate } from "../conditions/condition";
import { defaultMeshName, fromClusterSpec, isDowngrade, toClusterSpec } from "../spec/editions";
import type { Edition } from "../spec/types";
import type { Desired, StepContext } from "./context";
import { observeMeshState } from "./mesh-state";

export interface ApplyResult {
  condition: ConditionUpdate;
  mesh?: Mesh;
}

/**
 * MeshConfigApplied: bring the mesh's edition, name and `meshConfig` to the desired values with one
 * UpdateMeshFeature (only the fields that differ) and one ModifyServiceMeshName, then wait until it is
 * `running`. An edition below the mesh's current one is refused: ASM upgrades only.
 */
export async function applyMeshConfig(
  ctx: StepContext,
  desired: Desired,
  edition: Edition,
  mesh: Mesh,
): Promise<ApplyResult> {
  const { asm, clock, deadline, log } = ctx.deps;
  const current = fromClusterSpec(mesh.clusterSpec);
  if (current && isDowngrade(current, edition)) {
    return {
      condition: failed(
        "MeshConfigApplied",
        `mesh ${mesh.id} is ${current}; clusterSpec ${edition} would be a downgrade, which ASM does not support`,
      ),
    };
  }
  const params = meshConfigChanges(desired.meshConfig, mesh.meshConfig);
  if (current !== edition) params["ClusterSpec"] = toClusterSpec(edition);
  const name = targetName(desired, mesh);

  if (Object.keys(params).length > 0) {
    log.info(`updating mesh ${mesh.id}: ${Object.keys(params).join(", ")}`);
    await asm.updateMeshFeature(mesh.id, params);
  }
  if (name !== mesh.name) {
    log.info(`renaming mesh ${mesh.id} from ${mesh.name} to ${name}`);
    await asm.renameMesh(mesh.id, name);
  }
  if (Object.keys(params).length === 0 && name === mesh.name)
    return { condition: succeeded("MeshConfigApplied"), mesh };

  const settled = await waitFor(async () => observeMeshState(await asm.describeMesh(mesh.id), mesh.id), {
    clock,
    deadline,
    what: `mesh ${mesh.id} to apply its configuration`,
    onProgress: (progress) => ctx.progress(waitSteady("MeshConfigApplied", progress)),
  });
  return { condition: succeeded("MeshConfigApplied"), mesh: settled };
}

/**
 * The name the mesh should have: the user's `name` when set; a mesh joined by `meshId` keeps its own
 * name; otherwise the default `mesh-for-${clusterId}`.
 */
export function targetName(desired: Desired, mesh: Mesh): string {
  if (desired.name) return desired.name;
  return desired.meshId ? mesh.name : defaultMeshName(desired.clusterId);
}
