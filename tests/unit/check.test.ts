import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../provider/lifecycle/check";
import type { Settings } from "../../provider/settings";
import { UNKNOWN } from "../../provider/model/unknown";
import { RULES } from "../../provider/model/validate";

const noSettings: Settings = { protocol: "HTTPS" };
const inHangzhou: Settings = { protocol: "HTTPS", region: "cn-hangzhou" };

describe("check fills defaults", () => {
  it("names the mesh mesh-for-<clusterId> and retains it on delete by default", () => {
    const { inputs, failures } = check({}, { clusterId: "c1234" }, noSettings);
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { clusterId: "c1234", name: "mesh-for-c1234", deletionPolicy: "Retain" });
  });

  it("leaves the name to the mesh when joining by meshId", () => {
    const { inputs } = check({}, { clusterId: "c1234", meshId: "m123" }, noSettings);
    assert.deepEqual(inputs, { clusterId: "c1234", meshId: "m123", deletionPolicy: "Retain" });
  });

  it("keeps an explicit name and deletion policy", () => {
    const { inputs } = check({}, { clusterId: "c1234", name: "prod", deletionPolicy: "Delete" }, noSettings);
    assert.deepEqual(inputs, { clusterId: "c1234", name: "prod", deletionPolicy: "Delete" });
  });

  const editionByRegion: [string, string][] = [
    ["cn-hangzhou", "Standard"],
    ["cn-beijing", "Standard"],
    ["cn-shanghai-finance-1", "Standard"],
    ["cn-hongkong", "Enterprise"],
    ["ap-southeast-1", "Enterprise"],
    ["eu-central-1", "Enterprise"],
    ["us-west-1", "Enterprise"],
  ];
  for (const [region] of editionByRegion) {
    it(`leaves clusterSpec unset in ${region}: a joined mesh keeps its edition, a new one gets the region's default at PreChecked`, () => {
      const { inputs, failures } = check({}, { clusterId: "c1234", region }, noSettings);
      assert.deepEqual(failures, []);
      assert.equal("clusterSpec" in inputs, false);
    });
  }

  it("leaves clusterSpec for the cluster to decide when no region is known", () => {
    const { inputs } = check({}, { clusterId: "c1234" }, noSettings);
    assert.equal("clusterSpec" in inputs, false);
  });
});

describe("check enforces the seed's edition rules", () => {
  it("refuses a Standard mesh outside the Chinese mainland at preview, naming clusterSpec and region", () => {
    const { failures } = check(
      {},
      { clusterId: "c1234", clusterSpec: "Standard", region: "ap-southeast-1" },
      noSettings,
    );
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.property, "clusterSpec");
    assert.equal(
      failures[0]?.reason,
      "clusterSpec Standard is available only in Chinese-mainland regions (cn-*, except cn-hongkong), but region is ap-southeast-1; use Enterprise or Ultimate",
    );
  });

  it("refuses a Standard mesh in cn-hongkong", () => {
    const { failures } = check({}, { clusterId: "c1234", clusterSpec: "Standard", region: "cn-hongkong" }, noSettings);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["clusterSpec"],
    );
    assert.match(failures[0]?.reason ?? "", /region is cn-hongkong/);
  });

  it("refuses a Standard mesh when only the provider's region is outside the mainland", () => {
    const { failures } = check(
      {},
      { clusterId: "c1234", clusterSpec: "Standard" },
      { protocol: "HTTPS", region: "eu-central-1" },
    );
    assert.deepEqual(
      failures.map((f) => f.property),
      ["clusterSpec"],
    );
  });

  const transitions: [string, string, boolean][] = [
    ["Standard", "Enterprise", true],
    ["Standard", "Ultimate", true],
    ["Enterprise", "Ultimate", true],
    ["Enterprise", "Enterprise", true],
    ["Enterprise", "Standard", false],
    ["Ultimate", "Enterprise", false],
    ["Ultimate", "Standard", false],
  ];
  for (const [from, to, allowed] of transitions) {
    it(`${allowed ? "allows" : "refuses"} clusterSpec ${from} → ${to}`, () => {
      const { failures } = check(
        { clusterSpec: from },
        { clusterId: "c1234", clusterSpec: to, region: "cn-hangzhou" },
        noSettings,
      );
      if (allowed) assert.deepEqual(failures, []);
      else {
        assert.equal(failures.length, 1);
        assert.equal(failures[0]?.property, "clusterSpec");
        assert.match(
          failures[0]?.reason ?? "",
          new RegExp(`cannot be downgraded from ${from} to ${to}; allowed: ${from}`),
        );
      }
    });
  }

  it("lists the editions still reachable when refusing a downgrade", () => {
    const { failures } = check(
      { clusterSpec: "Enterprise" },
      { clusterId: "c1234", clusterSpec: "Standard", region: "cn-hangzhou" },
      noSettings,
    );
    assert.equal(
      failures[0]?.reason,
      "clusterSpec cannot be downgraded from Enterprise to Standard; allowed: Enterprise, Ultimate",
    );
  });
});

