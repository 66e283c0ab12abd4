import type { EnrolledClusterApi, MeshUsage } from "../deps";
import { isInjectionEnabled } from "../model/injection";
import type { KubeConnection } from "./kube-connection";
import { GROUP } from "./names";

/**
 * The enrolled cluster (`clusterId`): its pods, sidecar-injected namespaces and ASM gateways, whichever
 * cluster holds the CR. Read-only.
 */
export class EnrolledClusterClient implements EnrolledClusterApi {
  constructor(private readonly connection: KubeConnection) {}

  /** Pods in the cluster, counted up to `limit` (enough to enforce Standard's 50-pod limit). */
  async countPods(limit: number): Promise<number> {
    const pods = await this.connection.call(
      (apis) => apis.core.listPodForAllNamespaces({ limit }),
      `cannot count the pods in ${this.connection.name}`,
    );
    return pods.items.length + (pods.metadata?.remainingItemCount ?? 0);
  }

  /** Sidecar-injected namespaces and pods, and ASM gateways: what blocks removing the cluster. */
  async meshUsage(): Promise<MeshUsage> {
    const namespaces = await this.connection.call(
      (apis) => apis.core.listNamespace(),
      `cannot list the namespaces in ${this.connection.name}`,
    );
    const injectedNamespaces = namespaces.items
      .filter((ns) => isInjectionEnabled(ns.metadata?.labels ?? {}))
      .map((ns) => ns.metadata?.name ?? "");
    const pods = await this.connection.call(
      (apis) => apis.core.listPodForAllNamespaces({ limit: 500 }),
      `cannot list the pods in ${this.connection.name}`,
    );
    const sidecarPods = pods.items
      .filter(
        (p) =>
          p.spec?.containers.some((c) => c.name === "istio-proxy") ||
          p.metadata?.annotations?.["sidecar.istio.io/status"],
      )
      .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    // ASM gateways are IstioGateway objects; a cluster without that CRD has none.
    const gatewayList = await this.connection.optional(
      (apis) => apis.objects.listClusterCustomObject({ group: GROUP, version: "v1beta1", plural: "istiogateways" }),
      `cannot list the IstioGateways in ${this.connection.name}`,
    );
    const gateways = ((gatewayList?.items ?? []) as { metadata?: { namespace?: string; name?: string } }[]).map(
      (g) => `${g.metadata?.namespace}/${g.metadata?.name}`,
    );
    return { injectedNamespaces, sidecarPods, gateways };
  }
}
