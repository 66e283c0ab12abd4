/** The pure plans behind MeshConfigApplied's in-place changes: Istio versions, tags, EIPs. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { eipChanges, missingApiServerEip } from "../../provider/model/eip-plan";
import { compareIstioVersions, istioDowngrade } from "../../provider/model/istio-version";
import { CLUSTER_TAG } from "../../provider/model/ownership";
import { tagChanges, userTags } from "../../provider/model/tag-plan";

const LB = { apiServerLoadBalancerId: "lb-a", apiServerEipId: "", pilotLoadBalancerId: "", pilotEipId: "" };

describe("Istio versions", () => {
  const cases: [string, string, number][] = [
    ["v1.24.6.64-g5c3b4e1a-aliyun", "v1.24.6.64-gffffff-aliyun", 0],
    ["v1.24.6.64-g5c3b4e1a-aliyun", "v1.25.3.38-g7a2d1c44-aliyun", -1],
    ["v1.24.10.1-gaaaa-aliyun", "v1.24.9.99-gbbbb-aliyun", 1],
    ["v1.24.6-gaaaa-aliyun", "v1.24.6.1-gbbbb-aliyun", -1],
  ];
  for (const [a, b, sign] of cases) {
    it(`orders ${a} ${sign < 0 ? "before" : sign > 0 ? "after" : "with"} ${b} by the numbers only`, () =>
      assert.equal(Math.sign(compareIstioVersions(a, b)), sign));
  }
  it("names the downgrade and the way out, and allows the same or a newer version", () => {
    assert.equal(
      istioDowngrade("v1.25.3.38-g7a2d1c44-aliyun", "v1.24.6.64-g5c3b4e1a-aliyun"),
      "istioVersion v1.24.6.64-g5c3b4e1a-aliyun is older than the mesh's v1.25.3.38-g7a2d1c44-aliyun; ASM upgrades only: keep v1.25.3.38-g7a2d1c44-aliyun or name a newer version",
    );
    assert.equal(istioDowngrade("v1.24.6.64-g5c3b4e1a-aliyun", "v1.25.3.38-g7a2d1c44-aliyun"), undefined);
    assert.equal(istioDowngrade("", "v1.25.3.38-g7a2d1c44-aliyun"), undefined);
  });
});

describe("tag changes", () => {
  it("sets new and changed tags, removes user tags the program dropped, never touches reserved ones", () => {
    const current = { [CLUSTER_TAG]: "c1", "acs:rm:rgId": "rg-1", team: "a", old: "x", same: "y" };
    assert.deepEqual(tagChanges({ team: "b", same: "y", tier: "1" }, current), {
      set: { team: "b", tier: "1" },
      remove: ["old"],
    });
    assert.deepEqual(userTags(current), { team: "a", old: "x", same: "y" });
  });
  it("removes every user tag for an empty set, and nothing for a matching one", () => {
    assert.deepEqual(tagChanges({}, { [CLUSTER_TAG]: "c1", team: "a" }), { set: {}, remove: ["team"] });
    assert.deepEqual(tagChanges({ team: "a" }, { team: "a" }), { set: {}, remove: [] });
  });
});

describe("EIP changes", () => {
  it("binds a named EIP, unbinding the one bound before", () => {
    assert.deepEqual(eipChanges({ apiServerEipId: "eip-new" }, { ...LB, apiServerEipId: "eip-old" }), [
      { endpoint: "apiServer", eipId: undefined, bound: "eip-old" },
      { endpoint: "apiServer", eipId: "eip-new", bound: "" },
    ]);
    assert.deepEqual(eipChanges({ pilotEipId: "eip-p" }, LB), [{ endpoint: "pilot", eipId: "eip-p", bound: "" }]);
  });
  it("unbinds the API server's EIP for apiServerPublicEip false, keeps it for true", () => {
    const bound = { ...LB, apiServerEipId: "eip-asm" };
    assert.deepEqual(eipChanges({ apiServerPublicEip: false }, bound), [
      { endpoint: "apiServer", eipId: undefined, bound: "eip-asm" },
    ]);
    assert.deepEqual(eipChanges({ apiServerPublicEip: true }, bound), []);
    assert.deepEqual(eipChanges(undefined, bound), []);
  });
  it("knows when a public API server endpoint cannot be had in place", () => {
    assert.match(missingApiServerEip({ apiServerPublicEip: true }, LB) ?? "", /apiServerEipId/);
    assert.equal(missingApiServerEip({ apiServerPublicEip: true }, { ...LB, apiServerEipId: "eip-1" }), undefined);
    assert.equal(missingApiServerEip({ apiServerPublicEip: true, apiServerEipId: "eip-1" }, LB), undefined);
  });
});
