import type { CrRef } from "../kube/names";
import type { CustomResourceIntent, ServiceMeshObject } from "../kube/custom-resource";
import type { MeshStatus } from "../model/types";

/** Things in the enrolled cluster that still use the mesh and block removing the cluster from it. */
export interface MeshUsage {
  injectedNamespaces: string[];
  sidecarPods: string[];
  gateways: string[];
}

/**
 * The CR cluster: where the CRD and the ServiceMesh CR are written (the `kubeconfig` input, else the
 * enrolled cluster itself, as the seed's operator does). Implemented by `CustomResourceClient`.
 */
export interface CrClusterApi {
  ensureCrd(): Promise<void>;
  ensureNamespace(): Promise<void>;
  /** Reads the CR, by default this resource's. */
  readCr(ref?: CrRef): Promise<ServiceMeshObject | undefined>;
  applyCr(intent: CustomResourceIntent): Promise<ServiceMeshObject>;
  writeStatus(status: MeshStatus): Promise<void>;
  /** Deletes the CR (by default this resource's; another ref when the CR moved). */
  deleteCr(ref?: CrRef): Promise<void>;
}

/**
 * The enrolled cluster (`clusterId`): where pods, sidecars, injection labels and gateways are counted,
 * whichever cluster holds the CR. Implemented by `EnrolledClusterClient`.
 */
export interface EnrolledClusterApi {
  countPods(limit: number): Promise<number>;
  meshUsage(): Promise<MeshUsage>;
}
