/**
 * What `pulumi refresh` records: the inputs as the cloud and the cluster hold them, so the next preview
 * shows the drift as field changes, and the steps that must run again when the drift is something no
 * input records.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { reportedMeshConfig } from "../../provider/cloud/mesh-config-mapping";
import type { Mesh } from "../../provider/deps";
import type { ServiceMeshObject } from "../../provider/kube/custom-resource";
import { readBack } from "../../provider/lifecycle/read-back";
import type { Condition, StoredOutputs } from "../../provider/model/types";

const T = "2026-01-09T02:25:19Z";
const trueCondition = (type: string, reason: string): Condition => ({
  type,
  status: "True",
  reason,
  message: "",
  lastTransitionTime: T,
  observedGeneration: 1,
});
const ALL_TRUE = [
  trueCondition("PreChecked", "Passed"),
  trueCondition("ServiceMeshAvailable", "Available"),
  trueCondition("ClusterEnrolled", "Succeeded"),
  trueCondition("MeshConfigApplied", "Succeeded"),
];

const inputs = {
  clusterId: "c1",
  name: "prod",
  clusterSpec: "Standard",
  deletionPolicy: "Retain",
  meshConfig: { tracing: { enabled: true, sampling: 50 }, telemetry: true },
} as const;

const outs = {
  ...inputs,
  inputs,
  region: "cn-hangzhou",
  serviceMeshId: "m1",
  serviceMeshName: "prod",
  status: { clusterSpec: "Standard", serviceMeshId: "m1", serviceMeshName: "prod", conditions: ALL_TRUE },
  ready: true,
  state: "running",
  version: "v1",
} as unknown as StoredOutputs;

const mesh = (overrides: Partial<Mesh> = {}): Mesh => ({
  source: "detail",
  id: "m1",
  name: "prod",
  state: "running",
  clusterSpec: "standard",
  clusters: ["c1"],
  regionId: "cn-hangzhou",
  version: "v1",
  meshConfig: { Tracing: true, Pilot: { TraceSampling: 50 }, Telemetry: true },
  ...overrides,
});

const cr = (overrides: Partial<ServiceMeshObject> = {}): ServiceMeshObject => ({
  uid: "u1",
  generation: 1,
  annotations: { "operator.istio.alibabacloud.com/deletion-policy": "Retain" },
  finalizers: [],
  spec: { name: "prod", clusterSpec: "Standard" },
  status: outs.status,
  ...overrides,
});

/** Reads back `m`, with the CR `c` (null: the CR is missing). */
const read = (m: Mesh, c: ServiceMeshObject | null = cr()) =>
  readBack({ outs, mesh: m, cr: c ?? undefined, crName: "istio-system/mesh", now: new Date(T) });

describe("readBack", () => {
  it("finds nothing when the mesh and the CR are as the program left them", () => {
    const seen = read(mesh());
    assert.deepEqual(seen.drift, []);
    assert.deepEqual(seen.inputs, inputs);
    assert.equal(seen.outputs.ready, true);
  });

  it("records a rename, an edition change and a meshConfig edit in the inputs, each named in the drift", () => {
    const seen = read(
      mesh({
        name: "renamed",
        clusterSpec: "enterprise",
        meshConfig: { Tracing: true, Pilot: { TraceSampling: "10" } },
      }),
    );
    assert.deepEqual(seen.inputs, {
      ...inputs,
      name: "renamed",
      clusterSpec: "Enterprise",
      meshConfig: { tracing: { enabled: true, sampling: 10 }, telemetry: true },
    });
    assert.deepEqual(seen.drift, [
      "mesh name: expected prod, found renamed",
      "mesh edition: expected Standard, found Enterprise",
      "meshConfig.tracing.sampling: expected 50, found 10",
    ]);
    assert.deepEqual(
      [seen.outputs.name, seen.outputs.serviceMeshName, seen.outputs.clusterSpec],
      ["renamed", "renamed", "Enterprise"],
    );
    assert.equal(seen.outputs.ready, true, "field drift is for the preview to show, not a step to redo");
  });

  it("records the deletion-policy annotation set with kubectl as the deletionPolicy input", () => {
    const seen = read(mesh(), cr({ annotations: { "operator.istio.alibabacloud.com/deletion-policy": "Delete" } }));
    assert.equal(seen.inputs.deletionPolicy, "Delete");
    assert.deepEqual(seen.drift, ["CR deletion-policy annotation: expected Retain, found Delete"]);
  });

  it("leaves unmanaged settings alone: an edition the program does not set, a meshConfig field it does not set", () => {
    const { clusterSpec: _unset, ...withoutEdition } = inputs;
    const seen = readBack({
      outs: { ...outs, inputs: withoutEdition } as unknown as StoredOutputs,
      mesh: mesh({
        clusterSpec: "ultimate",
        meshConfig: { ...mesh().meshConfig, OutboundTrafficPolicy: "REGISTRY_ONLY" },
      }),
      cr: cr(),
      crName: "istio-system/mesh",
      now: new Date(T),
    });
    assert.deepEqual(seen.inputs, withoutEdition);
    assert.deepEqual(seen.drift, []);
    assert.equal(seen.outputs.clusterSpec, "Ultimate", "the outputs show what is there");
  });

  it("marks ClusterEnrolled undone when the cluster left the mesh, so the next up enrolls it again", () => {
    const seen = read(mesh({ clusters: [] }));
    assert.deepEqual(seen.drift, ["cluster c1 is no longer enrolled in mesh m1"]);
    const enrolled = seen.outputs.status.conditions.find((c) => c.type === "ClusterEnrolled");
    assert.deepEqual(
      [enrolled?.status, enrolled?.message],
      ["False", "cluster c1 is no longer enrolled in mesh m1 (found by refresh)"],
    );
    assert.equal(seen.outputs.ready, false);
    assert.deepEqual(seen.inputs, inputs, "no input changes: the preview shows an update because ready is false");
  });

  it("marks MeshConfigApplied undone when the CR is missing or its spec was edited", () => {
    const missing = read(mesh(), null);
    assert.deepEqual(missing.drift, ["custom resource istio-system/mesh is missing"]);
    assert.equal(missing.outputs.ready, false);
    const edited = read(mesh(), cr({ spec: { name: "prod", clusterSpec: "Ultimate" } }));
    assert.deepEqual(edited.drift, ["CR spec.clusterSpec: expected Standard, found Ultimate"]);
    assert.equal(edited.outputs.status.conditions.find((c) => c.type === "MeshConfigApplied")?.status, "False");
  });

  it("is not ready while the mesh is not running", () => {
    assert.equal(read(mesh({ state: "upgrading" })).outputs.ready, false);
  });
});

