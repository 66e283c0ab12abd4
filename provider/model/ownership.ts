import { createHash } from "node:crypto";
import type { Mesh } from "../deps/asm-api";

/**
 * Tag on every mesh this provider creates, naming the cluster whose resource made it: a person can tell
 * where a mesh comes from, and a run that lost track of its mesh (a crash right after CreateServiceMesh,
 * before the CR recorded anything) finds it again instead of making a second one.
 */
export const CLUSTER_TAG = "pulumi-asm-servicemesh/cluster";

/**
 * Tag naming the resource that created the mesh (`<project>/<stack>/<resource name>`, see `ownerOf`).
 * It is part of the CreateServiceMesh request itself, so there is no moment when the mesh exists
 * without it: a re-run of the same resource (same owner) knows the mesh as its own from a crashed run,
 * any other resource knows it as someone else's.
 */
export const OWNER_TAG = "pulumi-asm-servicemesh/owner";

/** ASM's limit on a tag value. */
const TAG_VALUE_MAX = 128;

/**
 * The owner value of a Pulumi resource as a shell names it, `<project>/<stack>/<resource name>` (which
 * together name one resource of one stack), fitted to a tag value: a longer one keeps its start and a
 * hash of the whole, so it stays unique and readable.
 */
export function ownerOf(full: string): string {
  if (full.length <= TAG_VALUE_MAX) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 12);
  return `${full.slice(0, TAG_VALUE_MAX - hash.length - 1)}~${hash}`;
}

/** How messages name an owner: "resource r of stack p/s". */
export function describeOwner(owner: string): string {
  const [project, stack, ...name] = owner.split("/");
  return name.length > 0 ? `resource ${name.join("/")} of stack ${project}/${stack}` : `owner ${owner}`;
}

export function createdFor(mesh: Mesh, clusterId: string): boolean {
  return mesh.tags?.[CLUSTER_TAG] === clusterId;
}

/**
 * The owner of `mesh` when it is another resource that manages `clusterId` in it: the mesh was created
 * for that cluster (its cluster tag), or the cluster is enrolled in it. Such a mesh is never this
 * resource's to join, leave or delete: two resources cannot both manage one cluster's enrollment, and
 * the one that did not create it would tear down what the other still uses. A mesh without an owner tag
 * (made in the console, by Terraform, or by a version before this tag) is nobody's in particular, and
 * a mesh another resource made for another cluster may be joined (deletion keeps a mesh that still
 * serves a cluster). Undefined when neither holds. Needs the mesh's tags (the listing has them).
 */
export function otherOwner(mesh: Mesh, owner: string | undefined, clusterId: string): string | undefined {
  const tagged = mesh.tags?.[OWNER_TAG];
  if (tagged === undefined || tagged === owner) return undefined;
  return createdFor(mesh, clusterId) || mesh.clusters.includes(clusterId) ? tagged : undefined;
}

/** The refusal for a mesh `otherOwner` names: what the mesh is, whose, and what to do instead. */
export function ownedElsewhere(mesh: Pick<Mesh, "id" | "name">, owner: string, clusterId: string): string {
  return (
    `mesh ${mesh.id} (${mesh.name}) belongs to ${describeOwner(owner)}, which manages ACK cluster ${clusterId} in it; ` +
    `two resources cannot manage one cluster's mesh: use that resource's outputs instead, or destroy it first`
  );
}