describe("check names the property and the allowed values for bad input", () => {
  const cases: { name: string; input: Record<string, unknown>; property: string; reason: RegExp }[] = [
    {
      name: "missing clusterId",
      input: { clusterId: undefined },
      property: "clusterId",
      reason: /^clusterId is required: the id of the ACK cluster to enroll$/,
    },
    { name: "null clusterId", input: { clusterId: null }, property: "clusterId", reason: /^clusterId is required/ },
    {
      name: "numeric clusterId",
      input: { clusterId: 42 },
      property: "clusterId",
      reason: /^clusterId must be a string \(an ACK cluster id.*got number 42$/,
    },
    {
      name: "upper-case clusterId",
      input: { clusterId: "C-ABC" },
      property: "clusterId",
      reason: /^clusterId "C-ABC" is not valid: an ACK cluster id/,
    },
    {
      name: "meshId with dashes",
      input: { meshId: "m-1" },
      property: "meshId",
      reason: /^meshId "m-1" is not valid: an ASM mesh id/,
    },
    {
      name: "name starting with a digit",
      input: { name: "1mesh" },
      property: "name",
      reason: /^name "1mesh" is not valid: 1-63 letters, digits, '-' or '_', starting with a letter$/,
    },
    {
      name: "name of 64 characters",
      input: { name: `a${"b".repeat(63)}` },
      property: "name",
      reason: /^name "a.*…" is not valid/,
    },
    {
      name: "lower-case edition",
      input: { clusterSpec: "standard" },
      property: "clusterSpec",
      reason: /^clusterSpec must be one of Standard, Enterprise, Ultimate; got "standard"$/,
    },
    {
      name: "edition as a number",
      input: { clusterSpec: 1 },
      property: "clusterSpec",
      reason: /^clusterSpec must be one of Standard, Enterprise, Ultimate; got number 1$/,
    },
    {
      name: "unknown deletion policy",
      input: { deletionPolicy: "Orphan" },
      property: "deletionPolicy",
      reason: /^deletionPolicy must be one of Retain, Delete; got "Orphan"$/,
    },
    {
      name: "retryAt as an object",
      input: { retryAt: {} },
      property: "retryAt",
      reason: /^retryAt must be a string \(any string up to 256 characters\); got an object$/,
    },
    {
      name: "retryAt too long",
      input: { retryAt: "x".repeat(257) },
      property: "retryAt",
      reason: /^retryAt ".*" is not valid: any string up to 256 characters$/,
    },
    {
      name: "region in upper case",
      input: { region: "CN-HANGZHOU" },
      property: "region",
      reason: /^region "CN-HANGZHOU" is not valid: an Alibaba Cloud region id such as cn-hangzhou/,
    },
    {
      name: "kubeconfig as an array",
      input: { kubeconfig: [] },
      property: "kubeconfig",
      reason: /^kubeconfig must be a string \(the kubeconfig YAML or JSON text, up to 1 MiB\); got an array$/,
    },
    {
      name: "timeouts as a string",
      input: { timeouts: "30m" },
      property: "timeouts",
      reason: /^timeouts must be an object with fields create, update, delete, read; got "30m"$/,
    },
    {
      name: "timeout without a unit",
      input: { timeouts: { create: "30" } },
      property: "timeouts.create",
      reason: /^timeouts.create must be a duration such as "30m", "90s" or "1h"; got "30"$/,
    },
    {
      name: "unknown timeout",
      input: { timeouts: { refresh: "1m" } },
      property: "timeouts.refresh",
      reason: /^timeouts.refresh is not a known field; allowed: create, update, delete, read$/,
    },
    {
      name: "meshConfig as an array",
      input: { meshConfig: [] },
      property: "meshConfig",
      reason: /^meshConfig must be an object with fields accessLog, audit, controlPlaneLog, tracing, telemetry, /,
    },
    {
      name: "accessLog.enabled as a string",
      input: { meshConfig: { accessLog: { enabled: "yes" } } },
      property: "meshConfig.accessLog.enabled",
      reason: /^meshConfig.accessLog.enabled must be true or false; got "yes"$/,
    },
    {
      name: "bad SLS project",
      input: { meshConfig: { accessLog: { project: "A" } } },
      property: "meshConfig.accessLog.project",
      reason: /^meshConfig.accessLog.project "A" is not valid: an SLS project name$/,
    },
    {
      name: "sampling above 100",
      input: { meshConfig: { tracing: { sampling: 101 } } },
      property: "meshConfig.tracing.sampling",
      reason: /^meshConfig.tracing.sampling must be a number from 0 to 100; got number 101$/,
    },
    {
      name: "sampling NaN",
      input: { meshConfig: { tracing: { sampling: Number.NaN } } },
      property: "meshConfig.tracing.sampling",
      reason: /must be a number from 0 to 100; got number NaN$/,
    },
    {
      name: "telemetry as a number",
      input: { meshConfig: { telemetry: 1 } },
      property: "meshConfig.telemetry",
      reason: /^meshConfig.telemetry must be true or false; got number 1$/,
    },
    {
      name: "bad outbound policy",
      input: { meshConfig: { outboundTrafficPolicy: "DENY" } },
      property: "meshConfig.outboundTrafficPolicy",
      reason: /^meshConfig.outboundTrafficPolicy must be one of ALLOW_ANY, REGISTRY_ONLY; got "DENY"$/,
    },
    {
      name: "bad CPU quantity",
      input: { meshConfig: { sidecarProxy: { requestCpu: "1 core" } } },
      property: "meshConfig.sidecarProxy.requestCpu",
      reason: /is not valid: a CPU quantity such as 100m or 2$/,
    },
    {
      name: "bad memory quantity",
      input: { meshConfig: { sidecarProxy: { limitMemory: "1GB" } } },
      property: "meshConfig.sidecarProxy.limitMemory",
      reason: /is not valid: a memory quantity such as 128Mi or 1Gi$/,
    },
    {
      name: "injection flag as null-ish string",
      input: { meshConfig: { sidecarInjection: { enableNamespacesByDefault: "false" } } },
      property: "meshConfig.sidecarInjection.enableNamespacesByDefault",
      reason: /must be true or false; got "false"$/,
    },
    {
      name: "unknown meshConfig field",
      input: { meshConfig: { mtls: true } },
      property: "meshConfig.mtls",
      reason:
        /^meshConfig.mtls is not a known field; allowed: accessLog, audit, controlPlaneLog, tracing, telemetry, outboundTrafficPolicy, sidecarProxy, sidecarInjection, kiali, opa, pilot, prometheus, localityLoadBalancing, includeIpRanges, excludeIpRanges, excludeInboundPorts, excludeOutboundPorts, crAggregation, crHistory, gatewayApi, protocolSupport, webAssemblyFilter$/,
    },
    {
      name: "an Istio version without its build",
      input: { istioVersion: "1.24" },
      property: "istioVersion",
      reason:
        /^istioVersion "1.24" is not valid: an ASM Istio version as DescribeVersions lists it, such as v1.24.6.64-g5c3b4e1a-aliyun$/,
    },
    {
      name: "the ownership tag among the tags",
      input: { tags: { "pulumi-asm-servicemesh/cluster": "c9" } },
      property: "tags.pulumi-asm-servicemesh/cluster",
      reason: /is one of the provider's own ownership tags; choose another key$/,
    },
    {
      name: "a cloud-reserved tag key",
      input: { tags: { "acs:owner": "x" } },
      property: "tags.acs:owner",
      reason: /a tag key is 1-128 characters, not starting with aliyun or acs:$/,
    },
    {
      name: "a tag value that is not a string",
      input: { tags: { team: 1 } },
      property: "tags.team",
      reason: /^tags.team must be a string of up to 128 characters; got number 1$/,
    },
    {
      name: "two vSwitches",
      input: { vSwitchIds: ["vsw-a", "vsw-b"] },
      property: "vSwitchIds",
      reason:
        /^vSwitchIds must be a list of exactly 1 vSwitch id \(ASM places its control plane in one\); got an array$/,
    },
    {
      name: "a vSwitch id that is not one",
      input: { vSwitchIds: ["subnet-1"] },
      property: "vSwitchIds[0]",
      reason: /is not valid: a vSwitch id such as vsw-bp1xxxx$/,
    },
    {
      name: "a VPC id that is not one",
      input: { vpcId: "vnet-1" },
      property: "vpcId",
      reason: /is not valid: a VPC id such as vpc-bp1xxxx$/,
    },
    {
      name: "an EIP id that is not one",
      input: { loadBalancer: { pilotEipId: "1.2.3.4" } },
      property: "loadBalancer.pilotEipId",
      reason: /is not valid: an EIP id such as eip-bp1xxxx$/,
    },
    {
      name: "a kubeconfig endpoint that is neither",
      input: { controlPlaneKubeconfig: "internal" },
      property: "controlPlaneKubeconfig",
      reason: /^controlPlaneKubeconfig must be one of private, public; got "internal"$/,
    },
    {
      name: "unknown top-level input",
      input: { edition: "Ultimate" },
      property: "edition",
      reason: new RegExp(`^edition is not a ServiceMesh input; allowed: ${Object.keys(RULES).join(", ")}$`),
    },
  ];
  for (const { name, input, property, reason } of cases) {
    it(`refuses ${name}, naming ${property}`, () => {
      const news = { clusterId: "c1234", ...input };
      const { inputs, failures } = check({}, news, noSettings);
      assert.deepEqual(
        failures.map((f) => f.property),
        [property],
      );
      assert.match(failures[0]?.reason ?? "", reason);
      assert.deepEqual(inputs, news, "inputs with failures come back as given");
    });
  }

  it("refuses an empty clusterId as missing", () => {
    const { failures } = check({}, { clusterId: "" }, noSettings);
    assert.equal(failures[0]?.reason, "clusterId is required: the id of the ACK cluster to enroll");
    assert.ok(failures.every((f) => f.property === "clusterId"));
  });

  it("allows at least the documented inputs", () => {
    for (const key of [
      "clusterId",
      "meshId",
      "name",
      "clusterSpec",
      "deletionPolicy",
      "retryAt",
      "region",
      "kubeconfig",
      "timeouts",
      "meshConfig",
    ]) {
      assert.ok(key in RULES, key);
    }
  });

  it("reports every bad field at once", () => {
    const { failures } = check({}, { clusterId: 1, clusterSpec: "Gold", deletionPolicy: true, typo: 1 }, noSettings);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["clusterId", "clusterSpec", "deletionPolicy", "typo"],
    );
  });

  it("accepts every field in its allowed form", () => {
    const news = {
      clusterId: "c6490deb776cc458c82c4c22a69315bae",
      meshId: "m0123abc",
      name: "网格_prod-1",
      clusterSpec: "Ultimate",
      deletionPolicy: "Delete",
      retryAt: "2026-01-09T02:25:19Z",
      region: "ap-southeast-1",
      kubeconfig: "apiVersion: v1\nkind: Config\n",
      timeouts: { create: "1h30m", update: "90s", delete: "500ms" },
      meshConfig: {
        accessLog: { enabled: true, project: "my-sls_project" },
        tracing: { enabled: true, sampling: 12.5 },
        telemetry: false,
        outboundTrafficPolicy: "REGISTRY_ONLY",
        sidecarProxy: { requestCpu: "100m", requestMemory: "128Mi", limitCpu: "2", limitMemory: "1Gi" },
        sidecarInjection: { autoInjectionPolicyEnabled: true, enableNamespacesByDefault: false },
      },
      istioVersion: "v1.24.6.64-g5c3b4e1a-aliyun",
      tags: { team: "payments", "cost-center": "42" },
      vpcId: "vpc-bp1abc",
      vSwitchIds: ["vsw-bp1abc"],
      loadBalancer: { apiServerPublicEip: true, pilotEipId: "eip-bp1abc" },
      controlPlaneKubeconfig: "public",
    };
    const { inputs, failures } = check({}, news, noSettings);
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, news);
  });
});

