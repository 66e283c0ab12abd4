/**
 * The response models of the operations whose shape the emulator derives (defaults, list items), as
 * shapes: response models of alibabacloud-servicemesh20200111 3.4.0 (type hints of the generated Python
 * models), one file per concept; tests/contract checks the emulator against the installed SDK itself.
 */
import { DESCRIBE_SERVICE_MESH_DETAIL } from "./detail-response-model";
import { DESCRIBE_SERVICE_MESH_CLUSTERS, DESCRIBE_SERVICE_MESHES } from "./list-response-models";
import type { Shape } from "./model-shapes";

export const RESPONSE_MODELS: Record<
  "DescribeServiceMeshDetail" | "DescribeServiceMeshes" | "DescribeServiceMeshClusters",
  { [key: string]: Shape }
> = {
  DescribeServiceMeshDetail: DESCRIBE_SERVICE_MESH_DETAIL,
  DescribeServiceMeshes: DESCRIBE_SERVICE_MESHES,
  DescribeServiceMeshClusters: DESCRIBE_SERVICE_MESH_CLUSTERS,
};
