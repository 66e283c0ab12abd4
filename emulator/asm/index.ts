/** The ASM (servicemesh 2020-01-11, RPC) operations the emulator answers, by `x-acs-action`. */
import type { Handler } from "../context";
import {
  addClusterIntoServiceMesh,
  describeClustersInServiceMesh,
  describeServiceMeshClusters,
  removeClusterFromServiceMesh,
} from "./clusters";
import { describeGuestClusterNamespaces, describeServiceMeshProxyStatus } from "./diagnostics";
import { updateControlPlaneLogConfig, updateMeshFeature } from "./features";
import { describeServiceMeshKubeconfig } from "./kubeconfig";
import { modifyApiServerEipResource, modifyPilotEipResource } from "./load-balancer";
import { listTagResources, tagResources, untagResources } from "./tags";
import { describeUpgradeVersion, describeVersions, upgradeMeshEditionPartially } from "./versions";
import {
  createServiceMesh,
  deleteServiceMesh,
  describeServiceMeshDetail,
  describeServiceMeshes,
  modifyServiceMeshName,
} from "./meshes";

export const ASM_VERSION = "2020-01-11";

export const ASM_ACTIONS: Readonly<Record<string, Handler>> = {
  CreateServiceMesh: createServiceMesh,
  DescribeServiceMeshDetail: describeServiceMeshDetail,
  DescribeServiceMeshes: describeServiceMeshes,
  DeleteServiceMesh: deleteServiceMesh,
  ModifyServiceMeshName: modifyServiceMeshName,
  AddClusterIntoServiceMesh: addClusterIntoServiceMesh,
  RemoveClusterFromServiceMesh: removeClusterFromServiceMesh,
  DescribeClustersInServiceMesh: describeClustersInServiceMesh,
  DescribeServiceMeshClusters: describeServiceMeshClusters,
  UpdateMeshFeature: updateMeshFeature,
  UpdateControlPlaneLogConfig: updateControlPlaneLogConfig,
  DescribeGuestClusterNamespaces: describeGuestClusterNamespaces,
  DescribeServiceMeshProxyStatus: describeServiceMeshProxyStatus,
  DescribeServiceMeshKubeconfig: describeServiceMeshKubeconfig,
  ModifyApiServerEipResource: modifyApiServerEipResource,
  ModifyPilotEipResource: modifyPilotEipResource,
  TagResources: tagResources,
  UntagResources: untagResources,
  ListTagResources: listTagResources,
  DescribeVersions: describeVersions,
  DescribeUpgradeVersion: describeUpgradeVersion,
  UpgradeMeshEditionPartially: upgradeMeshEditionPartially,
};
