import { AckClient } from "./cloud/ack-client";
import { AsmClient } from "./cloud/asm-client";
import { Deadline, systemClock, type Clock } from "./clock";
import type { Deps } from "./deps";
import { KubeClient } from "./kube/kube-client";
import { crRef } from "./kube/cr-ref";
import { consoleLogger, type Logger } from "./log";
import { registerSecret } from "./redact";
import type { Settings } from "./settings";
import { DEFAULT_TIMEOUT, parseDuration } from "./spec/durations";
import type { Timeouts } from "./spec/types";

export interface DepsRequest {
  settings: Settings;
  operation: keyof Timeouts;
  timeouts?: Timeouts;
  region?: string;
  kubeconfig?: string;
  resourceName: string;
  customResourceNamespace?: string;
  customResourceName?: string;
  clock?: Clock;
  log?: Logger;
}

/** Builds the real clients for one lifecycle call, from settings read at call time. */
export function makeDeps(request: DepsRequest): Deps {
  const clock = request.clock ?? systemClock;
  const budget = request.timeouts?.[request.operation] ?? DEFAULT_TIMEOUT;
  const deadline = Deadline.after(clock, parseDuration(budget) ?? parseDuration(DEFAULT_TIMEOUT)!, budget);
  const log = request.log ?? consoleLogger(request.resourceName);
  for (const token of kubeconfigSecrets(request.kubeconfig)) registerSecret(token);
  return {
    asm: new AsmClient(request.settings, clock, deadline, log),
    ack: new AckClient(request.settings, request.region, clock, deadline, log),
    kube: new KubeClient(request.kubeconfig, crRef(request), clock, deadline, log),
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
