// A whole meshed platform on real Alibaba Cloud: a VPC, an ACK managed cluster with a node pool, the
// ASM mesh for that cluster, and a sample app in a sidecar-injected namespace. The app waits for the
// mesh (dependsOn), so its pods start with sidecars; on destroy the app goes first, so the mesh's
// delete check finds no injected namespace left.
import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceMesh } from "pulumi-asm-servicemesh";

const config = new pulumi.Config();
const name = config.get("name") ?? "asm-demo";
const nodeCount = config.getNumber("nodeCount") ?? 2;
const appImage = config.get("appImage") ?? "docker.io/library/nginx:1.27";

// A zone where the enhanced NAT gateway the cluster creates (newNatGateway) is available.
const zoneId = config.get("zoneId") ?? alicloud.vpc.getEnhancedNatAvailableZonesOutput({}).zones.apply(firstZone);
const instanceType =
  config.get("instanceType") ??
  alicloud.ecs
    .getInstanceTypesOutput({ availabilityZone: zoneId, cpuCoreCount: 4, memorySize: 8, kubernetesNodeRole: "Worker" })
    .instanceTypes.apply((types) => {
      const first = types[0];
      if (!first)
        throw new Error("no 4 vCPU / 8 GiB instance type for Kubernetes workers in this zone; set instanceType");
      return first.id;
    });

const vpc = new alicloud.vpc.Network("vpc", { vpcName: name, cidrBlock: "10.0.0.0/8" });
const vswitch = new alicloud.vpc.Switch("vswitch", {
  vswitchName: name,
  vpcId: vpc.id,
  cidrBlock: "10.1.0.0/16",
  zoneId,
});

const cluster = new alicloud.cs.ManagedKubernetes("cluster", {
  name,
  clusterSpec: "ack.pro.small",
  vswitchIds: [vswitch.id],
  // Nodes pull images from the internet; the API server gets a public endpoint so the kubeconfig below
  // works from wherever `pulumi up` runs.
  newNatGateway: true,
  slbInternetEnabled: true,
  addons: [{ name: "flannel" }],
  podCidr: "172.20.0.0/16",
  serviceCidr: "172.21.0.0/20",
});

const nodePool = new alicloud.cs.NodePool("workers", {
  clusterId: cluster.id,
  nodePoolName: `${name}-workers`,
  vswitchIds: [vswitch.id],
  instanceTypes: [instanceType],
  desiredSize: String(nodeCount),
  systemDiskCategory: "cloud_essd",
  systemDiskSize: 40,
});

// Without temporaryDurationMinutes ACK returns the user's long-lived certificate kubeconfig, so the
// value does not change on every `pulumi up` (a temporary one would, and would expire in state).
const kubeconfig = pulumi.secret(alicloud.cs.getClusterCredentialOutput({ clusterId: cluster.id }).kubeConfig);

const mesh = new ServiceMesh(
  "mesh",
  {
    clusterId: cluster.id,
    // Enterprise exists in every region (Standard only in the Chinese mainland).
    clusterSpec: "Enterprise",
    // This stack made the cluster, so it owns the mesh too: destroy deletes it.
    deletionPolicy: "Delete",
    // No kubeconfig: the provider asks ACK for a short-lived one (memory only) and writes the CR into
    // this cluster, as the in-cluster servicemesh-operator does.
    meshConfig: { tracing: { enabled: true, sampling: 10 } },
  },
  // The mesh's sidecar injector and the app need nodes to run on.
  { dependsOn: [nodePool] },
);

const provider = new k8s.Provider("ack", { kubeconfig });

// Created only once the mesh reports all four conditions True: a failed step fails the ServiceMesh,
// and nothing below is attempted.
const namespace = new k8s.core.v1.Namespace(
  "app",
  { metadata: { name: "meshed-app", labels: { "istio-injection": "enabled" } } },
  { provider, dependsOn: [mesh] },
);

const labels = { app: "web" };
const deployment = new k8s.apps.v1.Deployment(
  "web",
  {
    metadata: { namespace: namespace.metadata.name, name: "web", labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: "web",
              image: appImage,
              ports: [{ name: "http", containerPort: 80 }],
              resources: { requests: { cpu: "50m", memory: "64Mi" } },
            },
          ],
        },
      },
    },
  },
  { provider },
);

const service = new k8s.core.v1.Service(
  "web",
  {
    metadata: { namespace: namespace.metadata.name, name: "web", labels },
    spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] },
  },
  { provider, dependsOn: [deployment] },
);

function firstZone(zones: { zoneId: string }[]): string {
  const first = zones[0];
  if (!first) throw new Error("no zone in this region offers the enhanced NAT gateway; set zoneId");
  return first.zoneId;
}

export const clusterId = cluster.id;
export const serviceMeshId = mesh.serviceMeshId;
export const meshReady = mesh.ready;
export const conditions = mesh.status.conditions.apply((list) =>
  list.map((c) => `${c.type}=${c.status} (${c.reason})`),
);
export const appNamespace = namespace.metadata.name;
export const appService = service.metadata.name;
export { kubeconfig };
