import Cs, { DescribeClusterUserKubeconfigRequest } from "@alicloud/cs20151215";
import type { Clock, Deadline } from "../clock";
import type { AckApi, AckCluster, UserKubeconfig } from "../deps";
import type { Logger } from "../log";
import { isCloudError } from "../resilience/errors";
import { withRetry } from "../resilience/retry";
import type { Settings } from "../settings";
import { accountFor, type Account } from "./account";
import { ackEndpoint, alibabaConfig } from "./alibaba-config";
import { toCloudError } from "./to-cloud-error";

/** ACK 2015-12-15 (ROA) through the official `@alicloud/cs20151215` client. */
export class AckClient implements AckApi {
  private readonly client: Cs;
  private readonly account: Account;

  constructor(
    settings: Settings,
    region: string | undefined,
    private readonly clock: Clock,
    private readonly deadline: Deadline,
    private readonly log: Logger,
  ) {
    this.client = new Cs(alibabaConfig(settings, ackEndpoint(settings, region)));
    this.account = accountFor(settings, clock);
  }

  /**
   * The cluster, or undefined when ACK says it does not exist. An answer of the last few seconds serves
   * every resource of the process (`CLUSTER_REUSE_MS`).
   */
  describeCluster(clusterId: string): Promise<AckCluster | undefined> {
    return this.account.clusters.get(clusterId, () => this.readCluster(clusterId));
  }

  private async readCluster(clusterId: string): Promise<AckCluster | undefined> {
    try {
      const response = await this.call("DescribeClusterDetail", `cannot read ACK cluster ${clusterId}`, () =>
        this.client.describeClusterDetail(clusterId),
      );
      const c = response.body;
      return {
        clusterId: c?.clusterId ?? clusterId,
        name: c?.name ?? "",
        regionId: c?.regionId ?? "",
        state: c?.state ?? "",
        kubernetesVersion: c?.currentVersion ?? "",
        vpcId: c?.vpcId ?? "",
        vswitchIds: c?.vswitchIds ?? [],
      };
    } catch (e) {
      if (isCloudError(e, "not-found")) return undefined;
      throw e;
    }
  }

  async userKubeconfig(clusterId: string, options: { privateEndpoint: boolean; minutes: number }) {
    const request = new DescribeClusterUserKubeconfigRequest({
      privateIpAddress: options.privateEndpoint,
      temporaryDurationMinutes: options.minutes,
    });
    const response = await this.call(
      "DescribeClusterUserKubeconfig",
      `cannot get a kubeconfig for ACK cluster ${clusterId}`,
      () => this.client.describeClusterUserKubeconfig(clusterId, request),
    );
    const body = response.body;
    return { config: body?.config ?? "", expiration: body?.expiration ?? "" } satisfies UserKubeconfig;
  }

  private call<T>(action: string, context: string, send: () => Promise<T>): Promise<T> {
    return withRetry(() => this.account.ackLimiter.send(send, (e) => toCloudError(e, context)), {
      clock: this.clock,
      deadline: this.deadline,
      onRetry: (e, delay) => this.log.info(`${action}: ${e.code}, retrying in ${delay} ms`),
    });
  }
}
