/** UpdateMeshFeature: edition (ClusterSpec, upgrade only) and the mesh-config subset. */
import { ApiError, missingParameter } from "../errors";
import type { Handler } from "../context";
import { optional, optionalBool, optionalEnum, optionalNumber } from "../params";
import { profileFor, SPEC_ORDER, type MeshChanges } from "../records";
import { meshConfigChanges } from "./mesh-config-params";
import {
  findMesh,
  isMainland,
  requireActivated,
  requireRunning,
  STANDARD_OUTSIDE_MAINLAND,
  startOperation,
} from "./rules";

/**
 * UpdateControlPlaneLogConfig: `Enabled` (required), `Project`, `LogTTLInDay`, applied like a feature
 * update (the mesh is `updating` for updateMs) and reported under `Spec.MeshConfig.ControlPlaneLogInfo`.
 */
export const updateControlPlaneLogConfig: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const enabled = optionalBool(ctx.params, "Enabled");
  if (enabled === undefined) throw missingParameter("Enabled");
  const project = optional(ctx.params, "Project");
  const ttl = optionalNumber(ctx.params, "LogTTLInDay", 1, 3650);
  requireRunning(mesh, "UpdateControlPlaneLogConfig");
  const meshConfig: Record<string, unknown> = { "ControlPlaneLogInfo.Enabled": enabled };
  if (project !== undefined) meshConfig["ControlPlaneLogInfo.Project"] = project;
  if (ttl !== undefined) meshConfig["ControlPlaneLogInfo.LogTTL"] = ttl;
  startOperation(ctx, mesh, "update", ctx.latency.updateMs, { changes: { meshConfig } });
  ctx.inv.save();
  return {};
};

export const updateMeshFeature: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const spec = optionalEnum(ctx.params, "ClusterSpec", SPEC_ORDER, "InvalidParameter.ClusterSpec");
  const meshConfig = meshConfigChanges(ctx.params, "update");
  requireRunning(mesh, "UpdateMeshFeature");
  const changes: MeshChanges = { meshConfig };
  if (spec !== undefined && spec !== mesh.clusterSpec) {
    // The API models do not say whether ASM accepts a downgrade; the product refuses them, so the emulator does too.
    if (SPEC_ORDER.indexOf(spec) < SPEC_ORDER.indexOf(mesh.clusterSpec)) {
      throw new ApiError(
        400,
        "InvalidParameter.ClusterSpec",
        `ClusterSpec downgrade not supported: the service mesh ${mesh.serviceMeshId} is ${mesh.clusterSpec} and cannot become ${spec}.`,
      );
    }
    if (spec === "standard" && !isMainland(mesh.regionId)) {
      throw new ApiError(400, "InvalidParameter.ClusterSpec", `${STANDARD_OUTSIDE_MAINLAND}; region ${mesh.regionId}.`);
    }
    changes.clusterSpec = spec;
    changes.profile = profileFor(spec);
  }
  startOperation(ctx, mesh, "update", ctx.latency.updateMs, { changes });
  ctx.inv.save();
  return {};
};