describe("check compares with the old inputs what ASM cannot undo", () => {
  const V24 = "v1.24.6.64-g5c3b4e1a-aliyun";
  const V25 = "v1.25.3.38-g7a2d1c44-aliyun";
  it("refuses an Istio version older than the one pinned before, and accepts a newer one", () => {
    const older = check({ clusterId: "c1", istioVersion: V25 }, { clusterId: "c1", istioVersion: V24 }, noSettings);
    assert.deepEqual(
      older.failures.map((f) => f.property),
      ["istioVersion"],
    );
    assert.match(
      older.failures[0]?.reason ?? "",
      /older than the mesh's v1.25.3.38-g7a2d1c44-aliyun; ASM upgrades only/,
    );
    const newer = check({ clusterId: "c1", istioVersion: V24 }, { clusterId: "c1", istioVersion: V25 }, noSettings);
    assert.deepEqual(newer.failures, []);
  });

  it("refuses no public endpoint together with an EIP to bind", () => {
    const both = { clusterId: "c1", loadBalancer: { apiServerPublicEip: false, apiServerEipId: "eip-1" } };
    const { failures } = check({}, both, noSettings);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["loadBalancer.apiServerPublicEip"],
    );
    assert.match(failures[0]?.reason ?? "", /set one or the other$/);
  });

  it("refuses turning on a public API server endpoint for an existing mesh without an EIP id", () => {
    const on = { clusterId: "c1", loadBalancer: { apiServerPublicEip: true } };
    const existing = check({ clusterId: "c1" }, on, noSettings);
    assert.deepEqual(
      existing.failures.map((f) => f.property),
      ["loadBalancer.apiServerPublicEip"],
    );
    assert.match(existing.failures[0]?.reason ?? "", /name an EIP you own in loadBalancer.apiServerEipId$/);
    // A new mesh gets one from ASM; so does the mesh a replacement creates; and an EIP id binds in place.
    assert.deepEqual(check({}, on, noSettings).failures, []);
    assert.deepEqual(check({ clusterId: "c0" }, on, noSettings).failures, []);
    const withId = { clusterId: "c1", loadBalancer: { apiServerPublicEip: true, apiServerEipId: "eip-1" } };
    assert.deepEqual(check({ clusterId: "c1" }, withId, noSettings).failures, []);
  });
});

