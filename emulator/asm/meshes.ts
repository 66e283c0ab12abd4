/** Mesh lifecycle: CreateServiceMesh, DescribeServiceMeshDetail, DescribeServiceMeshes, DeleteServiceMesh, ModifyServiceMeshName. */
import { ApiError, invalidParameter } from "../errors";
import type { Handler, HandlerContext } from "../context";
import { jsonStringArray, optional, optionalBool, optionalEnum, required, tags } from "../params";
import { applyChanges, defaultMeshConfig, newMeshId, profileFor, SPEC_ORDER, type MeshRecord } from "../records";
import type { ClusterSpec } from "../types";
import { meshConfigChanges } from "./mesh-config-params";
import {
  findMesh,
  isMainland,
  requireActivated,
  requireNotBusy,
  requireUniqueName,
  STANDARD_OUTSIDE_MAINLAND,
  startOperation,
  validateName,
} from "./rules";
import { requireKnownVersion, DEFAULT_ISTIO_VERSION } from "./istio-versions";
import { meshDetail, meshListItem } from "./views";

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export const createServiceMesh: Handler = (ctx) => {
  requireActivated(ctx);
  const p = ctx.params;
  const regionId = required(p, "RegionId");
  if (!REGION.test(regionId))
    throw new ApiError(400, "InvalidRegionId", `The specified region ${regionId} does not exist.`);
  const vpcId = required(p, "VpcId");
  const vswitches = jsonStringArray(p, "VSwitches");
  if (vswitches === undefined) throw new ApiError(400, "MissingVSwitches", "VSwitches is mandatory for this action.");
  if (vswitches.length === 0) throw invalidParameter("VSwitches", "at least one vSwitch is required");
  const clusterSpec: ClusterSpec =
    optionalEnum(p, "ClusterSpec", SPEC_ORDER, "InvalidParameter.ClusterSpec") ?? "standard";
  if (clusterSpec === "standard" && !isMainland(regionId)) {
    throw new ApiError(
      400,
      "InvalidParameter.ClusterSpec",
      `${STANDARD_OUTSIDE_MAINLAND}; region ${regionId} needs ClusterSpec enterprise or ultimate.`,
    );
  }
  const edition = optionalEnum(p, "Edition", ["Default", "Pro"] as const, "InvalidParameter.Edition");
  const meshConfig = meshConfigChanges(p, "create");
  const apiServerPublicEip = optionalBool(p, "ApiServerPublicEip") ?? false;
  const version = optional(p, "IstioVersion") ?? DEFAULT_ISTIO_VERSION;
  requireKnownVersion(version, "IstioVersion");
  requireVSwitchesInVpc(ctx, vpcId, vswitches);
  const id = newMeshId();
  const name = optional(p, "Name") ?? `asm-${id.slice(1, 9)}`;
  validateName(name);
  requireUniqueName(ctx, name, regionId);

  const guest = optional(p, "GuestCluster");
  if (guest !== undefined) {
    if (!ctx.inv.clusters.has(guest))
      throw new ApiError(404, "ErrorClusterNotFound", `The cluster ${guest} does not exist.`);
    const owner = ctx.inv.meshOfCluster(guest);
    if (owner) {
      throw new ApiError(
        400,
        "ErrorPermitted.ClusterAlreadyInMesh",
        `The cluster ${guest} is already added to the service mesh ${owner.serviceMeshId}.`,
      );
    }
  }

  const mesh: MeshRecord = {
    serviceMeshId: id,
    name,
    regionId,
    clusterSpec,
    profile: edition ?? profileFor(clusterSpec),
    version,
    vpcId,
    vswitches,
    securityGroupId: `sg-${id.slice(1, 17)}`,
    loadBalancerId: `lb-${id.slice(1, 21)}`,
    state: "initial",
    errorMessage: "",
    createdAt: ctx.now,
    updatedAt: ctx.now,
    clusters: guest ? [guest] : [],
    failedEnrollments: [],
    tags: tags(p),
    meshConfig: defaultMeshConfig(id),
    ...(apiServerPublicEip ? { apiServerEipId: `eip-${id.slice(1, 21)}` } : {}),
  };
  applyChanges(mesh, { meshConfig });
  startOperation(ctx, mesh, "create", ctx.latency.provisionMs);
  ctx.inv.meshes.set(id, mesh);
  ctx.inv.save();
  return { ServiceMeshId: id };
};

/**
 * A vSwitch the emulator knows (from a cluster's network) must be in the VPC the mesh is created in; the
 * code is the emulator's choice, the rule is the VPC service's.
 */
function requireVSwitchesInVpc(ctx: HandlerContext, vpcId: string, vswitches: string[]): void {
  for (const cluster of ctx.inv.clusters.values()) {
    for (const vsw of vswitches) {
      if (cluster.vswitchIds.includes(vsw) && cluster.vpcId !== vpcId) {
        throw new ApiError(
          400,
          "InvalidVSwitchId.NotInVpc",
          `The vSwitch ${vsw} belongs to VPC ${cluster.vpcId}, not to VPC ${vpcId}.`,
        );
      }
    }
  }
}

export const describeServiceMeshDetail: Handler = (ctx) => {
  requireActivated(ctx);
  return { ServiceMesh: meshDetail(findMesh(ctx)) };
};

export const describeServiceMeshes: Handler = (ctx) => {
  requireActivated(ctx);
  const wanted = tags(ctx.params);
  const meshes = [...ctx.inv.meshes.values()].filter((m) =>
    wanted.every((w) => m.tags.some((t) => t.Key === w.Key && (w.Value === "" || t.Value === w.Value))),
  );
  return { ServiceMeshes: meshes.map(meshListItem) };
};

export const deleteServiceMesh: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  optionalBool(ctx.params, "Force");
  requireNotBusy(mesh, "DeleteServiceMesh");
  // Real service, even with Force=true (terraform-provider-alicloud issue #5259).
  if (mesh.clusters.length > 0) {
    throw new ApiError(
      400,
      "ErrorPermitted.ClustersNotEmpty",
      `the clusters should be removed from it before the mesh instance is deleted (clusters: ${mesh.clusters.join(", ")})`,
    );
  }
  startOperation(ctx, mesh, "delete", ctx.latency.deleteMs);
  ctx.inv.save();
  return {};
};

export const modifyServiceMeshName: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const name = required(ctx.params, "Name");
  validateName(name);
  requireNotBusy(mesh, "ModifyServiceMeshName");
  requireUniqueName(ctx, name, mesh.regionId, mesh.serviceMeshId);
  mesh.name = name;
  mesh.updatedAt = ctx.now;
  ctx.inv.save();
  return {};
};
