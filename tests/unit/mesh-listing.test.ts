/**
 * The account's listing, shared by the resources of a process: reused while young unless this process
 * wrote to something the reader decides on since it began; and what each write touches.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { touchedBy } from "../../provider/cloud/asm-wire";
import { MeshListing } from "../../provider/cloud/mesh-listing";
import type { Mesh } from "../../provider/deps";
import { CLUSTER_TAG } from "../../provider/model/ownership";
import { FakeClock } from "../support/fake-clock";

const mesh = (id: string, name: string, clusters: string[] = []): Mesh => ({
  source: "list",
  id,
  name,
  state: "running",
  clusterSpec: "enterprise",
  clusters,
  regionId: "cn-hangzhou",
  version: "1.22",
  meshConfig: {},
});

/** A cloud whose listing is counted, answered when `release` is called (or at once). */
function cloud(meshes: Mesh[]) {
  let reads = 0;
  let pending: (() => void) | undefined;
  return {
    get reads() {
      return reads;
    },
    read:
      (held = false) =>
      async () => {
        reads++;
        if (held) await new Promise<void>((r) => (pending = r));
        return meshes;
      },
    release: () => pending?.(),
  };
}

/** A reader that decides on cluster c1 and whichever meshes hold it. */
const c1Reader = (maxAgeMs = 5_000) => ({
  maxAgeMs,
  concerns: (meshes: readonly Mesh[]) => [
    "cluster:c1",
    ...meshes.filter((m) => m.clusters.includes("c1")).map((m) => `mesh:${m.id}`),
  ],
});

describe("MeshListing", () => {
  it("shares a listing in flight, and one a few seconds old, with readers that accept it", async () => {
    const clock = new FakeClock();
    const c = cloud([mesh("m1", "a", ["c1"])]);
    const listing = new MeshListing(clock);
    const first = listing.get(c.read(true), c1Reader());
    const second = listing.get(c.read(), c1Reader());
    c.release();
    assert.deepEqual(await first, await second);
    clock.advance(4_000);
    await listing.get(c.read(), c1Reader());
    assert.equal(c.reads, 1);
    clock.advance(2_000);
    await listing.get(c.read(), c1Reader());
    assert.equal(c.reads, 2, "older than the reader accepts: a new listing");
  });

  it("reads again for a reader whose concerns this process wrote to since the listing began", async () => {
    const clock = new FakeClock();
    const c = cloud([mesh("m1", "a", ["c1"]), mesh("m2", "b", ["c2"])]);
    const listing = new MeshListing(clock);
    await listing.get(c.read(), c1Reader());
    listing.wrote(["mesh:m2", "cluster:c2"]); // another resource's enrollment
    await listing.get(c.read(), c1Reader());
    assert.equal(c.reads, 1, "nothing c1's reader decides on changed");
    listing.wrote(["mesh:m1"]); // the mesh holding c1
    await listing.get(c.read(), c1Reader());
    assert.equal(c.reads, 2);
  });

  it("gives a reader that names no concerns only a listing in flight that no write since could have changed", async () => {
    const clock = new FakeClock();
    const c = cloud([]);
    const listing = new MeshListing(clock);
    const inFlight = listing.get(c.read(true));
    const shared = listing.get(c.read());
    listing.wrote(["mesh:m9"]);
    const after = listing.get(c.read());
    c.release();
    await Promise.all([inFlight, shared, after]);
    assert.equal(c.reads, 2, "the one asked after the write read again; the one asked before did not");
    await listing.get(c.read());
    assert.equal(c.reads, 3, "an answered listing is not reused without a maxAgeMs");
  });

  it("shares a failure with the readers waiting on it, and never reuses it", async () => {
    const clock = new FakeClock();
    const listing = new MeshListing(clock);
    let reads = 0;
    const failing = async () => {
      reads++;
      throw new Error("ServiceNotActivated");
    };
    await assert.rejects(listing.get(failing, c1Reader()));
    await assert.rejects(listing.get(failing, c1Reader()));
    assert.equal(reads, 2);
  });
});

describe("touchedBy", () => {
  it("names the mesh, the cluster and the name a write's parameters carry", () => {
    assert.deepEqual(touchedBy({ ServiceMeshId: "m1", ClusterId: "c1" }), ["mesh:m1", "cluster:c1"]);
    assert.deepEqual(touchedBy({ ServiceMeshId: "m1", Name: "renamed" }), ["mesh:m1", "name:renamed"]);
  });

  it("names the cluster of the ownership tag on a creation, not the user's tags", () => {
    const params = { Name: "mesh-for-c1", "Tag.1.Key": "team", "Tag.1.Value": "x", "Tag.2.Key": CLUSTER_TAG };
    assert.deepEqual(touchedBy({ ...params, "Tag.2.Value": "c1" }), ["name:mesh-for-c1", "cluster:c1"]);
  });

  it("counts a write that names nothing as touching everything", async () => {
    assert.deepEqual(touchedBy({ RegionId: "cn-hangzhou" }), []);
    assert.deepEqual(touchedBy({ RegionId: "cn-hangzhou", ResourceType: "servicemesh", "ResourceId.1": "m9" }), [
      "mesh:m9",
    ]);
    const clock = new FakeClock();
    const c = cloud([]);
    const listing = new MeshListing(clock);
    await listing.get(c.read(), c1Reader());
    listing.wrote(touchedBy({ RegionId: "cn-hangzhou" }));
    await listing.get(c.read(), c1Reader());
    assert.equal(c.reads, 2);
  });
});