describe("readBack of the Istio version, tags and public endpoints", () => {
  const managing = (extra: Record<string, unknown>) => {
    const given = { ...inputs, ...extra };
    return { ...outs, ...given, inputs: given } as unknown as StoredOutputs;
  };
  const LB = { apiServerLoadBalancerId: "lb-1", apiServerEipId: "", pilotLoadBalancerId: "", pilotEipId: "" };

  it("records an Istio version upgraded outside the program, and nothing when it matches", () => {
    const o = managing({ istioVersion: "v1.24.6.64-g5c3b4e1a-aliyun" });
    const upgraded = readBack({
      outs: o,
      mesh: mesh({ version: "v1.25.3.38-g7a2d1c44-aliyun" }),
      cr: cr(),
      crName: "x",
      now: new Date(T),
    });
    assert.deepEqual(upgraded.drift, [
      "Istio version: expected v1.24.6.64-g5c3b4e1a-aliyun, found v1.25.3.38-g7a2d1c44-aliyun",
    ]);
    assert.equal(upgraded.inputs.istioVersion, "v1.25.3.38-g7a2d1c44-aliyun");
    const same = readBack({
      outs: o,
      mesh: mesh({ version: "v1.24.6.64-g5c3b4e1a-aliyun" }),
      cr: cr(),
      crName: "x",
      now: new Date(T),
    });
    assert.deepEqual(same.drift, []);
  });

  it("records user tags changed outside the program, ignoring the ownership tag", () => {
    const o = managing({ tags: { team: "a" } });
    const tags = { team: "b", "pulumi-asm-servicemesh/cluster": "c1" };
    const seen = readBack({ outs: o, mesh: mesh(), tags, cr: cr(), crName: "x", now: new Date(T) });
    assert.deepEqual(seen.drift, ['tags: expected {"team":"a"}, found {"team":"b"}']);
    assert.deepEqual(seen.inputs.tags, { team: "b" });
  });

  it("records an EIP unbound outside the program and reports the load balancer as ASM does", () => {
    const o = managing({ loadBalancer: { pilotEipId: "eip-p" } });
    const seen = readBack({ outs: o, mesh: mesh({ loadBalancer: LB }), cr: cr(), crName: "x", now: new Date(T) });
    assert.deepEqual(seen.drift, ["Pilot EIP: expected eip-p, found nothing"]);
    assert.deepEqual(seen.inputs.loadBalancer, {});
    assert.deepEqual(seen.outputs.loadBalancer, {
      apiServerPublicEip: false,
      apiServerEipId: "",
      apiServerLoadBalancerId: "lb-1",
      pilotEipId: "",
      pilotLoadBalancerId: "",
    });
  });
});

describe("reportedMeshConfig", () => {
  it("reads each managed setting back in the program's type", () => {
    const { config, drift } = reportedMeshConfig(
      { telemetry: true, tracing: { sampling: 5 }, sidecarProxy: { limitMemory: "1Gi" } },
      { Telemetry: "false", Pilot: { TraceSampling: "7.5" }, Proxy: { LimitMemory: "1Gi" } },
    );
    assert.deepEqual(config, { telemetry: false, tracing: { sampling: 7.5 }, sidecarProxy: { limitMemory: "1Gi" } });
    assert.deepEqual(drift, [
      { path: "tracing.sampling", expected: 5, found: 7.5 },
      { path: "telemetry", expected: true, found: false },
    ]);
  });

  it("keeps what the mesh does not report, and has nothing to say without a meshConfig", () => {
    assert.deepEqual(reportedMeshConfig({ telemetry: true }, {}), { config: { telemetry: true }, drift: [] });
    assert.deepEqual(reportedMeshConfig(undefined, { Telemetry: true }), { config: undefined, drift: [] });
  });
});
