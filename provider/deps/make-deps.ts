import { AckClient } from "../cloud/ack-client";
import { AsmClient } from "../cloud/asm-client";
import { Deadline, systemClock } from "../clock";
import { CustomResourceClient } from "../kube/custom-resource-client";
import { EnrolledClusterClient } from "../kube/enrolled-cluster-client";
import { KubeConnection } from "../kube/kube-connection";
import type { CrRef } from "../kube/names";
import { consoleLogger } from "../log";
import { budgetMs, DEFAULT_TIMEOUTS } from "../model/durations";
import type { Timeouts } from "../model/types";
import { registerKubeconfigSecrets } from "../redact";
import type { Settings } from "../settings";
import { enrolledClusterKubeconfig } from "./kubeconfigs";
import type { Deps } from ".";

export interface DepsRequest {
  settings: Settings;
  operation: keyof Timeouts;
  timeouts?: Timeouts;
  /** The region known before the cluster is read (input or settings): ACK's endpoint is regional. */
  region?: string;
  clusterId: string;
  /** The CR cluster (`kubeconfig` input); absent: the enrolled cluster holds the CR. */
  kubeconfig?: string;
  /** The enrolled cluster (`clusterKubeconfig` input); absent: a kubeconfig from ACK. */
  clusterKubeconfig?: string;
  clusterEndpoint?: "public" | "private";
  /** The Pulumi resource name, for the log prefix. */
  resourceName: string;
  customResource: CrRef;
}

/**
 * Builds the real clients for one lifecycle call, from settings read at call time. The two clusters
 * are separate connections even when they are the same cluster: the CR cluster is `kubeconfig`, else
 * the enrolled cluster, which is `clusterKubeconfig`, else what ACK issues for `clusterId`.
 */
export function makeDeps(request: DepsRequest): Deps {
  const clock = systemClock;
  const budget = request.timeouts?.[request.operation] ?? DEFAULT_TIMEOUTS[request.operation];
  const deadline = Deadline.after(clock, budgetMs(budget), budget);
  const log = consoleLogger(request.resourceName);
  registerKubeconfigSecrets(request.kubeconfig);
  registerKubeconfigSecrets(request.clusterKubeconfig);
  const ack = new AckClient(request.settings, request.region, clock, deadline, log);
  const enrolledKubeconfig = enrolledClusterKubeconfig(ack, clock, {
    clusterId: request.clusterId,
    given: request.clusterKubeconfig,
    privateEndpoint: request.clusterEndpoint === "private",
    caller: request.settings.credentials?.accessKeyId ?? "default-chain",
  });
  const crKubeconfig = request.kubeconfig;
  const enrolled = new KubeConnection(
    `enrolled cluster ${request.clusterId}`,
    enrolledKubeconfig,
    clock,
    deadline,
    log,
  );
  const crCluster = crKubeconfig
    ? new KubeConnection("the CR cluster", async () => crKubeconfig, clock, deadline, log)
    : enrolled;
  return {
    asm: new AsmClient(request.settings, clock, deadline, log),
    ack,
    crCluster: new CustomResourceClient(crCluster, request.customResource, clock, deadline),
    enrolledCluster: new EnrolledClusterClient(enrolled),
    clock,
    deadline,
    log,
  };
}
