import { meshConfigChanges, meshConfigParams } from "../cloud/mesh-config-mapping";
import { observeMeshState } from "../cloud/mesh-state";
import { failed, succeeded, waitSteady } from "../conditions/condition";
import type { Mesh } from "../deps";
import { wantedMeshName, type Desired } from "../model/desired";
import { fromClusterSpec, isDowngrade, toClusterSpec } from "../model/editions";
import { requireFact, type Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";

const STEP = "MeshConfigApplied";

/**
 * MeshConfigApplied: bring the mesh's edition, name and `meshConfig` to the desired values with one
 * UpdateMeshFeature (only the fields that differ) and one ModifyServiceMeshName, then wait until it is
 * `running`. An edition below the mesh's current one is refused: ASM upgrades only. Learns the mesh as
 * it settled.
 */
export async function applyMeshConfig(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, deadline, log, watch } = ctx.deps;
  const seen = requireFact(observed, "mesh", STEP);
  const edition = requireFact(observed, "edition", STEP);
  // A mesh seen in the account's list shows its edition and name but not its configuration: read the
  // detail when there are settings to compare.
  const compare = seen.source !== "detail" && Object.keys(meshConfigParams(desired.meshConfig)).length > 0;
  const mesh = compare ? ((await asm.describeMesh(seen.id)) ?? seen) : seen;
  const current = fromClusterSpec(mesh.clusterSpec);
  if (current && isDowngrade(current, edition)) {
    return {
      condition: failed(
        STEP,
        `mesh ${mesh.id} is ${current}; clusterSpec ${edition} would be a downgrade, which ASM does not support`,
      ),
    };
  }
  const params = meshConfigChanges(desired.meshConfig, mesh.meshConfig);
  if (current !== edition) params["ClusterSpec"] = toClusterSpec(edition);
  const name = targetName(desired, mesh);

  if (name !== mesh.name) {
    log.info(`renaming mesh ${mesh.id} from ${mesh.name} to ${name}`);
    await asm.renameMesh(mesh.id, name);
  }
  // A rename takes effect at once (Terraform does not wait either); features and editions take a while.
  if (Object.keys(params).length === 0) {
    return mesh === seen && name === mesh.name
      ? { condition: succeeded(STEP) }
      : { condition: succeeded(STEP), learned: { mesh: { ...mesh, name } } };
  }

  log.info(`updating mesh ${mesh.id}: ${Object.keys(params).join(", ")}`);
  await asm.updateMeshFeature(mesh.id, params);
  const settled = await watch.until({
    meshId: mesh.id,
    operation: "update",
    decide: (now) => observeMeshState(now, mesh.id),
    deadline,
    what: `mesh ${mesh.id} to apply its configuration`,
    onProgress: (progress) => ctx.progress(waitSteady(STEP, progress)),
  });
  return { condition: succeeded(STEP), learned: { mesh: settled } };
}

export const meshConfigApplied: Step = { condition: STEP, title: "apply the mesh config", run: applyMeshConfig };

/** The name the mesh should have: the requested (or default) name; a mesh joined by `meshId` keeps its own. */
export function targetName(desired: Desired, mesh: Mesh): string {
  return wantedMeshName(desired) ?? mesh.name;
}
