import { failed, succeeded } from "../conditions/condition";
import type { AckCluster, Mesh } from "../deps";
import { wantedMeshName, type Desired } from "../model/desired";
import { defaultEdition, fromClusterSpec, STANDARD_POD_LIMIT } from "../model/editions";
import { kubernetesMinorAtLeast, MIN_KUBERNETES } from "../model/kubernetes-version";
import { istioDowngrade } from "../model/istio-version";
import { createdFor, otherOwner, ownedElsewhere } from "../model/ownership";
import { validateEditionRegion, type InputKey } from "../model/validate";
import type { Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";
import { CloudError } from "../resilience/errors";

/**
 * PreChecked: the seed's prerequisites, in the order a person would check them. ASM activated; the
 * cluster exists, is running and runs Kubernetes ≥ 1.28; the edition is allowed in the region; a
 * Standard mesh serves at most 50 pods; the mesh it would join is not another resource's for this
 * cluster; the cluster is not already enrolled in another mesh. Read-only.
 * Learns the cluster, the region, the edition and the account's meshes.
 */
export async function preCheck(ctx: StepContext, desired: Desired, observed: Observed = {}): Promise<StepResult> {
  const { asm, ack, enrolledCluster } = ctx.deps;
  const fail = (message: string, blame: InputKey = "clusterId"): StepResult => ({
    condition: failed("PreChecked", message),
    blame,
  });

  // The mesh this resource names, or the one it has managed so far (which a replacement leaves first);
  // any other mesh holding the cluster is a conflict.
  const wantedName = wantedMeshName(desired);
  const named = (m: Mesh) =>
    desired.meshId ? m.id === desired.meshId : m.name === wantedName || createdFor(m, desired.clusterId);
  const managed = (m: Mesh) => m.id === observed.meshId || m.name === observed.meshName;
  const ours = (m: Mesh) => named(m) || managed(m);

  // Listing meshes doubles as the activation probe: it fails with ServiceNotActivated-style codes.
  let meshes: Mesh[];
  try {
    meshes = await asm.listMeshes({
      maxAgeMs: PRECHECK_LISTING_MAX_AGE_MS,
      concerns: concernsOf(desired, observed, ours),
    });
  } catch (e) {
    if (e instanceof CloudError && /NotActivated|NotOpen|NotActive/i.test(e.code)) {
      return fail(`ASM is not activated for this account (${e.code}): activate Alibaba Cloud Service Mesh first`);
    }
    throw e;
  }

  const cluster = await ack.describeCluster(desired.clusterId);
  if (!cluster) return fail(`ACK cluster ${desired.clusterId} does not exist (ErrorClusterNotFound)`);
  if (cluster.state !== "running") return fail(`ACK cluster ${desired.clusterId} is ${cluster.state}, not running`);
  if (!kubernetesMinorAtLeast(cluster.kubernetesVersion, MIN_KUBERNETES)) {
    return fail(
      `ACK cluster ${desired.clusterId} runs Kubernetes ${cluster.kubernetesVersion}; servicemesh-operator needs 1.28 or later`,
    );
  }
  if (desired.region && cluster.regionId && desired.region !== cluster.regionId) {
    return fail(`region is ${desired.region} but ACK cluster ${desired.clusterId} is in ${cluster.regionId}`, "region");
  }
  const region = desired.region ?? cluster.regionId;
  // Another resource's mesh for this cluster is not this one's to join or keep (two resources, one
  // cluster), whether it is found by name or was recorded (say, while the resource only observed it).
  for (const mesh of meshes.filter((m) => ours(m) && m.state !== "deleting")) {
    const owner = otherOwner(mesh, desired.owner, desired.clusterId);
    if (owner) return fail(ownedElsewhere(mesh, owner, desired.clusterId), desired.meshId ? "meshId" : "clusterId");
  }
  const target = meshes.find(named) ?? meshes.find(managed);
  // A joined mesh keeps its edition unless clusterSpec asks for another; a new one gets the region's default.
  const edition = desired.clusterSpec ?? fromClusterSpec(target?.clusterSpec) ?? defaultEdition(region);
  const editionRule = validateEditionRegion(edition, region)[0];
  if (editionRule) return fail(editionRule.reason, "clusterSpec");

  if (edition === "Standard") {
    const pods = await enrolledCluster.countPods(STANDARD_POD_LIMIT + 1);
    if (pods > STANDARD_POD_LIMIT) {
      return fail(
        `ACK cluster ${desired.clusterId} runs more than ${STANDARD_POD_LIMIT} pods, the Standard Edition limit; use clusterSpec Enterprise (1,000 pods) or Ultimate (10,000)`,
        "clusterSpec",
      );
    }
  }

  const joined = target && named(target) && target.state !== "deleting" ? target : undefined;
  const replacedAndDeleted = !!joined && managed(joined) && !desired.meshId && desired.deletionPolicy === "Delete";
  // The list does not report the cluster domain: read the joined mesh's detail when the program sets one.
  const domain = desired.meshConfig?.sidecarProxy?.clusterDomain;
  const joinedSeen =
    joined && domain && joined.source !== "detail" ? ((await asm.describeMesh(joined.id)) ?? joined) : joined;
  const network = fixedAtCreation(desired, cluster, joinedSeen, {
    ours: !!joined && managed(joined),
    replacedAndDeleted,
  });
  if (network) return fail(network.reason, network.blame);
  if (desired.istioVersion && desired.istioVersion !== target?.version) {
    const downgrade = target ? istioDowngrade(target.version, desired.istioVersion) : undefined;
    if (downgrade) return fail(downgrade, "istioVersion");
    const offered = await asm.istioVersions();
    if (!offered.includes(desired.istioVersion)) {
      return fail(
        `istioVersion ${desired.istioVersion} is not offered by ASM; available: ${offered.join(", ")}`,
        "istioVersion",
      );
    }
  }

  // One ASM instance per ACK cluster: refuse a cluster already in a mesh this resource does not name.
  const other = meshes.find((m) => m.clusters.includes(desired.clusterId) && !ours(m));
  if (other) {
    return fail(
      `ACK cluster ${desired.clusterId} is already enrolled in mesh ${other.id} (${other.name}); one cluster binds to one mesh: set meshId to ${other.id} to manage that mesh, or remove the cluster from it first`,
    );
  }
  return { condition: succeeded("PreChecked"), learned: { cluster, region, edition, meshes } };
}

/**
 * What ASM fixes at creation: the control plane's network and the cluster domain. A mesh this resource
 * joins (by `meshId` or by name) must already have what `vpcId`, `vSwitchIds` and
 * `meshConfig.sidecarProxy.clusterDomain` say, unless it is the resource's own mesh and a replacement
 * deletes it first (deletionPolicy Delete): kept, it would be found by name and joined again, unchanged.
 * And a vSwitch known to be the cluster's lies in the cluster's VPC.
 */
function fixedAtCreation(
  desired: Desired,
  cluster: AckCluster,
  joined: Mesh | undefined,
  { ours, replacedAndDeleted }: { ours: boolean; replacedAndDeleted: boolean },
): { reason: string; blame: InputKey } | undefined {
  if (joined && !replacedAndDeleted) {
    const proxy = joined.meshConfig["Proxy"] as { ClusterDomain?: string } | undefined;
    const fixed: [InputKey | "meshConfig.sidecarProxy.clusterDomain", string | undefined, string | undefined][] = [
      ["vpcId", desired.vpcId, joined.network?.vpcId],
      ["vSwitchIds", desired.vSwitchIds?.join(","), joined.network?.vSwitchIds.join(",")],
      ["meshConfig.sidecarProxy.clusterDomain", desired.meshConfig?.sidecarProxy?.clusterDomain, proxy?.ClusterDomain],
    ];
    const moved = fixed.find(([, wanted, actual]) => wanted && actual && wanted !== actual);
    if (moved) {
      const [key, wanted, actual] = moved;
      const why = `${key} is ${wanted} but mesh ${joined.id} has ${actual}; ASM fixes it when it creates a mesh`;
      return {
        reason:
          ours && !desired.meshId
            ? `${why}: a replacement keeps mesh ${joined.id} (deletionPolicy ${desired.deletionPolicy}) and joins it again by name; set deletionPolicy Delete to replace it, give the new mesh another name, or name ${actual}`
            : `${why}: name ${actual} or leave ${key} out`,
        blame: key === "meshConfig.sidecarProxy.clusterDomain" ? "meshConfig" : key,
      };
    }
  }
  const vpc = desired.vpcId ?? cluster.vpcId;
  const foreign = (desired.vSwitchIds ?? []).find((v) => cluster.vswitchIds.includes(v) && cluster.vpcId !== vpc);
  if (foreign) {
    return {
      reason: `vSwitchIds: ${foreign} is in VPC ${cluster.vpcId} (ACK cluster ${cluster.clusterId}'s), not in vpcId ${vpc}; name a vSwitch of ${vpc}`,
      blame: "vSwitchIds",
    };
  }
  return undefined;
}

/**
 * How old a listing of the account's meshes PreChecked accepts, as long as nothing this process wrote
 * since touched what it decides on: a fleet's resources share a few listings instead of one each. (So
 * ASM turned off, or a mesh made by someone else, within the last seconds may go unseen here; ASM
 * itself then refuses the creation, or the enrollment, with its own error.)
 */
export const PRECHECK_LISTING_MAX_AGE_MS = 5_000;

/**
 * What PreChecked (and ServiceMeshAvailable after it) decides on: the cluster, the names and ids it
 * looks for, the meshes it would call ours and every mesh holding the cluster.
 */
function concernsOf(desired: Desired, observed: Observed, ours: (m: Mesh) => boolean) {
  const names = [wantedMeshName(desired), observed.meshName].filter((n): n is string => !!n);
  const ids = [desired.meshId, observed.meshId].filter((id): id is string => !!id);
  return (meshes: readonly Mesh[]) => [
    `cluster:${desired.clusterId}`,
    ...names.map((name) => `name:${name}`),
    ...ids.map((id) => `mesh:${id}`),
    ...meshes.filter((m) => ours(m) || m.clusters.includes(desired.clusterId)).map((m) => `mesh:${m.id}`),
  ];
}

export const preChecked: Step = { condition: "PreChecked", title: "pre-check", run: preCheck };
