import { AckClient } from "../cloud/ack-client";
import { AsmClient } from "../cloud/asm-client";
import { Deadline, systemClock } from "../clock";
import { KubeClient } from "../kube/kube-client";
import type { CrRef } from "../kube/names";
import { consoleLogger } from "../log";
import { budgetMs, DEFAULT_TIMEOUT } from "../model/durations";
import type { Timeouts } from "../model/types";
import { registerSecret } from "../redact";
import type { Settings } from "../settings";
import type { Deps } from ".";

export interface DepsRequest {
  settings: Settings;
  operation: keyof Timeouts;
  timeouts?: Timeouts;
  /** The region known before the cluster is read (input or settings): ACK's endpoint is regional. */
  region?: string;
  kubeconfig?: string;
  /** The Pulumi resource name, for the log prefix. */
  resourceName: string;
  customResource: CrRef;
}

/** Builds the real clients for one lifecycle call, from settings read at call time. */
export function makeDeps(request: DepsRequest): Deps {
  const clock = systemClock;
  const budget = request.timeouts?.[request.operation] ?? DEFAULT_TIMEOUT;
  const deadline = Deadline.after(clock, budgetMs(budget), budget);
  const log = consoleLogger(request.resourceName);
  for (const token of kubeconfigSecrets(request.kubeconfig)) registerSecret(token);
  return {
    asm: new AsmClient(request.settings, clock, deadline, log),
    ack: new AckClient(request.settings, request.region, clock, deadline, log),
    kube: new KubeClient(request.kubeconfig, request.customResource, clock, deadline, log),
    clock,
    deadline,
    log,
  };
}

/** Tokens, passwords and key data in a kubeconfig text, so no message can echo them. */
function kubeconfigSecrets(kubeconfig: string | undefined): string[] {
  if (!kubeconfig) return [];
  const pattern = /(?:token|password|client-key-data|client-certificate-data)["']?\s*:\s*["']?([^"'\s,}]+)/g;
  return [...kubeconfig.matchAll(pattern)].map((m) => m[1] ?? "");
}
