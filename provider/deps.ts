import type { AckCluster } from "./cloud/ack-client";
import type { CreateMeshRequest, Mesh, MeshCluster } from "./cloud/asm-client";
import type { Clock, Deadline } from "./clock";
import type { MeshUsage } from "./kube/kube-client";
import type { CustomResourceIntent, ServiceMeshObject } from "./kube/custom-resource";
import type { Logger } from "./log";
import type { CrRef } from "./kube/names";
import type { MeshStatus } from "./spec/types";

/** The ASM calls the steps make (implemented by `AsmClient`; tests may pass a stateful fake). */
export interface AsmApi {
  describeMesh(meshId: string): Promise<Mesh | undefined>;
  listMeshes(): Promise<Mesh[]>;
  createMesh(request: CreateMeshRequest): Promise<string>;
  listClusters(meshId: string): Promise<MeshCluster[]>;
  addCluster(meshId: string, clusterId: string): Promise<void>;
  removeCluster(meshId: string, clusterId: string): Promise<void>;
  deleteMesh(meshId: string): Promise<void>;
  updateMeshFeature(meshId: string, params: Record<string, string | number | boolean>): Promise<void>;
  renameMesh(meshId: string, name: string): Promise<void>;
}

export interface AckApi {
  describeCluster(clusterId: string): Promise<AckCluster | undefined>;
}

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

/** Everything a lifecycle method needs, built when it runs (never captured at serialization). */
export interface Deps {
  asm: AsmApi;
  ack: AckApi;
  kube: KubeApi;
  clock: Clock;
  deadline: Deadline;
  log: Logger;
}
