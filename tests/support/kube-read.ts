// Test-side reads of the cluster, through the real client (independent of the provider's KubeClient).
import * as k8s from "@kubernetes/client-node";

export interface ClusterReader {
  /** The ServiceMesh CR (default istio-system/mesh), or undefined. */
  serviceMesh(name?: string, namespace?: string): Promise<any | undefined>;
  labelNamespace(name: string, labels: Record<string, string>): Promise<void>;
  deleteNamespace(name: string): Promise<void>;
  createPods(namespace: string, count: number): Promise<void>;
  /** A pod with an `istio-proxy` container, as sidecar injection leaves it. */
  createSidecarPod(namespace: string, name: string): Promise<void>;
  deletePod(namespace: string, name: string): Promise<void>;
  deletePods(namespace: string): Promise<void>;
}

export function clusterReader(kubeconfig: string): ClusterReader {
  const config = new k8s.KubeConfig();
  config.loadFromString(kubeconfig);
  const objects = config.makeApiClient(k8s.CustomObjectsApi);
  const core = config.makeApiClient(k8s.CoreV1Api);
  return {
    async serviceMesh(name = "mesh", namespace = "istio-system") {
      try {
        return await objects.getNamespacedCustomObject({
          group: "istio.alibabacloud.com",
          version: "v1beta1",
          namespace,
          plural: "servicemeshes",
          name,
        });
      } catch (e) {
        if ((e as { code?: number }).code === 404) return undefined;
        throw e;
      }
    },
    async labelNamespace(name, labels) {
      await core.createNamespace({ body: { metadata: { name, labels } } });
    },
    async deleteNamespace(name) {
      // No namespace controller runs in the test control plane: finalize it by hand so it really goes.
      await core.deleteNamespace({ name }).catch(() => undefined);
      await core
        .replaceNamespaceFinalize({ name, body: { metadata: { name }, spec: { finalizers: [] } } })
        .catch(() => undefined);
    },
    async createPods(namespace, count) {
      await core.createNamespace({ body: { metadata: { name: namespace } } }).catch(() => undefined);
      for (let i = 0; i < count; i++) {
        await core.createNamespacedPod({
          namespace,
          body: {
            metadata: { name: `pod-${i}` },
            spec: { containers: [{ name: "app", image: "registry.invalid/app:1" }] },
          },
        });
      }
    },
    async createSidecarPod(namespace, name) {
      await core.createNamespace({ body: { metadata: { name: namespace } } }).catch(() => undefined);
      await core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name },
          spec: {
            containers: [
              { name: "app", image: "registry.invalid/app:1" },
              { name: "istio-proxy", image: "registry.invalid/proxyv2:1" },
            ],
          },
        },
      });
    },
    async deletePod(namespace, name) {
      await core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 });
    },
    async deletePods(namespace) {
      await core.deleteCollectionNamespacedPod({ namespace, gracePeriodSeconds: 0 });
    },
  };
}
