/**
 * Istio versions: DescribeVersions, DescribeUpgradeVersion and UpgradeMeshEditionPartially (the upgrade
 * operation Terraform uses for `version`). Version strings look like ASM's (`v1.24.6.64-g5c3b4e1a-aliyun`);
 * the list is the emulator's, not the live service's.
 */
import { ApiError, invalidParameter } from "../errors";
import type { Handler } from "../context";
import { optional, optionalBool } from "../params";
import { findMesh, requireActivated, requireRunning, startOperation } from "./rules";

/** Oldest first; new meshes get `DEFAULT_ISTIO_VERSION` unless CreateServiceMesh names one of these. */
export const ISTIO_VERSIONS = [
  "v1.22.6.95-g1d7f0e9c-aliyun",
  "v1.23.6.71-g4e35b0b2-aliyun",
  "v1.24.6.64-g5c3b4e1a-aliyun",
  "v1.25.3.38-g7a2d1c44-aliyun",
] as const;
export const DEFAULT_ISTIO_VERSION = "v1.24.6.64-g5c3b4e1a-aliyun";

/** The numeric parts of a version (`v1.24.6.64-…` → [1, 24, 6, 64]), compared part by part. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^v?([\d.]+)/.exec(v)?.[1] ?? "").split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function requireKnownVersion(version: string, param: string): void {
  if (!(ISTIO_VERSIONS as readonly string[]).includes(version)) {
    throw invalidParameter(param, `version ${version} is not available; available: ${ISTIO_VERSIONS.join(", ")}`);
  }
}

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
