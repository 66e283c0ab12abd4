import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import type { Clock, Deadline } from "../clock";
import type { Logger } from "../log";
import type { Settings } from "../settings";
import { alibabaConfig, asmEndpoint } from "./alibaba-config";
import type {
  AsmApi,
  CreateMeshRequest,
  EipEndpoint,
  GuestNamespace,
  ListingReader,
  Mesh,
  MeshCluster,
  ProxyStatus,
} from "../deps";
import { inQuery, READS, touchedBy, type Params } from "./asm-wire";
import { isCloudError } from "../resilience/errors";
import { accountFor, type Account } from "./account";
import { toMesh, type ApiMesh } from "./mesh-from-api";
import { withRetry } from "../resilience/retry";
import { toCloudError } from "./to-cloud-error";

/** ASM's answer for a mesh that does not exist (DescribeServiceMeshDetail). */
const MESH_NOT_FOUND = "ServiceMesh.NotFound";

/**
 * The ASM 2020-01-11 API over openapi-core `callApi` (the official servicemesh SDK is not on the npm
 * registry), with typed wrappers whose wire names follow the official models. Every call retries
 * throttling, 5xx and timeouts inside the operation's deadline and turns failures into CloudErrors that
 * say what could not be done.
 */
export class AsmClient implements AsmApi {
  private readonly client: OpenApi;
  private readonly account: Account;

  constructor(
    settings: Settings,
    private readonly clock: Clock,
    private readonly deadline: Deadline,
    private readonly log: Logger,
  ) {
    this.client = new OpenApi(alibabaConfig(settings, asmEndpoint(settings)));
    // One rate per endpoint and access key for the whole process: every resource of the stack.
    this.account = accountFor(settings, clock);
  }

  /**
   * The mesh, or undefined when ASM answers `ServiceMesh.NotFound` for it: the only answer that says the
   * mesh is gone (any other failure, a 404 without that code included, is thrown, so `pulumi refresh`
   * never drops a mesh from state on a transient or unexplained answer).
   */
  async describeMesh(meshId: string): Promise<Mesh | undefined> {
    try {
      const body = await this.call(
        "DescribeServiceMeshDetail",
        { ServiceMeshId: meshId },
        `cannot read mesh ${meshId}`,
      );
      return toMesh(body["ServiceMesh"] as ApiMesh, "detail");
    } catch (e) {
      if (isCloudError(e, "not-found") && e.code === MESH_NOT_FOUND) return undefined;
      throw e;
    }
  }

  async listMeshes(reader?: ListingReader): Promise<Mesh[]> {
    return this.account.listing.get(async () => {
      const body = await this.call("DescribeServiceMeshes", {}, "cannot list meshes", "GET");
      return ((body["ServiceMeshes"] as ApiMesh[] | undefined) ?? []).map((m) => toMesh(m, "list"));
    }, reader);
  }

  async createMesh(request: CreateMeshRequest): Promise<string> {
    const params: Params = {
      Name: request.name,
      RegionId: request.regionId,
      VpcId: request.vpcId,
      VSwitches: JSON.stringify(request.vSwitches),
      ClusterSpec: request.clusterSpec,
      ...request.features,
    };
    Object.entries(request.tags).forEach(([key, value], i) => {
      params[`Tag.${i + 1}.Key`] = key;
      params[`Tag.${i + 1}.Value`] = value;
    });
    const body = await this.call("CreateServiceMesh", params, `cannot create mesh ${request.name}`);
    return String(body["ServiceMeshId"]);
  }

  async listClusters(meshId: string): Promise<MeshCluster[]> {
    const body = await this.call(
      "DescribeClustersInServiceMesh",
      { ServiceMeshId: meshId },
      `cannot list the clusters of mesh ${meshId}`,
    );
    const clusters =
      (body["Clusters"] as { ClusterId?: string; State?: string; ErrorMessage?: string }[] | undefined) ?? [];
    return clusters.map((c) => ({
      clusterId: c.ClusterId ?? "",
      state: c.State ?? "",
      errorMessage: c.ErrorMessage || undefined,
    }));
  }

