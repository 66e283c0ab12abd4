import type { ApiMeshConfig } from "../cloud/mesh-config-mapping";

/** A mesh as DescribeServiceMeshDetail / DescribeServiceMeshes report it (official model names inside). */
export interface Mesh {
  /** Which call saw it: the list reports only part of `meshConfig` (its model has fewer fields). */
  source: "detail" | "list";
  id: string;
  name: string;
  state: string;
  errorMessage?: string;
  clusterSpec: string;
  clusters: string[];
  regionId: string;
  version: string;
  meshConfig: ApiMeshConfig;
  /** When ASM created it (epoch ms): a provisioning resumed after a crash is timed from here. */
  createdAt?: number;
  /** When its state last changed (epoch ms, ASM's clock): when an operation really finished. */
  updatedAt?: number;
  /** Its tags, as DescribeServiceMeshes reports them (the detail has none). */
  tags?: Record<string, string>;
  /** `Spec.Network`: where the control plane runs. */
  network?: { vpcId: string; vSwitchIds: string[] };
  /** `Endpoints`: "" where none exists (a public one needs an EIP). */
  endpoints?: MeshEndpoints;
  /** `Spec.LoadBalancer`: the CLBs in front of the API server and Pilot, and the EIPs bound to them. */
  loadBalancer?: MeshLoadBalancer;
}

export interface MeshEndpoints {
  apiServerIntranet: string;
  apiServerPublic: string;
  pilotIntranet: string;
  pilotPublic: string;
}

export interface MeshLoadBalancer {
  apiServerLoadBalancerId: string;
  /** "" when the API server has no public endpoint. */
  apiServerEipId: string;
  pilotLoadBalancerId: string;
  pilotEipId: string;
}

/** The two control-plane endpoints an EIP can be bound to. */
export type EipEndpoint = "apiServer" | "pilot";

/** One cluster as DescribeClustersInServiceMesh lists it. */
export interface MeshCluster {
  clusterId: string;
  state: string;
  errorMessage?: string;
}

/** A namespace of an enrolled cluster as ASM sees it (DescribeGuestClusterNamespaces). */
export interface GuestNamespace {
  name: string;
  labels: Record<string, string>;
}

/** One data-plane proxy connected to the mesh's control plane (DescribeServiceMeshProxyStatus). */
export interface ProxyStatus {
  /** `<pod>.<namespace>`, as Istio names proxies. */
  proxyId: string;
  clusterSynced: string;
}

export interface CreateMeshRequest {
  name: string;
  regionId: string;
  vpcId: string;
  vSwitches: string[];
  clusterSpec: string;
  tags: Record<string, string>;
  features: Record<string, string | number | boolean>;
}

/** A reader of the account's listing that accepts a recent one: how recent, and what it decides on. */
export interface ListingReader {
  maxAgeMs?: number;
  /**
   * The keys the reader's decisions rest on, given the listing (`mesh:<id>`, `name:<name>`,
   * `cluster:<id>`): a write of this process to any of them since the listing began makes it stale.
   */
  concerns?: (meshes: readonly Mesh[]) => readonly string[];
}

/** The ASM calls the steps make (implemented by `AsmClient`; tests may pass a stateful fake). */
export interface AsmApi {
  /** The mesh, or undefined when ASM answers that it does not exist. */
  describeMesh(meshId: string): Promise<Mesh | undefined>;
  /**
   * Every mesh of the account. Without `reader`, a listing begun now (or one in flight that nothing this
   * process wrote since could have changed); with it, possibly one shared by the process, at most
   * `maxAgeMs` old, that no write since touched the reader's concerns.
   */
  listMeshes(reader?: ListingReader): Promise<Mesh[]>;
  createMesh(request: CreateMeshRequest): Promise<string>;
  listClusters(meshId: string): Promise<MeshCluster[]>;
  addCluster(meshId: string, clusterId: string): Promise<void>;
  removeCluster(meshId: string, clusterId: string): Promise<void>;
  deleteMesh(meshId: string): Promise<void>;
  updateMeshFeature(meshId: string, params: Record<string, string | number | boolean>): Promise<void>;
  renameMesh(meshId: string, name: string): Promise<void>;
  /** UpdateControlPlaneLogConfig (`Enabled` required); the mesh is `updating` until done. */
  updateControlPlaneLog(meshId: string, params: Record<string, string | number | boolean>): Promise<void>;
  /** The cluster's namespaces with their labels, or undefined when the cluster is not in the mesh. */
  guestNamespaces(meshId: string, clusterId: string): Promise<GuestNamespace[] | undefined>;
  /** The data-plane proxies connected to the mesh, from every cluster in it. */
  proxyStatus(meshId: string): Promise<ProxyStatus[]>;
  /** The Istio versions ASM offers (DescribeVersions), every edition together. */
  istioVersions(): Promise<string[]>;
  /** Starts an upgrade to `version` (UpgradeMeshEditionPartially); the mesh is `upgrading` until done. */
  upgradeMesh(meshId: string, version: string): Promise<void>;
  /** The mesh's tags (ListTagResources). */
  meshTags(meshId: string, regionId: string): Promise<Record<string, string>>;
  tagMesh(meshId: string, regionId: string, tags: Record<string, string>): Promise<void>;
  untagMesh(meshId: string, regionId: string, keys: string[]): Promise<void>;
  /** Binds an EIP to an endpoint's CLB, or unbinds it (`eipId` undefined): ModifyApiServerEipResource / ModifyPilotEipResource. */
  bindEip(meshId: string, endpoint: EipEndpoint, eipId: string | undefined, boundEipId: string): Promise<void>;
  /** The kubeconfig of the mesh's control plane (DescribeServiceMeshKubeconfig), private or public endpoint. */
  meshKubeconfig(meshId: string, endpoint: "private" | "public"): Promise<string>;
}
