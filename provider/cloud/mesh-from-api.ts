/**
 * A mesh as DescribeServiceMeshDetail and DescribeServiceMeshes report it (official model names), read
 * into the provider's `Mesh`. The list's model is smaller: no EIP ids, only part of `MeshConfig`.
 */
import type { Mesh } from "../deps";
import type { ApiMeshConfig } from "./mesh-config-mapping";

export interface ApiMesh {
  ClusterSpec?: string;
  Tag?: { Key?: string; Value?: string }[];
  Clusters?: string[];
  ServiceMeshInfo?: {
    ServiceMeshId?: string;
    Name?: string;
    State?: string;
    ErrorMessage?: string;
    RegionId?: string;
    Version?: string;
    CreationTime?: string;
    UpdateTime?: string;
  };
  Endpoints?: {
    IntranetApiServerEndpoint?: string;
    PublicApiServerEndpoint?: string;
    IntranetPilotEndpoint?: string;
    PublicPilotEndpoint?: string;
  };
  Spec?: {
    MeshConfig?: ApiMeshConfig;
    Network?: { VpcId?: string; VSwitches?: string[] };
    LoadBalancer?: {
      ApiServerLoadbalancerId?: string;
      ApiServerPublicEipId?: string;
      PilotPublicLoadbalancerId?: string;
      PilotPublicEipId?: string;
    };
  };
}

export function toMesh(mesh: ApiMesh, source: Mesh["source"]): Mesh {
  const info = mesh.ServiceMeshInfo ?? {};
  const created = Date.parse(info.CreationTime ?? "");
  const updated = Date.parse(info.UpdateTime ?? "");
  return {
    source,
    id: info.ServiceMeshId ?? "",
    name: info.Name ?? "",
    state: info.State ?? "",
    errorMessage: info.ErrorMessage || undefined,
    clusterSpec: mesh.ClusterSpec ?? "",
    clusters: mesh.Clusters ?? [],
    regionId: info.RegionId ?? "",
    version: info.Version ?? "",
    meshConfig: mesh.Spec?.MeshConfig ?? {},
    ...(Number.isNaN(created) ? {} : { createdAt: created }),
    ...(Number.isNaN(updated) ? {} : { updatedAt: updated }),
    ...(mesh.Tag ? { tags: Object.fromEntries(mesh.Tag.map((t) => [t.Key ?? "", t.Value ?? ""])) } : {}),
    ...(mesh.Spec?.Network
      ? { network: { vpcId: mesh.Spec.Network.VpcId ?? "", vSwitchIds: mesh.Spec.Network.VSwitches ?? [] } }
      : {}),
    ...(mesh.Endpoints
      ? {
          endpoints: {
            apiServerIntranet: mesh.Endpoints.IntranetApiServerEndpoint ?? "",
            apiServerPublic: mesh.Endpoints.PublicApiServerEndpoint ?? "",
            pilotIntranet: mesh.Endpoints.IntranetPilotEndpoint ?? "",
            pilotPublic: mesh.Endpoints.PublicPilotEndpoint ?? "",
          },
        }
      : {}),
    // The list's model has no EIP ids: only the detail says which EIPs are bound.
    ...(mesh.Spec?.LoadBalancer && source === "detail"
      ? {
          loadBalancer: {
            apiServerLoadBalancerId: mesh.Spec.LoadBalancer.ApiServerLoadbalancerId ?? "",
            apiServerEipId: mesh.Spec.LoadBalancer.ApiServerPublicEipId ?? "",
            pilotLoadBalancerId: mesh.Spec.LoadBalancer.PilotPublicLoadbalancerId ?? "",
            pilotEipId: mesh.Spec.LoadBalancer.PilotPublicEipId ?? "",
          },
        }
      : {}),
  };
}
