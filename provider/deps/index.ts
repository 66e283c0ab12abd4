import type { MeshWatch } from "../cloud/mesh-observer";
import type { Clock, Deadline } from "../clock";
import type { Logger } from "../log";
import type { AckApi } from "./ack-api";
import type { AsmApi } from "./asm-api";
import type { CrClusterApi, EnrolledClusterApi } from "./kube-api";

export type { AckApi, AckCluster, UserKubeconfig } from "./ack-api";
export type {
  AsmApi,
  CreateMeshRequest,
  EipEndpoint,
  GuestNamespace,
  ListingReader,
  Mesh,
  MeshCluster,
  MeshEndpoints,
  MeshLoadBalancer,
  ProxyStatus,
} from "./asm-api";
export type { CrClusterApi, EnrolledClusterApi, MeshUsage } from "./kube-api";

/** Everything a lifecycle method needs, built when it runs (never captured at serialization). */
export interface Deps {
  asm: AsmApi;
  ack: AckApi;
  /** Where the CRD and the CR live. */
  crCluster: CrClusterApi;
  /** The cluster being enrolled: every usage and pod check reads it. */
  enrolledCluster: EnrolledClusterApi;
  /** Every wait on a mesh: one observer per account in the process, shared by all its resources. */
  watch: MeshWatch;
  clock: Clock;
  deadline: Deadline;
  log: Logger;
}
