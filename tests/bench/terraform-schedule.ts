/**
 * What Terraform's alicloud provider (`alicloud_service_mesh_service_mesh`) would do for the same work,
 * computed from its source for the bench to print beside ours: every wait is a StateChangeConf with
 * MinTimeout 3 s and a fixed initial Delay per operation (60 s after CreateServiceMesh and
 * DeleteServiceMesh, 30 s after UpdateMeshFeature, 5 s after adding or removing a cluster); refreshes
 * come at Delay, then after gaps of 3, 6, 10, 10 … s (terraform-plugin-sdk `WaitForState`: the gap
 * doubles from 100 ms, is raised to MinTimeout and capped at 10 s). Each refresh is one
 * DescribeServiceMeshDetail. After create and update, Terraform reads the resource back:
 * DescribeServiceMeshDetail, DescribeKialiConfiguration, ListTagResources, DescribeServiceMeshKubeconfig.
 */

/** Initial delays before the first refresh, from the resource's source. */
export const TERRAFORM_DELAY_MS = { create: 60_000, update: 30_000, enroll: 5_000, remove: 5_000, delete: 60_000 };
const MIN_TIMEOUT_MS = 3_000;
const MAX_GAP_MS = 10_000;
/** The calls of the read that follows a create or an update. */
const READ_BACK = [
  "DescribeServiceMeshDetail",
  "DescribeKialiConfiguration",
  "ListTagResources",
  "DescribeServiceMeshKubeconfig",
];

/** The times (from the call) of the refreshes of one wait, until the first at or after `doneAtMs`. */
export function terraformRefreshes(delayMs: number, doneAtMs: number): number[] {
  const times: number[] = [];
  let t = delayMs;
  let gap = 0;
  for (;;) {
    t += gap;
    times.push(t);
    if (t >= doneAtMs) return times;
    gap = Math.min(MAX_GAP_MS, Math.max(MIN_TIMEOUT_MS, (gap || 100) * 2));
  }
}

export interface TerraformEstimate {
  /** Time the waits add beyond the cloud's own: how late each wait notices. */
  overheadMs: number;
  calls: number;
  /** Calls by action, as the bench prints ours. */
  detail: string;
}

/** One wait after a call: how many refreshes, and how late the last one is. */
function waitOf(delayMs: number, tookMs: number) {
  const refreshes = terraformRefreshes(delayMs, tookMs);
  return { refreshes: refreshes.length, lateMs: (refreshes.at(-1) ?? 0) - tookMs };
}

function estimate(parts: { action: string; count: number }[], lateMs: number): TerraformEstimate {
  const counts = new Map<string, number>();
  for (const p of parts) counts.set(p.action, (counts.get(p.action) ?? 0) + p.count);
  const calls = [...counts.values()].reduce((a, b) => a + b, 0);
  return { overheadMs: lateMs, calls, detail: [...counts].map(([a, n]) => `${a}×${n}`).join(", ") };
}

/** Create a mesh and attach one cluster (Terraform attaches `cluster_ids` in the update after create). */
export function terraformCreate(provisionMs: number, enrollMs: number): TerraformEstimate {
  const p = waitOf(TERRAFORM_DELAY_MS.create, provisionMs);
  const e = waitOf(TERRAFORM_DELAY_MS.enroll, enrollMs);
  return estimate(
    [
      { action: "CreateServiceMesh", count: 1 },
      { action: "DescribeServiceMeshDetail", count: p.refreshes + e.refreshes },
      { action: "AddClusterIntoServiceMesh", count: 1 },
      ...READ_BACK.map((action) => ({ action, count: 1 })),
    ],
    p.lateMs + e.lateMs,
  );
}

/** An edition upgrade through UpdateMeshFeature. */
export function terraformUpdate(updateMs: number): TerraformEstimate {
  const u = waitOf(TERRAFORM_DELAY_MS.update, updateMs);
  return estimate(
    [
      { action: "UpdateMeshFeature", count: 1 },
      { action: "DescribeServiceMeshDetail", count: u.refreshes },
      ...READ_BACK.map((action) => ({ action, count: 1 })),
    ],
    u.lateMs,
  );
}

/**
 * Remove the cluster, then delete the mesh (Terraform's delete alone fails while a cluster is attached:
 * its user empties `cluster_ids` first, an update, then destroys).
 */
export function terraformDelete(removeMs: number, deleteMs: number): TerraformEstimate {
  const r = waitOf(TERRAFORM_DELAY_MS.remove, removeMs);
  const d = waitOf(TERRAFORM_DELAY_MS.delete, deleteMs);
  return estimate(
    [
      { action: "RemoveClusterFromServiceMesh", count: 1 },
      { action: "DescribeServiceMeshDetail", count: r.refreshes + d.refreshes },
      { action: "DeleteServiceMesh", count: 1 },
    ],
    r.lateMs + d.lateMs,
  );
}
