/**
 * The official response models as shapes (`"bool"`, `"str"`, `[shape]`, `{…}`), used to give every field
 * the model declares a value and to send no field it does not declare.
 */
export type Shape = string | Shape[] | { [key: string]: Shape };

/** The zero value of a shape: false, "", 0, [] or an object of zero values, as a fresh field reads. */
export function zeroOf(shape: Shape): unknown {
  if (Array.isArray(shape)) return [];
  if (typeof shape === "object") return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, zeroOf(s)]));
  if (shape === "bool") return false;
  if (shape === "int" || shape === "float") return 0;
  if (shape.startsWith("dict")) return {};
  return "";
}

/** `value` cut down to the fields the shape declares (free-form `dict` and `any` fields pass whole). */
export function project(shape: Shape, value: unknown): unknown {
  if (Array.isArray(shape)) {
    const item = shape[0];
    return Array.isArray(value) && item !== undefined ? value.map((v) => project(item, v)) : value;
  }
  if (typeof shape === "object") {
    if (value === null || typeof value !== "object") return value;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, s] of Object.entries(shape)) if (Object.hasOwn(source, key)) out[key] = project(s, source[key]);
    return out;
  }
  return value;
}

/** The shape at a dotted path (`ServiceMesh.Spec.MeshConfig`; `ServiceMeshes.0` for a list's item). */
export function shapeAt(root: { [key: string]: Shape }, path: string): Shape {
  let node: Shape = root;
  for (const key of path.split(".")) {
    if (typeof node !== "object") throw new Error(`no model field ${path}`);
    const next: Shape | undefined = Array.isArray(node) ? node[Number(key)] : node[key];
    if (next === undefined) throw new Error(`no model field ${path}`);
    node = next;
  }
  return node;
}
