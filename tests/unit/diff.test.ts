import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { diff, REPLACE_ON_CHANGE } from "../../provider/lifecycle/diff";
import { UNKNOWN } from "../../provider/model/unknown";

/** Outputs of a previous run, as the engine hands them back as `olds`. */
const OLDS = {
  clusterId: "c1234",
  name: "mesh-for-c1234",
  region: "cn-hangzhou",
  clusterSpec: "Standard",
  deletionPolicy: "Retain",
  serviceMeshId: "m0001",
  serviceMeshName: "mesh-for-c1234",
  vpcId: "vpc-1",
  vSwitchIds: ["vsw-1"],
};
const SAME = { clusterId: "c1234", name: "mesh-for-c1234", deletionPolicy: "Retain" };

describe("diff decides replacements", () => {
  it("declares exactly the binding (clusterId, meshId, region) and the network as replace-on-change", () => {
    assert.deepEqual([...REPLACE_ON_CHANGE], ["clusterId", "meshId", "region", "vpcId", "vSwitchIds"]);
  });

  const cases: { name: string; olds?: Record<string, unknown>; news: Record<string, unknown>; replaces: string[] }[] = [
    { name: "nothing that binds the mesh changed", news: SAME, replaces: [] },
    { name: "another cluster", news: { ...SAME, clusterId: "c9999" }, replaces: ["clusterId"] },
    { name: "an unknown cluster", news: { ...SAME, clusterId: UNKNOWN }, replaces: ["clusterId"] },
    { name: "a mesh id to join where there was none", news: { ...SAME, meshId: "m0002" }, replaces: ["meshId"] },
    { name: "an unknown mesh id", news: { ...SAME, meshId: UNKNOWN }, replaces: ["meshId"] },
    { name: "the mesh id of the mesh it already manages", news: { ...SAME, meshId: "m0001" }, replaces: [] },
    { name: "a dropped meshId", olds: { ...OLDS, meshId: "m0001" }, news: SAME, replaces: ["meshId"] },
    { name: "another region", news: { ...SAME, region: "cn-beijing" }, replaces: ["region"] },
    { name: "the same region written out", news: { ...SAME, region: "cn-hangzhou" }, replaces: [] },
    { name: "the region left out (it was resolved from settings)", news: SAME, replaces: [] },
    { name: "an unknown region", news: { ...SAME, region: UNKNOWN }, replaces: ["region"] },
    { name: "a rename", news: { ...SAME, name: "other" }, replaces: [] },
    {
      name: "another cluster domain (ASM fixes it at creation)",
      news: { ...SAME, meshConfig: { sidecarProxy: { clusterDomain: "mesh.internal" } } },
      replaces: ["meshConfig"],
    },
    {
      name: "the default cluster domain written out, and other meshConfig changes",
      news: { ...SAME, meshConfig: { sidecarProxy: { clusterDomain: "cluster.local", limitCpu: "3" } } },
      replaces: [],
    },
    { name: "another VPC", news: { ...SAME, vpcId: "vpc-2" }, replaces: ["vpcId"] },
    { name: "the mesh's own VPC written out", news: { ...SAME, vpcId: "vpc-1" }, replaces: [] },
    { name: "another vSwitch", news: { ...SAME, vSwitchIds: ["vsw-2"] }, replaces: ["vSwitchIds"] },
    { name: "the mesh's own vSwitch written out", news: { ...SAME, vSwitchIds: ["vsw-1"] }, replaces: [] },
    {
      name: "a VPC given for state that never recorded one (PreChecked compares it with the mesh)",
      olds: { ...OLDS, vpcId: undefined },
      news: { ...SAME, vpcId: "vpc-2" },
      replaces: [],
    },
    {
      name: "a newer Istio version, tags and EIPs",
      news: {
        ...SAME,
        istioVersion: "v1.25.3.38-g7a2d1c44-aliyun",
        tags: { team: "a" },
        loadBalancer: { pilotEipId: "eip-1" },
      },
      replaces: [],
    },
    { name: "an upgrade", news: { ...SAME, clusterSpec: "Enterprise" }, replaces: [] },
    {
      name: "a new deletion policy and retryAt",
      news: { ...SAME, deletionPolicy: "Delete", retryAt: "now" },
      replaces: [],
    },
    {
      name: "cluster, mesh and region all changed",
      news: { clusterId: "c2", meshId: "m2", region: "cn-beijing" },
      replaces: ["clusterId", "meshId", "region"],
    },
  ];
  for (const { name, olds, news, replaces } of cases) {
    it(`${replaces.length ? `replaces (${replaces.join(", ")})` : "updates in place"} for ${name}`, () => {
      const result = diff(olds ?? OLDS, news);
      assert.deepEqual(result.replaces, replaces);
      assert.equal(result.deleteBeforeReplace, true, "every replacement deletes first, forced ones too");
    });
  }

  it("deletes before replacing, since a cluster binds to one mesh", () => {
    assert.deepEqual(diff(OLDS, { ...SAME, clusterId: "c9999" }), {
      replaces: ["clusterId"],
      deleteBeforeReplace: true,
    });
  });

  it("leaves changes to the engine for a resource that is ready, so it shows its own per-field diff", () => {
    for (const news of [SAME, { ...SAME, name: "x" }, { ...SAME, clusterId: "c2" }]) {
      assert.equal("changes" in diff({ ...OLDS, ready: true }, news), false);
    }
  });

  const STORED = { ...OLDS, ready: false, inputs: SAME };
  it("changes a resource that is not ready though the inputs are the same (refresh found it undone)", () => {
    assert.deepEqual(diff(STORED, { ...SAME, __provider: "p" }), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: true,
    });
  });

  it("lets the engine show the fields when a resource that is not ready also has new inputs", () => {
    assert.equal("changes" in diff(STORED, { ...SAME, name: "renamed" }), false);
    assert.equal("changes" in diff(STORED, { ...SAME, meshConfig: { telemetry: true } }), false);
    assert.equal("changes" in diff(STORED, { ...SAME, clusterId: "c2" }), false);
  });

  it("compares credentials in their own keys, not in the stored inputs", () => {
    const olds = { ...STORED, kubeconfig: "old-kubeconfig" };
    assert.equal(diff(olds, { ...SAME, kubeconfig: "old-kubeconfig" }).changes, true);
    assert.equal("changes" in diff(olds, { ...SAME, kubeconfig: "new-kubeconfig" }), false);
  });

  it("treats null and a missing value alike", () => {
    assert.deepEqual(diff({ ...OLDS, meshId: null }, SAME).replaces, []);
    assert.deepEqual(diff(OLDS, { ...SAME, meshId: null }).replaces, []);
  });
});

