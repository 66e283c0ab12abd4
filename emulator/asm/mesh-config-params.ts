/**
 * The mesh-feature parameters shared by CreateServiceMesh and UpdateMeshFeature (flat form fields in the
 * SDK models, e.g. `AccessLogEnabled`, `ProxyLimitCPU`), parsed into a partial mesh config.
 */
import { invalidParameter } from "../errors";
import { optional, optionalBool, optionalEnum, optionalNumber, type Params } from "../params";
import type { MeshChanges } from "../records";

const CPU = /^(\d+(\.\d+)?|\d+m)$/;
const MEMORY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/;

function quantity(params: Params, name: string, pattern: RegExp, example: string): string | undefined {
  const v = optional(params, name);
  if (v !== undefined && !pattern.test(v))
    throw invalidParameter(name, `expected a Kubernetes quantity such as ${example}, got "${v}"`);
  return v;
}

type ConfigChanges = NonNullable<MeshChanges["meshConfig"]>;

function defined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Only the parameters present are returned; absent ones keep the mesh's current value. */
export function meshConfigParams(params: Params): ConfigChanges {
  const accessLog = defined({
    enabled: optionalBool(params, "AccessLogEnabled"),
    project: optional(params, "AccessLogProject"),
  });
  const proxy = defined({
    requestCPU: quantity(params, "ProxyRequestCPU", CPU, "100m"),
    requestMemory: quantity(params, "ProxyRequestMemory", MEMORY, "128Mi"),
    limitCPU: quantity(params, "ProxyLimitCPU", CPU, "2000m"),
    limitMemory: quantity(params, "ProxyLimitMemory", MEMORY, "1025Mi"),
  });
  const sidecarInjector = defined({
    autoInjectionPolicyEnabled: optionalBool(params, "AutoInjectionPolicyEnabled"),
    enableNamespacesByDefault: optionalBool(params, "EnableNamespacesByDefault"),
  });
  const auditEnabled = optionalBool(params, "EnableAudit");
  const auditProject = optional(params, "AuditProject");
  const prometheusUse = optionalBool(params, "CustomizedPrometheus");
  const prometheusUrl = optional(params, "PrometheusUrl");
  const out: ConfigChanges = defined({
    telemetry: optionalBool(params, "Telemetry"),
    tracing: optionalBool(params, "Tracing"),
    traceSampling: optionalNumber(params, "TraceSampling", 0, 100),
    outboundTrafficPolicy: optionalEnum(params, "OutboundTrafficPolicy", ["ALLOW_ANY", "REGISTRY_ONLY"] as const),
    customizedZipkin: optionalBool(params, "CustomizedZipkin"),
    enableLocalityLB: optionalBool(params, "EnableLocalityLB"),
    includeIPRanges: optional(params, "IncludeIPRanges"),
    excludeIPRanges: optional(params, "ExcludeIPRanges"),
    excludeInboundPorts: optional(params, "ExcludeInboundPorts"),
    excludeOutboundPorts: optional(params, "ExcludeOutboundPorts"),
    kialiEnabled: optionalBool(params, "KialiEnabled"),
  });
  if (Object.keys(accessLog).length) out.accessLog = accessLog;
  if (Object.keys(proxy).length) out.proxy = proxy;
  if (Object.keys(sidecarInjector).length) out.sidecarInjector = sidecarInjector;
  if (auditEnabled !== undefined || auditProject !== undefined) {
    out.audit = { enabled: auditEnabled ?? false, project: auditProject ?? "" };
  }
  if (prometheusUse !== undefined || prometheusUrl !== undefined) {
    out.prometheus = { useExternal: prometheusUse ?? false, externalUrl: prometheusUrl ?? "" };
  }
  return out;
}
