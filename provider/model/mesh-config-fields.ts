/**
 * The one table between our typed `meshConfig` and ASM: each field's path in `meshConfig`, what values it
 * takes, the CreateServiceMesh / UpdateMeshFeature parameter that sets it, and where
 * DescribeServiceMeshDetail reports it back under `ServiceMesh.Spec.MeshConfig` (official model names).
 * Validation (`check`), the create request, the update request and refresh's drift all read it; the
 * meshConfig table in docs/reference.md lists the same rows.
 */
import type { MeshConfig } from "./types";

/** What a field accepts; `check` turns each kind into a rule with the allowed values in its message. */
export type FieldKind =
  | { type: "boolean" }
  | { type: "cpu" }
  | { type: "memory" }
  | { type: "number"; min: number; max: number; integer?: boolean }
  | { type: "oneOf"; values: readonly string[] }
  | { type: "string"; pattern: RegExp; allowed: string };

/**
 * How a change reaches a mesh that exists: UpdateMeshFeature (most settings), UpdateControlPlaneLogConfig
 * under its own parameter name (the control-plane log), or not at all: ASM fixes it at creation, so a
 * change replaces the resource.
 */
export type UpdateRoute =
  { action: "UpdateMeshFeature" } | { action: "UpdateControlPlaneLogConfig"; param: string } | { action: "replace" };

export interface MeshConfigField {
  /** Dotted path in the `meshConfig` input: `tracing.sampling`. */
  path: MeshConfigPath;
  kind: FieldKind;
  /** The parameter that sets it: CreateServiceMesh's (with `onCreate`), and UpdateMeshFeature's unless `update` says otherwise. */
  param: string;
  /** Dotted path under `Spec.MeshConfig` in DescribeServiceMeshDetail: `Pilot.TraceSampling`. */
  reported: string;
  /** CreateServiceMesh takes it too; the rest are set once the mesh runs. */
  onCreate: boolean;
  update: UpdateRoute;
}

const FEATURE: UpdateRoute = { action: "UpdateMeshFeature" };
const CONTROL_PLANE_LOG = (param: string): UpdateRoute => ({ action: "UpdateControlPlaneLogConfig", param });
const FIXED: UpdateRoute = { action: "replace" };

type Leaf = string | number | boolean;
/** Every leaf path of the `meshConfig` input type, so a row cannot name a field the type lacks. */
export type MeshConfigPath = LeafPaths<MeshConfig>;
type LeafPaths<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends Leaf ? K : `${K}.${LeafPaths<NonNullable<T[K]>>}`;
}[keyof T & string];

const BOOLEAN: FieldKind = { type: "boolean" };
const CPU: FieldKind = { type: "cpu" };
const MEMORY: FieldKind = { type: "memory" };
const SLS_PROJECT: FieldKind = {
  type: "string",
  pattern: /^[a-z0-9][a-z0-9_-]{2,62}$/,
  allowed: "an SLS project name",
};
const LOG_RETENTION_DAYS: FieldKind = { type: "number", min: 1, max: 3650, integer: true };
const IP_RANGES: FieldKind = {
  type: "string",
  pattern: /^(\*|(\d{1,3}(\.\d{1,3}){3}\/\d{1,2})(,\d{1,3}(\.\d{1,3}){3}\/\d{1,2})*)?$/,
  allowed: 'comma-separated IPv4 CIDRs such as 10.0.0.0/8,172.16.0.0/12, or "*"',
};
const PORTS: FieldKind = {
  type: "string",
  pattern: /^(\d{1,5}(,\d{1,5})*)?$/,
  allowed: "comma-separated port numbers such as 15020,9090",
};

/** One row; generic in the path so the compile-time coverage check below sees each literal. */
const row = <P extends MeshConfigPath>(
  path: P,
  kind: FieldKind,
  param: string,
  reported: string,
  onCreate = true,
  update: UpdateRoute = FEATURE,
) => ({ path, kind, param, reported, onCreate, update }) as const;

const EC = "ExtraConfiguration";

