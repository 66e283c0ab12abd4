import { createHash } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import type { Clock, Deadline } from "../clock";
import type { KubeApi, MeshUsage } from "../deps";
import { CloudError } from "../resilience/errors";
import { kindForStatus } from "../resilience/http-status";
import { withRetry } from "../resilience/retry";
import { waitFor } from "../resilience/wait";
import type { Logger } from "../log";
import type { MeshStatus } from "../model/types";
import { serviceMeshCrd } from "./crd";
import {
  customResourceManifest,
  customResourcePatch,
  type CustomResourceIntent,
  type ServiceMeshObject,
} from "./custom-resource";
import { CRD_NAME, FINALIZER, GROUP, PLURAL, VERSION, type CrRef } from "./names";

const crd = { group: GROUP, version: VERSION, plural: PLURAL };
const SCHEMA_HASH_ANNOTATION = "servicemesh.pulumi.com/schema-hash";
const MERGE_PATCH = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

/**
 * The cluster side, through `@kubernetes/client-node` (the only importer of it): the CRD, the
 * `istio-system` namespace, the ServiceMesh CR and its /status, and the usage checks for delete.
 * Calls retry while the API server is unreachable or overloaded, inside the operation's deadline.
 */
export class KubeClient implements KubeApi {
  private readonly core: k8s.CoreV1Api;
  private readonly extensions: k8s.ApiextensionsV1Api;
  private readonly objects: k8s.CustomObjectsApi;

  constructor(
    kubeconfig: string | undefined,
    private readonly ref: CrRef,
    private readonly clock: Clock,
    private readonly deadline: Deadline,
    private readonly log: Logger,
  ) {
    const config = new k8s.KubeConfig();
    if (kubeconfig) config.loadFromString(kubeconfig);
    else config.loadFromDefault();
    this.core = config.makeApiClient(k8s.CoreV1Api);
    this.extensions = config.makeApiClient(k8s.ApiextensionsV1Api);
    this.objects = config.makeApiClient(k8s.CustomObjectsApi);
  }

