import { reconciling, setCondition, succeeded, type ConditionUpdate } from "../conditions/condition";
import { meshConditions } from "../conditions/mesh-conditions";
import type { Deps } from "../deps";
import { toDesired } from "../model/desired";
import { fromClusterSpec } from "../model/editions";
import { userTags } from "../model/tag-plan";
import type { CheckedInputs } from "../model/types";
import { toOutputs } from "../pipeline/outputs";
import type { Settings } from "../settings";
import { check } from "./check";
import type { ReadResult } from "./read";
import { isReference } from "./read-reference";

/** What `pulumi import` takes as the id of a ServiceMesh. */
export const IMPORT_ID_FORMAT = "<meshId>, or <meshId>/<clusterId> for a mesh with no cluster or several";

/**
 * The engine asks for an import (`pulumi import`, the `import` resource option) by calling `read` with
 * the id the user typed and no state: no recorded cluster, which every state of this resource has, and
 * no `ServiceMesh.get` reference (which names none either).
 */
export function isImport(props: Record<string, unknown>): boolean {
  return !isReference(props) && props["clusterId"] === undefined && props["serviceMeshId"] === undefined;
}

/**
 * Takes a live mesh into state as it is: reads the mesh (and its tags), never writes, not even the CR
 * (an import's read also runs at preview). The inputs returned are what a program states to keep the mesh
 * exactly so (the cluster, the mesh id, the edition, the tags it has, `deletionPolicy: Retain`), the
 * generated code `pulumi import` writes; the outputs are what a pass over that mesh would record, so that
 * the program previews with no changes. A cluster the mesh does not hold yet leaves ClusterEnrolled
 * Reconciling: the next `pulumi up` enrolls it (its preview shows that update; an `import` option's
 * `up` imports, then enrolls). The CR is written by the next `up`
 * that runs the steps. A mesh that is not there, or an id that names no cluster, fails the import with
 * nothing in state.
 */
export async function importMesh(
  id: string,
  identity: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<Required<ReadResult>> {
  const [meshId = "", named, ...rest] = id.split("/");
  if (!meshId || rest.length > 0) throw new Error(`import: id "${id}" is not ${IMPORT_ID_FORMAT}`);
  const mesh = await deps.asm.describeMesh(meshId);
  if (!mesh) throw new Error(`import: there is no ASM mesh ${meshId} in this account and region; nothing was imported`);
  const clusterId = named ?? onlyCluster(mesh.id, mesh.clusters);
  const tags = userTags(await deps.asm.meshTags(mesh.id, mesh.regionId));
  const clusterSpec = fromClusterSpec(mesh.clusterSpec);
  const programInputs: Record<string, unknown> = {
    clusterId,
    meshId: mesh.id,
    clusterSpec,
    deletionPolicy: "Retain",
    ...(Object.keys(tags ?? {}).length > 0 ? { tags } : {}),
  };
  const checked = check({}, { ...programInputs, ...identity }, settings);
  if (checked.failures.length > 0) {
    throw new Error(`import: mesh ${mesh.id}: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
  const inputs = checked.inputs as unknown as CheckedInputs;
  const now = new Date(deps.clock.now());
  const enrolled = mesh.clusters.includes(clusterId);
  const updates: ConditionUpdate[] = [
    succeeded("PreChecked", `imported mesh ${mesh.id}`),
    enrolled
      ? succeeded("ClusterEnrolled")
      : reconciling(
          "ClusterEnrolled",
          `ACK cluster ${clusterId} is not enrolled in mesh ${mesh.id} yet: the next \`pulumi up\` enrolls it`,
        ),
    succeeded("MeshConfigApplied"),
  ];
  const conditions = updates.reduce(
    (list, update) => setCondition(list, update, now, 0),
    meshConditions(mesh, undefined, now),
  );
  const outputs = toOutputs({
    props: checked.inputs,
    inputs,
    desired: toDesired(inputs, settings),
    observed: { mesh, meshId: mesh.id, meshName: mesh.name, region: mesh.regionId, edition: clusterSpec },
    status: { clusterSpec, serviceMeshId: mesh.id, serviceMeshName: mesh.name, conditions },
  });
  // The id stays the one given: an `import` option that names it again finds the resource already there.
  return { id, props: outputs as unknown as Record<string, unknown>, inputs: programInputs };
}

function onlyCluster(meshId: string, clusters: readonly string[]): string {
  if (clusters.length === 1) return clusters[0]!;
  const held = clusters.length === 0 ? "holds no cluster" : `holds clusters ${clusters.join(", ")}`;
  throw new Error(
    `import: mesh ${meshId} ${held}: name the ACK cluster this resource manages, as ${meshId}/<clusterId>`,
  );
}
