import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  controlPlaneLogChanges,
  fixedFieldsChanged,
  meshConfigChanges,
  meshConfigParams,
  setValueAt,
  type ApiMeshConfig,
} from "../../provider/cloud/mesh-config-mapping";
import { MESH_CONFIG_FIELDS } from "../../provider/model/mesh-config-fields";
import { sampleFor } from "../support/mesh-config-samples";
import { validateFields } from "../../provider/model/validate";
import type { MeshConfig } from "../../provider/model/types";

describe("meshConfigParams maps each typed field to its ASM parameter", () => {
  for (const field of MESH_CONFIG_FIELDS) {
    const value = sampleFor(field.kind);
    const config = {};
    setValueAt(config, field.path, value);
    it(`sends ${field.path} as ${field.param}`, () => {
      assert.deepEqual(meshConfigParams(config), { [field.param]: value });
      assert.deepEqual(meshConfigParams(config, true), field.onCreate ? { [field.param]: value } : {});
    });
    it(`accepts the sample ${JSON.stringify(value)} for ${field.path} in check`, () => {
      assert.deepEqual(validateFields({ clusterId: "c1", meshConfig: config }), []);
    });
  }

  it("has no parameter and no reported path twice", () => {
    assert.equal(new Set(MESH_CONFIG_FIELDS.map((f) => f.param)).size, MESH_CONFIG_FIELDS.length);
    assert.equal(new Set(MESH_CONFIG_FIELDS.map((f) => f.reported)).size, MESH_CONFIG_FIELDS.length);
    assert.equal(new Set(MESH_CONFIG_FIELDS.map((f) => f.path)).size, MESH_CONFIG_FIELDS.length);
  });

  it("sends nothing for an absent or empty meshConfig", () => {
    assert.deepEqual(meshConfigParams(undefined), {});
    assert.deepEqual(meshConfigParams({}), {});
    assert.deepEqual(meshConfigParams({ tracing: {}, sidecarProxy: {} }), {});
  });

  it("keeps false and 0, which are values and not absence", () => {
    assert.deepEqual(meshConfigParams({ telemetry: false, tracing: { sampling: 0 } }), {
      TraceSampling: 0,
      Telemetry: false,
    });
  });
});

describe("the control-plane log and the cluster domain take other routes than UpdateMeshFeature", () => {
  const actual: ApiMeshConfig = { ControlPlaneLogInfo: { Enabled: true, Project: "p1", LogTTL: 7 } };
  it("sends a control-plane log change through UpdateControlPlaneLogConfig, with Enabled every time", () => {
    const desired: MeshConfig = { controlPlaneLog: { logTtlInDays: 30 } };
    assert.deepEqual(meshConfigChanges(desired, actual), {});
    assert.deepEqual(controlPlaneLogChanges(desired, actual), { Enabled: true, LogTTLInDay: 30 });
    assert.deepEqual(controlPlaneLogChanges({ controlPlaneLog: { enabled: false } }, actual), { Enabled: false });
    assert.equal(controlPlaneLogChanges({ controlPlaneLog: { project: "p1" } }, actual), undefined);
  });
  it("never sends the cluster domain after creation; a new one is a replacement", () => {
    const desired: MeshConfig = { sidecarProxy: { clusterDomain: "mesh.internal" } };
    assert.deepEqual(meshConfigChanges(desired, { Proxy: { ClusterDomain: "cluster.local" } }), {});
    assert.deepEqual(fixedFieldsChanged({ sidecarProxy: { clusterDomain: "a.local" } }, desired), [
      "sidecarProxy.clusterDomain",
    ]);
    assert.deepEqual(fixedFieldsChanged(undefined, { sidecarProxy: { clusterDomain: "cluster.local" } }), []);
    assert.deepEqual(fixedFieldsChanged(undefined, desired), ["sidecarProxy.clusterDomain"]);
    assert.deepEqual(fixedFieldsChanged(desired, undefined), []);
  });
});

describe("meshConfigChanges lists only what differs from the mesh", () => {
  const desired: MeshConfig = {
    accessLog: { enabled: true, project: "sls-proj" },
    tracing: { enabled: true, sampling: 30 },
    telemetry: true,
    outboundTrafficPolicy: "ALLOW_ANY",
    sidecarProxy: { requestCpu: "100m", requestMemory: "128Mi", limitCpu: "2", limitMemory: "1Gi" },
    sidecarInjection: { autoInjectionPolicyEnabled: true, enableNamespacesByDefault: false },
  };
  const matching: ApiMeshConfig = {
    AccessLog: { Enabled: true, Project: "sls-proj" },
    Tracing: true,
    Pilot: { TraceSampling: 30 },
    Telemetry: true,
    OutboundTrafficPolicy: "ALLOW_ANY",
    Proxy: { RequestCPU: "100m", RequestMemory: "128Mi", LimitCPU: "2", LimitMemory: "1Gi" },
    SidecarInjector: { AutoInjectionPolicyEnabled: true, EnableNamespacesByDefault: false },
  };

  it("sends nothing when the mesh already matches", () => {
    assert.deepEqual(meshConfigChanges(desired, matching), {});
  });

  it("sends only the fields that differ", () => {
    const actual: ApiMeshConfig = {
      ...matching,
      Telemetry: false,
      Proxy: { ...(matching["Proxy"] as object), LimitMemory: "2Gi" },
    };
    assert.deepEqual(meshConfigChanges(desired, actual), { Telemetry: true, ProxyLimitMemory: "1Gi" });
  });

  it("compares numbers and strings as text, as the service may report either", () => {
    const actual = { ...matching, Pilot: { TraceSampling: "30" } } as unknown as ApiMeshConfig;
    assert.deepEqual(meshConfigChanges(desired, actual), {});
    const booleanText = { ...matching, Telemetry: "true" } as unknown as ApiMeshConfig;
    assert.deepEqual(meshConfigChanges(desired, booleanText), {});
  });

  it("sends a field the mesh does not report at all", () => {
    assert.deepEqual(meshConfigChanges({ telemetry: false }, {}), { Telemetry: false });
    assert.deepEqual(meshConfigChanges({ tracing: { sampling: 1 } }, undefined), { TraceSampling: 1 });
  });

  it("never sends fields the user left out, whatever the mesh reports", () => {
    assert.deepEqual(
      meshConfigChanges({ telemetry: true }, { ...matching, Tracing: false, OutboundTrafficPolicy: "REGISTRY_ONLY" }),
      {},
    );
    assert.deepEqual(meshConfigChanges(undefined, matching), {});
  });
});
