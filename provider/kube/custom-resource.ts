import type { DeletionPolicy, Edition, MeshStatus } from "../model/types";
import {
  API_VERSION,
  CLUSTER_ID_ANNOTATION,
  DEFAULT_CR,
  DELETION_POLICY_ANNOTATION,
  FINALIZER,
  KIND,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  OWNER_ANNOTATION,
  RETRY_AT_ANNOTATION,
  type CrRef,
} from "./names";

/** The desired-state part of the CR: metadata we own and the spec (seed: `{id, name, clusterSpec}`). */
export interface CustomResourceIntent {
  clusterId: string;
  /** The resource writing it (see `OWNER_ANNOTATION`); undefined for a resource from before owners. */
  owner?: string;
  meshId?: string;
  name?: string;
  clusterSpec?: Edition;
  deletionPolicy: DeletionPolicy;
  retryAt?: string;
}

/**
 * True when the CR's status was written for this cluster by this resource (or by a version that did
 * not record owners), so an earlier run's progress can be trusted.
 */
export function belongsTo(
  cr: ServiceMeshObject | undefined,
  clusterId: string,
  owner: string | undefined,
): cr is ServiceMeshObject {
  return cr?.annotations[CLUSTER_ID_ANNOTATION] === clusterId && otherCrOwner(cr, owner) === undefined;
}

/** The owner a CR names when that is another resource: the CR is not this resource's to write or delete. */
export function otherCrOwner(cr: ServiceMeshObject | undefined, owner: string | undefined): string | undefined {
  const recorded = cr?.annotations[OWNER_ANNOTATION];
  return recorded !== undefined && recorded !== owner ? recorded : undefined;
}

/** The CR as read back. */
export interface ServiceMeshObject {
  uid: string;
  generation: number;
  annotations: Record<string, string>;
  finalizers: string[];
  spec: { id?: string; name?: string; clusterSpec?: string };
  status?: Partial<MeshStatus>;
}

/** The full CR for a create (status is written separately through /status). */
export function customResourceManifest(intent: CustomResourceIntent, ref: CrRef = DEFAULT_CR) {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: annotationsFor(intent),
      finalizers: [FINALIZER],
    },
    spec: specFor(intent),
  };
}

/**
 * A JSON merge patch that brings an existing CR to the intent: our annotations and the spec. A
 * `retry-at` annotation set with kubectl stays (it is the user's retry trigger) until the program sets
 * `retryAt`; other annotations and finalizers are left alone.
 */
export function customResourcePatch(intent: CustomResourceIntent, current: ServiceMeshObject) {
  const spec = specFor(intent);
  const specPatch: Record<string, string | null> = {};
  for (const key of ["id", "name", "clusterSpec"] as const) {
    if (current.spec[key] !== spec[key]) specPatch[key] = spec[key] ?? null;
  }
  const annotations: Record<string, string | null> = { ...annotationsFor(intent) };
  if (intent.retryAt === undefined && current.annotations[RETRY_AT_ANNOTATION] !== undefined) {
    // A retry-at set with kubectl is the user's trigger; keep it until the program sets its own.
    delete annotations[RETRY_AT_ANNOTATION];
  }
  const finalizers = current.finalizers.includes(FINALIZER) ? undefined : [...current.finalizers, FINALIZER];
  return {
    metadata: { annotations, labels: { [MANAGED_BY_LABEL]: MANAGED_BY }, ...(finalizers ? { finalizers } : {}) },
    ...(Object.keys(specPatch).length ? { spec: specPatch } : {}),
  };
}

function annotationsFor(intent: CustomResourceIntent): Record<string, string> {
  return {
    [DELETION_POLICY_ANNOTATION]: intent.deletionPolicy,
    [CLUSTER_ID_ANNOTATION]: intent.clusterId,
    ...(intent.owner ? { [OWNER_ANNOTATION]: intent.owner } : {}),
    ...(intent.retryAt !== undefined ? { [RETRY_AT_ANNOTATION]: intent.retryAt } : {}),
  };
}

function specFor(intent: CustomResourceIntent): { id?: string; name?: string; clusterSpec?: string } {
  return {
    ...(intent.meshId ? { id: intent.meshId } : {}),
    ...(intent.name ? { name: intent.name } : {}),
    ...(intent.clusterSpec ? { clusterSpec: intent.clusterSpec } : {}),
  };
}
