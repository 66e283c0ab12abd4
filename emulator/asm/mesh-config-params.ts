/**
 * The mesh-feature parameters of CreateServiceMesh and UpdateMeshFeature (flat form fields in the official
 * models, e.g. `AccessLogEnabled`, `ProxyLimitCPU`), each with where DescribeServiceMeshDetail reports it
 * under `ServiceMesh.Spec.MeshConfig`. This is the emulated service's side of the contract; the provider
 * keeps its own table (provider/model/mesh-config-fields.ts) and tests/contract checks that the two meet.
 *
 * Read-back paths come from Terraform's create/update-vs-read code where it covers a field, else from the
 * model's names and docs. Parameters the response model has no field for (CA material, CLB billing, OPA
 * injector resources, `Concurrency`, `LogLevel` …) are not listed: the emulator ignores them, as it
 * ignores any parameter its action does not take, so nothing is answered 200 and then silently lost
 * from a field it claims to report.
 */
import { invalidParameter } from "../errors";
import { optional, type Params } from "../params";

type Kind = "bool" | "string" | "int" | "float" | "cpu" | "memory" | "json";

interface FeatureParam {
  param: string;
  kind: Kind;
  /** Dotted path under `Spec.MeshConfig`. */
  at: string;
  /** Which actions take it (per the official request models). */
  actions: "both" | "create" | "update";
  /** Allowed values, for a string with a closed set. */
  oneOf?: readonly string[];
  range?: readonly [number, number];
}

const EC = "ExtraConfiguration.";

