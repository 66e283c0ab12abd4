import { EDITIONS, isChineseMainland, isDowngrade, isEdition } from "./editions";
import { parseDuration } from "./durations";
import { MESH_CONFIG_FIELDS, type FieldKind } from "./mesh-config-fields";
import { istioDowngrade } from "./istio-version";
import { CLUSTER_TAG, OWNER_TAG } from "./ownership";
import { isReservedTag } from "./tag-plan";
import { isUnknown } from "./unknown";
import type { Edition, ServiceMeshInputs } from "./types";

/** A `check` failure: the property path and why, with the allowed values. */
export interface CheckFailure {
  property: string;
  reason: string;
}

type Rule = (value: unknown, path: string) => CheckFailure[];

const ok: CheckFailure[] = [];
const fail = (property: string, reason: string): CheckFailure[] => [{ property, reason }];

function describe(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

const string =
  (pattern: RegExp, allowed: string): Rule =>
  (value, path) => {
    if (typeof value !== "string") return fail(path, `${path} must be a string (${allowed}); got ${describe(value)}`);
    return pattern.test(value) ? ok : fail(path, `${path} ${describe(value)} is not valid: ${allowed}`);
  };

const oneOf =
  (allowed: readonly string[]): Rule =>
  (value, path) =>
    typeof value === "string" && allowed.includes(value)
      ? ok
      : fail(path, `${path} must be one of ${allowed.join(", ")}; got ${describe(value)}`);

const boolean: Rule = (value, path) =>
  typeof value === "boolean" ? ok : fail(path, `${path} must be true or false; got ${describe(value)}`);

const numberIn =
  (min: number, max: number): Rule =>
  (value, path) =>
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max
      ? ok
      : fail(path, `${path} must be a number from ${min} to ${max}; got ${describe(value)}`);

const integerIn =
  (min: number, max: number): Rule =>
  (value, path) =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
      ? ok
      : fail(path, `${path} must be a whole number from ${min} to ${max}; got ${describe(value)}`);

/** A list of `min`–`max` items, each following `item`. */
const arrayOf =
  (item: Rule, min: number, max: number, allowed: string): Rule =>
  (value, path) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) {
      const count = min === max ? `exactly ${min}` : `${min} to ${max}`;
      return fail(path, `${path} must be a list of ${count} ${allowed}; got ${describe(value)}`);
    }
    return value.flatMap((v, i) => (isUnknown(v) ? ok : item(v, `${path}[${i}]`)));
  };

/** Tags: at most `max` string keys and values; keys the cloud or this provider reserve are refused. */
const tagMap =
  (max: number): Rule =>
  (value, path) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return fail(path, `${path} must be an object of tag keys to string values; got ${describe(value)}`);
    }
    const entries = Object.entries(value);
    if (entries.length > max) return fail(path, `${path} may hold at most ${max} tags; got ${entries.length}`);
    return entries.flatMap(([key, v]) => {
      const at = `${path}.${key}`;
      if (key === CLUSTER_TAG || key === OWNER_TAG) {
        return fail(at, `${at} is one of the provider's own ownership tags; choose another key`);
      }
      if (!TAG_KEY.test(key) || isReservedTag(key)) {
        return fail(at, `${at}: a tag key is 1-128 characters, not starting with aliyun or acs:`);
      }
      if (isUnknown(v)) return ok;
      return typeof v === "string" && v.length <= 128
        ? ok
        : fail(at, `${at} must be a string of up to 128 characters; got ${describe(v)}`);
    });
  };
const TAG_KEY = /^[\s\S]{1,128}$/;

/** An object whose known fields each follow a rule; unknown fields are reported by name. */
const object =
  (fields: Record<string, Rule>): Rule =>
  (value, path) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return fail(
        path,
        `${path} must be an object with fields ${Object.keys(fields).join(", ")}; got ${describe(value)}`,
      );
    }
    return Object.entries(value).flatMap(([key, field]) => {
      const rule = Object.hasOwn(fields, key) ? fields[key] : undefined;
      const fieldPath = `${path}.${key}`;
      if (!rule)
        return fail(fieldPath, `${fieldPath} is not a known field; allowed: ${Object.keys(fields).join(", ")}`);
      return field === undefined || isUnknown(field) ? ok : rule(field, fieldPath);
    });
  };

