import { createHash } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import type { Clock, Deadline } from "../clock";
import type { CrClusterApi } from "../deps";
import { describeOwner } from "../model/ownership";
import type { MeshStatus } from "../model/types";
import { CloudError } from "../resilience/errors";
import { waitFor } from "../resilience/wait";
import { serviceMeshCrd } from "./crd";
import {
  customResourceManifest,
  customResourcePatch,
  otherCrOwner,
  type CustomResourceIntent,
  type ServiceMeshObject,
} from "./custom-resource";
import type { KubeConnection } from "./kube-connection";
import { CRD_NAME, FINALIZER, GROUP, PLURAL, VERSION, type CrRef } from "./names";

const crd = { group: GROUP, version: VERSION, plural: PLURAL };
const SCHEMA_HASH_ANNOTATION = "servicemesh.pulumi.com/schema-hash";
const MERGE_PATCH = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

/**
 * The CR cluster: the CRD, the CR's namespace, the ServiceMesh CR and its /status. Nothing here reads
 * workloads: those checks are about the enrolled cluster (`EnrolledClusterClient`).
 */
export class CustomResourceClient implements CrClusterApi {
  constructor(
    private readonly connection: KubeConnection,
    private readonly ref: CrRef,
    private readonly clock: Clock,
    private readonly deadline: Deadline,
  ) {}

  /** Creates or updates the CRD and waits until the API server serves it (Established). */
  async ensureCrd(): Promise<void> {
    const body = serviceMeshCrd() as k8s.V1CustomResourceDefinition;
    const hash = createHash("sha256").update(JSON.stringify(body.spec)).digest("hex").slice(0, 16);
    body.metadata = { ...body.metadata, annotations: { [SCHEMA_HASH_ANNOTATION]: hash } };
    const existing = await this.connection.optional(
      (apis) => apis.extensions.readCustomResourceDefinition({ name: CRD_NAME }),
      `cannot read CRD ${CRD_NAME}`,
    );
    if (!existing) {
      await this.connection.tolerate409(
        (apis) => apis.extensions.createCustomResourceDefinition({ body }),
        `cannot create CRD ${CRD_NAME}`,
      );
    } else if (existing.metadata?.annotations?.[SCHEMA_HASH_ANNOTATION] !== hash) {
      // The API server defaults fields of a stored CRD, so compare a hash of our manifest, not the spec.
      await this.connection.call(
        (apis) =>
          apis.extensions.patchCustomResourceDefinition(
            { name: CRD_NAME, body: { metadata: body.metadata, spec: body.spec } },
            MERGE_PATCH,
          ),
        `cannot update CRD ${CRD_NAME}`,
      );
    }
    await waitFor(
      async () => {
        const crd = await this.connection.call(
          (apis) => apis.extensions.readCustomResourceDefinition({ name: CRD_NAME }),
          `cannot read CRD ${CRD_NAME}`,
        );
        const established = crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
        return established ? { done: true, value: undefined } : { done: false, progress: "not yet Established" };
      },
      { clock: this.clock, deadline: this.deadline, what: `CRD ${CRD_NAME} to be Established` },
    );
  }

  async ensureNamespace(): Promise<void> {
    const namespace = this.ref.namespace;
    const existing = await this.connection.optional(
      (apis) => apis.core.readNamespace({ name: namespace }),
      `cannot read namespace ${namespace}`,
    );
    if (existing) return;
    await this.connection.tolerate409(
      (apis) => apis.core.createNamespace({ body: { metadata: { name: namespace } } }),
      `cannot create namespace ${namespace}`,
    );
  }

  async readCr(ref: CrRef = this.ref): Promise<ServiceMeshObject | undefined> {
    const raw = await this.connection.optional(
      (apis) => apis.objects.getNamespacedCustomObject({ ...crd, namespace: ref.namespace, name: ref.name }),
      `cannot read ServiceMesh ${ref.namespace}/${ref.name}`,
    );
    return raw ? toObject(raw) : undefined;
  }

  /**
   * Creates the CR or merges the intent into it; returns it as stored (uid, generation). A CR another
   * resource wrote meanwhile (it was absent when the pass began) is refused, never merged into.
   */
  async applyCr(intent: CustomResourceIntent): Promise<ServiceMeshObject> {
    const target = { ...crd, namespace: this.ref.namespace };
    const what = `ServiceMesh ${this.ref.namespace}/${this.ref.name}`;
    const current = await this.readCr();
    const owner = otherCrOwner(current, intent.owner);
    if (owner) {
      throw new CloudError(
        "conflict",
        "Kubernetes.Conflict",
        `it belongs to ${describeOwner(owner)}`,
        `cannot update ${what}`,
      );
    }
    if (!current) {
      const created = await this.connection.call(
        (apis) =>
          apis.objects.createNamespacedCustomObject({ ...target, body: customResourceManifest(intent, this.ref) }),
        `cannot create ${what}`,
      );
      return toObject(created);
    }
    const patched = await this.connection.call(
      (apis) =>
        apis.objects.patchNamespacedCustomObject(
          { ...target, name: this.ref.name, body: customResourcePatch(intent, current) },
          MERGE_PATCH,
        ),
      `cannot update ${what}`,
    );
    return toObject(patched);
  }

  /**
   * Writes the whole status through the /status subresource. A merge patch replaces `conditions` whole;
   * absent fields are sent as null so a stale value cannot survive.
   */
  async writeStatus(status: MeshStatus): Promise<void> {
    const body = {
      status: {
        clusterSpec: status.clusterSpec ?? null,
        serviceMeshId: status.serviceMeshId ?? null,
        serviceMeshName: status.serviceMeshName ?? null,
        conditions: status.conditions,
      },
    };
    await this.connection.call(
      (apis) =>
        apis.objects.patchNamespacedCustomObjectStatus(
          { ...crd, namespace: this.ref.namespace, name: this.ref.name, body },
          MERGE_PATCH,
        ),
      `cannot write the status of ServiceMesh ${this.ref.namespace}/${this.ref.name}`,
    );
  }

  /** Drops our finalizer and deletes the CR (by default ours); absent is fine. The CRD stays. */
  async deleteCr(ref: CrRef = this.ref): Promise<void> {
    const current = await this.readCr(ref);
    if (!current) return;
    const target = { ...crd, namespace: ref.namespace, name: ref.name };
    const finalizers = current.finalizers.filter((f) => f !== FINALIZER);
    await this.connection.optional(
      (apis) =>
        apis.objects.patchNamespacedCustomObject({ ...target, body: { metadata: { finalizers } } }, MERGE_PATCH),
      `cannot remove the finalizer of ServiceMesh ${ref.namespace}/${ref.name}`,
    );
    await this.connection.optional(
      (apis) => apis.objects.deleteNamespacedCustomObject(target),
      `cannot delete ServiceMesh ${ref.namespace}/${ref.name}`,
    );
  }
}

function toObject(raw: unknown): ServiceMeshObject {
  const o = raw as {
    metadata?: { uid?: string; generation?: number; annotations?: Record<string, string>; finalizers?: string[] };
    spec?: ServiceMeshObject["spec"];
    status?: Partial<MeshStatus>;
  };
  return {
    uid: o.metadata?.uid ?? "",
    generation: o.metadata?.generation ?? 1,
    annotations: o.metadata?.annotations ?? {},
    finalizers: o.metadata?.finalizers ?? [],
    spec: o.spec ?? {},
    status: o.status,
  };
}