export const FEATURE_PARAMS: readonly FeatureParam[] = [
  { param: "AccessLogEnabled", kind: "bool", at: "AccessLog.Enabled", actions: "both" },
  { param: "AccessLogProject", kind: "string", at: "AccessLog.Project", actions: "both" },
  { param: "AccessLogFile", kind: "string", at: "Proxy.AccessLogFile", actions: "both" },
  { param: "AccessLogFormat", kind: "json", at: "Proxy.AccessLogFormat", actions: "both" },
  { param: "AccessLogServiceEnabled", kind: "bool", at: "Proxy.AccessLogServiceEnabled", actions: "both" },
  { param: "AccessLogServiceHost", kind: "string", at: "Proxy.AccessLogServiceHost", actions: "both" },
  { param: "AccessLogServicePort", kind: "int", at: "Proxy.AccessLogServicePort", actions: "both", range: [1, 65535] },
  { param: "AccessLogGatewayEnabled", kind: "bool", at: `${EC}AccessLogExtraConf.GatewayEnabled`, actions: "update" },
  { param: "AccessLogSidecarEnabled", kind: "bool", at: `${EC}AccessLogExtraConf.SidecarEnabled`, actions: "update" },
  {
    param: "AccessLogGatewayLifecycle",
    kind: "int",
    at: `${EC}AccessLogExtraConf.GatewayLifecycle`,
    actions: "update",
    range: [1, 3650],
  },
  {
    param: "AccessLogSidecarLifecycle",
    kind: "int",
    at: `${EC}AccessLogExtraConf.SidecarLifecycle`,
    actions: "update",
    range: [1, 3650],
  },
  { param: "EnableAudit", kind: "bool", at: "Audit.Enabled", actions: "both" },
  { param: "AuditProject", kind: "string", at: "Audit.Project", actions: "both" },
  { param: "ControlPlaneLogEnabled", kind: "bool", at: "ControlPlaneLogInfo.Enabled", actions: "create" },
  { param: "ControlPlaneLogProject", kind: "string", at: "ControlPlaneLogInfo.Project", actions: "create" },
  { param: "CRAggregationEnabled", kind: "bool", at: `${EC}CRAggregationEnabled`, actions: "both" },
  { param: "ClusterDomain", kind: "string", at: "Proxy.ClusterDomain", actions: "create" },
  { param: "ConfigSourceEnabled", kind: "bool", at: "Pilot.ConfigSource.Enabled", actions: "both" },
  { param: "ConfigSourceNacosID", kind: "string", at: "Pilot.ConfigSource.NacosID", actions: "both" },
  { param: "CustomizedPrometheus", kind: "bool", at: "Prometheus.UseExternal", actions: "both" },
  { param: "PrometheusUrl", kind: "string", at: "Prometheus.ExternalUrl", actions: "both" },
  { param: "CustomizedZipkin", kind: "bool", at: "CustomizedZipkin", actions: "both" },
  { param: "DNSProxyingEnabled", kind: "bool", at: "Proxy.EnableDNSProxying", actions: "both" },
  { param: "DubboFilterEnabled", kind: "bool", at: "ProtocolSupport.DubboFilterEnabled", actions: "both" },
  { param: "MysqlFilterEnabled", kind: "bool", at: "ProtocolSupport.MysqlFilterEnabled", actions: "both" },
  { param: "RedisFilterEnabled", kind: "bool", at: "ProtocolSupport.RedisFilterEnabled", actions: "both" },
  { param: "ThriftFilterEnabled", kind: "bool", at: "ProtocolSupport.ThriftFilterEnabled", actions: "both" },
  { param: "WebAssemblyFilterEnabled", kind: "bool", at: "WebAssemblyFilterDeployment.Enabled", actions: "both" },
  { param: "EnableCRHistory", kind: "bool", at: `${EC}IstioCRHistory.EnableHistory`, actions: "both" },
  { param: "EnableSDSServer", kind: "bool", at: "Pilot.Feature.EnableSDSServer", actions: "both" },
  {
    param: "FilterGatewayClusterConfig",
    kind: "bool",
    at: "Pilot.Feature.FilterGatewayClusterConfig",
    actions: "both",
  },
  { param: "GatewayAPIEnabled", kind: "bool", at: "K8sNewAPIsSupport.GatewayAPIEnabled", actions: "both" },
  { param: "IncludeIPRanges", kind: "string", at: "IncludeIPRanges", actions: "both" },
  { param: "ExcludeIPRanges", kind: "string", at: "ExcludeIPRanges", actions: "both" },
  { param: "ExcludeInboundPorts", kind: "string", at: "ExcludeInboundPorts", actions: "both" },
  { param: "ExcludeOutboundPorts", kind: "string", at: "ExcludeOutboundPorts", actions: "both" },
  { param: "KialiEnabled", kind: "bool", at: "Kiali.Enabled", actions: "both" },
  { param: "LocalityLoadBalancing", kind: "bool", at: "EnableLocalityLB", actions: "both" },
  { param: "MSEEnabled", kind: "bool", at: "MSE.Enabled", actions: "both" },
  { param: "MultiBufferEnabled", kind: "bool", at: `${EC}MultiBuffer.Enabled`, actions: "both" },
  { param: "MultiBufferPollDelay", kind: "string", at: `${EC}MultiBuffer.PollDelay`, actions: "both" },
  { param: "OpaEnabled", kind: "bool", at: "OPA.Enabled", actions: "both" },
  { param: "OpenAgentPolicy", kind: "bool", at: "OPA.Enabled", actions: "both" },
  {
    param: "OPALogLevel",
    kind: "string",
    at: "OPA.LogLevel",
    actions: "both",
    oneOf: ["debug", "info", "error"],
  },
  { param: "OPARequestCPU", kind: "cpu", at: "OPA.RequestCPU", actions: "both" },
  { param: "OPARequestMemory", kind: "memory", at: "OPA.RequestMemory", actions: "both" },
  { param: "OPALimitCPU", kind: "cpu", at: "OPA.LimitCPU", actions: "both" },
  { param: "OPALimitMemory", kind: "memory", at: "OPA.LimitMemory", actions: "both" },
  { param: "OPAScopeInjected", kind: "bool", at: `${EC}OPAScopeInjection.OPAScopeInjected`, actions: "update" },
  {
    param: "OutboundTrafficPolicy",
    kind: "string",
    at: "OutboundTrafficPolicy",
    actions: "update",
    oneOf: ["ALLOW_ANY", "REGISTRY_ONLY"],
  },
  { param: "PlaygroundScene", kind: "string", at: `${EC}Playground.Scene`, actions: "create" },
  { param: "Http10Enabled", kind: "bool", at: "Pilot.Http10Enabled", actions: "update" },
  { param: "TraceSampling", kind: "float", at: "Pilot.TraceSampling", actions: "both", range: [0, 100] },
  { param: "Tracing", kind: "bool", at: "Tracing", actions: "both" },
  { param: "Telemetry", kind: "bool", at: "Telemetry", actions: "both" },
  { param: "ProxyRequestCPU", kind: "cpu", at: "Proxy.RequestCPU", actions: "both" },
  { param: "ProxyRequestMemory", kind: "memory", at: "Proxy.RequestMemory", actions: "both" },
  { param: "ProxyLimitCPU", kind: "cpu", at: "Proxy.LimitCPU", actions: "both" },
  { param: "ProxyLimitMemory", kind: "memory", at: "Proxy.LimitMemory", actions: "both" },
  {
    param: "ProxyInitCPUResourceRequest",
    kind: "cpu",
    at: `${EC}SidecarProxyInitResourceRequest.ResourceCPURequest`,
    actions: "update",
  },
  {
    param: "ProxyInitMemoryResourceRequest",
    kind: "memory",
    at: `${EC}SidecarProxyInitResourceRequest.ResourceMemoryRequest`,
    actions: "update",
  },
  {
    param: "ProxyInitCPUResourceLimit",
    kind: "cpu",
    at: `${EC}SidecarProxyInitResourceLimit.ResourceCPULimit`,
    actions: "update",
  },
  {
    param: "ProxyInitMemoryResourceLimit",
    kind: "memory",
    at: `${EC}SidecarProxyInitResourceLimit.ResourceMemoryLimit`,
    actions: "update",
  },
  {
    param: "AutoInjectionPolicyEnabled",
    kind: "bool",
    at: "SidecarInjector.AutoInjectionPolicyEnabled",
    actions: "update",
  },
  {
    param: "EnableNamespacesByDefault",
    kind: "bool",
    at: "SidecarInjector.EnableNamespacesByDefault",
    actions: "update",
  },
  { param: "SidecarInjectorRequestCPU", kind: "cpu", at: "SidecarInjector.RequestCPU", actions: "update" },
  { param: "SidecarInjectorRequestMemory", kind: "memory", at: "SidecarInjector.RequestMemory", actions: "update" },
  { param: "SidecarInjectorLimitCPU", kind: "cpu", at: "SidecarInjector.LimitCPU", actions: "update" },
  { param: "SidecarInjectorLimitMemory", kind: "memory", at: "SidecarInjector.LimitMemory", actions: "update" },
  {
    param: "SidecarInjectorWebhookAsYaml",
    kind: "string",
    at: "SidecarInjector.SidecarInjectorWebhookAsYaml",
    actions: "update",
  },
  { param: "CniEnabled", kind: "bool", at: "SidecarInjector.InitCNIConfiguration.Enabled", actions: "update" },
  {
    param: "CniExcludeNamespaces",
    kind: "string",
    at: "SidecarInjector.InitCNIConfiguration.ExcludeNamespaces",
    actions: "update",
  },
  { param: "TerminationDrainDuration", kind: "string", at: `${EC}TerminationDrainDuration`, actions: "update" },
  { param: "EnableAutoDiagnosis", kind: "bool", at: `${EC}AutoDiagnosis.AutoDiagnosisEnabled`, actions: "update" },
  { param: "NFDEnabled", kind: "bool", at: `${EC}NFDConfiguration.Enabled`, actions: "update" },
  { param: "NFDLabelPruned", kind: "bool", at: `${EC}NFDConfiguration.NFDLabelPruned`, actions: "update" },
  {
    param: "LabelsForOffloadedWorkloads",
    kind: "string",
    at: `${EC}IstiodExtraConfiguration.LabelsForOffloadedWorkloads`,
    actions: "update",
  },
  {
    param: "PilotEnableQuicListeners",
    kind: "bool",
    at: `${EC}IstiodExtraConfiguration.PilotEnableQuicListeners`,
    actions: "update",
  },
];

