import type * as k8s from "@kubernetes/client-node";
import type { EnrolledClusterApi, MeshUsage } from "../deps";
import { isInjectionEnabled } from "../model/injection";
import type { KubeConnection } from "./kube-connection";
import { GROUP } from "./names";
import { CloudError } from "../resilience/errors";
import { forEachChunk } from "./paged-list";

/** How many pods with sidecars a usage report names: one is enough to refuse, a few say where to look. */
export const SIDECAR_PODS_NAMED = 20;

/**
 * The enrolled cluster (`clusterId`): its pods, sidecar-injected namespaces and ASM gateways, whichever
 * cluster holds the CR. Read-only. Every list follows its continue token to the last chunk (or stops as
 * soon as it has its answer), so a cluster of any size is seen whole.
 */
export class EnrolledClusterClient implements EnrolledClusterApi {
  constructor(private readonly connection: KubeConnection) {}

  /** Pods in the cluster, counted until `limit` is reached (enough to enforce Standard's 50-pod limit). */
  async countPods(limit: number): Promise<number> {
    let count = 0;
    await forEachChunk(
      this.connection,
      (apis, page) => apis.core.listPodForAllNamespaces({ ...page, limit: Math.min(page.limit, limit) }),
      `cannot count the pods in ${this.connection.name}`,
      (pods) => (count += pods.length) < limit,
    );
    return count;
  }

  /** Sidecar-injected namespaces and pods, and ASM gateways: what blocks removing the cluster. */
  async meshUsage(): Promise<MeshUsage> {
    const injectedNamespaces: string[] = [];
    await forEachChunk(
      this.connection,
      (apis, page) => apis.core.listNamespace(page),
      `cannot list the namespaces in ${this.connection.name}`,
      (namespaces) => {
        for (const ns of namespaces) {
          if (isInjectionEnabled(ns.metadata?.labels ?? {})) injectedNamespaces.push(ns.metadata?.name ?? "");
        }
        return true;
      },
    );
    const sidecarPods: string[] = [];
    await forEachChunk(
      this.connection,
      (apis, page) => apis.core.listPodForAllNamespaces(page),
      `cannot list the pods in ${this.connection.name}`,
      (pods) => {
        for (const pod of pods.filter(hasSidecar)) sidecarPods.push(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
        return sidecarPods.length < SIDECAR_PODS_NAMED;
      },
    );
    const gateways: string[] = [];
    try {
      await forEachChunk(
        this.connection,
        (apis, page) =>
          apis.objects.listClusterCustomObject({ group: GROUP, version: "v1beta1", plural: "istiogateways", ...page }),
        `cannot list the IstioGateways in ${this.connection.name}`,
        (items: { metadata?: { namespace?: string; name?: string } }[]) => {
          gateways.push(...items.map((g) => `${g.metadata?.namespace}/${g.metadata?.name}`));
          return true;
        },
      );
    } catch (e) {
      // ASM gateways are IstioGateway objects; a cluster without that CRD has none.
      if (!(e instanceof CloudError && e.kind === "not-found")) throw e;
    }
    return { injectedNamespaces, sidecarPods: sidecarPods.slice(0, SIDECAR_PODS_NAMED), gateways };
  }
}

function hasSidecar(pod: k8s.V1Pod): boolean {
  return (
    !!pod.spec?.containers.some((c) => c.name === "istio-proxy") ||
    !!pod.metadata?.annotations?.["sidecar.istio.io/status"]
  );
}