  async addCluster(meshId: string, clusterId: string): Promise<void> {
    await this.call(
      "AddClusterIntoServiceMesh",
      { ServiceMeshId: meshId, ClusterId: clusterId },
      `cannot enroll cluster ${clusterId} into mesh ${meshId}`,
    );
  }

  async removeCluster(meshId: string, clusterId: string): Promise<void> {
    await this.call(
      "RemoveClusterFromServiceMesh",
      { ServiceMeshId: meshId, ClusterId: clusterId },
      `cannot remove cluster ${clusterId} from mesh ${meshId}`,
    );
  }

  async deleteMesh(meshId: string): Promise<void> {
    await this.call("DeleteServiceMesh", { ServiceMeshId: meshId }, `cannot delete mesh ${meshId}`);
  }

  async updateMeshFeature(meshId: string, params: Params): Promise<void> {
    await this.call(
      "UpdateMeshFeature",
      { ServiceMeshId: meshId, ...params },
      `cannot update the features of mesh ${meshId}`,
    );
  }

  async updateControlPlaneLog(meshId: string, params: Params): Promise<void> {
    await this.call(
      "UpdateControlPlaneLogConfig",
      { ServiceMeshId: meshId, ...params },
      `cannot update the control-plane log of mesh ${meshId}`,
    );
  }

  async renameMesh(meshId: string, name: string): Promise<void> {
    await this.call(
      "ModifyServiceMeshName",
      { ServiceMeshId: meshId, Name: name },
      `cannot rename mesh ${meshId} to ${name}`,
    );
  }

  async guestNamespaces(meshId: string, clusterId: string): Promise<GuestNamespace[] | undefined> {
    try {
      const body = await this.call(
        "DescribeGuestClusterNamespaces",
        { ServiceMeshId: meshId, GuestClusterID: clusterId, ShowNsLabels: true },
        `cannot list the namespaces ASM sees in cluster ${clusterId}`,
      );
      const labels = (body["NsLabels"] ?? {}) as Record<string, Record<string, string> | undefined>;
      return ((body["NsList"] as string[] | undefined) ?? []).map((name) => ({ name, labels: labels[name] ?? {} }));
    } catch (e) {
      if (isCloudError(e, "not-found")) return undefined;
      throw e;
    }
  }

  async proxyStatus(meshId: string): Promise<ProxyStatus[]> {
    const body = await this.call(
      "DescribeServiceMeshProxyStatus",
      { ServiceMeshId: meshId },
      `cannot read the proxy status of mesh ${meshId}`,
    );
    const proxies = (body["ProxyStatus"] as { ProxyId?: string; ClusterSynced?: string }[] | undefined) ?? [];
    return proxies.map((p) => ({ proxyId: p.ProxyId ?? "", clusterSynced: p.ClusterSynced ?? "" }));
  }

  async istioVersions(): Promise<string[]> {
    const body = await this.call("DescribeVersions", {}, "cannot list the Istio versions ASM offers");
    const info = (body["VersionInfo"] as { Versions?: string[] }[] | undefined) ?? [];
    return [...new Set(info.flatMap((i) => i.Versions ?? []))];
  }

  async upgradeMesh(meshId: string, version: string): Promise<void> {
    await this.call(
      "UpgradeMeshEditionPartially",
      // Gateways are the user's workloads: they upgrade them when they choose (Terraform sends false too).
      { ServiceMeshId: meshId, ExpectedVersion: version, ASMGatewayContinue: false },
      `cannot upgrade mesh ${meshId} to Istio ${version}`,
    );
  }