export const MESH_CONFIG_FIELDS = [
  row("accessLog.enabled", BOOLEAN, "AccessLogEnabled", "AccessLog.Enabled"),
  row("accessLog.project", SLS_PROJECT, "AccessLogProject", "AccessLog.Project"),
  row("accessLog.gatewayEnabled", BOOLEAN, "AccessLogGatewayEnabled", `${EC}.AccessLogExtraConf.GatewayEnabled`, false),
  row("accessLog.sidecarEnabled", BOOLEAN, "AccessLogSidecarEnabled", `${EC}.AccessLogExtraConf.SidecarEnabled`, false),
  row(
    "accessLog.gatewayLifecycle",
    LOG_RETENTION_DAYS,
    "AccessLogGatewayLifecycle",
    `${EC}.AccessLogExtraConf.GatewayLifecycle`,
    false,
  ),
  row(
    "accessLog.sidecarLifecycle",
    LOG_RETENTION_DAYS,
    "AccessLogSidecarLifecycle",
    `${EC}.AccessLogExtraConf.SidecarLifecycle`,
    false,
  ),
  row("audit.enabled", BOOLEAN, "EnableAudit", "Audit.Enabled"),
  row("audit.project", SLS_PROJECT, "AuditProject", "Audit.Project"),
  row(
    "controlPlaneLog.enabled",
    BOOLEAN,
    "ControlPlaneLogEnabled",
    "ControlPlaneLogInfo.Enabled",
    true,
    CONTROL_PLANE_LOG("Enabled"),
  ),
  row(
    "controlPlaneLog.project",
    SLS_PROJECT,
    "ControlPlaneLogProject",
    "ControlPlaneLogInfo.Project",
    true,
    CONTROL_PLANE_LOG("Project"),
  ),
  row(
    "controlPlaneLog.logTtlInDays",
    LOG_RETENTION_DAYS,
    "LogTTLInDay",
    "ControlPlaneLogInfo.LogTTL",
    false,
    CONTROL_PLANE_LOG("LogTTLInDay"),
  ),
  row("tracing.enabled", BOOLEAN, "Tracing", "Tracing"),
  row("tracing.sampling", { type: "number", min: 0, max: 100 }, "TraceSampling", "Pilot.TraceSampling"),
  row("tracing.customizedZipkin", BOOLEAN, "CustomizedZipkin", "CustomizedZipkin"),
  row("telemetry", BOOLEAN, "Telemetry", "Telemetry"),
  row(
    "outboundTrafficPolicy",
    { type: "oneOf", values: ["ALLOW_ANY", "REGISTRY_ONLY"] },
    "OutboundTrafficPolicy",
    "OutboundTrafficPolicy",
    false,
  ),
  row("sidecarProxy.requestCpu", CPU, "ProxyRequestCPU", "Proxy.RequestCPU"),
  row("sidecarProxy.requestMemory", MEMORY, "ProxyRequestMemory", "Proxy.RequestMemory"),
  row("sidecarProxy.limitCpu", CPU, "ProxyLimitCPU", "Proxy.LimitCPU"),
  row("sidecarProxy.limitMemory", MEMORY, "ProxyLimitMemory", "Proxy.LimitMemory"),
  row("sidecarProxy.dnsProxying", BOOLEAN, "DNSProxyingEnabled", "Proxy.EnableDNSProxying"),
  row(
    "sidecarProxy.clusterDomain",
    {
      type: "string",
      pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      allowed: "a DNS domain such as cluster.local",
    },
    "ClusterDomain",
    "Proxy.ClusterDomain",
    true,
    FIXED,
  ),
  row(
    "sidecarProxy.init.requestCpu",
    CPU,
    "ProxyInitCPUResourceRequest",
    `${EC}.SidecarProxyInitResourceRequest.ResourceCPURequest`,
    false,
  ),
  row(
    "sidecarProxy.init.requestMemory",
    MEMORY,
    "ProxyInitMemoryResourceRequest",
    `${EC}.SidecarProxyInitResourceRequest.ResourceMemoryRequest`,
    false,
  ),
  row(
    "sidecarProxy.init.limitCpu",
    CPU,
    "ProxyInitCPUResourceLimit",
    `${EC}.SidecarProxyInitResourceLimit.ResourceCPULimit`,
    false,
  ),
  row(
    "sidecarProxy.init.limitMemory",
    MEMORY,
    "ProxyInitMemoryResourceLimit",
    `${EC}.SidecarProxyInitResourceLimit.ResourceMemoryLimit`,
    false,
  ),
  row(
    "sidecarProxy.terminationDrainDuration",
    { type: "string", pattern: /^\d+(\.\d+)?(ms|s|m|h)$/, allowed: "a duration such as 5s or 1m" },
    "TerminationDrainDuration",
    `${EC}.TerminationDrainDuration`,
    false,
  ),
  row(
    "sidecarInjection.autoInjectionPolicyEnabled",
    BOOLEAN,
    "AutoInjectionPolicyEnabled",
    "SidecarInjector.AutoInjectionPolicyEnabled",
    false,
  ),
  row(
    "sidecarInjection.enableNamespacesByDefault",
    BOOLEAN,
    "EnableNamespacesByDefault",
    "SidecarInjector.EnableNamespacesByDefault",
    false,
  ),
  row("sidecarInjection.requestCpu", CPU, "SidecarInjectorRequestCPU", "SidecarInjector.RequestCPU", false),
  row("sidecarInjection.requestMemory", MEMORY, "SidecarInjectorRequestMemory", "SidecarInjector.RequestMemory", false),
  row("sidecarInjection.limitCpu", CPU, "SidecarInjectorLimitCPU", "SidecarInjector.LimitCPU", false),
  row("sidecarInjection.limitMemory", MEMORY, "SidecarInjectorLimitMemory", "SidecarInjector.LimitMemory", false),
  row("sidecarInjection.initCni.enabled", BOOLEAN, "CniEnabled", "SidecarInjector.InitCNIConfiguration.Enabled", false),
  row(
    "sidecarInjection.initCni.excludeNamespaces",
    {
      type: "string",
      pattern: /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(,[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*)?$/,
      allowed: "comma-separated namespace names such as kube-system,istio-system",
    },
    "CniExcludeNamespaces",
    "SidecarInjector.InitCNIConfiguration.ExcludeNamespaces",
    false,
  ),
  row("kiali.enabled", BOOLEAN, "KialiEnabled", "Kiali.Enabled"),
  row("opa.enabled", BOOLEAN, "OpaEnabled", "OPA.Enabled"),
  row("opa.logLevel", { type: "oneOf", values: ["debug", "info", "error"] }, "OPALogLevel", "OPA.LogLevel"),
  row("opa.requestCpu", CPU, "OPARequestCPU", "OPA.RequestCPU"),
  row("opa.requestMemory", MEMORY, "OPARequestMemory", "OPA.RequestMemory"),
  row("opa.limitCpu", CPU, "OPALimitCPU", "OPA.LimitCPU"),
  row("opa.limitMemory", MEMORY, "OPALimitMemory", "OPA.LimitMemory"),
  row("pilot.http10Enabled", BOOLEAN, "Http10Enabled", "Pilot.Http10Enabled", false),
  row("prometheus.useExternal", BOOLEAN, "CustomizedPrometheus", "Prometheus.UseExternal"),
  row(
    "prometheus.externalUrl",
    { type: "string", pattern: /^https?:\/\/\S+$/, allowed: "an http(s) URL" },
    "PrometheusUrl",
    "Prometheus.ExternalUrl",
  ),
  row("localityLoadBalancing", BOOLEAN, "LocalityLoadBalancing", "EnableLocalityLB"),
  row("includeIpRanges", IP_RANGES, "IncludeIPRanges", "IncludeIPRanges"),
  row("excludeIpRanges", IP_RANGES, "ExcludeIPRanges", "ExcludeIPRanges"),
  row("excludeInboundPorts", PORTS, "ExcludeInboundPorts", "ExcludeInboundPorts"),
  row("excludeOutboundPorts", PORTS, "ExcludeOutboundPorts", "ExcludeOutboundPorts"),
  row("crAggregation", BOOLEAN, "CRAggregationEnabled", `${EC}.CRAggregationEnabled`),
  row("crHistory", BOOLEAN, "EnableCRHistory", `${EC}.IstioCRHistory.EnableHistory`),
  row("gatewayApi", BOOLEAN, "GatewayAPIEnabled", "K8sNewAPIsSupport.GatewayAPIEnabled"),
  row("protocolSupport.dubbo", BOOLEAN, "DubboFilterEnabled", "ProtocolSupport.DubboFilterEnabled"),
  row("protocolSupport.mysql", BOOLEAN, "MysqlFilterEnabled", "ProtocolSupport.MysqlFilterEnabled"),
  row("protocolSupport.redis", BOOLEAN, "RedisFilterEnabled", "ProtocolSupport.RedisFilterEnabled"),
  row("protocolSupport.thrift", BOOLEAN, "ThriftFilterEnabled", "ProtocolSupport.ThriftFilterEnabled"),
  row("webAssemblyFilter", BOOLEAN, "WebAssemblyFilterEnabled", "WebAssemblyFilterDeployment.Enabled"),
] as const satisfies readonly MeshConfigField[];

/** Compile-time: every leaf of the `meshConfig` type has a row (a field without one would be ignored). */
type Unmapped = Exclude<MeshConfigPath, (typeof MESH_CONFIG_FIELDS)[number]["path"]>;
export const EVERY_FIELD_MAPPED: [Unmapped] extends [never] ? true : Unmapped = true;