/** The rule for one kind of `meshConfig` field (see mesh-config-fields.ts). */
function ruleForKind(kind: FieldKind): Rule {
  switch (kind.type) {
    case "boolean":
      return boolean;
    case "cpu":
      return QUANTITY_CPU;
    case "memory":
      return QUANTITY_MEMORY;
    case "number":
      return kind.integer ? integerIn(kind.min, kind.max) : numberIn(kind.min, kind.max);
    case "oneOf":
      return oneOf(kind.values);
    case "string":
      return string(kind.pattern, kind.allowed);
  }
}

/**
 * Nested object rules built from dotted table paths, in table order, so an unknown field is named with
 * the fields allowed beside it.
 */
function tableObject(fields: readonly { path: string; kind: FieldKind }[]): Rule {
  const groups = new Map<string, { path: string; kind: FieldKind }[]>();
  for (const field of fields) {
    const [head = "", ...rest] = field.path.split(".");
    groups.set(head, [...(groups.get(head) ?? []), { path: rest.join("."), kind: field.kind }]);
  }
  const rules: Record<string, Rule> = {};
  for (const [key, group] of groups) {
    const leaf = group.length === 1 && group[0]?.path === "" ? group[0] : undefined;
    rules[key] = leaf ? ruleForKind(leaf.kind) : tableObject(group);
  }
  return object(rules);
}

const QUANTITY_CPU = string(/^\d+(\.\d+)?m?$/, "a CPU quantity such as 100m or 2");
const QUANTITY_MEMORY = string(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/, "a memory quantity such as 128Mi or 1Gi");
const DURATION: Rule = (value, path) =>
  typeof value === "string" && parseDuration(value) !== undefined
    ? ok
    : fail(path, `${path} must be a duration such as "30m", "90s" or "1h"; got ${describe(value)}`);

export const ISTIO_VERSION_PATTERN = /^v\d+(\.\d+){2,3}(-[0-9A-Za-z.]+)*$/;
const VSWITCH_ID = /^vsw-[a-z0-9]{1,64}$/;
const EIP_ID = /^eip-[a-z0-9]{1,64}$/;

/** ACK cluster ids are `c` plus hex (e.g. c6490deb776cc458c82c4c22a69315bae); accept lower-case ids. */
export const CLUSTER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** ASM mesh names: 1–63 characters, letters (any script), digits, `-` and `_`, starting with a letter. */
export const MESH_NAME_PATTERN = /^\p{L}[\p{L}\p{N}_-]{0,62}$/u;

/** One rule per input: the list of inputs that `check`, `diff` and `read` share (see `INPUT_KEYS`). */
export const RULES = {
  clusterId: string(CLUSTER_ID_PATTERN, "an ACK cluster id: lower-case letters, digits and '-', up to 64 characters"),
  meshId: string(/^[a-z0-9]{1,64}$/, "an ASM mesh id: lower-case letters and digits, up to 64 characters"),
  name: string(MESH_NAME_PATTERN, "1-63 letters, digits, '-' or '_', starting with a letter"),
  clusterSpec: oneOf(EDITIONS),
  deletionPolicy: oneOf(["Retain", "Delete"]),
  managementPolicy: oneOf(["Full", "Observe"]),
  adopt: boolean,
  retryAt: string(/^[\s\S]{0,256}$/, "any string up to 256 characters"),
  region: string(/^[a-z]{2,}(-[a-z0-9]+)+$/, "an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1"),
  kubeconfig: string(/^[\s\S]{1,1048576}$/, "the kubeconfig YAML or JSON text, up to 1 MiB"),
  clusterKubeconfig: string(/^[\s\S]{1,1048576}$/, "the kubeconfig YAML or JSON text, up to 1 MiB"),
  clusterEndpoint: oneOf(["public", "private"]),
  customResourceNamespace: string(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    "a Kubernetes namespace name (RFC 1123 label)",
  ),
  customResourceName: string(/^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$/, "a Kubernetes object name (RFC 1123 subdomain)"),
  timeouts: object({ create: DURATION, update: DURATION, delete: DURATION, read: DURATION }),
  istioVersion: string(
    ISTIO_VERSION_PATTERN,
    "an ASM Istio version as DescribeVersions lists it, such as v1.24.6.64-g5c3b4e1a-aliyun",
  ),
  // ASM's limit is 20 tags per mesh; the provider's two ownership tags take two.
  tags: tagMap(18),
  vpcId: string(/^vpc-[a-z0-9]{1,64}$/, "a VPC id such as vpc-bp1xxxx"),
  vSwitchIds: arrayOf(
    string(VSWITCH_ID, "a vSwitch id such as vsw-bp1xxxx"),
    1,
    1,
    "vSwitch id (ASM places its control plane in one)",
  ),
  loadBalancer: object({
    apiServerPublicEip: boolean,
    apiServerEipId: string(EIP_ID, "an EIP id such as eip-bp1xxxx"),
    pilotEipId: string(EIP_ID, "an EIP id such as eip-bp1xxxx"),
  }),
  controlPlaneKubeconfig: oneOf(["private", "public"]),
  meshConfig: tableObject(MESH_CONFIG_FIELDS),
} satisfies Record<keyof ServiceMeshInputs, Rule>;

