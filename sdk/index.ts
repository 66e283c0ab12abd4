export { ServiceMesh } from "./service-mesh";
export type {
  ServiceMeshArgs,
  MeshConfigArgs,
  LoadBalancerArgs,
  TimeoutsArgs,
  Edition,
  DeletionPolicy,
  ManagementPolicy,
} from "./args";
export type {
  ConditionOutput,
  StatusOutput,
  CustomResourceOutput,
  EndpointsOutput,
  LoadBalancerOutput,
  ServiceMeshOutputs,
} from "./outputs";
