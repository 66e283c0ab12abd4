// Integration: faults during in-place updates (edition upgrade, rename, meshConfig) through the real
// clients, the emulator and a real kube-apiserver behind a pausable proxy. Each case creates its resource
// without faults, arms one fault, runs the update, and checks the outcome and that nothing is lost.
import {
  afterAction,
  clusterIdFor,
  describeFaultMatrix,
  fault,
  recoverableFaults,
  repairMeshes,
  type FaultCase,
} from "../support/fault-matrix-kit";

const UPGRADE = { clusterSpec: "Enterprise" };
const TRACING = { meshConfig: { tracing: { enabled: true, sampling: 50 }, outboundTrafficPolicy: "REGISTRY_ONLY" } };
const RENAME = { name: "renamed" }; // made unique per case below

const CASES: FaultCase[] = [
  // Edition upgrade: UpdateMeshFeature(ClusterSpec), then DescribeServiceMeshDetail polls.
  ...recoverableFaults(
    "update",
    "MeshConfigApplied (upgrade)",
    "UpdateMeshFeature",
    { code: "ServiceUnavailable", status: 503 },
    { change: UPGRADE },
  ),
  {
    op: "update",
    step: "MeshConfigApplied (upgrade)",
    fault: "500 InternalError ×3 on DescribeServiceMeshDetail",
    change: UPGRADE,
    inject: fault({ action: "DescribeServiceMeshDetail", code: "InternalError", status: 500, times: 3 }),
    expect: { converges: true },
  },
  {
    op: "update",
    step: "all steps (upgrade)",
    fault: "account QPS limit 2/s",
    change: UPGRADE,
    inject: ({ h }) => h.emulator.setQpsLimit(2),
    expect: { converges: true },
  },
  {
    op: "update",
    step: "MeshConfigApplied (upgrade)",
    fault: "mesh ends failed",
    change: UPGRADE,
    inject: fault({ meshEndState: "failed" }),
    expect: {
      fails: "MeshConfigApplied",
      message: /MeshState\.failed: the update operation of service mesh \S+ failed: injected fault/,
      repair: ({ h }) => repairMeshes(h),
    },
  },
  {
    op: "update",
    step: "MeshConfigApplied (upgrade)",
    fault: "503 ServiceUnavailable until the deadline on UpdateMeshFeature",
    change: UPGRADE,
    timeouts: { update: "4s" },
    inject: fault({
      action: "UpdateMeshFeature",
      code: "ServiceUnavailable",
      status: 503,
      message: "The service is temporarily unavailable.",
      times: 1_000,
    }),
    expect: {
      fails: "MeshConfigApplied",
      message: /cannot update the features of mesh \S+: ServiceUnavailable: The service is temporarily unavailable\./,
    },
  },

  // Rename: ModifyServiceMeshName.
  ...recoverableFaults(
    "update",
    "MeshConfigApplied (rename)",
    "ModifyServiceMeshName",
    { code: "InternalError", status: 500 },
    { change: RENAME },
  ),
  {
    op: "update",
    step: "MeshConfigApplied (rename)",
    fault: "terminal 400 NameAlreadyExist on ModifyServiceMeshName",
    change: RENAME,
    inject: fault({
      action: "ModifyServiceMeshName",
      code: "NameAlreadyExist",
      status: 400,
      message: "A service mesh with this name already exists in the region.",
    }),
    expect: {
      fails: "MeshConfigApplied",
      message:
        /cannot rename mesh \S+ to renamed-\S+: NameAlreadyExist: A service mesh with this name already exists in the region\./,
    },
  },

  // meshConfig: UpdateMeshFeature with the changed fields only.
  {
    op: "update",
    step: "MeshConfigApplied (meshConfig)",
    fault: "slow response (1.5 s) on UpdateMeshFeature",
    change: TRACING,
    inject: fault({ action: "UpdateMeshFeature", delayMs: 1_500 }),
    expect: { converges: true },
  },
  {
    op: "update",
    step: "MeshConfigApplied (meshConfig)",
    fault: "Throttling.User ×2 on UpdateMeshFeature",
    change: TRACING,
    inject: fault({ action: "UpdateMeshFeature", code: "Throttling.User", status: 400, times: 2 }),
    expect: { converges: true },
  },
  {
    op: "update",
    step: "MeshConfigApplied (meshConfig)",
    fault: "terminal 400 InvalidParameter on UpdateMeshFeature",
    change: TRACING,
    inject: fault({
      action: "UpdateMeshFeature",
      code: "InvalidParameter",
      status: 400,
      message: "The specified parameter TraceSampling is invalid.",
    }),
    expect: {
      fails: "MeshConfigApplied",
      message:
        /cannot update the features of mesh \S+: InvalidParameter: The specified parameter TraceSampling is invalid\./,
    },
  },
  {
    op: "update",
    step: "MeshConfigApplied (meshConfig)",
    fault: "kube-apiserver unreachable for 2.5 s",
    change: TRACING,
    inject: ({ h, proxy }) => afterAction(h.emulator, "UpdateMeshFeature", () => proxy.outage(2_500)),
    expect: { converges: true },
  },

  // The re-verification an update runs first.
  {
    op: "update",
    step: "PreChecked",
    fault: "terminal 403 Forbidden.RAM on DescribeServiceMeshes",
    change: UPGRADE,
    inject: fault({
      action: "DescribeServiceMeshes",
      code: "Forbidden.RAM",
      status: 403,
      message: "User not authorized to operate on the specified resource.",
    }),
    expect: {
      fails: "PreChecked",
      message: /cannot list meshes: Forbidden\.RAM: User not authorized to operate on the specified resource\./,
    },
  },
  {
    op: "update",
    step: "ClusterEnrolled",
    fault: "503 ×2 on DescribeClustersInServiceMesh",
    change: UPGRADE,
    inject: fault({ action: "DescribeClustersInServiceMesh", code: "ServiceUnavailable", status: 503, times: 2 }),
    expect: { converges: true },
  },
  {
    op: "update",
    step: "PreChecked",
    fault: "kube-apiserver unreachable for 2.5 s from the start",
    change: TRACING,
    inject: ({ proxy }) => proxy.outage(2_500),
    expect: { converges: true },
  },
];

CASES.forEach((c, i) => {
  if (c.change === RENAME) c.change = { name: `renamed-${clusterIdFor("fu", i)}` };
});

describeFaultMatrix("fault matrix: update", "fu", CASES);
