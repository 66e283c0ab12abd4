// `pulumi import` in the core (provider/lifecycle/import.ts): a live mesh read into inputs and outputs
// that a program keeping it as it is previews against with no change, with no write call.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../provider/lifecycle/check";
import { diff } from "../../provider/lifecycle/diff";
import { importMesh, isImport } from "../../provider/lifecycle/import";
import { CLUSTER_TAG, OWNER_TAG } from "../../provider/model/ownership";
import { world } from "../support/fakes";

const SETTINGS = { protocol: "HTTPS" as const, region: "cn-hangzhou" };
const IDENTITY = { resourceName: "mesh", resourceUrn: "urn:pulumi:dev::p::asm-servicemesh:index:ServiceMesh::mesh" };
const conditions = (props: Record<string, unknown>) =>
  (props["status"] as { conditions: { type: string; status: string }[] }).conditions.map(
    (c) => `${c.type}=${c.status}`,
  );

describe("import of a live mesh", () => {
  it("is a read with no state; a refresh always has the recorded cluster, and a reference says it is one", () => {
    assert.equal(isImport({ ...IDENTITY }), true);
    assert.equal(isImport({ clusterId: "c1", serviceMeshId: "m1" }), false);
    assert.equal(isImport({ reference: true }), false);
  });

  it("gives the inputs a program states to keep the mesh, and outputs it previews against unchanged", async () => {
    const w = world();
    const mesh = w.asm.seed({
      name: "console",
      clusterSpec: "enterprise",
      clusters: ["c1"],
      tags: { team: "a", [CLUSTER_TAG]: "x" },
    });
    const imported = await importMesh(mesh.id, IDENTITY, SETTINGS, w.deps);
    assert.equal(imported.id, mesh.id, "the id stays the one given");
    assert.deepEqual(imported.inputs, {
      clusterId: "c1",
      meshId: mesh.id,
      clusterSpec: "Enterprise",
      deletionPolicy: "Retain",
      tags: { team: "a" },
    });
    assert.deepEqual(conditions(imported.props), [
      "PreChecked=True",
      "ServiceMeshAvailable=True",
      "ClusterEnrolled=True",
      "MeshConfigApplied=True",
    ]);
    assert.equal(imported.props["ready"], true);

    // The generated program, checked against the imported inputs, then diffed against the outputs.
    const program = { ...imported.inputs, ...IDENTITY, owner: "p/dev/mesh" };
    const checked = check(imported.inputs, program, SETTINGS);
    assert.deepEqual(checked.failures, []);
    assert.equal(checked.inputs["owner"], undefined, "an imported mesh is nobody's in particular");
    assert.deepEqual(diff(imported.props, checked.inputs), { replaces: [], deleteBeforeReplace: true });
  });

  it("names the cluster of a mesh with none or several, and leaves its enrollment to the next up", async () => {
    const w = world();
    const empty = w.asm.seed({ name: "empty", clusters: [] });
    await assert.rejects(
      importMesh(empty.id, IDENTITY, SETTINGS, w.deps),
      new RegExp(
        `mesh ${empty.id} holds no cluster: name the ACK cluster this resource manages, as ${empty.id}/<clusterId>`,
      ),
    );
    const shared = w.asm.seed({ name: "shared", clusters: ["c1", "c2"], tags: { [OWNER_TAG]: "q/s/r" } });
    await assert.rejects(importMesh(shared.id, IDENTITY, SETTINGS, w.deps), /holds clusters c1, c2/);
    const named = await importMesh(`${empty.id}/c9`, IDENTITY, SETTINGS, w.deps);
    assert.equal(named.inputs["clusterId"], "c9");
    assert.deepEqual(conditions(named.props).slice(2, 3), ["ClusterEnrolled=Unknown"]);
    assert.equal(diff(named.props, { ...named.inputs, ...IDENTITY }).changes, true, "the next up enrolls it");
  });

  it("refuses an id that names no mesh, or is not one", async () => {
    const w = world();
    await assert.rejects(
      importMesh("nosuch", IDENTITY, SETTINGS, w.deps),
      /there is no ASM mesh nosuch in this account and region; nothing was imported/,
    );
    await assert.rejects(
      importMesh("a/b/c", IDENTITY, SETTINGS, w.deps),
      /id "a\/b\/c" is not <meshId>, or <meshId>\/<clusterId>/,
    );
  });
});
