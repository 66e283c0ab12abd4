/**
 * The bench prints Terraform's schedule beside ours; these pin it to what the alicloud provider's source
 * does: the initial delay, then refreshes 3, 6, 10, 10 … s apart, until the first one after the work ends.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { terraformCreate, terraformDelete, terraformRefreshes, terraformUpdate } from "../bench/terraform-schedule";

describe("Terraform's schedule, for the bench", () => {
  it("refreshes at the delay, then 3, 6, 10, 10 … s apart, until one sees the work done", () => {
    assert.deepEqual(terraformRefreshes(60_000, 60_000), [60_000]);
    assert.deepEqual(terraformRefreshes(60_000, 80_000), [60_000, 63_000, 69_000, 79_000, 89_000]);
    assert.deepEqual(terraformRefreshes(5_000, 30_000), [5_000, 8_000, 14_000, 24_000, 34_000]);
  });

  it("notices a 30 s provisioning no sooner than its 60 s delay", () => {
    assert.equal(terraformCreate(30_000, 30_000).overheadMs, 30_000 + 4_000);
  });

  it("counts a create at 60 s / 30 s: 1 + 5 refreshes, the calls, and the read-back (one more detail)", () => {
    const create = terraformCreate(60_000, 30_000);
    assert.equal(create.overheadMs, 4_000);
    assert.equal(create.calls, 1 + 1 + 5 + 1 + 4);
    assert.equal(
      create.detail,
      "CreateServiceMesh×1, DescribeServiceMeshDetail×7, AddClusterIntoServiceMesh×1, " +
        "DescribeKialiConfiguration×1, ListTagResources×1, DescribeServiceMeshKubeconfig×1",
    );
  });

  it("sleeps 30 s after an update that takes 20 s, and waits out both halves of a delete", () => {
    assert.deepEqual([terraformUpdate(20_000).overheadMs, terraformUpdate(20_000).calls], [10_000, 6]);
    const del = terraformDelete(30_000, 30_000);
    assert.deepEqual([del.overheadMs, del.calls], [4_000 + 30_000, 2 + 5 + 1]);
  });
});
