/**
 * The stored shape of the emulated cloud: meshes, clusters and the async operation in flight on a mesh.
 * Async transitions are stored as "completes at" times and applied lazily (see state.ts), so a state
 * file written mid-operation resumes correctly after a restart.
 */
import { randomBytes } from "node:crypto";
import { shapeAt, zeroOf } from "./asm/model-shapes";
import { RESPONSE_MODELS } from "./asm/response-models";
import type { ClusterSpec, ClusterView, SeedNamespace } from "./types";

/**
 * `Spec.MeshConfig` as DescribeServiceMeshDetail reports it (official model names and nesting), stored
 * as the tree itself so that every parameter the service takes is reported exactly where it is set.
 */
export type MeshConfigRecord = Record<string, unknown>;

/** A partial update of the mesh, applied when an UpdateMeshFeature operation completes. */
export interface MeshChanges {
  clusterSpec?: ClusterSpec;
  profile?: string;
  /** Dotted path under `Spec.MeshConfig` → new value (see asm/mesh-config-params.ts). */
  meshConfig?: Record<string, unknown>;
  /** The Istio version an upgrade ends on. */
  version?: string;
}

export type PendingKind = "create" | "enroll" | "remove" | "update" | "upgrade" | "delete";

export interface PendingOp {
  kind: PendingKind;
  completesAt: number;
  clusterId?: string;
  /** From a `meshEndState` fault: the mesh ends in this state instead of the normal outcome. */
  endState?: string;
  errorMessage?: string;
  /** From an `enrollFails` fault. */
  enrollFailure?: { code: string; message: string };
  changes?: MeshChanges;
}

export interface FailedEnrollment {
  clusterId: string;
  code: string;
  message: string;
  at: number;
}

export interface MeshRecord {
  serviceMeshId: string;
  name: string;
  regionId: string;
  clusterSpec: ClusterSpec;
  /** `ServiceMeshInfo.Profile`: Default (standard) or Pro (enterprise, ultimate). */
  profile: string;
  version: string;
  vpcId: string;
  vswitches: string[];
  securityGroupId: string;
  loadBalancerId: string;
  state: string;
  errorMessage: string;
  createdAt: number;
  updatedAt: number;
  /** Attached clusters, including one being enrolled or removed. */
  clusters: string[];
  failedEnrollments: FailedEnrollment[];
  tags: { Key: string; Value: string }[];
  meshConfig: MeshConfigRecord;
  /** The EIP on the API server's CLB (allocated by `ApiServerPublicEip`, or bound later). */
  apiServerEipId?: string;
  /** The EIP on Pilot's public CLB (ModifyPilotEipResource). */
  pilotEipId?: string;
  pending?: PendingOp;
}

/** A cluster as stored: the public view's fields (less the derived mesh id) plus seed-only details. */
export interface ClusterRecord extends Omit<ClusterView, "serviceMeshId"> {
  namespaces?: SeedNamespace[];
  proxies: string[];
  kubeconfig?: string;
  createdAt: number;
}

export const DEFAULT_K8S_VERSION = "1.32.1-aliyun.1";

export const SPEC_ORDER: readonly ClusterSpec[] = ["standard", "enterprise", "ultimate"];

export function profileFor(spec: ClusterSpec): string {
  return spec === "standard" ? "Default" : "Pro";
}

/** A fresh mesh's config: every field the model declares, with ASM's defaults where it has one. */
export function defaultMeshConfig(meshId: string): MeshConfigRecord {
  const config = zeroOf(
    shapeAt(RESPONSE_MODELS.DescribeServiceMeshDetail, "ServiceMesh.Spec.MeshConfig"),
  ) as MeshConfigRecord;
  const defaults: Record<string, unknown> = {
    OutboundTrafficPolicy: "ALLOW_ANY",
    IncludeIPRanges: "*",
    "Pilot.TraceSampling": 1,
    "Proxy.RequestCPU": "100m",
    "Proxy.RequestMemory": "128Mi",
    "Proxy.LimitCPU": "2000m",
    "Proxy.LimitMemory": "1025Mi",
    "Proxy.ClusterDomain": "cluster.local",
    "SidecarInjector.RequestCPU": "100m",
    "SidecarInjector.RequestMemory": "128Mi",
    "SidecarInjector.LimitCPU": "4000m",
    "SidecarInjector.LimitMemory": "2048Mi",
    "Audit.Project": `mesh-log-${meshId}`,
  };
  for (const [path, value] of Object.entries(defaults)) setAt(config, path, value);
  return config;
}

export function applyChanges(mesh: MeshRecord, changes: MeshChanges): void {
  if (changes.clusterSpec) mesh.clusterSpec = changes.clusterSpec;
  if (changes.profile) mesh.profile = changes.profile;
  if (changes.version) mesh.version = changes.version;
  for (const [path, value] of Object.entries(changes.meshConfig ?? {})) setAt(mesh.meshConfig, path, value);
}

/** Set a dotted path in a tree, making the objects on the way. */
export function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (next !== null && typeof next === "object" ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1] ?? ""] = value;
}

export function getAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Mesh ids look like the real ones: `c` + 32 hex characters. */
export function newMeshId(): string {
  return `c${randomBytes(16).toString("hex")}`;
}

export function newRequestId(): string {
  const h = randomBytes(16).toString("hex").toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `2020-04-21T09:42:20Z`: ISO 8601 to the second, the precision the API returns. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
