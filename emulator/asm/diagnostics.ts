/**
 * Read-only calls used as delete pre-checks: DescribeGuestClusterNamespaces (namespaces and their labels,
 * to spot sidecar injection) and DescribeServiceMeshProxyStatus (connected data-plane proxies).
 */
import type { Handler } from "../context";
import { optionalBool } from "../params";
import { requireClusterInMesh } from "./clusters";
import { findMesh, requireActivated } from "./rules";

const STOCK_NAMESPACES = ["default", "istio-system", "kube-node-lease", "kube-public", "kube-system"];

export const describeGuestClusterNamespaces: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const clusterId = requireClusterInMesh(ctx, mesh, "GuestClusterID");
  const showLabels = optionalBool(ctx.params, "ShowNsLabels") ?? false;
  const seeded = ctx.inv.clusters.get(clusterId)?.namespaces;
  const namespaces = seeded ?? STOCK_NAMESPACES.map((name) => ({ name, labels: {} }));
  const body: Record<string, unknown> = { NsList: namespaces.map((n) => n.name) };
  if (showLabels) body["NsLabels"] = Object.fromEntries(namespaces.map((n) => [n.name, { ...(n.labels ?? {}) }]));
  return body;
};

export const describeServiceMeshProxyStatus: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const istio = mesh.version.replace(/^v(\d+\.\d+\.\d+).*$/, "$1");
  const proxies = mesh.clusters.flatMap((id) => ctx.inv.clusters.get(id)?.proxies ?? []);
  return {
    Code: "200",
    Message: "success",
    Success: "success",
    ProxyStatus: proxies.map((proxyId) => ({
      ProxyId: proxyId,
      ProxyVersion: istio,
      IstioVersion: istio,
      ClusterSynced: "SYNCED",
      ListenerSynced: "SYNCED",
      RouteSynced: "SYNCED",
      EndpointSynced: "SYNCED",
      EndpointPercent: "100",
    })),
  };
};
