/**
 * ACK (cs 2015-12-15, ROA) cluster reads: DescribeClusterDetail `GET /clusters/{ClusterId}`,
 * DescribeClustersV1 `GET /api/v1/clusters` and DescribeClusterUserKubeconfig
 * `GET /k8s/{ClusterId}/user_config`. Bodies are snake_case with no wrapper, as in the
 * `@alicloud/cs20151215` models.
 */
import { ApiError } from "../errors";
import type { Handler } from "../context";
import { optional, optionalBool, optionalNumber } from "../params";
import { formatTime, type ClusterRecord } from "../records";

export const ACK_VERSION = "2015-12-15";

function clusterBody(c: ClusterRecord): Record<string, unknown> {
  return {
    cluster_id: c.clusterId,
    name: c.name,
    region_id: c.regionId,
    zone_id: `${c.regionId}-a`,
    state: c.state,
    cluster_type: c.clusterType,
    profile: "Default",
    cluster_spec: "ack.pro.small",
    current_version: c.kubernetesVersion,
    init_version: c.kubernetesVersion,
    next_version: "",
    vpc_id: c.vpcId,
    vswitch_ids: [...c.vswitchIds],
    vswitch_id: c.vswitchIds.join(","),
    cluster_domain: "cluster.local",
    security_group_id: `sg-${c.clusterId}`,
    container_cidr: "172.20.0.0/16",
    service_cidr: "172.21.0.0/20",
    network_mode: "vpc",
    proxy_mode: "ipvs",
    ip_stack: "ipv4",
    size: 3,
    deletion_protection: false,
    resource_group_id: "",
    tags: [],
    // A JSON string, as ACK returns it: the public and VPC-internal API server endpoints.
    master_url: JSON.stringify({
      api_server_endpoint: apiServer(c, "public"),
      intranet_api_server_endpoint: apiServer(c, "private"),
    }),
    meta_data: "{}",
    created: formatTime(c.createdAt),
    updated: formatTime(c.createdAt),
  };
}

/** The bound kubeconfig's server, else an address of the cluster's own that does not resolve. */
function apiServer(c: ClusterRecord, endpoint: "public" | "private"): string {
  const bound = c.kubeconfig ? /^\s*server:\s*(\S+)/m.exec(c.kubeconfig)?.[1] : undefined;
  return bound ?? `https://${c.clusterId}.${endpoint}.cs-emulator.invalid:6443`;
}

function requireCluster(ctx: Parameters<Handler>[0]): ClusterRecord {
  const id = ctx.pathParams["ClusterId"] ?? "";
  const c = ctx.inv.clusters.get(id);
  if (!c) throw new ApiError(404, "ErrorClusterNotFound", `The specified cluster ${id} does not exist.`);
  return c;
}

export const describeClusterDetail: Handler = (ctx) => clusterBody(requireCluster(ctx));

/**
 * The cluster's kubeconfig for the caller: the bound one (see `SeedCluster.kubeconfig`), else one for
 * the cluster's own address. `TemporaryDurationMinutes` (15–4320) sets `expiration`; without it ACK
 * issues a long-lived certificate (three years).
 */
export const describeClusterUserKubeconfig: Handler = (ctx) => {
  const c = requireCluster(ctx);
  const privateEndpoint = optionalBool(ctx.params, "PrivateIpAddress") ?? false;
  const minutes = optionalNumber(ctx.params, "TemporaryDurationMinutes", 15, 4320);
  const lifetimeMs = minutes !== undefined ? minutes * 60_000 : 3 * 365 * 24 * 3_600_000;
  const config = c.kubeconfig ?? unboundKubeconfig(c, apiServer(c, privateEndpoint ? "private" : "public"));
  return { config, expiration: new Date(ctx.now + lifetimeMs).toISOString().replace(/\.\d{3}Z$/, "Z") };
};

function unboundKubeconfig(c: ClusterRecord, server: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `clusters: [{name: ${c.clusterId}, cluster: {server: "${server}"}}]`,
    `users: [{name: ram-user, user: {token: emulated-${c.clusterId}}}]`,
    `contexts: [{name: ${c.clusterId}, context: {cluster: ${c.clusterId}, user: ram-user}}]`,
    `current-context: ${c.clusterId}`,
    "",
  ].join("\n");
}

export const describeClustersV1: Handler = (ctx) => {
  const p = ctx.params;
  const pageSize = optionalNumber(p, "page_size", 1, 100) ?? 10;
  const pageNumber = optionalNumber(p, "page_number", 1) ?? 1;
  const filters: [string, (c: ClusterRecord) => string][] = [
    ["name", (c) => c.name],
    ["cluster_type", (c) => c.clusterType],
    ["region_id", (c) => c.regionId],
    ["cluster_id", (c) => c.clusterId],
  ];
  const matching = [...ctx.inv.clusters.values()].filter((c) =>
    filters.every(([param, get]) => {
      const want = optional(p, param);
      return want === undefined || get(c) === want;
    }),
  );
  const start = (Math.floor(pageNumber) - 1) * Math.floor(pageSize);
  return {
    clusters: matching.slice(start, start + Math.floor(pageSize)).map(clusterBody),
    page_info: { page_number: Math.floor(pageNumber), page_size: Math.floor(pageSize), total_count: matching.length },
  };
};

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  action: string;
  handler: Handler;
}

const ROUTES: Route[] = [
  {
    method: "GET",
    pattern: /^\/clusters\/([^/]+)$/,
    names: ["ClusterId"],
    action: "DescribeClusterDetail",
    handler: describeClusterDetail,
  },
  {
    method: "GET",
    pattern: /^\/k8s\/([^/]+)\/user_config$/,
    names: ["ClusterId"],
    action: "DescribeClusterUserKubeconfig",
    handler: describeClusterUserKubeconfig,
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/clusters$/,
    names: [],
    action: "DescribeClustersV1",
    handler: describeClustersV1,
  },
];

/** ROA routing is by method and path; the `x-acs-action` header is only informational. */
export function matchAckRoute(
  method: string,
  rawPath: string,
): { action: string; handler: Handler; pathParams: Record<string, string> } | undefined {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(rawPath);
    if (!m) continue;
    const pathParams: Record<string, string> = {};
    try {
      r.names.forEach((n, i) => (pathParams[n] = decodeURIComponent(m[i + 1] ?? "")));
    } catch {
      return undefined;
    }
    return { action: r.action, handler: r.handler, pathParams };
  }
  return undefined;
}
