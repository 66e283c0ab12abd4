import { AckClient } from "../cloud/ack-client";
import { accountFor, accountKey } from "../cloud/account";
import { AsmClient } from "../cloud/asm-client";
import { ExpectedDurations } from "../cloud/expected-durations";
import { LearnedDurationsFile } from "../cloud/learned-durations";
import { MeshObserver } from "../cloud/mesh-observer";
import { Deadline, systemClock, type Clock } from "../clock";
import { CustomResourceClient } from "../kube/custom-resource-client";
import { EnrolledClusterClient } from "../kube/enrolled-cluster-client";
import { KubeConnection } from "../kube/kube-connection";
import type { CrRef } from "../kube/names";
import type { EngineLog } from "../engine-log";
import { consoleLogger, resourceLogger } from "../log";
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
  /** The resource's URN and the engine that takes its lines: progress goes on the resource's row. */
  urn?: string;
  engine?: EngineLog;
  customResource: CrRef;
}

/**
 * Builds the real clients for one lifecycle call, from settings read at call time. The two clusters
 * are separate connections even when they are the same cluster: the CR cluster is `kubeconfig`, else
 * the enrolled cluster, which is `clusterKubeconfig`, else what ACK issues for `clusterId`.
 */
export function makeDeps(request: DepsRequest): Deps {
  const problem = request.settings.problems?.[0];
  if (problem) throw new Error(problem);
  const clock = systemClock;
  const budget = request.timeouts?.[request.operation] ?? DEFAULT_TIMEOUTS[request.operation];
  const deadline = Deadline.after(clock, budgetMs(budget), budget);
  const log = resourceLogger(request.resourceName, request.urn, request.engine);
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
    watch: observerFor(request.settings, clock),
    ack,
    crCluster: new CustomResourceClient(crCluster, request.customResource, clock, deadline),
    enrolledCluster: new EnrolledClusterClient(enrolled),
    clock,
    deadline,
    log,
  };
}

const observers = new Map<string, MeshObserver>();

/** The one observer of this process for the account: it outlives each call, like the engine's provider process. */
function observerFor(settings: Settings, clock: Clock): MeshObserver {
  const key = accountKey(settings);
  const existing = observers.get(key);
  if (existing) return existing;
  const log = consoleLogger("*");
  const reads = (deadline: Deadline) => new AsmClient(settings, clock, deadline, log);
  const { directory } = accountFor(settings, clock);
  const learned = directory === undefined ? undefined : new LearnedDurationsFile(directory);
  const observer = new MeshObserver(reads, clock, new ExpectedDurations(settings.expectedDurations, learned));
  observers.set(key, observer);
  return observer;
}
