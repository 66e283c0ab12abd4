/**
 * The emulator's public contract: options, seed, faults and the views returned by `inventory()`.
 * Everything here is plain JSON so it can cross the admin HTTP interface and the state file unchanged.
 */

export interface Latencies {
  provisionMs: number;
  enrollMs: number;
  removeMs: number;
  updateMs: number;
  deleteMs: number;
  responseMs: number;
}

export const DEFAULT_LATENCIES: Latencies = {
  provisionMs: 1500,
  enrollMs: 800,
  removeMs: 800,
  updateMs: 400,
  deleteMs: 800,
  responseMs: 0,
};

export interface StsToken {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** Epoch ms after which the token is refused with `InvalidSecurityToken.Expired`; absent = never. */
  expiresAt?: number;
}

export interface EmulatorOptions {
  /** 0/undefined = a free port; the server always binds 127.0.0.1. */
  port?: number;
  accessKeyId: string;
  accessKeySecret: string;
  stsTokens?: StsToken[];
  seed?: EmulatorSeed;
  /** Persist the inventory as JSON after each mutation; loaded on start when the file exists. */
  statePath?: string;
  latency?: Partial<Latencies>;
  /** Per access key and product (ASM, ACK), requests per second; undefined = unlimited. */
  qpsLimit?: number;
  /** Per access key and API action, requests per second; undefined = unlimited. */
  qpsPerActionLimit?: number;
  clock?: () => number;
}

export interface SeedNamespace {
  name: string;
  labels?: Record<string, string>;
}

export interface SeedCluster {
  clusterId: string;
  name?: string;
  regionId: string;
  /** Default "1.32.1-aliyun.1". */
  kubernetesVersion?: string;
  /** Default "running". */
  state?: string;
  vpcId?: string;
  vswitchIds?: string[];
  /** Default "ManagedKubernetes". */
  clusterType?: string;
  /** Namespaces reported by DescribeGuestClusterNamespaces; default: the stock Kubernetes ones. */
  namespaces?: SeedNamespace[];
  /** Proxy ids reported by DescribeServiceMeshProxyStatus while the cluster is in a mesh. */
  proxies?: string[];
  /**
   * What DescribeClusterUserKubeconfig hands out: binding the emulated cluster to a real (local)
   * kube-apiserver makes it *be* that cluster. Unbound clusters get a kubeconfig for an address that
   * does not resolve.
   */
  kubeconfig?: string;
}

export type ClusterSpec = "standard" | "enterprise" | "ultimate";

export interface SeedMesh {
  serviceMeshId?: string;
  name: string;
  regionId: string;
  clusterSpec?: ClusterSpec;
  clusters?: string[];
  vpcId?: string;
  vswitches?: string[];
}

export interface EmulatorSeed {
  /** asmActivated defaults to true. */
  account?: { asmActivated?: boolean };
  clusters?: SeedCluster[];
  meshes?: SeedMesh[];
}

export type Fault =
  | {
      action: string;
      times?: number;
      code: string;
      status: number;
      message?: string;
      /** `x-acs-retry-after` for a `Throttling*` code (real flow control always names its wait). @default 100 */
      retryAfterMs?: number;
    }
  | { action: string; times?: number; delayMs: number }
  | { action: string; times?: number; dropConnection: true }
  | { meshEndState: "failed" | "create_timeout"; times?: number }
  | { enrollFails: { code: string; message: string }; times?: number };

/** `Spec.MeshConfig` as DescribeServiceMeshDetail reports it (official model names and nesting). */
export type MeshConfigView = Record<string, unknown>;

export interface MeshView {
  serviceMeshId: string;
  name: string;
  state: string;
  errorMessage: string;
  clusterSpec: ClusterSpec;
  profile: string;
  version: string;
  regionId: string;
  vpcId: string;
  vswitches: string[];
  /** Attached clusters (including one being enrolled or removed). */
  clusters: string[];
  tags: { Key: string; Value: string }[];
  meshConfig: MeshConfigView;
  /** The async operation in flight, if any, and when it completes (epoch ms). */
  pending?: { kind: string; clusterId?: string; completesAt: number };
  creationTime: string;
  updateTime: string;
}

export interface ClusterView {
  clusterId: string;
  name: string;
  regionId: string;
  kubernetesVersion: string;
  state: string;
  vpcId: string;
  vswitchIds: string[];
  clusterType: string;
  /** The mesh the cluster is attached to, if any. */
  serviceMeshId?: string;
}

export interface RequestLogEntry {
  time: string;
  requestId: string;
  method: string;
  path: string;
  action: string;
  version: string;
  /** Query and body parameters; anything that looks like a secret, token or signature is removed. */
  params: Record<string, string>;
  status: number;
  code?: string;
  accessKeyId: string;
}

export interface InventoryView {
  asmActivated: boolean;
  meshes: MeshView[];
  clusters: ClusterView[];
}

export interface RunningEmulator {
  /** "127.0.0.1:PORT", what Config.endpoint takes. */
  endpoint: string;
  /** "http://127.0.0.1:PORT". */
  url: string;
  port: number;
  stop(): Promise<void>;
  inventory(): InventoryView;
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  injectFault(f: Fault): void;
  clearFaults(): void;
  setLatency(l: Partial<Latencies>): void;
  /** Requests per second per access key and product, and per access key and action (undefined: unlimited). */
  setQpsLimit(qps: number | undefined, perAction?: number): void;
  mutate: {
    renameMesh(id: string, name: string): void;
    setMeshState(id: string, state: string): void;
    deleteMesh(id: string): void;
    addCluster(c: SeedCluster): void;
    /** Binds a cluster to a kubeconfig (see `SeedCluster.kubeconfig`). */
    bindKubeconfig(clusterId: string, kubeconfig: string): void;
    setAsmActivated(v: boolean): void;
  };
}