  /** Every page of ListTagResources (the only listing here whose official model pages: `NextToken`). */
  async meshTags(meshId: string, regionId: string): Promise<Record<string, string>> {
    const tags: Record<string, string> = {};
    let nextToken = "";
    do {
      const body = await this.call(
        "ListTagResources",
        {
          RegionId: regionId,
          ResourceType: "servicemesh",
          "ResourceId.1": meshId,
          ...(nextToken ? { NextToken: nextToken } : {}),
        },
        `cannot read the tags of mesh ${meshId}`,
      );
      const rows = (body["TagResources"] as { ResourceId?: string; TagKey?: string; TagValue?: string }[]) ?? [];
      for (const r of rows) if (r.ResourceId === meshId) tags[r.TagKey ?? ""] = r.TagValue ?? "";
      nextToken = String(body["NextToken"] ?? "");
    } while (nextToken);
    return tags;
  }

  async tagMesh(meshId: string, regionId: string, tags: Record<string, string>): Promise<void> {
    const params: Params = { RegionId: regionId, ResourceType: "servicemesh", "ResourceId.1": meshId };
    Object.entries(tags).forEach(([key, value], i) => {
      params[`Tag.${i + 1}.Key`] = key;
      params[`Tag.${i + 1}.Value`] = value;
    });
    await this.call("TagResources", params, `cannot tag mesh ${meshId}`);
  }

  async untagMesh(meshId: string, regionId: string, keys: string[]): Promise<void> {
    const params: Params = { RegionId: regionId, ResourceType: "servicemesh", "ResourceId.1": meshId };
    keys.forEach((key, i) => (params[`TagKey.${i + 1}`] = key));
    await this.call("UntagResources", params, `cannot remove tags ${keys.join(", ")} from mesh ${meshId}`);
  }

  async bindEip(meshId: string, endpoint: EipEndpoint, eipId: string | undefined, boundEipId: string): Promise<void> {
    const [action, param, what] =
      endpoint === "apiServer"
        ? (["ModifyApiServerEipResource", "ApiServerEipId", "the API server"] as const)
        : (["ModifyPilotEipResource", "EipId", "Pilot"] as const);
    const params: Params =
      eipId === undefined
        ? { ServiceMeshId: meshId, Operation: "UnBindEip", [param]: boundEipId }
        : { ServiceMeshId: meshId, Operation: "BindEip", [param]: eipId };
    if (endpoint === "pilot") params["IsCanary"] = false;
    const doing = eipId === undefined ? `unbind EIP ${boundEipId} from` : `bind EIP ${eipId} to`;
    await this.call(action, params, `cannot ${doing} ${what} of mesh ${meshId}`);
  }

  async meshKubeconfig(meshId: string, endpoint: "private" | "public"): Promise<string> {
    const body = await this.call(
      "DescribeServiceMeshKubeconfig",
      { ServiceMeshId: meshId, PrivateIpAddress: endpoint === "private" },
      `cannot read the control-plane kubeconfig of mesh ${meshId}`,
    );
    return String(body["Kubeconfig"] ?? "");
  }

  private async call(
    action: string,
    params: Params,
    context: string,
    method = "POST",
  ): Promise<Record<string, unknown>> {
    const query: Record<string, string> = {};
    const body: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      (method === "GET" || inQuery(action, key) ? query : body)[key] = String(value);
    }
    const apiParams = new $OpenApiUtil.Params({
      action,
      version: "2020-01-11",
      protocol: "HTTPS",
      pathname: "/",
      method,
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const request = new $OpenApiUtil.OpenApiRequest({
      query,
      ...(method === "GET" ? {} : { body }),
    });
    return withRetry(
      async () => {
        const response = await this.account.asmLimiter.send(
          () => this.client.callApi(apiParams, request, new $dara.RuntimeOptions({})),
          (e) => toCloudError(e, context),
        );
        if (!READS.test(action)) this.account.listing.wrote(touchedBy(params));
        return (response["body"] ?? {}) as Record<string, unknown>;
      },
      {
        clock: this.clock,
        deadline: this.deadline,
        onRetry: (e, delay) => this.log.info(`${action}: ${e.code}, retrying in ${delay} ms`),
      },
    );
  }
}
