/**
 * Response shapes, field names and nesting as in the official servicemesh 2020-01-11 models
 * (`DescribeServiceMeshDetailResponseBody`, `DescribeServiceMeshesResponseBody`,
 * `DescribeClustersInServiceMeshResponseBody`).
 */
import { formatTime, getAt, type ClusterRecord, type MeshRecord } from "../records";
import { project, shapeAt } from "./model-shapes";
import { RESPONSE_MODELS } from "./response-models";
import type { Inventory } from "../state";

function hostOctets(id: string): string {
  return `${parseInt(id.slice(1, 3), 16) || 1}.${parseInt(id.slice(3, 5), 16) || 1}`;
}

/** Public endpoints exist while an EIP is bound to the CLB in front of them. */
export function meshEndpoints(m: MeshRecord): Record<string, string> {
  const host = hostOctets(m.serviceMeshId);
  return {
    IntranetApiServerEndpoint: `https://192.168.${host}:6443`,
    PublicApiServerEndpoint: m.apiServerEipId ? `https://47.96.${host}:6443` : "",
    IntranetPilotEndpoint: `192.168.${host}:15012`,
    PublicPilotEndpoint: m.pilotEipId ? `47.97.${host}:15012` : "",
    IntranetCanaryPilotEndpoint: "",
    PublicCanaryPilotEndpoint: "",
  };
}

export function meshDetail(m: MeshRecord): Record<string, unknown> {
  const mc = m.meshConfig;
  const audit = (mc["Audit"] ?? {}) as Record<string, unknown>;
  return {
    ClusterSpec: m.clusterSpec,
    Clusters: [...m.clusters],
    OwnerId: "",
    OwnerType: "",
    Endpoints: meshEndpoints(m),
    ServiceMeshInfo: {
      ServiceMeshId: m.serviceMeshId,
      Name: m.name,
      State: m.state,
      ErrorMessage: m.errorMessage,
      Profile: m.profile,
      Version: m.version,
      RegionId: m.regionId,
      CreationTime: formatTime(m.createdAt),
      UpdateTime: formatTime(m.updatedAt),
    },
    Spec: {
      Network: { VpcId: m.vpcId, VSwitches: [...m.vswitches], SecurityGroupId: m.securityGroupId },
      LoadBalancer: {
        ApiServerLoadbalancerId: m.loadBalancerId,
        ApiServerPublicEip: m.apiServerEipId !== undefined,
        ApiServerPublicEipId: m.apiServerEipId ?? "",
        CanaryPilotLoadBalancerId: "",
        CanaryPilotPublicEipId: "",
        PilotPublicEip: m.pilotEipId !== undefined,
        PilotPublicEipId: m.pilotEipId ?? "",
        PilotPublicLoadbalancerId: m.pilotEipId ? `lb-pilot-${m.serviceMeshId.slice(1, 15)}` : "",
      },
      MeshConfig: {
        ...mc,
        Edition: { Name: m.profile, IstiodImageTag: m.version, ProxyImageTag: m.version },
        // The model's documented values; the emulator has no Log Service, so a project "exists" once audit is on.
        Audit: { ...audit, AuditProjectStatus: audit["Enabled"] ? "audit_project_exist" : "audit_project_not_exist" },
      },
    },
  };
}

/** DescribeServiceMeshes items: the detail plus `Tag[]` and `Upgradable`, cut to the fields the list model declares. */
export function meshListItem(m: MeshRecord): Record<string, unknown> {
  const item = { ...meshDetail(m), Tag: m.tags.map((t) => ({ ...t })), Upgradable: false };
  return project(LIST_ITEM, item) as Record<string, unknown>;
}

const LIST_ITEM = shapeAt(RESPONSE_MODELS.DescribeServiceMeshes, "ServiceMeshes.0");

/** ASM reports the Kubernetes version with a leading `v` (model example `v1.16.6-aliyun.1`). */
function k8sVersion(v: string): string {
  return v.startsWith("v") ? v : `v${v}`;
}

export function clusterInMesh(
  c: ClusterRecord | undefined,
  clusterId: string,
  state: string,
  errorMessage: string,
  m: MeshRecord,
): Record<string, unknown> {
  return {
    ClusterId: clusterId,
    Name: c?.name ?? clusterId,
    ClusterType: c?.clusterType ?? "",
    ClusterDomain: String(getAt(m.meshConfig, "Proxy.ClusterDomain") ?? "cluster.local"),
    RegionId: c?.regionId ?? m.regionId,
    VpcId: c?.vpcId ?? "",
    SgId: `sg-${clusterId}`,
    State: state,
    Version: c ? k8sVersion(c.kubernetesVersion) : "",
    ErrorMessage: errorMessage,
    CreationTime: formatTime(c?.createdAt ?? m.createdAt),
    UpdateTime: formatTime(m.updatedAt),
    LogtailInstalledState: "logtail_uninstalled",
    AccessLogDashboards: [],
    GuestClusterConfig: { SMC: { Enabled: false } },
  };
}

/** Clusters of a mesh with per-cluster state: initial while enrolling, deleting while removing, failed. */
export function clustersOfMesh(inv: Inventory, m: MeshRecord): Record<string, unknown>[] {
  const out = m.clusters.map((id) => {
    const op = m.pending;
    const enrolling = op?.kind === "create" || (op?.kind === "enroll" && op.clusterId === id);
    const state = enrolling ? "initial" : op?.kind === "remove" && op.clusterId === id ? "deleting" : "running";
    return clusterInMesh(inv.clusters.get(id), id, state, "", m);
  });
  for (const f of m.failedEnrollments) {
    if (!m.clusters.includes(f.clusterId)) {
      out.push(clusterInMesh(inv.clusters.get(f.clusterId), f.clusterId, "failed", `${f.code}: ${f.message}`, m));
    }
  }
  return out;
}
