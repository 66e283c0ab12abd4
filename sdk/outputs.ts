import type * as pulumi from "@pulumi/pulumi";
import type { DeletionPolicy, Edition, MeshConfigArgs, TimeoutsArgs } from "./args";

/** One reconciliation step and its status (the seed's ServiceMeshCondition). */
export interface ConditionOutput {
  /** PreChecked, ServiceMeshAvailable, ClusterEnrolled, MeshConfigApplied, Retried or ServiceMeshDeleted. */
  type: string;
  /** "True", "False" or "Unknown". */
  status: "True" | "False" | "Unknown";
  /** Reconciling, Succeeded, Failed, Available, Unavailable, Passed, WaitSteady or Retried. */
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration: number;
}

/** The CR's `status`, as `kubectl get servicemesh mesh -n istio-system -o yaml` shows it. */
export interface StatusOutput {
  clusterSpec?: Edition;
  serviceMeshId?: string;
  serviceMeshName?: string;
  conditions: ConditionOutput[];
}

/** Where the ServiceMesh custom resource lives. */
export interface CustomResourceOutput {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

/**
 * Everything a {@link ServiceMesh} reports: the inputs as resolved (defaults filled in from settings,
 * the cluster and the mesh), then what the provider observed. The class declares exactly these fields.
 */
export interface ServiceMeshOutputs {
  clusterId: string;
  meshId: string | undefined;
  /** The mesh name as requested (defaulted to `mesh-for-${clusterId}`, or the joined mesh's name). */
  name: string;
  /** The edition as resolved: the input, else the joined mesh's, else the region's default. */
  clusterSpec: Edition | undefined;
  deletionPolicy: DeletionPolicy;
  retryAt: string | undefined;
  /** The region as resolved: the input, else stack config / environment, else the cluster's own. */
  region: string;
  meshConfig: pulumi.Unwrap<MeshConfigArgs> | undefined;
  timeouts: pulumi.Unwrap<TimeoutsArgs> | undefined;
  /** The ASM instance id. */
  serviceMeshId: string;
  /** The mesh name as ASM reports it. */
  serviceMeshName: string;
  /** The CR's status: edition, mesh id and name, and the ordered conditions. */
  status: StatusOutput;
  /** All four step conditions are True. */
  ready: boolean;
  /** The mesh's `ServiceMeshInfo.State` (`running` when settled). */
  state: string;
  /** The mesh's Istio version. */
  version: string;
  customResource: CustomResourceOutput | undefined;
  /** Differences the last `pulumi refresh` found between state, the cloud and the CR. */
  drift: string[] | undefined;
}
