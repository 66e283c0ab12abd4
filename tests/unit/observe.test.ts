/** managementPolicy Observe over the stateful fakes: it reads and reports, and changes nothing. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../provider/lifecycle/check";
import { create } from "../../provider/lifecycle/create";
import { deleteServiceMesh } from "../../provider/lifecycle/delete";
import { diff } from "../../provider/lifecycle/diff";
import { needsPreflight } from "../../provider/lifecycle/preflight";
import { read } from "../../provider/lifecycle/read";
import type { Settings } from "../../provider/settings";
import { world, type World } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };
/** A mesh made in the console, serving the cluster, under a name of its own. */
const consoleMesh = (w: World) => w.asm.seed({ name: "made-in-console", clusters: ["c1234"], tags: { team: "a" } });
const observe = (w: World, news: Record<string, unknown>) =>
  create(check({}, { clusterId: "c1234", managementPolicy: "Observe", ...news }, settings).inputs, settings, w.deps);

describe("managementPolicy Observe", () => {
  it("reports the mesh serving the cluster and where the program differs, changing nothing", async () => {
    const w = world();
    const mesh = consoleMesh(w);
    const before = structuredClone([...w.asm.meshes.values()]);
    const { outs } = await observe(w, { clusterSpec: "Enterprise", tags: { team: "b" } });
    assert.deepEqual(structuredClone([...w.asm.meshes.values()]), before, "no mesh changed or made");
    assert.equal(w.crCluster.cr, undefined, "no CR written");
    assert.deepEqual(
      [outs.serviceMeshId, outs.serviceMeshName, outs.clusterSpec, outs.clusters, outs.ready],
      [mesh.id, "made-in-console", "Standard", ["c1234"], true],
    );
    assert.deepEqual(outs.drift, [
      "mesh name: expected mesh-for-c1234, found made-in-console",
      "mesh edition: expected Enterprise, found Standard",
      'tags: expected {"team":"b"}, found {"team":"a"}',
    ]);
    assert.deepEqual(
      outs.status.conditions.map((c) => `${c.type}=${c.status}`),
      ["ServiceMeshAvailable=True", "ClusterEnrolled=True"],
    );
  });

  it("fails when there is no mesh to observe, naming what it looked for", async () => {
    const w = world();
    await assert.rejects(
      observe(w, {}),
      /managementPolicy Observe, but there is no mesh to observe \(looked for a mesh named mesh-for-c1234 or serving ACK cluster c1234\)/,
    );
    assert.equal(w.asm.meshes.size, 0);
  });

  it("refreshes without recording the cloud's values as the program's", async () => {
    const w = world();
    consoleMesh(w);
    const { outs } = await observe(w, { tags: { team: "b" } });
    const seen = await read("c1234", outs as never, w.deps);
    assert.deepEqual(seen.inputs?.["tags"], { team: "b" });
    assert.deepEqual(seen.props?.["drift"], [
      "mesh name: expected mesh-for-c1234, found made-in-console",
      'tags: expected {"team":"b"}, found {"team":"a"}',
    ]);
  });

  it("is destroyed without touching the mesh or the enrollment, whatever the deletion policy", async () => {
    const w = world();
    const mesh = consoleMesh(w);
    const { outs } = await observe(w, { deletionPolicy: "Delete" });
    await deleteServiceMesh(outs as never, settings, w.deps);
    assert.deepEqual([w.asm.meshes.has(mesh.id), [...mesh.clusters.keys()]], [true, ["c1234"]]);
  });

  it("switches to full management in place, checked at preview like a new resource", () => {
    const olds = { clusterId: "c1234", managementPolicy: "Observe", serviceMeshId: "m1" };
    const news = { clusterId: "c1234", managementPolicy: "Full" };
    assert.deepEqual(diff(olds, news).replaces, []);
    assert.equal(needsPreflight({ clusterId: "c1234", managementPolicy: "Observe" }, news), true);
    assert.equal(needsPreflight({}, { clusterId: "c1234", managementPolicy: "Observe" }), false);
  });

  it("accepts only Full and Observe", () => {
    const { failures } = check({}, { clusterId: "c1234", managementPolicy: "Skip" }, settings);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["managementPolicy"],
    );
    assert.match(failures[0]!.reason, /Full, Observe/);
  });
});
