/** The facts about an ACK cluster that the pre-check and mesh creation need. */
export interface AckCluster {
  clusterId: string;
  name: string;
  regionId: string;
  state: string;
  /** Kubernetes version as ACK reports it, e.g. `1.32.1-aliyun.1`. */
  kubernetesVersion: string;
  vpcId: string;
  vswitchIds: string[];
}

/** A kubeconfig ACK issued for the caller (DescribeClusterUserKubeconfig): credentials, memory only. */
export interface UserKubeconfig {
  config: string;
  /** RFC 3339; when the credentials in `config` stop working. */
  expiration: string;
}

/** The ACK calls the steps make (implemented by `AckClient`). */
export interface AckApi {
  /** The cluster, or undefined when ACK answers that it does not exist. */
  describeCluster(clusterId: string): Promise<AckCluster | undefined>;
  /** A short-lived kubeconfig for the cluster's public or VPC-internal API server endpoint. */
  userKubeconfig(clusterId: string, options: { privateEndpoint: boolean; minutes: number }): Promise<UserKubeconfig>;
}
