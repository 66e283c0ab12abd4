/**
 * ASM's wire facts the client needs beside the calls themselves: which parameters go in the query (the
 * official models' split), which actions only read, and what a write touches in the shared listing.
 */
import { CLUSTER_TAG } from "../model/ownership";
import type { Touched } from "./mesh-listing";

export type Params = Record<string, string | number | boolean>;

/** Actions that only read: any other one changes what the shared listing says (see `touchedBy`). */
export const READS = /^(Describe|List)/;

/**
 * What a write touches, from the parameters that name things: the mesh, the cluster, a mesh name, and
 * the cluster our ownership tag names. A write naming none of them touches everything.
 */
export function touchedBy(params: Params): Touched {
  const touched: string[] = [];
  const named = (key: string) => (params[key] === undefined ? undefined : String(params[key]));
  const mesh = named("ServiceMeshId");
  const cluster = named("ClusterId");
  const name = named("Name");
  if (mesh) touched.push(`mesh:${mesh}`);
  if (cluster) touched.push(`cluster:${cluster}`);
  if (name) touched.push(`name:${name}`);
  for (const [key, value] of Object.entries(params)) {
    // Tag operations name their meshes as `ResourceId.N`.
    if (/^ResourceId\.\d+$/.test(key)) touched.push(`mesh:${String(value)}`);
    const tag = /^Tag\.(\d+)\.Key$/.exec(key);
    if (tag && value === CLUSTER_TAG) touched.push(`cluster:${String(params[`Tag.${tag[1]}.Value`])}`);
  }
  return touched;
}

/*
 * Which listings page, per the official 2020-01-11 models: only ListTagResources (`NextToken` in, and
 * out until the last page; `AsmClient.meshTags` follows it). DescribeServiceMeshes,
 * DescribeClustersInServiceMesh, DescribeServiceMeshProxyStatus and DescribeGuestClusterNamespaces take
 * no paging parameter and answer whole (the contract test checks the models still say so).
 */

/** Where each operation puts its parameters (the generated SDK's split between query and form body). */
const QUERY_PARAMS: Record<string, readonly string[]> = {
  DescribeClustersInServiceMesh: ["ServiceMeshId"],
  CreateServiceMesh: ["Tag"],
  UpdateMeshFeature: ["AccessLogGatewayEnabled", "AccessLogSidecarEnabled"],
  DescribeServiceMeshKubeconfig: ["ServiceMeshId", "PrivateIpAddress"],
  TagResources: ["RegionId", "ResourceId", "ResourceType", "Tag"],
  UntagResources: ["RegionId", "ResourceId", "ResourceType", "TagKey"],
  ListTagResources: ["NextToken", "RegionId", "ResourceId", "ResourceType"],
};

/** Whether a (possibly flattened, `Tag.1.Key`) parameter goes in the query per the official model. */
export function inQuery(action: string, key: string): boolean {
  return (QUERY_PARAMS[action] ?? []).some((q) => key === q || key.startsWith(`${q}.`));
}