describe("diff and the resource's URN", () => {
  const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/asm:ServiceMesh::mesh";
  const MOVED = "urn:pulumi:dev::proj::my:Platform$pulumi-nodejs:dynamic/asm:ServiceMesh::mesh";
  const READY = { ...OLDS, ready: true, inputs: SAME, resourceName: "mesh", resourceUrn: URN };
  const news = { ...SAME, resourceName: "mesh" };

  it("changes nothing when only the URN is new (moved under a component with an alias)", () => {
    assert.deepEqual(diff(READY, { ...news, resourceUrn: MOVED }), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: true,
    });
  });

  it("changes nothing when state from an older version recorded no URN", () => {
    const { resourceUrn: _none, ...legacy } = READY;
    assert.equal(diff(legacy, { ...news, resourceUrn: URN }).changes, false);
  });

  it("leaves the diff to the engine when anything else differs too", () => {
    assert.equal("changes" in diff(READY, { ...news, resourceUrn: MOVED, name: "renamed" }), false);
    assert.equal("changes" in diff(READY, { ...news, resourceUrn: MOVED, resourceName: "renamed" }), false);
    assert.equal(
      "changes" in diff(READY, { ...news, resourceUrn: URN }),
      false,
      "same URN: the engine's diff finds none",
    );
  });

  it("still repairs a resource that is not ready, whatever its URN", () => {
    assert.equal(diff({ ...READY, ready: false }, { ...news, resourceUrn: MOVED }).changes, true);
  });
});
