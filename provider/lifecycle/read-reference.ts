import { meshConditions } from "../conditions/mesh-conditions";
import type { Deps } from "../deps";
import { fromClusterSpec } from "../model/editions";
import { STATE_FORMAT } from "../model/state-format";
import { userTags } from "../model/tag-plan";
import type { StoredOutputs } from "../model/types";
import { meshOutputs } from "../pipeline/outputs";

/** The prop `ServiceMesh.get` sets: the resource is a read-only reference to a mesh it does not manage. */
export const REFERENCE = "reference";

export function isReference(props: Record<string, unknown>): boolean {
  return props[REFERENCE] === true;
}

/**
 * `ServiceMesh.get(name, id)`: reads the mesh `id` names (a mesh id, or an ACK cluster id, for the mesh
 * that serves it) and fills every output from the cloud. Only reads: the engine never creates, updates
 * or deletes a resource it read, and the provider's `delete` does nothing for one either. The conditions
 * are what the mesh shows by itself: ServiceMeshAvailable from its state, and ClusterEnrolled when the
 * reference names a cluster; `ready` is the mesh running (with that cluster in it).
 */
export async function readReference(
  id: string,
  props: Record<string, unknown>,
  deps: Deps,
): Promise<{ id: string; props: Record<string, unknown> }> {
  const byId = await deps.asm.describeMesh(id);
  const serving = byId ? undefined : (await deps.asm.listMeshes()).find((m) => m.clusters.includes(id));
  const mesh = byId ?? (serving && (await deps.asm.describeMesh(serving.id)));
  if (!mesh) throw new Error(`ServiceMesh.get: no ASM mesh has id ${id}, and no mesh serves an ACK cluster ${id}`);
  const clusterId = byId ? (mesh.clusters.length === 1 ? mesh.clusters[0]! : "") : id;
  const tags = userTags(await deps.asm.meshTags(mesh.id, mesh.regionId));
  const conditions = meshConditions(mesh, clusterId || undefined, new Date(deps.clock.now()));
  const clusterSpec = fromClusterSpec(mesh.clusterSpec);
  const outputs: Partial<StoredOutputs> & Record<string, unknown> = {
    __provider: props["__provider"],
    [REFERENCE]: true,
    clusterId,
    meshId: mesh.id,
    name: mesh.name,
    clusterSpec,
    // A reference never deletes: as far as this resource goes, the mesh is always kept.
    deletionPolicy: "Retain",
    region: mesh.regionId,
    istioVersion: mesh.version,
    tags,
    serviceMeshId: mesh.id,
    serviceMeshName: mesh.name,
    clusters: mesh.clusters,
    status: { clusterSpec, serviceMeshId: mesh.id, serviceMeshName: mesh.name, conditions },
    ready: conditions.every((c) => c.status === "True"),
    state: mesh.state,
    version: mesh.version,
    ...meshOutputs(mesh, {}),
    drift: [],
    stateFormat: STATE_FORMAT,
  };
  return { id, props: outputs };
}
