import type { Mesh } from "../deps/asm-api";

/**
 * Tag on every mesh this provider creates, naming the cluster whose resource made it: a person can tell
 * where a mesh comes from, and a run that lost track of its mesh (a crash right after CreateServiceMesh,
 * before the CR recorded anything) finds it again instead of making a second one.
 */
export const CLUSTER_TAG = "pulumi-asm-servicemesh/cluster";

export function createdFor(mesh: Mesh, clusterId: string): boolean {
  return mesh.tags?.[CLUSTER_TAG] === clusterId;
}
