import type { CrRef } from "../kube/names";
import type { CustomResourceIntent, ServiceMeshObject } from "../kube/custom-resource";
import type { MeshStatus } from "../model/types";

/** Things in the cluster that still use the mesh and block removing the cluster from it. */
export interface MeshUsage {
  injectedNamespaces: string[];
  sidecarPods: string[];
  gateways: string[];
}

/** The cluster calls the steps make (implemented by `KubeClient`). */
export interface KubeApi {
  ensureCrd(): Promise<void>;
  ensureNamespace(): Promise<void>;
  /** Reads the CR, by default this resource's. */
  readCr(ref?: CrRef): Promise<ServiceMeshObject | undefined>;
  applyCr(intent: CustomResourceIntent): Promise<ServiceMeshObject>;
  writeStatus(status: MeshStatus): Promise<void>;
  /** Deletes the CR (by default this resource's; another ref when the CR moved). */
  deleteCr(ref?: CrRef): Promise<void>;
  countPods(limit: number): Promise<number>;
  meshUsage(): Promise<MeshUsage>;
}
