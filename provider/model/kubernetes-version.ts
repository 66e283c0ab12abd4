/** The oldest Kubernetes the seed's operator supports ("An ACK cluster running Kubernetes 1.28 or later"). */
export const MIN_KUBERNETES = { major: 1, minor: 28 };

/** True when an ACK version string (`1.32.1-aliyun.1`, `v1.28.3`) is at least major.minor. */
export function kubernetesMinorAtLeast(version: string, min: { major: number; minor: number }): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > min.major || (major === min.major && minor >= min.minor);
}
