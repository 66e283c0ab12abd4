/**
 * ASM's Istio versions (`v1.24.6.64-g5c3b4e1a-aliyun`): ordered by their numeric parts, the build suffix
 * ignored. ASM upgrades only, so an older version than the mesh's is refused.
 */
export function compareIstioVersions(a: string, b: string): number {
  const parts = (v: string) => (/^v?([\d.]+)/.exec(v)?.[1] ?? "").split(".").filter(Boolean).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why `wanted` cannot be applied to a mesh running `current`, or undefined when it can. */
export function istioDowngrade(current: string, wanted: string): string | undefined {
  if (!current || compareIstioVersions(wanted, current) >= 0) return undefined;
  return `istioVersion ${wanted} is older than the mesh's ${current}; ASM upgrades only: keep ${current} or name a newer version`;
}