  /** Creates or updates the CRD and waits until the API server serves it (Established). */
  async ensureCrd(): Promise<void> {
    const body = serviceMeshCrd() as k8s.V1CustomResourceDefinition;
    const hash = createHash("sha256").update(JSON.stringify(body.spec)).digest("hex").slice(0, 16);
    body.metadata = { ...body.metadata, annotations: { [SCHEMA_HASH_ANNOTATION]: hash } };
    const existing = await this.optional(
      () => this.extensions.readCustomResourceDefinition({ name: CRD_NAME }),
      `cannot read CRD ${CRD_NAME}`,
    );
    if (!existing) {
      await this.tolerate409(
        () => this.extensions.createCustomResourceDefinition({ body }),
        `cannot create CRD ${CRD_NAME}`,
      );
    } else if (existing.metadata?.annotations?.[SCHEMA_HASH_ANNOTATION] !== hash) {
      // The API server defaults fields of a stored CRD, so compare a hash of our manifest, not the spec.
      await this.call(
        () =>
          this.extensions.patchCustomResourceDefinition(
            { name: CRD_NAME, body: { metadata: body.metadata, spec: body.spec } },
            MERGE_PATCH,
          ),
        `cannot update CRD ${CRD_NAME}`,
      );
    }
    await waitFor(
      async () => {
        const crd = await this.call(
          () => this.extensions.readCustomResourceDefinition({ name: CRD_NAME }),
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
    const existing = await this.optional(
      () => this.core.readNamespace({ name: namespace }),
      `cannot read namespace ${namespace}`,
    );
    if (existing) return;
    await this.tolerate409(
      () => this.core.createNamespace({ body: { metadata: { name: namespace } } }),
      `cannot create namespace ${namespace}`,
    );
  }

  async readCr(ref: CrRef = this.ref): Promise<ServiceMeshObject | undefined> {
    const raw = await this.optional(
      () => this.objects.getNamespacedCustomObject({ ...crd, namespace: ref.namespace, name: ref.name }),
      `cannot read ServiceMesh ${ref.namespace}/${ref.name}`,
    );
    return raw ? toObject(raw) : undefined;
  }

  /** Creates the CR or merges the intent into it; returns it as stored (uid, generation). */
  async applyCr(intent: CustomResourceIntent): Promise<ServiceMeshObject> {
    const target = { ...crd, namespace: this.ref.namespace };
    const what = `ServiceMesh ${this.ref.namespace}/${this.ref.name}`;
    const current = await this.readCr();
    if (!current) {
      const created = await this.call(
        () => this.objects.createNamespacedCustomObject({ ...target, body: customResourceManifest(intent, this.ref) }),
        `cannot create ${what}`,
      );
      return toObject(created);
    }
    const patched = await this.call(
      () =>
        this.objects.patchNamespacedCustomObject(
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
    await this.call(
      () =>
        this.objects.patchNamespacedCustomObjectStatus(
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
    await this.optional(
      () => this.objects.patchNamespacedCustomObject({ ...target, body: { metadata: { finalizers } } }, MERGE_PATCH),
      `cannot remove the finalizer of ServiceMesh ${ref.namespace}/${ref.name}`,
    );
    await this.optional(
      () => this.objects.deleteNamespacedCustomObject(target),
      `cannot delete ServiceMesh ${ref.namespace}/${ref.name}`,
    );
  }

  /** Pods in the cluster, counted up to `limit` (enough to enforce Standard's 50-pod limit). */
  async countPods(limit: number): Promise<number> {
    const pods = await this.call(
      () => this.core.listPodForAllNamespaces({ limit }),
      "cannot count the pods in the cluster",
    );
    return pods.items.length + (pods.metadata?.remainingItemCount ?? 0);
  }

  /** Sidecar-injected namespaces and pods, and ASM gateways: what blocks removing the cluster. */
  async meshUsage(): Promise<MeshUsage> {
    const namespaces = await this.call(() => this.core.listNamespace(), "cannot list namespaces");
    const injectedNamespaces = namespaces.items
      .filter((ns) => {
        const labels = ns.metadata?.labels ?? {};
        return labels["istio-injection"] === "enabled" || labels["istio.io/rev"] !== undefined;
      })
      .map((ns) => ns.metadata?.name ?? "");
    const pods = await this.call(() => this.core.listPodForAllNamespaces({ limit: 500 }), "cannot list pods");
    const sidecarPods = pods.items
      .filter(
        (p) =>
          p.spec?.containers.some((c) => c.name === "istio-proxy") ||
          p.metadata?.annotations?.["sidecar.istio.io/status"],
      )
      .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    // ASM gateways are IstioGateway objects; a cluster without that CRD has none.
    const gatewayList = await this.optional(
      () => this.objects.listClusterCustomObject({ group: GROUP, version: "v1beta1", plural: "istiogateways" }),
      "cannot list IstioGateways",
    );
    const gateways = ((gatewayList?.items ?? []) as { metadata?: { namespace?: string; name?: string } }[]).map(
      (g) => `${g.metadata?.namespace}/${g.metadata?.name}`,
    );
    return { injectedNamespaces, sidecarPods, gateways };
  }

  private call<T>(fn: () => Promise<T>, context: string): Promise<T> {
    return withRetry(
      async () => {
        try {
          return await fn();
        } catch (e) {
          throw toKubeError(e, context);
        }
      },
      {
        clock: this.clock,
        deadline: this.deadline,
        onRetry: (e, delay) => this.log.info(`${context}: ${e.code}, retrying in ${delay} ms`),
      },
    );
  }

  /** The result, or undefined on 404. */
  private async optional<T>(fn: () => Promise<T>, context: string): Promise<T | undefined> {
    try {
      return await this.call(fn, context);
    } catch (e) {
      if (e instanceof CloudError && e.kind === "not-found") return undefined;
      throw e;
    }
  }

  /** Create calls where "already exists" (409) means someone got there first: fine. */
  private async tolerate409<T>(fn: () => Promise<T>, context: string): Promise<void> {
    try {
      await this.call(fn, context);
    } catch (e) {
      if (!(e instanceof CloudError && e.kind === "conflict")) throw e;
    }
  }
}

function toKubeError(e: unknown, context: string): CloudError {
  const err = e as { code?: number | string; body?: unknown; message?: string };
  const status = typeof err.code === "number" ? err.code : undefined;
  const body =
    typeof err.body === "string" ? safeJson(err.body) : (err.body as { message?: string; reason?: string } | undefined);
  const code = status ? `Kubernetes.${body?.reason ?? status}` : `Kubernetes.${String(err.code ?? "Unreachable")}`;
  const message = body?.message ?? err.message ?? "no response from the API server";
  return new CloudError(kindForStatus(status), code, message, context);
}

function safeJson(text: string): { message?: string; reason?: string } | undefined {
  try {
    return JSON.parse(text) as { message?: string; reason?: string };
  } catch {
    return { message: text.slice(0, 300) };
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
