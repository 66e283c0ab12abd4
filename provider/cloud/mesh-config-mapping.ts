/**
 * `meshConfig` ↔ ASM by the one table in model/mesh-config-fields.ts: the create request's parameters, the
 * update request's, and refresh's reading of what the mesh reports.
 */
import { MESH_CONFIG_FIELDS } from "../model/mesh-config-fields";
import type { MeshConfig } from "../model/types";

/** `ServiceMesh.Spec.MeshConfig` as DescribeServiceMeshDetail returns it (read by path). */
export type ApiMeshConfig = Record<string, unknown>;

export type ParamValue = string | number | boolean;

/**
 * The API parameters for every field the user set; `creating` keeps those CreateServiceMesh takes (the
 * rest are applied by UpdateMeshFeature once the mesh runs).
 */
export function meshConfigParams(config: MeshConfig | undefined, creating = false): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const field of MESH_CONFIG_FIELDS) {
    if (creating && !field.onCreate) continue;
    const value = valueAt(config, field.path);
    if (isParamValue(value)) params[field.param] = value;
  }
  return params;
}

/** The fields whose desired value differs from what the mesh reports. */
function differing(desired: MeshConfig | undefined, actual: ApiMeshConfig | undefined) {
  return MESH_CONFIG_FIELDS.flatMap((field) => {
    const value = valueAt(desired, field.path);
    return isParamValue(value) && !sameValue(valueAt(actual, field.reported), value) ? [{ field, value }] : [];
  });
}

/** The parameters whose desired value differs from what the mesh reports: what UpdateMeshFeature must send. */
export function meshConfigChanges(
  desired: MeshConfig | undefined,
  actual: ApiMeshConfig | undefined,
): Record<string, ParamValue> {
  const changes: Record<string, ParamValue> = {};
  for (const { field, value } of differing(desired, actual)) {
    if (field.update.action === "UpdateMeshFeature") changes[field.param] = value;
  }
  return changes;
}

/**
 * What UpdateControlPlaneLogConfig must send, or undefined when the control-plane log matches. `Enabled`
 * is required by the call: the program's value, else what the mesh reports.
 */
export function controlPlaneLogChanges(
  desired: MeshConfig | undefined,
  actual: ApiMeshConfig | undefined,
): Record<string, ParamValue> | undefined {
  const changes: Record<string, ParamValue> = {};
  for (const { field, value } of differing(desired, actual)) {
    if (field.update.action === "UpdateControlPlaneLogConfig") changes[field.update.param] = value;
  }
  if (Object.keys(changes).length === 0) return undefined;
  const enabled = desired?.controlPlaneLog?.enabled ?? valueAt(actual, "ControlPlaneLogInfo.Enabled") === true;
  return { Enabled: enabled, ...changes };
}

/** The fields ASM fixes at creation whose value differs between two `meshConfig`s (a change replaces). */
export function fixedFieldsChanged(before: MeshConfig | undefined, after: MeshConfig | undefined): string[] {
  return MESH_CONFIG_FIELDS.filter((field) => field.update.action === "replace")
    .filter((field) => {
      const next = valueAt(after, field.path);
      return next !== undefined && next !== (valueAt(before, field.path) ?? ASM_DEFAULTS[field.path]);
    })
    .map((field) => field.path);
}

/** ASM's values for the fixed fields when the program left them out at creation. */
const ASM_DEFAULTS: Record<string, ParamValue> = { "sidecarProxy.clusterDomain": "cluster.local" };

/** A setting the mesh reports differently from the program, found by `pulumi refresh`. */
export interface MeshConfigDrift {
  path: string;
  expected: ParamValue;
  found: ParamValue;
}

/**
 * The program's `meshConfig` with every setting it manages replaced by what the mesh reports (read back
 * in the type the program uses), and the settings that differ. Settings the mesh does not report keep
 * the program's value: there is nothing to compare them with.
 */
export function reportedMeshConfig(
  desired: MeshConfig | undefined,
  actual: ApiMeshConfig | undefined,
): { config: MeshConfig | undefined; drift: MeshConfigDrift[] } {
  if (!desired) return { config: desired, drift: [] };
  const config = structuredClone(desired) as Record<string, unknown>;
  const drift: MeshConfigDrift[] = [];
  for (const field of MESH_CONFIG_FIELDS) {
    const expected = valueAt(desired, field.path);
    const reported = valueAt(actual, field.reported);
    if (!isParamValue(expected) || !isParamValue(reported) || sameValue(reported, expected)) continue;
    const found = asTypeOf(expected, reported);
    setValueAt(config, field.path, found);
    drift.push({ path: field.path, expected, found });
  }
  return { config: config as MeshConfig, drift };
}

function sameValue(actual: unknown, desired: ParamValue): boolean {
  // The service may report numbers as strings ("30") and quantities unchanged; compare as text.
  return actual !== undefined && actual !== null && String(actual) === String(desired);
}

/** A reported value in the program's type: the service may report `"30"` for a number, `"true"` for a flag. */
function asTypeOf(like: ParamValue, value: ParamValue): ParamValue {
  if (typeof like === "number") return Number.isFinite(Number(value)) ? Number(value) : value;
  if (typeof like === "boolean") return typeof value === "boolean" ? value : String(value) === "true";
  return String(value);
}

function isParamValue(value: unknown): value is ParamValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function setValueAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (next !== null && typeof next === "object" ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1] ?? ""] = value;
}
