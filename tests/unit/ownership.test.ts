/**
 * Ownership: a mesh (and a CR) belongs to the resource that created it. Two resources for one cluster
 * never share one, a re-run of the same resource still finds its own, and a destroy removes only what
 * the resource made. Over the stateful fakes; the race between two real provider processes is in
 * tests/integration/ownership-race.test.ts.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../provider/lifecycle/check";
import { create } from "../../provider/lifecycle/create";
import { deleteServiceMesh } from "../../provider/lifecycle/delete";
import { CLUSTER_TAG, describeOwner, otherOwner, ownerOf, OWNER_TAG } from "../../provider/model/ownership";
import type { Desired } from "../../provider/model/desired";
import type { Mesh } from "../../provider/deps";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import type { Settings } from "../../provider/settings";
import { ensureMeshAvailable } from "../../provider/steps/ensure-mesh-available";
import { preCheck } from "../../provider/steps/pre-check";
import { OWNER_ANNOTATION } from "../../provider/kube/names";
import { precheckedFacts, world, type World } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };
const MINE = "shop/prod/mesh";
const THEIRS = "payments/prod/mesh";
const desired = (overrides: Partial<Desired> = {}): Desired => ({
  clusterId: "c1234",
  owner: MINE,
  deletionPolicy: "Delete",
  ...overrides,
});
const facts = precheckedFacts;
const mesh = (overrides: Partial<Mesh>): Mesh => ({
  source: "list",
  id: "m1",
  name: "mesh-for-c1234",
  state: "running",
  clusterSpec: "standard",
  clusters: [],
  regionId: "cn-hangzhou",
  version: "v1.24.6.1-g0f8b2c4e-aliyun",
  meshConfig: {},
  ...overrides,
});
/** A mesh another resource created for the cluster, with the cluster enrolled. */
const theirs = (w: World) =>
  w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"], tags: { [CLUSTER_TAG]: "c1234", [OWNER_TAG]: THEIRS } });

describe("the owner value", () => {
  it("is project/stack/resource, fitted to a tag value with a hash when longer", () => {
    assert.equal(ownerOf(MINE), MINE);
    const long = `p/s/${"r".repeat(200)}`;
    const fitted = ownerOf(long);
    assert.equal(fitted.length, 128);
    assert.notEqual(fitted, ownerOf(`${long}x`), "two long names stay apart");
    assert.match(fitted, /^p\/s\/r+~[0-9a-f]{12}$/);
  });

  it("names the stack and the resource in messages", () => {
    assert.equal(describeOwner("shop/prod/a/b"), "resource a/b of stack shop/prod");
  });

  it("is another resource's only when that resource manages this cluster in the mesh", () => {
    const tags = { [OWNER_TAG]: THEIRS };
    assert.equal(otherOwner(mesh({ tags: { ...tags, [CLUSTER_TAG]: "c1234" } }), MINE, "c1234"), THEIRS);
    assert.equal(otherOwner(mesh({ tags, clusters: ["c1234"] }), MINE, "c1234"), THEIRS);
    assert.equal(otherOwner(mesh({ tags, clusters: ["c1234"] }), undefined, "c1234"), THEIRS, "unowned resource");
    assert.equal(otherOwner(mesh({ tags: { [OWNER_TAG]: MINE, [CLUSTER_TAG]: "c1234" } }), MINE, "c1234"), undefined);
    assert.equal(otherOwner(mesh({ tags: { ...tags, [CLUSTER_TAG]: "cother" } }), MINE, "c1234"), undefined);
    assert.equal(
      otherOwner(mesh({ tags: { [CLUSTER_TAG]: "c1234" } }), MINE, "c1234"),
      undefined,
      "made by a version without owners",
    );
  });
});

describe("check fixes the owner when the resource is created", () => {
  it("takes the shell's owner for a new resource and keeps the first one after", () => {
    const created = check({}, { clusterId: "c1234", owner: MINE }, settings).inputs;
    assert.equal(created["owner"], MINE);
    // The stack was renamed since: the resource is still the one that created its mesh.
    const later = check(created, { clusterId: "c1234", owner: "shop/renamed/mesh" }, settings).inputs;
    assert.equal(later["owner"], MINE);
  });

  it("gives none to a resource recorded before owners (no change shows in its preview)", () => {
    const legacy = { clusterId: "c1234", deletionPolicy: "Retain", name: "mesh-for-c1234" };
    const { inputs } = check(legacy, { clusterId: "c1234", owner: MINE }, settings);
    assert.equal("owner" in inputs, false);
  });
});

