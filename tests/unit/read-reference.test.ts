import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deleteServiceMesh } from "../../provider/lifecycle/delete";
import { read } from "../../provider/lifecycle/read";
import { CLUSTER_TAG, OWNER_TAG } from "../../provider/model/ownership";
import { world } from "../support/fakes";

const conditions = (props: Record<string, unknown> | undefined) =>
  ((props?.["status"] as { conditions: { type: string; status: string; reason: string }[] }).conditions ?? []).map(
    (c) => `${c.type}=${c.status}/${c.reason}`,
  );

describe("a reference (ServiceMesh.get)", () => {
  it("is read by mesh id: outputs from the cloud, user tags only, the conditions the mesh shows", async () => {
    const w = world();
    const mesh = w.asm.seed({
      name: "shared",
      clusterSpec: "enterprise",
      clusters: ["c1", "c2"],
      tags: { team: "a", [CLUSTER_TAG]: "c1", [OWNER_TAG]: "p/s/r" },
    });
    const { id, props } = await read(mesh.id, { reference: true }, w.deps);
    assert.equal(id, mesh.id);
    assert.deepEqual(
      [props?.["serviceMeshId"], props?.["clusterSpec"], props?.["clusters"], props?.["tags"], props?.["clusterId"]],
      [mesh.id, "Enterprise", ["c1", "c2"], { team: "a" }, ""],
    );
    assert.deepEqual(conditions(props), ["ServiceMeshAvailable=True/Available"]);
    assert.deepEqual([props?.["ready"], props?.["reference"], props?.["deletionPolicy"]], [true, true, "Retain"]);
  });

  it("is read by the id of the cluster the mesh serves, reporting that cluster's enrollment", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "shared", clusters: ["c1"], state: "upgrading" });
    const { props } = await read("c1", { reference: true }, w.deps);
    assert.deepEqual([props?.["serviceMeshId"], props?.["clusterId"]], [mesh.id, "c1"]);
    assert.deepEqual(conditions(props), ["ServiceMeshAvailable=Unknown/WaitSteady", "ClusterEnrolled=True/Succeeded"]);
    assert.equal(props?.["ready"], false);
  });

  it("fails for an id that names no mesh and no served cluster", async () => {
    const w = world();
    await assert.rejects(
      read("cnone", { reference: true }, w.deps),
      /ServiceMesh.get: no ASM mesh has id cnone, and no mesh serves an ACK cluster cnone/,
    );
  });

  it("is never deleted by the provider, whatever its outputs say", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "shared", clusters: ["c1"] });
    const { props } = await read(mesh.id, { reference: true }, w.deps);
    await deleteServiceMesh({ ...props, deletionPolicy: "Delete" }, { protocol: "HTTPS" }, w.deps);
    assert.deepEqual([w.asm.meshes.has(mesh.id), [...mesh.clusters.keys()]], [true, ["c1"]]);
  });
});
