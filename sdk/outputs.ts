import type * as pulumi from "@pulumi/pulumi";
import type { DeletionPolicy, Edition, ManagementPolicy, MeshConfigArgs, TimeoutsArgs } from "./args";

/** The control plane's endpoints as ASM reports them; "" where none exists (public ones need an EIP). */
export interface EndpointsOutput {
  apiServerIntranet: string;
  apiServerPublic: string;
  pilotIntranet: string;
  pilotPublic: string;
}

/** The load balancers in front of the control plane and the EIPs bound to them, as ASM reports them. */
export interface LoadBalancerOutput {
  /** An EIP is bound to the API server's CLB. */
  apiServerPublicEip: boolean;
  apiServerEipId: string;
  apiServerLoadBalancerId: string;
  pilotEipId: string;
  pilotLoadBalancerId: string;
}

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
  /** The Istio version as requested, else the mesh's. */
  istioVersion: string;
  /** The tags as requested (the ownership tag is not among them). */
  tags: Record<string, string> | undefined;
  /** The control plane's VPC and vSwitch as ASM reports them (the inputs until a mesh is seen). */
  vpcId: string | undefined;
  vSwitchIds: string[] | undefined;
  /** The load balancers and EIPs as ASM reports them. */
  loadBalancer: LoadBalancerOutput | undefined;
  controlPlaneKubeconfig: "private" | "public" | undefined;
  managementPolicy: ManagementPolicy | undefined;
  /** The ASM instance id. */
  serviceMeshId: string;
  /** The ACK clusters enrolled in the mesh, as ASM last listed them (this resource's and any other's). */
  clusters: string[];
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
  /** The control plane's API server and Pilot endpoints. */
  endpoints: EndpointsOutput | undefined;
  /** When ASM created the mesh (ISO 8601). */
  createTime: string;
  /** The control plane's kubeconfig, when `controlPlaneKubeconfig` asks for it. Always a secret. */
  meshKubeconfig: string | undefined;
  /** Differences the last `pulumi refresh` found between state, the cloud and the CR. */
  drift: string[] | undefined;
}
