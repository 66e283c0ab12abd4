export { ServiceMesh } from "./service-mesh";
export type { ServiceMeshArgs, MeshConfigArgs, TimeoutsArgs, Edition, DeletionPolicy } from "./args";
export type { ConditionOutput, StatusOutput, CustomResourceOutput, ServiceMeshOutputs } from "./outputs";
