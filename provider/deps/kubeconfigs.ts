import type { Clock } from "../clock";
import type { KubeconfigSource } from "../kube/kube-connection";
import { registerKubeconfigSecrets } from "../redact";
import { isCloudError } from "../resilience/errors";
import type { AckApi } from "./ack-api";

/** Minutes a kubeconfig fetched from ACK stays valid: it only has to outlive one operation. */
export const FETCHED_KUBECONFIG_MINUTES = 15;
/** Stop reusing a fetched kubeconfig this long before it expires. */
const REUSE_MARGIN_MS = 5 * 60_000;

/** Kubeconfigs ACK issued in this process, by key and cluster: memory only, never in state or logs. */
const issued = new Map<string, { config: string; reusableUntil: number }>();

export interface EnrolledClusterAccess {
  clusterId: string;
  /** The `clusterKubeconfig` input: wins over asking ACK. */
  given?: string;
  /** Ask ACK for the VPC-internal API server endpoint (`clusterEndpoint: private`). */
  privateEndpoint: boolean;
  /** Who asks (the access key id), so one identity's kubeconfig is never handed to another. */
  caller: string;
}

/**
 * How to reach the enrolled cluster: the `clusterKubeconfig` input, else a short-lived kubeconfig from
 * ACK (DescribeClusterUserKubeconfig), fetched on first use and reused while it is fresh.
 */
export function enrolledClusterKubeconfig(ack: AckApi, clock: Clock, access: EnrolledClusterAccess): KubeconfigSource {
  const { given, clusterId, privateEndpoint } = access;
  if (given) return async () => given;
  const key = `${access.caller}/${clusterId}/${privateEndpoint ? "private" : "public"}`;
  return async () => {
    const cached = issued.get(key);
    if (cached && cached.reusableUntil > clock.now()) return cached.config;
    let answer;
    try {
      answer = await ack.userKubeconfig(clusterId, { privateEndpoint, minutes: FETCHED_KUBECONFIG_MINUTES });
    } catch (e) {
      const hint = `cannot reach enrolled cluster ${clusterId}: ACK did not issue its kubeconfig (set clusterKubeconfig to reach it another way)`;
      throw isCloudError(e) ? e.withContext(hint) : e;
    }
    registerKubeconfigSecrets(answer.config);
    const expires = Date.parse(answer.expiration);
    const reusableUntil = Number.isNaN(expires) ? clock.now() : expires - REUSE_MARGIN_MS;
    issued.set(key, { config: answer.config, reusableUntil });
    return answer.config;
  };
}
