/** adopt: true over the stateful fakes: the live mesh is compared with the program before anything is written. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../provider/lifecycle/check";
import { create } from "../../provider/lifecycle/create";
import { validateAdopt } from "../../provider/model/validate-adopt";
import type { Settings } from "../../provider/settings";
import { world, type World } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };
const consoleMesh = (w: World, clusters = ["c1234"]) =>
  w.asm.seed({ name: "made-in-console", clusters, tags: { team: "a" }, vpcId: "vpc-1", vSwitchIds: ["vsw-1"] });
const adopt = (w: World, meshId: string, news: Record<string, unknown> = {}) =>
  create(check({}, { clusterId: "c1234", meshId, adopt: true, ...news }, settings).inputs, settings, w.deps);

describe("adopt", () => {
  it("needs meshId and full management, and only on a new resource", () => {
    assert.deepEqual(validateAdopt({ adopt: true }, true), [
      { property: "adopt", reason: "adopt needs meshId: the id of the existing mesh to take over" },
    ]);
    assert.equal(validateAdopt({ adopt: true, meshId: "m1", managementPolicy: "Observe" }, true)[0]?.property, "adopt");
    assert.deepEqual(validateAdopt({ adopt: true, meshId: "m1" }, true), []);
    assert.deepEqual(validateAdopt({ adopt: true }, false), [], "an existing resource has adopted already");
    assert.deepEqual(validateAdopt({ adopt: false }, true), []);
    assert.equal(check({}, { clusterId: "c1234", adopt: "yes" }, settings).failures[0]?.property, "adopt");
  });

  it("refuses, naming every differing field, and changes nothing", async () => {
    const w = world();
    const mesh = consoleMesh(w);
    const before = structuredClone([...w.asm.meshes.values()]);
    await assert.rejects(
      adopt(w, mesh.id, { name: "other", clusterSpec: "Enterprise", tags: { team: "b" }, vpcId: "vpc-2" }),
      (e: Error) => {
        assert.match(e.message, /adopt refused, nothing was changed or recorded/);
        assert.match(e.message, /differs from the program in name, clusterSpec, tags, vpcId:/);
        assert.match(e.message, /VPC: expected vpc-2, found vpc-1/);
        return true;
      },
    );
    assert.deepEqual(structuredClone([...w.asm.meshes.values()]), before);
    assert.equal(w.crCluster.cr, undefined, "no CR");
  });

  it("takes a matching mesh as it is, writing only the CR", async () => {
    const w = world();
    const mesh = consoleMesh(w);
    const before = structuredClone([...w.asm.meshes.values()]);
    const { outs } = await adopt(w, mesh.id, { name: "made-in-console", tags: { team: "a" } });
    assert.deepEqual(structuredClone([...w.asm.meshes.values()]), before, "the mesh is as it was");
    assert.deepEqual([outs.serviceMeshId, outs.ready], [mesh.id, true]);
    assert.equal(w.crCluster.cr?.status?.serviceMeshId, mesh.id);
  });

  it("leaves a cluster the mesh does not hold to the next up", async () => {
    const w = world();
    const mesh = consoleMesh(w, []);
    const { outs } = await adopt(w, mesh.id);
    assert.deepEqual([...w.asm.meshes.get(mesh.id)!.clusters.keys()], [], "not enrolled by the adopting up");
    assert.equal(outs.ready, false, "so the next preview shows an update");
    assert.deepEqual(
      outs.status.conditions.map((c) => `${c.type}=${c.status}`),
      ["PreChecked=True", "ServiceMeshAvailable=True"],
    );
  });

  it("fails on an id that names no mesh, with nothing made", async () => {
    const w = world();
    await assert.rejects(adopt(w, "nosuchmesh"), /adopt: there is no mesh nosuchmesh \(meshId\)/);
    assert.equal(w.asm.meshes.size, 0);
  });
});
