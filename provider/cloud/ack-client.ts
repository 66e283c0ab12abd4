import Cs from "@alicloud/cs20151215";
import type { Clock, Deadline } from "../clock";
import type { Logger } from "../log";
import type { Settings } from "../settings";
import { ackEndpoint, alibabaConfig } from "./alibaba-config";
import type { AckApi, AckCluster } from "../deps";
import { isCloudError } from "../resilience/errors";
import { withRetry } from "../resilience/retry";
import { toCloudError } from "./to-cloud-error";

/** ACK 2015-12-15 (ROA) through the official `@alicloud/cs20151215` client. */
export class AckClient implements AckApi {
  private readonly client: Cs;

  constructor(
    settings: Settings,
    region: string | undefined,
    private readonly clock: Clock,
    private readonly deadline: Deadline,
    private readonly log: Logger,
  ) {
    this.client = new Cs(alibabaConfig(settings, ackEndpoint(settings, region)));
  }

  /** The cluster, or undefined when ACK says it does not exist. */
  async describeCluster(clusterId: string): Promise<AckCluster | undefined> {
    try {
      const response = await withRetry(
        async () => {
          try {
            return await this.client.describeClusterDetail(clusterId);
          } catch (e) {
            throw toCloudError(e, `cannot read ACK cluster ${clusterId}`);
          }
        },
        {
          clock: this.clock,
          deadline: this.deadline,
          onRetry: (e, delay) => this.log.info(`DescribeClusterDetail: ${e.code}, retrying in ${delay} ms`),
        },
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
}