describe("creating a mesh", () => {
  it("tags it with its owner in the creation request itself", async () => {
    const w = world();
    await ensureMeshAvailable(w.ctx, desired(), facts());
    const [created] = w.asm.meshesNamed("mesh-for-c1234");
    assert.deepEqual(created?.tags, { [CLUSTER_TAG]: "c1234", [OWNER_TAG]: MINE });
  });

  it("takes its own mesh from a crashed run, found by name or by the cluster tag", async () => {
    const w = world();
    const own = w.asm.seed({ name: "old-name", tags: { [CLUSTER_TAG]: "c1234", [OWNER_TAG]: MINE } });
    const result = await ensureMeshAvailable(w.ctx, desired({ name: "new-name" }), facts({ meshName: "new-name" }));
    assert.deepEqual([result.condition.status, result.learned?.meshId, w.asm.meshes.size], ["True", own.id, 1]);
  });

  it("refuses another resource's mesh for this cluster, learning nothing", async () => {
    const w = world();
    const other = theirs(w);
    const result = await ensureMeshAvailable(w.ctx, desired(), facts());
    assert.equal(result.condition.status, "False");
    assert.equal(
      result.condition.message,
      `mesh ${other.id} (mesh-for-c1234) belongs to resource mesh of stack payments/prod, which manages ACK cluster c1234 in it; two resources cannot manage one cluster's mesh: use that resource's outputs instead, or destroy it first`,
    );
    assert.equal(result.learned?.meshId, undefined);
  });

  it("loses a creation race to another resource without taking the winner's mesh", async () => {
    // GIVEN another resource creates the mesh of our name for our cluster just before our create lands
    const w = world();
    w.asm.concurrentCreator = { tags: { [CLUSTER_TAG]: "c1234", [OWNER_TAG]: THEIRS } };
    // WHEN the step runs
    const result = await ensureMeshAvailable(w.ctx, desired(), facts());
    // THEN it fails naming the winner, and records no mesh
    assert.equal(result.condition.status, "False");
    assert.match(result.condition.message, /belongs to resource mesh of stack payments\/prod/);
    assert.equal(result.learned?.meshId, undefined);
    assert.equal(w.asm.meshes.size, 1);
  });

  it("joins a race won by a parallel run of itself", async () => {
    const w = world();
    w.asm.concurrentCreator = { tags: { [CLUSTER_TAG]: "c1234", [OWNER_TAG]: MINE } };
    const result = await ensureMeshAvailable(w.ctx, desired(), facts());
    assert.deepEqual(
      [result.condition.status, result.learned?.meshId],
      ["True", w.asm.meshesNamed("mesh-for-c1234")[0]?.id],
    );
  });

  it("is refused already at PreChecked (so at preview), by name and by meshId", async () => {
    const w = world();
    const other = theirs(w);
    for (const d of [desired(), desired({ meshId: other.id })]) {
      const result = await preCheck(w.ctx, d, {});
      assert.equal(result.condition.status, "False");
      assert.match(result.condition.message, /belongs to resource mesh of stack payments\/prod/);
      assert.equal(result.blame, d.meshId ? "meshId" : "clusterId");
    }
  });
});

describe("destroying a resource that does not own its mesh", () => {
  it("leaves another resource's mesh and enrollment alone and removes only its own CR", async () => {
    // GIVEN state from before owners that recorded the winner's mesh (the race the issue reports)
    const w = world();
    const other = theirs(w);
    await w.crCluster.applyCr({ clusterId: "c1234", owner: MINE, deletionPolicy: "Delete" });
    // WHEN the loser is destroyed with deletionPolicy Delete
    await deleteServiceMesh(
      { clusterId: "c1234", owner: MINE, serviceMeshId: other.id, deletionPolicy: "Delete" },
      settings,
      w.deps,
    );
    // THEN the winner's mesh still serves the cluster; the loser's CR is gone
    assert.deepEqual([...(w.asm.meshes.get(other.id)?.clusters.keys() ?? [])], ["c1234"]);
    assert.equal(w.crCluster.cr, undefined);
  });

  it("neither writes to nor deletes another resource's CR at the same location", async () => {
    const w = world();
    await w.crCluster.applyCr({ clusterId: "c1234", owner: THEIRS, deletionPolicy: "Retain" });
    await deleteServiceMesh({ clusterId: "c1234", owner: MINE, deletionPolicy: "Delete" }, settings, w.deps);
    assert.equal(w.crCluster.cr?.annotations[OWNER_ANNOTATION], THEIRS);
    assert.equal(w.crCluster.cr?.status, undefined);
  });

  it("releases its own mesh when the policy keeps it, so a later resource may join it", async () => {
    const w = world();
    const own = w.asm.seed({
      name: "mesh-for-c1234",
      clusters: ["c1234"],
      tags: { [CLUSTER_TAG]: "c1234", [OWNER_TAG]: MINE, team: "a" },
    });
    await deleteServiceMesh(
      { clusterId: "c1234", owner: MINE, serviceMeshId: own.id, deletionPolicy: "Retain" },
      settings,
      w.deps,
    );
    assert.deepEqual(own.tags, { [CLUSTER_TAG]: "c1234", team: "a" });
    assert.deepEqual([...own.clusters.keys()], []);
  });
});

describe("creating a resource where another's CR is", () => {
  it("fails before writing anything, naming the CR and its owner, and records nothing", async () => {
    const w = world();
    await w.crCluster.applyCr({ clusterId: "c1234", owner: THEIRS, deletionPolicy: "Retain" });
    const { inputs } = check({}, { clusterId: "c1234", owner: MINE }, settings);
    const failure = await create(inputs, settings, w.deps).then(
      () => assert.fail("create went on"),
      (e: unknown) => e as Error,
    );
    assert.equal(failure instanceof PartialFailure, false, "no partial state: nothing of this resource exists");
    assert.equal(
      failure.message,
      "ServiceMesh c1234: the ServiceMesh custom resource istio-system/mesh belongs to resource mesh of stack payments/prod; set customResourceNamespace and customResourceName to give this resource its own",
    );
    assert.equal(w.asm.meshes.size, 0);
    assert.equal(w.crCluster.cr?.annotations[OWNER_ANNOTATION], THEIRS);
  });
});
