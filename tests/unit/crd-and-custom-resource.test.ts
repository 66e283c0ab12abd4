import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { serviceMeshCrd } from "../../provider/kube/crd";
import {
  customResourceManifest,
  customResourcePatch,
  type ServiceMeshObject,
} from "../../provider/kube/custom-resource";

const POLICY = "operator.istio.alibabacloud.com/deletion-policy";
const RETRY_AT = "operator.istio.alibabacloud.com/retry-at";
const CLUSTER = "servicemesh.pulumi.com/cluster-id";
const FINALIZER = "servicemeshoperator.finalizers.alibabacloud.com";

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  enum?: string[];
};

/** Every object in a structural schema declares its type, and arrays their items. */
function assertStructural(schema: Schema, path: string): void {
  assert.ok(schema.type, `${path} has a type`);
  if (schema.type === "array") {
    assert.ok(schema.items, `${path} declares items`);
    assertStructural(schema.items, `${path}[]`);
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) assertStructural(child, `${path}.${key}`);
}

describe("the ServiceMesh CRD", () => {
  const crd = serviceMeshCrd();
  const version = crd.spec.versions[0]!;
  const root = version.schema.openAPIV3Schema as Schema;

  it("is servicemeshes.istio.alibabacloud.com, kind ServiceMesh, namespaced", () => {
    assert.equal(crd.apiVersion, "apiextensions.k8s.io/v1");
    assert.equal(crd.kind, "CustomResourceDefinition");
    assert.equal(crd.metadata.name, "servicemeshes.istio.alibabacloud.com");
    assert.equal(crd.spec.group, "istio.alibabacloud.com");
    assert.equal(crd.spec.scope, "Namespaced");
    assert.deepEqual(crd.spec.names, {
      plural: "servicemeshes",
      singular: "servicemesh",
      kind: "ServiceMesh",
      listKind: "ServiceMeshList",
      shortNames: ["sm"],
    });
  });

  it("serves and stores one version, v1beta1, with the status subresource", () => {
    assert.equal(crd.spec.versions.length, 1);
    assert.equal(version.name, "v1beta1");
    assert.equal(version.served, true);
    assert.equal(version.storage, true);
    assert.deepEqual(version.subresources, { status: {} });
  });

  it("prints Edition, Mesh ID, Ready and Age", () => {
    assert.deepEqual(version.additionalPrinterColumns, [
      { name: "Edition", type: "string", jsonPath: ".status.clusterSpec" },
      { name: "Mesh ID", type: "string", jsonPath: ".status.serviceMeshId" },
      { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="MeshConfigApplied")].status' },
      { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
    ]);
  });

  it("has a structural schema with spec {id, name, clusterSpec} and the seed's status", () => {
    assertStructural(root, "openAPIV3Schema");
    const spec = root.properties?.["spec"];
    const status = root.properties?.["status"];
    assert.deepEqual(Object.keys(spec?.properties ?? {}), ["id", "name", "clusterSpec"]);
    assert.deepEqual(spec?.properties?.["clusterSpec"]?.enum, ["Standard", "Enterprise", "Ultimate"]);
    assert.deepEqual(Object.keys(status?.properties ?? {}), [
      "clusterSpec",
      "serviceMeshId",
      "serviceMeshName",
      "conditions",
    ]);
    const condition = status?.properties?.["conditions"]?.items;
    assert.deepEqual(Object.keys(condition?.properties ?? {}), [
      "type",
      "status",
      "reason",
      "message",
      "lastTransitionTime",
      "observedGeneration",
    ]);
    assert.deepEqual(condition?.required, ["type", "status"]);
    assert.deepEqual(condition?.properties?.["status"]?.enum, ["True", "False", "Unknown"]);
  });

  it("is plain JSON, so it can be applied as is", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(crd)), crd);
  });
});

