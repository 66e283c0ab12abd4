// Integration smoke: a real kube-apiserver (with etcd) serves what the provider will need -- a CRD,
// a namespaced custom resource and its /status subresource -- to the real @kubernetes/client-node
// and to the real kubectl.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as k8s from "@kubernetes/client-node";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { runCommand } from "../support/processes";
import { toolchain } from "../../devkit/toolchain";

const group = "smoke.example.com";
const plural = "widgets";

const crd: k8s.V1CustomResourceDefinition = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    scope: "Namespaced",
    names: { plural, singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: { type: "object", properties: { size: { type: "integer" } } },
              status: { type: "object", properties: { phase: { type: "string" } } },
            },
          },
        },
      },
    ],
  },
};

async function waitEstablished(api: k8s.ApiextensionsV1Api, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await api.readCustomResourceDefinition({ name });
    if (current.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) return;
    if (Date.now() > deadline) throw new Error(`CRD ${name} not Established: ${JSON.stringify(current.status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a real kube-apiserver for integration tests", () => {
  let cluster: KubeCluster;
  let kc: k8s.KubeConfig;

  before(async () => {
    cluster = await startKubeCluster({ extraUsers: [{ name: "viewer", token: "viewer-token-for-smoke-only" }] });
    kc = new k8s.KubeConfig();
    kc.loadFromString(cluster.kubeconfig);
  });

  after(async () => {
    await cluster?.stop();
  });

  it("reports a Kubernetes version of at least 1.31", () => {
    const match = /^v1\.(\d+)\./.exec(cluster.version);
    assert.ok(match?.[1] && Number(match[1]) >= 31, `gitVersion ${cluster.version}`);
  });

  it("serves a CRD, a custom resource and its status subresource", async () => {
    const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
    await ext.createCustomResourceDefinition({ body: crd });
    await waitEstablished(ext, `${plural}.${group}`);

    await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: "smoke" } } });
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const ref = { group, version: "v1", namespace: "smoke", plural };
    await custom.createNamespacedCustomObject({
      ...ref,
      body: { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w1" }, spec: { size: 3 } },
    });
    await custom.patchNamespacedCustomObjectStatus(
      { ...ref, name: "w1", body: { status: { phase: "Ready" } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );

    const read = (await custom.getNamespacedCustomObject({ ...ref, name: "w1" })) as {
      spec: { size: number };
      status: { phase: string };
    };
    assert.deepEqual({ spec: read.spec, status: read.status }, { spec: { size: 3 }, status: { phase: "Ready" } });
  });

  it("enforces RBAC for a user outside system:masters", async () => {
    const viewer = new k8s.KubeConfig();
    viewer.loadFromString(cluster.kubeconfigFor("viewer"));
    await assert.rejects(
      viewer.makeApiClient(k8s.CoreV1Api).listNamespace(),
      (err: unknown) => (err as { code?: number }).code === 403,
    );
  });

  it("answers the built kubectl with the written kubeconfig", async () => {
    const r = await runCommand(toolchain().kubectl, [
      "--kubeconfig",
      cluster.kubeconfigPath,
      "get",
      plural,
      "-A",
      "-o",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as { items: { metadata: { name: string; namespace: string } }[] };
    assert.deepEqual(
      list.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`),
      ["smoke/w1"],
    );
  });
});
