import * as k8s from "@kubernetes/client-node";
import type { Clock, Deadline } from "../clock";
import type { Logger } from "../log";
import { CloudError } from "../resilience/errors";
import { kindForStatus } from "../resilience/http-status";
import { withRetry } from "../resilience/retry";

/** Where a kubeconfig comes from: an input, or a fetch from ACK (so it is resolved on first use). */
export type KubeconfigSource = () => Promise<string>;

export interface KubeApis {
  core: k8s.CoreV1Api;
  extensions: k8s.ApiextensionsV1Api;
  objects: k8s.CustomObjectsApi;
}

/**
 * One cluster through `@kubernetes/client-node` (the only importer of it, with the clients built on
 * it): the API clients, built from the kubeconfig on first use, and calls that retry while the API
 * server is unreachable or overloaded, inside the operation's deadline, failing as CloudErrors.
 */
export class KubeConnection {
  private apis?: Promise<KubeApis>;

  constructor(
    /** How errors name the cluster: "the CR cluster", "enrolled cluster c123". */
    readonly name: string,
    private readonly kubeconfig: KubeconfigSource,
    private readonly clock: Clock,
    private readonly deadline: Deadline,
    private readonly log: Logger,
  ) {}

  /** Runs `fn` with the API clients; failures carry `context` ("cannot list namespaces in …"). */
  call<T>(fn: (apis: KubeApis) => Promise<T>, context: string): Promise<T> {
    return withRetry(
      async () => {
        const apis = await this.connect();
        try {
          return await fn(apis);
        } catch (e) {
          throw toKubeError(e, context);
        }
      },
      {
        clock: this.clock,
        deadline: this.deadline,
        onRetry: (e, delay) => this.log.info(`${context}: ${e.code}, retrying in ${delay} ms`),
      },
    );
  }

  /** The result, or undefined on 404. */
  async optional<T>(fn: (apis: KubeApis) => Promise<T>, context: string): Promise<T | undefined> {
    try {
      return await this.call(fn, context);
    } catch (e) {
      if (e instanceof CloudError && e.kind === "not-found") return undefined;
      throw e;
    }
  }

  /** Create calls where "already exists" (409) means someone got there first: fine. */
  async tolerate409<T>(fn: (apis: KubeApis) => Promise<T>, context: string): Promise<void> {
    try {
      await this.call(fn, context);
    } catch (e) {
      if (!(e instanceof CloudError && e.kind === "conflict")) throw e;
    }
  }

  /** A kubeconfig that cannot be had (ACK refused it) fails the call with ACK's error. */
  private connect(): Promise<KubeApis> {
    this.apis ??= this.kubeconfig().then((text) => {
      const config = new k8s.KubeConfig();
      try {
        config.loadFromString(text);
      } catch {
        // The parser quotes the offending lines, which may hold credentials: say only what is wrong.
        throw new CloudError(
          "invalid-input",
          "InvalidKubeconfig",
          "it is not a kubeconfig",
          `cannot reach ${this.name}`,
        );
      }
      return {
        core: config.makeApiClient(k8s.CoreV1Api),
        extensions: config.makeApiClient(k8s.ApiextensionsV1Api),
        objects: config.makeApiClient(k8s.CustomObjectsApi),
      };
    });
    this.apis.catch(() => (this.apis = undefined)); // the next call asks again
    return this.apis;
  }
}

function toKubeError(e: unknown, context: string): CloudError {
  const err = e as { code?: number | string; body?: unknown; message?: string };
  const status = typeof err.code === "number" ? err.code : undefined;
  const body =
    typeof err.body === "string" ? safeJson(err.body) : (err.body as { message?: string; reason?: string } | undefined);
  const code = status ? `Kubernetes.${body?.reason ?? status}` : `Kubernetes.${String(err.code ?? "Unreachable")}`;
  const message = body?.message ?? err.message ?? "no response from the API server";
  return new CloudError(
    kindForStatus(status, typeof err.code === "string" ? err.code : undefined),
    code,
    message,
    context,
  );
}

function safeJson(text: string): { message?: string; reason?: string } | undefined {
  try {
    return JSON.parse(text) as { message?: string; reason?: string };
  } catch {
    return { message: text.slice(0, 300) };
  }
}
