/**
 * Istio versions: DescribeVersions, DescribeUpgradeVersion and UpgradeMeshEditionPartially (the upgrade
 * operation Terraform uses for `version`). Version strings look like ASM's (`v1.24.6.64-g5c3b4e1a-aliyun`);
 * the catalogue is `istio-versions.ts`.
 */
import { ApiError } from "../errors";
import type { Handler } from "../context";
import { optional, optionalBool } from "../params";
import { findMesh, requireActivated, requireRunning, startOperation } from "./rules";
import { compareVersions, ISTIO_VERSIONS, requireKnownVersion } from "./istio-versions";

export const describeVersions: Handler = (ctx) => {
  requireActivated(ctx);
  return {
    VersionInfo: ["Default", "Pro"].map((edition) => ({ Edition: edition, Versions: [...ISTIO_VERSIONS] })),
  };
};

/** The version the mesh would upgrade to next: the one after its own (its own when it is the newest). */
export const describeUpgradeVersion: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const next = ISTIO_VERSIONS.find((v) => compareVersions(v, mesh.version) > 0) ?? mesh.version;
  return { Version: { IstioVersion: next, IstioOperatorVersion: next, KubernetesVersion: "1.32.1-aliyun.1" } };
};

export const upgradeMeshEditionPartially: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  optionalBool(ctx.params, "ASMGatewayContinue");
  optionalBool(ctx.params, "SwitchToPro");
  const preCheck = optionalBool(ctx.params, "PreCheck") ?? false;
  const expected = optional(ctx.params, "ExpectedVersion");
  if (expected === undefined) return {};
  requireKnownVersion(expected, "ExpectedVersion");
  if (compareVersions(expected, mesh.version) <= 0) {
    throw new ApiError(
      400,
      "InvalidParameter.ExpectedVersion",
      `The service mesh ${mesh.serviceMeshId} runs ${mesh.version}; it can only be upgraded to a newer version, not to ${expected}.`,
    );
  }
  requireRunning(mesh, "UpgradeMeshEditionPartially");
  if (preCheck) return {};
  startOperation(ctx, mesh, "upgrade", ctx.latency.updateMs, { changes: { version: expected } });
  ctx.inv.save();
  return {};
};
