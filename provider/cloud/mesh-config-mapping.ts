import type { MeshConfig } from "../model/types";

/**
 * The one table between our typed `meshConfig` and ASM's flat UpdateMeshFeature / CreateServiceMesh
 * parameters, with where DescribeServiceMeshDetail reports each one back (`Spec.MeshConfig.…`).
 */
interface Field {
  get(config: MeshConfig): string | number | boolean | undefined;
  param: string;
  read(meshConfig: ApiMeshConfig): string | number | boolean | undefined;
}

/** The part of `ServiceMesh.Spec.MeshConfig` we read (official model field names). */
export interface ApiMeshConfig {
  Telemetry?: boolean;
  Tracing?: boolean;
  OutboundTrafficPolicy?: string;
  AccessLog?: { Enabled?: boolean; Project?: string };
  Pilot?: { TraceSampling?: number };
  Proxy?: { RequestCPU?: string; RequestMemory?: string; LimitCPU?: string; LimitMemory?: string };
  SidecarInjector?: { AutoInjectionPolicyEnabled?: boolean; EnableNamespacesByDefault?: boolean };
}

export const MESH_CONFIG_FIELDS: readonly Field[] = [
  { get: (c) => c.accessLog?.enabled, param: "AccessLogEnabled", read: (m) => m.AccessLog?.Enabled },
  { get: (c) => c.accessLog?.project, param: "AccessLogProject", read: (m) => m.AccessLog?.Project },
  { get: (c) => c.tracing?.enabled, param: "Tracing", read: (m) => m.Tracing },
  { get: (c) => c.tracing?.sampling, param: "TraceSampling", read: (m) => m.Pilot?.TraceSampling },
  { get: (c) => c.telemetry, param: "Telemetry", read: (m) => m.Telemetry },
  { get: (c) => c.outboundTrafficPolicy, param: "OutboundTrafficPolicy", read: (m) => m.OutboundTrafficPolicy },
  { get: (c) => c.sidecarProxy?.requestCpu, param: "ProxyRequestCPU", read: (m) => m.Proxy?.RequestCPU },
  { get: (c) => c.sidecarProxy?.requestMemory, param: "ProxyRequestMemory", read: (m) => m.Proxy?.RequestMemory },
  { get: (c) => c.sidecarProxy?.limitCpu, param: "ProxyLimitCPU", read: (m) => m.Proxy?.LimitCPU },
  { get: (c) => c.sidecarProxy?.limitMemory, param: "ProxyLimitMemory", read: (m) => m.Proxy?.LimitMemory },
  {
    get: (c) => c.sidecarInjection?.autoInjectionPolicyEnabled,
    param: "AutoInjectionPolicyEnabled",
    read: (m) => m.SidecarInjector?.AutoInjectionPolicyEnabled,
  },
  {
    get: (c) => c.sidecarInjection?.enableNamespacesByDefault,
    param: "EnableNamespacesByDefault",
    read: (m) => m.SidecarInjector?.EnableNamespacesByDefault,
  },
];

/** The API parameters for every field the user set. */
export function meshConfigParams(config: MeshConfig | undefined): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  for (const field of MESH_CONFIG_FIELDS) {
    const value = config ? field.get(config) : undefined;
    if (value !== undefined) params[field.param] = value;
  }
  return params;
}

/** The parameters whose desired value differs from what the mesh reports: what UpdateMeshFeature must send. */
export function meshConfigChanges(
  desired: MeshConfig | undefined,
  actual: ApiMeshConfig | undefined,
): Record<string, string | number | boolean> {
  const changes: Record<string, string | number | boolean> = {};
  for (const [param, value] of Object.entries(meshConfigParams(desired))) {
    const field = MESH_CONFIG_FIELDS.find((f) => f.param === param);
    if (field && !sameValue(field.read(actual ?? {}), value)) changes[param] = value;
  }
  return changes;
}

function sameValue(actual: unknown, desired: string | number | boolean): boolean {
  // The service may report numbers as strings ("30") and quantities unchanged; compare as text.
  return actual !== undefined && String(actual) === String(desired);
}
