/**
 * State files of format 1 stored `meshConfig` in the emulator's own camel-case shape; format 2 stores
 * `Spec.MeshConfig` as the official model has it. A format-1 file (a demo's `.demo/` from an earlier
 * version) is read into format 2 with its settings kept.
 */
import { defaultMeshConfig, setAt, type MeshRecord } from "./records";

/** Format-1 path → where format 2 keeps it. */
const FORMAT_1_PATHS: Record<string, string> = {
  telemetry: "Telemetry",
  tracing: "Tracing",
  traceSampling: "Pilot.TraceSampling",
  outboundTrafficPolicy: "OutboundTrafficPolicy",
  "accessLog.enabled": "AccessLog.Enabled",
  "accessLog.project": "AccessLog.Project",
  "proxy.requestCPU": "Proxy.RequestCPU",
  "proxy.requestMemory": "Proxy.RequestMemory",
  "proxy.limitCPU": "Proxy.LimitCPU",
  "proxy.limitMemory": "Proxy.LimitMemory",
  "proxy.clusterDomain": "Proxy.ClusterDomain",
  "sidecarInjector.autoInjectionPolicyEnabled": "SidecarInjector.AutoInjectionPolicyEnabled",
  "sidecarInjector.enableNamespacesByDefault": "SidecarInjector.EnableNamespacesByDefault",
  customizedZipkin: "CustomizedZipkin",
  enableLocalityLB: "EnableLocalityLB",
  includeIPRanges: "IncludeIPRanges",
  excludeIPRanges: "ExcludeIPRanges",
  excludeInboundPorts: "ExcludeInboundPorts",
  excludeOutboundPorts: "ExcludeOutboundPorts",
  "audit.enabled": "Audit.Enabled",
  "audit.project": "Audit.Project",
  kialiEnabled: "Kiali.Enabled",
  "prometheus.useExternal": "Prometheus.UseExternal",
  "prometheus.externalUrl": "Prometheus.ExternalUrl",
};

export function meshFromFormat1(mesh: MeshRecord): MeshRecord {
  const old = mesh.meshConfig;
  const config = defaultMeshConfig(mesh.serviceMeshId);
  for (const [from, to] of Object.entries(FORMAT_1_PATHS)) {
    let value: unknown = old;
    for (const key of from.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
    if (value !== undefined) setAt(config, to, value);
  }
  return { ...mesh, meshConfig: config };
}
