/**
 * Request parameters as the SDKs put them on the wire: a query string and/or an
 * `application/x-www-form-urlencoded` body, objects flattened (`Tag.1.Key=…`), booleans and numbers as
 * strings, and some lists as a JSON array inside one string (`VSwitches=["vsw-1"]`).
 */
import { invalidParameter, missingParameter } from "./errors";

export type Params = Record<string, string>;

/** Decode one `a=b&c=d` component; `+` means a space (form encoding). Throws on malformed escapes. */
function decodeComponent(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

/**
 * Parse a query string or a form body into a flat map. A later duplicate wins (the SDKs never send
 * duplicates). Throws ApiError `InvalidParameter` on malformed percent-encoding.
 */
export function parseUrlEncoded(raw: string, what = "body"): Params {
  const out: Params = {};
  if (!raw) return out;
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    try {
      out[decodeComponent(rawName)] = decodeComponent(rawValue);
    } catch {
      throw invalidParameter(what, `malformed percent-encoding in "${rawName}"`);
    }
  }
  return out;
}

/**
 * Flatten a parsed JSON object the way the SDK flattens bodies (`{Tag:[{Key:"a"}]}` → `Tag.1.Key=a`),
 * so a JSON body reaches handlers in the same shape as a form body.
 */
export function flattenJson(value: unknown, prefix = "", out: Params = {}): Params {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => flattenJson(item, prefix ? `${prefix}.${i + 1}` : String(i + 1), out));
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flattenJson(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix) {
    out[prefix] = String(value);
  }
  return out;
}

/** Parse a request body according to its content type; an empty body gives no parameters. */
export function parseBody(body: Buffer, contentType: string | undefined): Params {
  if (body.length === 0) return {};
  const text = body.toString("utf8");
  if ((contentType ?? "").toLowerCase().includes("json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidParameter("body", "the request body is not valid JSON");
    }
    if (parsed === null || typeof parsed !== "object") {
      throw invalidParameter("body", "the request body must be a JSON object");
    }
    return flattenJson(parsed);
  }
  return parseUrlEncoded(text, "body");
}

/** Read a parameter that may be absent; an empty string counts as absent (the SDKs never send one). */
export function optional(params: Params, name: string): string | undefined {
  const v = params[name];
  return v === undefined || v === "" ? undefined : v;
}

export function required(params: Params, name: string): string {
  const v = optional(params, name);
  if (v === undefined) throw missingParameter(name);
  return v;
}

export function optionalBool(params: Params, name: string): boolean | undefined {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  const lower = v.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw invalidParameter(name, `expected true or false, got "${v}"`);
}

export function optionalNumber(params: Params, name: string, min?: number, max?: number): number | undefined {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw invalidParameter(name, `expected a number, got "${v}"`);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw invalidParameter(name, `expected a number from ${min ?? "-inf"} to ${max ?? "inf"}, got ${n}`);
  }
  return n;
}

export function optionalEnum<T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
  code?: string,
): T | undefined {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw invalidParameter(name, `expected one of ${allowed.join(", ")}, got "${v}"`, code);
  }
  return v as T;
}

/** A list of strings sent as one JSON array string, e.g. `VSwitches=["vsw-a","vsw-b"]`. */
export function jsonStringArray(params: Params, name: string): string[] | undefined {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw invalidParameter(name, `expected a JSON array of strings such as ["vsw-xxx"], got ${JSON.stringify(v)}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === "string" && x.length > 0)) {
    throw invalidParameter(name, `expected a JSON array of non-empty strings, got ${v}`);
  }
  return parsed as string[];
}

/**
 * A repeated object list flattened as `Name.N.Field`, returned in index order. `Tag.1.Key=a&Tag.1.Value=b`
 * gives `[{Key:"a",Value:"b"}]`. Indices must be positive integers.
 */
export function objectList(params: Params, name: string): Record<string, string>[] {
  const byIndex = new Map<number, Record<string, string>>();
  const prefix = `${name}.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf(".");
    const indexText = dot < 0 ? rest : rest.slice(0, dot);
    const field = dot < 0 ? "" : rest.slice(dot + 1);
    if (!/^[1-9][0-9]*$/.test(indexText) || field === "") {
      throw invalidParameter(key, `expected ${name}.N.Field with N a positive integer`);
    }
    const index = Number(indexText);
    const entry = byIndex.get(index) ?? {};
    entry[field] = value;
    byIndex.set(index, entry);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** Tags as `{Key, Value}`; a tag without a Key is refused. */
export function tags(params: Params, name = "Tag"): { Key: string; Value: string }[] {
  return objectList(params, name).map((t, i) => {
    const key = t["Key"];
    if (!key) throw invalidParameter(`${name}.${i + 1}.Key`, "a tag needs a Key");
    return { Key: key, Value: t["Value"] ?? "" };
  });
}

const SECRET_NAME = /secret|token|signature|password|kubeconfig|credential/i;

/** A copy of the parameters without anything that might be a secret, for the request log. */
export function redact(params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) {
    if (!SECRET_NAME.test(k)) out[k] = v;
  }
  return out;
}