const CPU = /^(\d+(\.\d+)?|\d+m)$/;
const MEMORY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/;

/** One parameter's wire text as the value the detail reports, or an `InvalidParameter` refusal. */
function parse(p: FeatureParam, text: string): unknown {
  const refuse = (expected: string) => invalidParameter(p.param, `expected ${expected}, got "${text}"`);
  switch (p.kind) {
    case "bool": {
      const lower = text.toLowerCase();
      if (lower !== "true" && lower !== "false") throw refuse("true or false");
      return lower === "true";
    }
    case "int":
    case "float": {
      const n = Number(text);
      const whole = p.kind === "int" ? Number.isInteger(n) : Number.isFinite(n);
      const [min, max] = p.range ?? [-Infinity, Infinity];
      if (!whole || n < min || n > max)
        throw refuse(`${p.kind === "int" ? "an integer" : "a number"} from ${min} to ${max}`);
      return n;
    }
    case "cpu":
      if (!CPU.test(text)) throw refuse("a CPU quantity such as 100m or 2");
      return text;
    case "memory":
      if (!MEMORY.test(text)) throw refuse("a memory quantity such as 128Mi or 1Gi");
      return text;
    case "json":
      try {
        JSON.parse(text);
      } catch {
        throw refuse("a JSON document");
      }
      return text;
    case "string":
      if (p.oneOf && !p.oneOf.includes(text)) throw refuse(`one of ${p.oneOf.join(", ")}`);
      return text;
  }
}

/** A partial `Spec.MeshConfig` update: dotted path → value, as the detail will report it. */
export type MeshConfigChanges = Record<string, unknown>;

/** The feature parameters the action takes and the request carries; absent ones keep the mesh's value. */
export function meshConfigChanges(params: Params, action: "create" | "update"): MeshConfigChanges {
  const changes: MeshConfigChanges = {};
  for (const p of FEATURE_PARAMS) {
    if (p.actions !== "both" && p.actions !== action) continue;
    const text = optional(params, p.param);
    if (text !== undefined) changes[p.at] = parse(p, text);
  }
  return changes;
}
