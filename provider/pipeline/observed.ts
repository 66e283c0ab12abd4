import type { AckCluster, Mesh } from "../deps";
import type { ServiceMeshObject } from "../kube/custom-resource";
import type { Edition } from "../model/types";

/**
 * What a pass has learned, one record for every step. Each fact is resolved once, by the step that
 * learns it, and read from here afterwards.
 */
export interface Observed {
  /** The mesh this resource manages (from state or the CR's status; then the one found or created). */
  meshId?: string;
  /** Decided before the first create call and kept (the seed's `status.serviceMeshName`). */
  meshName?: string;
  /** PreChecked: the ACK cluster being enrolled. */
  cluster?: AckCluster;
  /** PreChecked: the `region` input or setting, else the cluster's own. */
  region?: string;
  /** PreChecked: the `clusterSpec` input, else the joined mesh's, else the region's default. */
  edition?: Edition;
  /** PreChecked: the account's meshes, listed once for the binding rule and the lookup by name. */
  meshes?: Mesh[];
  /** The mesh as last seen (ServiceMeshAvailable onwards; teardown: from its first step). */
  mesh?: Mesh;
  /** Teardown: the mesh's owner tag (see `OWNER_TAG`), undefined when it has none. */
  meshOwner?: string;
  /** ClusterEnrolled: the cluster is enrolled and `running` in the mesh. */
  enrolled?: boolean;
  /** MeshConfigApplied: the control plane's kubeconfig, when `controlPlaneKubeconfig` asks for it. */
  meshKubeconfig?: string;
  /** The CR this pass writes its status to; undefined once teardown removed it. */
  customResource?: ServiceMeshObject;
}

/** A fact an earlier step must have learned; its absence is a bug in the step lists, not a user error. */
export function requireFact<K extends keyof Observed>(
  observed: Observed,
  key: K,
  step: string,
): NonNullable<Observed[K]> {
  const value = observed[key];
  if (value === undefined || value === null) throw new Error(`${step} runs before ${key} was learned`);
  return value as NonNullable<Observed[K]>;
}
