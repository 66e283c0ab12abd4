/**
 * The plain (unwrapped) shapes the provider works with. The user-facing, documented contract is in
 * `sdk/args.ts`; these mirror it after Pulumi has resolved every `Input`.
 */

/** ASM editions as users write them (the API's `ClusterSpec` is the lower-case form). */
export type Edition = "Standard" | "Enterprise" | "Ultimate";

export type DeletionPolicy = "Retain" | "Delete";

export interface MeshConfig {
  accessLog?: { enabled?: boolean; project?: string };
  tracing?: { enabled?: boolean; sampling?: number };
  telemetry?: boolean;
  outboundTrafficPolicy?: "ALLOW_ANY" | "REGISTRY_ONLY";
  sidecarProxy?: { requestCpu?: string; requestMemory?: string; limitCpu?: string; limitMemory?: string };
  sidecarInjection?: { autoInjectionPolicyEnabled?: boolean; enableNamespacesByDefault?: boolean };
}

export interface Timeouts {
  create?: string;
  update?: string;
  delete?: string;
}

/** Inputs as the engine hands them to `check` (any field may be missing, mistyped or unknown). */
export interface ServiceMeshInputs {
  clusterId: string;
  meshId?: string;
  name?: string;
  clusterSpec?: Edition;
  deletionPolicy?: DeletionPolicy;
  retryAt?: string;
  region?: string;
  meshConfig?: MeshConfig;
  kubeconfig?: string;
  timeouts?: Timeouts;
  /** Where the ServiceMesh CR is written (default istio-system/mesh, as the seed's operator). */
  customResourceNamespace?: string;
  customResourceName?: string;
}

/** Inputs after `check` filled the defaults it could (region and edition may need the cluster). */
export interface CheckedInputs extends ServiceMeshInputs {
  deletionPolicy: DeletionPolicy;
}

export type ConditionStatus = "True" | "False" | "Unknown";

export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration: number;
}

/** `status` of the ServiceMesh custom resource, in the seed's shape. */
export interface MeshStatus {
  clusterSpec?: Edition;
  serviceMeshId?: string;
  serviceMeshName?: string;
  conditions: Condition[];
}

export interface CustomResourceRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

/** Everything the provider stores as the resource's outputs (and later receives as `olds`). */
export interface ServiceMeshOutputs extends CheckedInputs {
  region: string;
  name: string;
  serviceMeshId: string;
  serviceMeshName: string;
  status: MeshStatus;
  ready: boolean;
  state: string;
  version: string;
  customResource?: CustomResourceRef;
  /** The last `retry-at` annotation value that a reconcile acted on. */
  handledRetryAt?: string;
  /** Inputs the user left out that the provider resolved (from settings or the cluster). */
  defaultedInputs?: string[];
  /** Differences found by the last `read` between Pulumi state, the cloud and the CR. */
  drift?: string[];
}
