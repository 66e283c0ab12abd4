/**
 * Response shapes, field names and nesting as in the official servicemesh 2020-01-11 models
 * (`DescribeServiceMeshDetailResponseBody`, `DescribeServiceMeshesResponseBody`,
 * `DescribeClustersInServiceMeshResponseBody`).
 */
import { formatTime, type ClusterRecord, type MeshRecord } from "../records";
import type { Inventory } from "../state";

function hostOctets(id: string): string {
  return `${parseInt(id.slice(1, 3), 16) || 1}.${parseInt(id.slice(3, 5), 16) || 1}`;
}

export function meshDetail(m: MeshRecord): Record<string, unknown> {
  const mc = m.meshConfig;
  return {
    ClusterSpec: m.clusterSpec,
    Clusters: [...m.clusters],
    OwnerId: "",
    OwnerType: "",
    Endpoints: {
      IntranetApiServerEndpoint: `https://192.168.${hostOctets(m.serviceMeshId)}:6443`,
      PublicApiServerEndpoint: "",
      IntranetPilotEndpoint: `192.168.${hostOctets(m.serviceMeshId)}:15012`,
      PublicPilotEndpoint: "",
    },
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
        ApiServerPublicEip: false,
        ApiServerPublicEipId: "",
        PilotPublicEip: false,
        PilotPublicEipId: "",
        PilotPublicLoadbalancerId: "",
      },
      MeshConfig: {
        Edition: { Name: m.profile, IstiodImageTag: m.version, ProxyImageTag: m.version },
        Telemetry: mc.telemetry,
        Tracing: mc.tracing,
        CustomizedZipkin: mc.customizedZipkin,
        EnableLocalityLB: mc.enableLocalityLB,
        OutboundTrafficPolicy: mc.outboundTrafficPolicy,
        IncludeIPRanges: mc.includeIPRanges,
        ExcludeIPRanges: mc.excludeIPRanges,
        ExcludeInboundPorts: mc.excludeInboundPorts,
        ExcludeOutboundPorts: mc.excludeOutboundPorts,
        AccessLog: { Enabled: mc.accessLog.enabled, Project: mc.accessLog.project },
        Audit: {
          Enabled: mc.audit.enabled,
          Project: mc.audit.project,
          AuditProjectStatus: mc.audit.enabled ? "exist" : "",
        },
        Proxy: {
          ClusterDomain: mc.proxy.clusterDomain,
          RequestCPU: mc.proxy.requestCPU,
          RequestMemory: mc.proxy.requestMemory,
          LimitCPU: mc.proxy.limitCPU,
          LimitMemory: mc.proxy.limitMemory,
        },
        SidecarInjector: {
          AutoInjectionPolicyEnabled: mc.sidecarInjector.autoInjectionPolicyEnabled,
          EnableNamespacesByDefault: mc.sidecarInjector.enableNamespacesByDefault,
        },
        Pilot: { TraceSampling: mc.traceSampling, Http10Enabled: false },
        Kiali: { Enabled: mc.kialiEnabled },
        Prometheus: { UseExternal: mc.prometheus.useExternal, ExternalUrl: mc.prometheus.externalUrl },
        ExtraConfiguration: { CRAggregationEnabled: false },
      },
    },
  };
}

/** DescribeServiceMeshes items: the detail shape plus `Tag[]` and `Upgradable`. */
export function meshListItem(m: MeshRecord): Record<string, unknown> {
  return { ...meshDetail(m), Tag: m.tags.map((t) => ({ ...t })), Upgradable: false };
}

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
    ClusterDomain: m.meshConfig.proxy.clusterDomain,
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
