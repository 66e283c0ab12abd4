import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  MESH_CONFIG_FIELDS,
  meshConfigChanges,
  meshConfigParams,
  type ApiMeshConfig,
} from "../../provider/cloud/mesh-config-mapping";
import type { MeshConfig } from "../../provider/model/types";

describe("meshConfigParams maps each typed field to its ASM parameter", () => {
  const cases: [string, MeshConfig, Record<string, string | number | boolean>][] = [
    ["accessLog.enabled", { accessLog: { enabled: true } }, { AccessLogEnabled: true }],
    ["accessLog.project", { accessLog: { project: "sls-proj" } }, { AccessLogProject: "sls-proj" }],
    ["tracing.enabled", { tracing: { enabled: false } }, { Tracing: false }],
    ["tracing.sampling", { tracing: { sampling: 12.5 } }, { TraceSampling: 12.5 }],
    ["telemetry", { telemetry: true }, { Telemetry: true }],
    ["outboundTrafficPolicy", { outboundTrafficPolicy: "REGISTRY_ONLY" }, { OutboundTrafficPolicy: "REGISTRY_ONLY" }],
    ["sidecarProxy.requestCpu", { sidecarProxy: { requestCpu: "100m" } }, { ProxyRequestCPU: "100m" }],
    ["sidecarProxy.requestMemory", { sidecarProxy: { requestMemory: "128Mi" } }, { ProxyRequestMemory: "128Mi" }],
    ["sidecarProxy.limitCpu", { sidecarProxy: { limitCpu: "2" } }, { ProxyLimitCPU: "2" }],
    ["sidecarProxy.limitMemory", { sidecarProxy: { limitMemory: "1Gi" } }, { ProxyLimitMemory: "1Gi" }],
    [
      "sidecarInjection.autoInjectionPolicyEnabled",
      { sidecarInjection: { autoInjectionPolicyEnabled: true } },
      { AutoInjectionPolicyEnabled: true },
    ],
    [
      "sidecarInjection.enableNamespacesByDefault",
      { sidecarInjection: { enableNamespacesByDefault: false } },
      { EnableNamespacesByDefault: false },
    ],
  ];
  for (const [field, config, params] of cases) {
    it(`sends ${field} as ${Object.keys(params).join()}`, () => assert.deepEqual(meshConfigParams(config), params));
  }

  it("has one mapping per typed field and no parameter twice", () => {
    assert.equal(MESH_CONFIG_FIELDS.length, cases.length);
    assert.equal(new Set(MESH_CONFIG_FIELDS.map((f) => f.param)).size, cases.length);
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
