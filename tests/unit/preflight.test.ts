/**
 * PreChecked at preview: when it runs (new resources and new bindings only, never on unknown values), and
 * what it says (the message `up` would give, on the input at fault; only a warning when the cloud cannot
 * answer now).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { needsPreflight, preflight, PREFLIGHT_ON_CHANGE, preflightOlds } from "../../provider/lifecycle/preflight";
import { UNKNOWN } from "../../provider/model/unknown";
import { CloudError } from "../../provider/resilience/errors";
import type { Settings } from "../../provider/settings";
import { ackCluster, world } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };
const OLD = { clusterId: "c1234", name: "mesh-for-c1234", deletionPolicy: "Retain", clusterSpec: "Standard" };

describe("needsPreflight", () => {
  it("watches the cluster, the region, the edition, the mesh binding, the Istio version and the network", () => {
    assert.deepEqual(
      [...PREFLIGHT_ON_CHANGE],
      ["clusterId", "region", "clusterSpec", "meshId", "istioVersion", "vpcId", "vSwitchIds"],
    );
  });

  const cases: [string, Record<string, unknown>, Record<string, unknown>, boolean][] = [
    ["a new resource", {}, OLD, true],
    ["no change", OLD, OLD, false],
    [
      "a rename, a policy, a retry, a timeout",
      OLD,
      { ...OLD, name: "x", deletionPolicy: "Delete", retryAt: "1" },
      false,
    ],
    ["meshConfig", OLD, { ...OLD, meshConfig: { telemetry: true } }, false],
    ["another cluster", OLD, { ...OLD, clusterId: "c9" }, true],
    ["a region", OLD, { ...OLD, region: "cn-beijing" }, true],
    ["an upgrade", OLD, { ...OLD, clusterSpec: "Enterprise" }, true],
    ["a mesh to join", OLD, { ...OLD, meshId: "m1" }, true],
    ["a new resource on an unknown cluster", {}, { ...OLD, clusterId: UNKNOWN }, false],
    ["an upgrade to an unknown edition", OLD, { ...OLD, clusterSpec: UNKNOWN }, false],
  ];
  for (const [what, olds, news, expected] of cases) {
    it(`${expected ? "runs" : "does not run"} for ${what}`, () => assert.equal(needsPreflight(olds, news), expected));
  }
});

describe("preflightOlds", () => {
  it("gives a replacement's second check (no olds) the old inputs its first check saw, once", () => {
    const news = { ...OLD, meshId: "m1" };
    assert.equal(preflightOlds(OLD, news), OLD);
    assert.deepEqual(preflightOlds({}, { ...news }), OLD);
    assert.deepEqual(preflightOlds({}, news), {}, "a later new resource with those inputs is new");
  });

  it("remembers nothing for a change that needs no preflight, nor for other new inputs", () => {
    const renamed = { ...OLD, name: "renamed" };
    preflightOlds(OLD, renamed);
    assert.deepEqual(preflightOlds({}, renamed), {});
    preflightOlds(OLD, { ...OLD, clusterId: "c9" });
    assert.deepEqual(preflightOlds({}, { ...OLD, clusterId: "c8" }), {});
  });
});

describe("preflight", () => {
  it("refuses a cluster on Kubernetes 1.26 with up's message, naming clusterId", async () => {
    const w = world({ clusters: [ackCluster({ kubernetesVersion: "1.26.3-aliyun.1" })] });
    assert.deepEqual(await preflight({}, OLD, settings, w.deps), [
      {
        property: "clusterId",
        reason: "ACK cluster c1234 runs Kubernetes 1.26.3-aliyun.1; servicemesh-operator needs 1.28 or later",
      },
    ]);
    assert.equal(w.asm.meshes.size, 0);
  });

  it("refuses Standard outside the mainland from the cluster's own region, naming clusterSpec", async () => {
    const w = world({ clusters: [ackCluster({ regionId: "ap-southeast-1" })] });
    const [failure] = await preflight({}, OLD, settings, w.deps);
    assert.equal(failure?.property, "clusterSpec");
    assert.match(failure?.reason ?? "", /^clusterSpec Standard is available only in Chinese-mainland regions/);
  });

  it("refuses a cluster already enrolled in another mesh", async () => {
    const w = world();
    w.asm.seed({ id: "mother", name: "other", clusters: ["c1234"] });
    const [failure] = await preflight({}, OLD, settings, w.deps);
    assert.equal(failure?.property, "clusterId");
    assert.match(failure?.reason ?? "", /^ACK cluster c1234 is already enrolled in mesh mother \(other\)/);
  });

  it("knows the mesh it manages by its old name when a rename and an upgrade come together", async () => {
    const w = world();
    w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    const news = { ...OLD, name: "renamed", clusterSpec: "Enterprise" };
    assert.deepEqual(await preflight(OLD, news, settings, w.deps), []);
  });

  it("lets a replacement bind the cluster to another mesh: it leaves the one it has (by its default name) first", async () => {
    const w = world();
    w.asm.seed({ id: "mown", name: "mesh-for-c1234", clusters: ["c1234"] });
    w.asm.seed({ id: "mshared", name: "shared" });
    const { name: _name, ...unnamed } = OLD;
    assert.deepEqual(await preflight(unnamed, { ...unnamed, meshId: "mshared" }, settings, w.deps), []);
    // A new resource with that binding would meet the cluster in mesh-for-c1234: that is a conflict.
    const [failure] = await preflight({}, { ...unnamed, meshId: "mshared" }, settings, w.deps);
    assert.match(failure?.reason ?? "", /already enrolled in mesh mown \(mesh-for-c1234\)/);
  });

  it("only warns when the cloud cannot answer now: up checks again", async () => {
    const w = world();
    const warnings: string[] = [];
    w.deps.log = { info: () => undefined, warn: (m) => warnings.push(m) };
    w.asm.listMeshes = async () => {
      throw new CloudError("throttled", "Throttling.User", "slow down", "cannot list meshes");
    };
    assert.deepEqual(await preflight({}, OLD, settings, w.deps), []);
    assert.deepEqual(warnings, [
      "preview could not run PreChecked (cannot list meshes: Throttling.User: slow down); `pulumi up` will check again",
    ]);
  });
});