describe("check lets unknown values through untouched", () => {
  it("accepts the unknown sentinel in every top-level field", () => {
    const news = {
      clusterId: UNKNOWN,
      meshId: UNKNOWN,
      name: UNKNOWN,
      clusterSpec: UNKNOWN,
      deletionPolicy: UNKNOWN,
      retryAt: UNKNOWN,
      region: UNKNOWN,
      kubeconfig: UNKNOWN,
      timeouts: UNKNOWN,
      meshConfig: UNKNOWN,
    };
    const { inputs, failures } = check({}, news, inHangzhou);
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, news);
  });

  it("accepts unknown nested values and does not default from an unknown cluster id or region", () => {
    const news = {
      clusterId: UNKNOWN,
      region: UNKNOWN,
      meshConfig: { tracing: { sampling: UNKNOWN }, telemetry: UNKNOWN },
    };
    const { inputs, failures } = check({}, news, noSettings);
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { ...news, deletionPolicy: "Retain" });
  });

  it("does not apply the region rule to an unknown region", () => {
    const { failures } = check({}, { clusterId: "c1234", clusterSpec: "Standard", region: UNKNOWN }, noSettings);
    assert.deepEqual(failures, []);
  });

  it("does not refuse a downgrade against an unknown edition", () => {
    const { failures } = check({ clusterSpec: "Ultimate" }, { clusterId: "c1234", clusterSpec: UNKNOWN }, inHangzhou);
    assert.deepEqual(failures, []);
  });
});