export type InputKey = keyof typeof RULES;
/** Every input of the resource, in declaration order. */
export const INPUT_KEYS = Object.keys(RULES) as InputKey[];

function ruleFor(key: string): Rule | undefined {
  return Object.hasOwn(RULES, key) ? RULES[key as InputKey] : undefined;
}

/** Keys the engine or the SDK shell add to every dynamic resource's inputs. */
const RESERVED = new Set(["__provider", "resourceName", "owner", "resourceUrn"]);

/** Field-by-field rules: types, formats and allowed values. Never throws. */
export function validateFields(news: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const missing = (value: unknown) => value === undefined || value === null || value === "";
  if (missing(news["clusterId"])) {
    failures.push({ property: "clusterId", reason: "clusterId is required: the id of the ACK cluster to enroll" });
  }
  for (const [key, value] of Object.entries(news)) {
    if (RESERVED.has(key) || value === undefined) continue;
    const rule = ruleFor(key);
    if (!rule) {
      failures.push({
        property: key,
        reason: `${key} is not a ServiceMesh input; allowed: ${INPUT_KEYS.join(", ")}`,
      });
    } else if (!missing(value) && !isUnknown(value)) {
      failures.push(...rule(value, key));
    }
  }
  return failures;
}

/** The seed's rule: Standard Edition only in the Chinese mainland. */
export function validateEditionRegion(edition: unknown, region: unknown): CheckFailure[] {
  if (edition !== "Standard" || typeof region !== "string" || isUnknown(region) || isChineseMainland(region)) return ok;
  return fail(
    "clusterSpec",
    `clusterSpec Standard is available only in Chinese-mainland regions (cn-*, except cn-hongkong), but region is ${region}; use Enterprise or Ultimate`,
  );
}

/** Editions upgrade in place (Standard → Enterprise → Ultimate); a downgrade is refused. */
export function validateNoDowngrade(from: unknown, to: unknown): CheckFailure[] {
  if (!isEdition(from) || !isEdition(to) || !isDowngrade(from, to)) return ok;
  return fail(
    "clusterSpec",
    `clusterSpec cannot be downgraded from ${from} to ${to}; allowed: ${allowedFrom(from).join(", ")}`,
  );
}

/** A pinned Istio version only moves forward (the mesh's own version is checked by PreChecked). */
export function validateIstioVersion(from: unknown, to: unknown): CheckFailure[] {
  if (typeof from !== "string" || typeof to !== "string" || isUnknown(from) || isUnknown(to)) return ok;
  const why = istioDowngrade(from, to);
  return why ? fail("istioVersion", why) : ok;
}

/**
 * Public endpoints: `apiServerPublicEip: false` cannot go with an EIP to bind; and ASM allocates an EIP
 * only at creation, so turning the flag on for an existing mesh that never had one needs an EIP id.
 * `olds`: the old `loadBalancer` of a mesh that stays ({} when unset), undefined for a new mesh.
 */
export function validateLoadBalancer(olds: Record<string, unknown> | undefined, news: unknown): CheckFailure[] {
  const next = (news ?? {}) as { apiServerPublicEip?: unknown; apiServerEipId?: unknown };
  if (next.apiServerPublicEip === false && typeof next.apiServerEipId === "string") {
    return fail(
      "loadBalancer.apiServerPublicEip",
      "loadBalancer.apiServerPublicEip is false but loadBalancer.apiServerEipId names an EIP to bind; set one or the other",
    );
  }
  if (
    olds !== undefined &&
    next.apiServerPublicEip === true &&
    next.apiServerEipId === undefined &&
    olds["apiServerPublicEip"] !== true &&
    olds["apiServerEipId"] === undefined
  ) {
    return fail(
      "loadBalancer.apiServerPublicEip",
      "loadBalancer.apiServerPublicEip: ASM allocates the API server's EIP only when it creates the mesh; to give this mesh a public endpoint in place, name an EIP you own in loadBalancer.apiServerEipId",
    );
  }
  return ok;
}

function allowedFrom(edition: Edition): Edition[] {
  return EDITIONS.slice(EDITIONS.indexOf(edition));
}
