/**
 * The emulator's catalogue of Istio versions (the live service's list differs): which a mesh may run,
 * which a new mesh gets, and their order. Pure data, so the inventory can name the default without
 * reaching the handlers.
 */
import { invalidParameter } from "../errors";

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
