/**
 * The stored shape of the emulated cloud: meshes, clusters and the async operation in flight on a mesh.
 * Async transitions are stored as "completes at" times and applied lazily (see state.ts), so a state
 * file written mid-operation resumes correctly after a restart.
 */
import { randomBytes } from "node:crypto";
import type { ClusterSpec, ClusterView, MeshConfigView, SeedNamespace } from "./types";

export interface MeshConfigRecord extends MeshConfigView {
  customizedZipkin: boolean;
  enableLocalityLB: boolean;
  includeIPRanges: string;
  excludeIPRanges: string;
  excludeInboundPorts: string;
  excludeOutboundPorts: string;
  audit: { enabled: boolean; project: string };
  kialiEnabled: boolean;
  prometheus: { useExternal: boolean; externalUrl: string };
}

/** A partial update of the mesh, applied when an UpdateMeshFeature operation completes. */
export interface MeshChanges {
  clusterSpec?: ClusterSpec;
  profile?: string;
  meshConfig?: Partial<Omit<MeshConfigRecord, "accessLog" | "proxy" | "sidecarInjector">> & {
    accessLog?: Partial<MeshConfigRecord["accessLog"]>;
    proxy?: Partial<MeshConfigRecord["proxy"]>;
    sidecarInjector?: Partial<MeshConfigRecord["sidecarInjector"]>;
  };
}

export type PendingKind = "create" | "enroll" | "remove" | "update" | "delete";

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
  pending?: PendingOp;
}

/** A cluster as stored: the public view's fields (less the derived mesh id) plus seed-only details. */
export interface ClusterRecord extends Omit<ClusterView, "serviceMeshId"> {
  namespaces?: SeedNamespace[];
  proxies: string[];
  kubeconfig?: string;
  createdAt: number;
}

export const ISTIO_VERSION = "v1.24.6.64-g5c3b4e1a-aliyun";
export const DEFAULT_K8S_VERSION = "1.32.1-aliyun.1";

export const SPEC_ORDER: readonly ClusterSpec[] = ["standard", "enterprise", "ultimate"];

export function profileFor(spec: ClusterSpec): string {
  return spec === "standard" ? "Default" : "Pro";
}

export function defaultMeshConfig(meshId: string): MeshConfigRecord {
  return {
    telemetry: false,
    tracing: false,
    traceSampling: 1,
    outboundTrafficPolicy: "ALLOW_ANY",
    accessLog: { enabled: false, project: "" },
    proxy: {
      requestCPU: "100m",
      requestMemory: "128Mi",
      limitCPU: "2000m",
      limitMemory: "1025Mi",
      clusterDomain: "cluster.local",
    },
    sidecarInjector: { autoInjectionPolicyEnabled: false, enableNamespacesByDefault: false },
    customizedZipkin: false,
    enableLocalityLB: false,
    includeIPRanges: "*",
    excludeIPRanges: "",
    excludeInboundPorts: "",
    excludeOutboundPorts: "",
    audit: { enabled: false, project: `mesh-log-${meshId}` },
    kialiEnabled: false,
    prometheus: { useExternal: false, externalUrl: "" },
  };
}

export function applyChanges(mesh: MeshRecord, changes: MeshChanges): void {
  if (changes.clusterSpec) mesh.clusterSpec = changes.clusterSpec;
  if (changes.profile) mesh.profile = changes.profile;
  const mc = changes.meshConfig;
  if (!mc) return;
  const { accessLog, proxy, sidecarInjector, ...flat } = mc;
  Object.assign(mesh.meshConfig, flat);
  if (accessLog) Object.assign(mesh.meshConfig.accessLog, accessLog);
  if (proxy) Object.assign(mesh.meshConfig.proxy, proxy);
  if (sidecarInjector) Object.assign(mesh.meshConfig.sidecarInjector, sidecarInjector);
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
