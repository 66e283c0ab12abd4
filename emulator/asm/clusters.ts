/**
 * Cluster membership: AddClusterIntoServiceMesh, RemoveClusterFromServiceMesh, DescribeClustersInServiceMesh,
 * DescribeServiceMeshClusters.
 */
import { ApiError } from "../errors";
import type { Handler, HandlerContext } from "../context";
import { optionalBool, optionalNumber, required } from "../params";
import type { MeshRecord } from "../records";
import { findMesh, requireActivated, requireRunning, startOperation } from "./rules";
import { project, shapeAt } from "./model-shapes";
import { RESPONSE_MODELS } from "./response-models";
import { clustersOfMesh } from "./views";

/** The body AddCluster and RemoveCluster return on success (a 2xx with Code "200"). */
const ACCEPTED = { Code: "200", Message: "success" };

export function clusterNotInMesh(clusterId: string, mesh: MeshRecord): ApiError {
  return new ApiError(
    404,
    "ErrorClusterNotInServiceMesh",
    `The cluster ${clusterId} is not added to the service mesh ${mesh.serviceMeshId}.`,
  );
}

export function requireClusterInMesh(ctx: HandlerContext, mesh: MeshRecord, name: string): string {
  const clusterId = required(ctx.params, name);
  if (!mesh.clusters.includes(clusterId)) throw clusterNotInMesh(clusterId, mesh);
  return clusterId;
}

export const addClusterIntoServiceMesh: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const clusterId = required(ctx.params, "ClusterId");
  optionalBool(ctx.params, "DiscoveryOnly");
  optionalBool(ctx.params, "IgnoreNamespaceCheck");
  requireRunning(mesh, "AddClusterIntoServiceMesh");
  const cluster = ctx.inv.clusters.get(clusterId);
  if (!cluster) throw new ApiError(404, "ErrorClusterNotFound", `The cluster ${clusterId} does not exist.`);
  const owner = ctx.inv.meshOfCluster(clusterId);
  if (owner) {
    throw new ApiError(
      400,
      "ErrorPermitted.ClusterAlreadyInMesh",
      `The cluster ${clusterId} is already added to the service mesh ${owner.serviceMeshId}.`,
    );
  }
  if (cluster.state !== "running") {
    throw new ApiError(
      400,
      "ErrorPermitted.ClusterNotRunning",
      `The cluster ${clusterId} is in state ${cluster.state}; only a running cluster can be added.`,
    );
  }
  mesh.failedEnrollments = mesh.failedEnrollments.filter((f) => f.clusterId !== clusterId);
  mesh.clusters.push(clusterId);
  startOperation(ctx, mesh, "enroll", ctx.latency.enrollMs, { clusterId });
  ctx.inv.save();
  return { ...ACCEPTED };
};

export const removeClusterFromServiceMesh: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const clusterId = required(ctx.params, "ClusterId");
  optionalBool(ctx.params, "ReserveNamespace");
  const failed = mesh.failedEnrollments.some((f) => f.clusterId === clusterId);
  if (!mesh.clusters.includes(clusterId) && failed) {
    // A failed enrollment never attached the cluster: removing it only clears the record.
    mesh.failedEnrollments = mesh.failedEnrollments.filter((f) => f.clusterId !== clusterId);
    ctx.inv.save();
    return { ...ACCEPTED };
  }
  requireRunning(mesh, "RemoveClusterFromServiceMesh");
  requireClusterInMesh(ctx, mesh, "ClusterId");
  startOperation(ctx, mesh, "remove", ctx.latency.removeMs, { clusterId });
  ctx.inv.save();
  return { ...ACCEPTED };
};

export const describeClustersInServiceMesh: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  return { Clusters: clustersOfMesh(ctx.inv, mesh) };
};

const SERVICE_MESH_CLUSTER = shapeAt(RESPONSE_MODELS.DescribeServiceMeshClusters, "Clusters.0");

/** The paged form: `Limit`/`Offset` in the body, `NumberOfClusters` the total, items per its own model. */
export const describeServiceMeshClusters: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const limit = optionalNumber(ctx.params, "Limit", 1, 1000) ?? 20;
  const offset = optionalNumber(ctx.params, "Offset", 0) ?? 0;
  const all = clustersOfMesh(ctx.inv, mesh).map((c) => ({
    ...c,
    ServiceMeshId: mesh.serviceMeshId,
    ForbiddenFlag: 0,
    ForbiddenInfo: "",
  }));
  return {
    Clusters: all.slice(offset, offset + limit).map((c) => project(SERVICE_MESH_CLUSTER, c)),
    NumberOfClusters: all.length,
  };
};