describe("check accepts the keys the engine and the SDK shell add", () => {
  it("accepts __provider and resourceName and passes them on", () => {
    const news = { clusterId: "c1234", __provider: "serialized-provider-text", resourceName: "my-mesh" };
    const { inputs, failures } = check({}, news, inHangzhou);
    assert.deepEqual(failures, []);
    assert.equal(inputs["__provider"], "serialized-provider-text");
    assert.equal(inputs["resourceName"], "my-mesh");
  });
});

describe("check with object-prototype key names", () => {
  // Bug: RULES and the nested field tables are plain objects, so `RULES["constructor"]` is `Object`
  // and `RULES["toString"]` is Object.prototype.toString. These keys are then treated as known rules.
  for (const key of ["constructor", "toString", "hasOwnProperty", "__proto__"]) {
    it(`reports a top-level input named ${key} as unknown`, () => {
      const news: Record<string, unknown> = { clusterId: "c1234" };
      Object.defineProperty(news, key, { value: 5, enumerable: true, configurable: true, writable: true });
      const { failures } = check({}, news, noSettings);
      assert.deepEqual(
        failures.map((f) => f.property),
        [key],
      );
      assert.match(failures[0]?.reason ?? "", new RegExp(`^${key} is not a ServiceMesh input`));
    });
  }

  it("reports a nested meshConfig field named constructor as unknown", () => {
    const meshConfig: Record<string, unknown> = {};
    Object.defineProperty(meshConfig, "constructor", { value: "x", enumerable: true });
    const { failures } = check({}, { clusterId: "c1234", meshConfig }, noSettings);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["meshConfig.constructor"],
    );
  });
});