describe("the ServiceMesh custom resource manifest", () => {
  it("is mesh in istio-system with the deletion-policy annotation, the finalizer and the seed's spec", () => {
    assert.deepEqual(
      customResourceManifest({
        clusterId: "c1",
        meshId: "m1",
        name: "prod",
        clusterSpec: "Enterprise",
        deletionPolicy: "Delete",
      }),
      {
        apiVersion: "istio.alibabacloud.com/v1beta1",
        kind: "ServiceMesh",
        metadata: {
          name: "mesh",
          namespace: "istio-system",
          labels: { "app.kubernetes.io/managed-by": "pulumi-asm-servicemesh" },
          annotations: { [POLICY]: "Delete", [CLUSTER]: "c1" },
          finalizers: [FINALIZER],
        },
        spec: { id: "m1", name: "prod", clusterSpec: "Enterprise" },
      },
    );
  });

  it("carries the retry-at annotation only when retryAt is set", () => {
    assert.deepEqual(
      customResourceManifest({ clusterId: "c1", deletionPolicy: "Retain", retryAt: "2026-01-09" }).metadata.annotations,
      { [POLICY]: "Retain", [CLUSTER]: "c1", [RETRY_AT]: "2026-01-09" },
    );
    assert.deepEqual(customResourceManifest({ clusterId: "c1", deletionPolicy: "Retain" }).metadata.annotations, {
      [POLICY]: "Retain",
      [CLUSTER]: "c1",
    });
  });

  it("leaves unset spec fields out", () => {
    assert.deepEqual(customResourceManifest({ clusterId: "c1", deletionPolicy: "Retain" }).spec, {});
  });
});

describe("the ServiceMesh custom resource patch", () => {
  const current = (overrides: Partial<ServiceMeshObject> = {}): ServiceMeshObject => ({
    uid: "u1",
    generation: 1,
    annotations: { [POLICY]: "Retain", "kubectl.kubernetes.io/last-applied-configuration": "{}" },
    finalizers: [FINALIZER],
    spec: { name: "prod", clusterSpec: "Standard" },
    ...overrides,
  });

  it("patches only what changed in the spec", () => {
    const patch = customResourcePatch(
      { clusterId: "c1", name: "prod", clusterSpec: "Enterprise", deletionPolicy: "Retain" },
      current(),
    );
    assert.deepEqual(patch, {
      metadata: {
        annotations: { [POLICY]: "Retain", [CLUSTER]: "c1" },
        labels: { "app.kubernetes.io/managed-by": "pulumi-asm-servicemesh" },
      },
      spec: { clusterSpec: "Enterprise" },
    });
  });

  it("has no spec when the spec already matches", () => {
    assert.equal(
      "spec" in
        customResourcePatch(
          { clusterId: "c1", name: "prod", clusterSpec: "Standard", deletionPolicy: "Retain" },
          current(),
        ),
      false,
    );
  });

  it("removes spec fields the intent no longer has, with null", () => {
    assert.deepEqual(
      customResourcePatch({ clusterId: "c1", clusterSpec: "Standard", deletionPolicy: "Retain" }, current()).spec,
      { name: null },
    );
  });

  it("sets a new deletion policy and retry-at, and leaves other annotations alone", () => {
    const patch = customResourcePatch(
      { clusterId: "c1", name: "prod", clusterSpec: "Standard", deletionPolicy: "Delete", retryAt: "r2" },
      current(),
    );
    assert.deepEqual(patch.metadata.annotations, { [POLICY]: "Delete", [CLUSTER]: "c1", [RETRY_AT]: "r2" });
  });

  it("keeps a retry-at set with kubectl when the program sets none", () => {
    const patch = customResourcePatch(
      { clusterId: "c1", name: "prod", clusterSpec: "Standard", deletionPolicy: "Retain" },
      current({ annotations: { [POLICY]: "Retain", [RETRY_AT]: "by-hand" } }),
    );
    assert.deepEqual(patch.metadata.annotations, { [POLICY]: "Retain", [CLUSTER]: "c1" });
  });

  it("adds the finalizer back, keeping other finalizers", () => {
    const patch = customResourcePatch(
      { clusterId: "c1", deletionPolicy: "Retain", name: "prod", clusterSpec: "Standard" },
      current({ finalizers: ["other.io/keep"] }),
    );
    assert.deepEqual(patch.metadata.finalizers, ["other.io/keep", FINALIZER]);
  });

  it("does not touch finalizers that already include ours", () => {
    assert.equal(
      "finalizers" in customResourcePatch({ clusterId: "c1", deletionPolicy: "Retain" }, current()).metadata,
      false,
    );
  });
});
