export { ServiceMesh } from "./service-mesh";
export type { ServiceMeshArgs, MeshConfigArgs, TimeoutsArgs, Edition } from "./args";
export type { ConditionOutput, StatusOutput, CustomResourceOutput } from "./outputs";
