import type { Deps, Mesh } from "../deps";
import { programDrift } from "../lifecycle/read-back";
import { deepEqual } from "../model/deep-equal";
import type { StoredInputs, StoredOutputs } from "../model/types";
import type { CheckFailure } from "../model/validate";
import { ADOPT_NEEDS_MESH_ID } from "../model/validate-adopt";
import { APPLY_STEPS, applyPass, type ApplyRequest } from "./apply";
import { storedInputs } from "./outputs";

/**
 * `adopt: true` with `meshId`: a mesh made elsewhere (the console, Terraform) comes under this resource
 * as it is. The first `up` compares the program with the live mesh and refuses, naming every field that
 * differs, before anything is written; when they match it records the mesh with no ASM or ACK write call:
 * the apply steps find nothing to change. A cluster the mesh does not hold yet is not enrolled by the
 * adopting `up` (that would be a write): its ClusterEnrolled stays to be done, so the next `pulumi up`
 * enrolls it. The CR is written as for every managed mesh (the cluster, not the cloud). After that the
 * resource is managed like any other; `adopt` matters only when the resource is created.
 */
export async function adoptPass(request: ApplyRequest): Promise<StoredOutputs> {
  const { deps, desired, inputs } = request;
  const mesh = await adoptedMesh(deps, desired.meshId, desired.clusterId);
  const differences = await adoptionDifferences(deps, storedInputs(inputs), mesh);
  if (differences.length > 0) {
    const fields = [...new Set(differences.map((d) => d.property))].join(", ");
    const lines = differences.map((d) => d.reason).join("; ");
    throw new Error(
      `ServiceMesh ${desired.clusterId}: adopt refused, nothing was changed or recorded: mesh ${mesh.id} differs from the program in ${fields}: ${lines}. ${MATCH_OR_DROP}`,
    );
  }
  if (mesh.clusters.includes(desired.clusterId)) return applyPass(request);
  deps.log.warn(
    `adopted mesh ${mesh.id} without enrolling ACK cluster ${desired.clusterId}: the next \`pulumi up\` enrolls it`,
  );
  return applyPass({ ...request, steps: ADOPT_UNENROLLED_STEPS });
}

const MATCH_OR_DROP = "Make the program match the mesh, or drop adopt to have Pulumi change it";

/** Adopting a mesh that does not hold the cluster: the steps up to the mesh; enrollment waits for the next up. */
const ADOPT_UNENROLLED_STEPS = APPLY_STEPS.filter(
  (s) => s.condition === "PreChecked" || s.condition === "ServiceMeshAvailable",
);

async function adoptedMesh(deps: Deps, meshId: string | undefined, clusterId: string): Promise<Mesh> {
  if (!meshId) throw new Error(`ServiceMesh ${clusterId}: ${ADOPT_NEEDS_MESH_ID}`);
  const mesh = await deps.asm.describeMesh(meshId);
  if (!mesh) throw new Error(`ServiceMesh ${clusterId}: ${noMesh(meshId)}`);
  return mesh;
}

const noMesh = (meshId: string | undefined) =>
  `adopt: there is no mesh ${meshId} (meshId) in this account and region; nothing was recorded`;

/**
 * Each field the program sets where the live mesh differs (edition, name, network, Istio version, tags,
 * every `meshConfig` setting, the EIPs), as check failures naming the input. Shared by the preview's
 * preflight and the adopting `up`. Reads the tags only when the program sets them.
 */
export async function adoptionDifferences(deps: Deps, given: StoredInputs, mesh: Mesh): Promise<CheckFailure[]> {
  const tags = given.tags !== undefined ? await deps.asm.meshTags(mesh.id, mesh.regionId) : undefined;
  const failures: CheckFailure[] = programDrift(given, mesh, tags).differences.map((d) => ({
    property: d.input,
    reason: d.line,
  }));
  const network = mesh.network;
  if (given.vpcId !== undefined && network && given.vpcId !== network.vpcId) {
    failures.push({ property: "vpcId", reason: `VPC: expected ${given.vpcId}, found ${network.vpcId}` });
  }
  if (given.vSwitchIds !== undefined && network && !deepEqual(given.vSwitchIds, network.vSwitchIds)) {
    failures.push({
      property: "vSwitchIds",
      reason: `vSwitches: expected ${given.vSwitchIds.join(",")}, found ${network.vSwitchIds.join(",")}`,
    });
  }
  return failures;
}

/** The preview's look at a mesh to adopt: each difference, or the mesh that does not exist, as a failure. */
export async function adoptionPreflight(deps: Deps, given: StoredInputs): Promise<CheckFailure[]> {
  const mesh = given.meshId ? await deps.asm.describeMesh(given.meshId) : undefined;
  if (!mesh) return [{ property: "meshId", reason: noMesh(given.meshId) }];
  return (await adoptionDifferences(deps, given, mesh)).map((f) => ({
    property: f.property,
    reason: `adopt: mesh ${mesh.id} differs: ${f.reason}. ${MATCH_OR_DROP}`,
  }));
}
