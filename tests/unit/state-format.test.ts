import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deleteServiceMesh } from "../../provider/lifecycle/delete";
import { fromStored, STATE_FORMAT } from "../../provider/model/state-format";
import type { Settings } from "../../provider/settings";
import { check } from "../../provider/lifecycle/check";
import { create } from "../../provider/lifecycle/create";
import { world } from "../support/fakes";

const settings: Settings = { protocol: "HTTPS" };

describe("the state format marker", () => {
  it("is written with every output", async () => {
    const w = world();
    const { outs } = await create(check({}, { clusterId: "c1234" }, settings).inputs, settings, w.deps);
    assert.equal(outs.stateFormat, STATE_FORMAT);
  });

  it("reads 0.1.0's outputs (no marker) as this format, and older ones without the inputs record", () => {
    const released = { clusterId: "c1", serviceMeshId: "m1", inputs: { clusterId: "c1", deletionPolicy: "Retain" } };
    assert.deepEqual(fromStored(released), { ...released, stateFormat: STATE_FORMAT });
    const older = fromStored({ clusterId: "c1", serviceMeshId: "m1", deletionPolicy: "Delete" });
    assert.deepEqual([older.inputs.clusterId, older.inputs.deletionPolicy], ["c1", "Delete"]);
  });

  it("refuses state written by a newer version before anything is done with it", async () => {
    const w = world();
    const mesh = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    const newer = {
      clusterId: "c1234",
      serviceMeshId: mesh.id,
      deletionPolicy: "Delete",
      stateFormat: STATE_FORMAT + 1,
    };
    await assert.rejects(
      deleteServiceMesh(newer, settings, w.deps),
      new RegExp(
        `state has format ${STATE_FORMAT + 1}, written by a newer pulumi-asm-servicemesh; this version reads formats 0 to ${STATE_FORMAT}: upgrade the package`,
      ),
    );
    assert.deepEqual([...mesh.clusters.keys()], ["c1234"], "nothing removed");
  });
});
