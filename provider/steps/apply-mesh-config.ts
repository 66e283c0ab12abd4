import { controlPlaneLogChanges, meshConfigChanges, meshConfigParams } from "../cloud/mesh-config-mapping";
import { observeMeshState } from "../cloud/mesh-state";
import { failed, succeeded, waitSteady } from "../conditions/condition";
import type { Mesh, MeshLoadBalancer } from "../deps";
import { wantedMeshName, type Desired } from "../model/desired";
import { fromClusterSpec, isDowngrade, toClusterSpec } from "../model/editions";
import { eipChanges, missingApiServerEip } from "../model/eip-plan";
import { istioDowngrade } from "../model/istio-version";
import { tagChanges } from "../model/tag-plan";
import { requireFact, type Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";

const STEP = "MeshConfigApplied";

const NO_LOAD_BALANCER: MeshLoadBalancer = {
  apiServerLoadBalancerId: "",
  apiServerEipId: "",
  pilotLoadBalancerId: "",
  pilotEipId: "",
};

/**
 * MeshConfigApplied: bring the mesh to the program, the quick changes first, then the ones ASM takes a
 * while over, each waited for until the mesh is `running` again:
 *   1. the name (ModifyServiceMeshName), the public endpoints' EIPs (Modify*EipResource) and the tags
 *      (TagResources / UntagResources): in place, at once;
 *   2. the Istio version (UpgradeMeshEditionPartially);
 *   3. the edition and `meshConfig`, only the fields that differ, in one UpdateMeshFeature, and the
 *      control-plane log in one UpdateControlPlaneLogConfig.
 * A downgrade (edition or Istio version) is refused: ASM upgrades only. Learns the mesh as it settled
 * and, when `controlPlaneKubeconfig` asks for it, the control plane's kubeconfig.
 */
export async function applyMeshConfig(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, log } = ctx.deps;
  const seen = requireFact(observed, "mesh", STEP);
  const edition = requireFact(observed, "edition", STEP);
  // A mesh seen in the account's list shows its edition and name but not its configuration or its EIPs:
  // read the detail when there are settings to compare.
  const compare =
    seen.source !== "detail" &&
    (Object.keys(meshConfigParams(desired.meshConfig)).length > 0 || desired.loadBalancer !== undefined);
  let mesh = compare ? ((await asm.describeMesh(seen.id)) ?? seen) : seen;
  let changed = mesh !== seen;

  const current = fromClusterSpec(mesh.clusterSpec);
  if (current && isDowngrade(current, edition)) {
    return {
      condition: failed(
        STEP,
        `mesh ${mesh.id} is ${current}; clusterSpec ${edition} would be a downgrade, which ASM does not support`,
      ),
    };
  }
  const downgrade = desired.istioVersion ? istioDowngrade(mesh.version, desired.istioVersion) : undefined;
  if (downgrade) return { condition: failed(STEP, `mesh ${mesh.id}: ${downgrade}`) };
  const loadBalancer = mesh.loadBalancer ?? NO_LOAD_BALANCER;
  const noEip = missingApiServerEip(desired.loadBalancer, loadBalancer);
  if (noEip) return { condition: failed(STEP, `mesh ${mesh.id}: ${noEip}`) };

  // 1. In place, at once.
  const name = targetName(desired, mesh);
  if (name !== mesh.name) {
    log.info(`renaming mesh ${mesh.id} from ${mesh.name} to ${name}`);
    await asm.renameMesh(mesh.id, name);
    mesh = { ...mesh, name };
    changed = true;
  }
  const eips = eipChanges(desired.loadBalancer, loadBalancer);
  for (const eip of eips) {
    log.info(
      `${eip.eipId ? `binding EIP ${eip.eipId} to` : `unbinding EIP ${eip.bound} from`} ${eip.endpoint} of mesh ${mesh.id}`,
    );
    await asm.bindEip(mesh.id, eip.endpoint, eip.eipId, eip.bound);
  }
  if (desired.tags) {
    const tags = mesh.tags ?? (await asm.meshTags(mesh.id, mesh.regionId));
    const { set, remove } = tagChanges(desired.tags, tags);
    if (Object.keys(set).length > 0) await asm.tagMesh(mesh.id, mesh.regionId, set);
    if (remove.length > 0) await asm.untagMesh(mesh.id, mesh.regionId, remove);
    if (Object.keys(set).length > 0 || remove.length > 0) {
      log.info(`tagged mesh ${mesh.id}: ${[...Object.keys(set), ...remove.map((k) => `-${k}`)].join(", ")}`);
      mesh = {
        ...mesh,
        tags: { ...Object.fromEntries(Object.entries(tags).filter(([k]) => !remove.includes(k))), ...set },
      };
      changed = true;
    }
  }

  // 2. The Istio version.
  if (desired.istioVersion && desired.istioVersion !== mesh.version) {
    log.info(`upgrading mesh ${mesh.id} from Istio ${mesh.version} to ${desired.istioVersion}`);
    await asm.upgradeMesh(mesh.id, desired.istioVersion);
    mesh = await settle(ctx, mesh.id, `mesh ${mesh.id} to run Istio ${desired.istioVersion}`);
    changed = true;
  } else if (eips.length > 0) {
    // The endpoints and EIP ids changed: the outputs report them as ASM now does.
    mesh = (await asm.describeMesh(mesh.id)) ?? mesh;
    changed = true;
  }

  // 3. The edition and meshConfig.
  const params = meshConfigChanges(desired.meshConfig, mesh.meshConfig);
  if (current !== edition) params["ClusterSpec"] = toClusterSpec(edition);
  if (Object.keys(params).length > 0) {
    log.info(`updating mesh ${mesh.id}: ${Object.keys(params).join(", ")}`);
    await asm.updateMeshFeature(mesh.id, params);
    mesh = await settle(ctx, mesh.id, `mesh ${mesh.id} to apply its configuration`);
    changed = true;
  }
  const controlPlaneLog = controlPlaneLogChanges(desired.meshConfig, mesh.meshConfig);
  if (controlPlaneLog) {
    log.info(`updating the control-plane log of mesh ${mesh.id}: ${Object.keys(controlPlaneLog).join(", ")}`);
    await asm.updateControlPlaneLog(mesh.id, controlPlaneLog);
    mesh = await settle(ctx, mesh.id, `mesh ${mesh.id} to apply its control-plane log settings`);
    changed = true;
  }

  const meshKubeconfig = desired.controlPlaneKubeconfig
    ? await asm.meshKubeconfig(mesh.id, desired.controlPlaneKubeconfig)
    : undefined;
  const learned = { ...(changed ? { mesh } : {}), ...(meshKubeconfig !== undefined ? { meshKubeconfig } : {}) };
  return Object.keys(learned).length > 0 ? { condition: succeeded(STEP), learned } : { condition: succeeded(STEP) };
}

/** Waits until the mesh is `running` again after a change ASM takes a while over. */
function settle(ctx: StepContext, meshId: string, what: string): Promise<Mesh> {
  return ctx.deps.watch.until({
    meshId,
    operation: "update",
    decide: (now) => observeMeshState(now, meshId),
    deadline: ctx.deps.deadline,
    what,
    onProgress: (progress) => ctx.progress(waitSteady(STEP, progress)),
  });
}

export const meshConfigApplied: Step = { condition: STEP, title: "apply the mesh config", run: applyMeshConfig };

/** The name the mesh should have: the requested (or default) name; a mesh joined by `meshId` keeps its own. */
export function targetName(desired: Desired, mesh: Mesh): string {
  return wantedMeshName(desired) ?? mesh.name;
}
