// Integration: every fault the emulator offers, at every step of create, through the real Alibaba
// clients and the real Kubernetes client (behind a TCP proxy that can make the apiserver unreachable).
// Proves retry-or-fail per fault kind, the failed step's condition and partial state, and that the cloud
// and the cluster always match what Pulumi state would hold. The read timeout (30 s) is measured once in
// fault-matrix-timeout.test.ts.
import {
  afterAction,
  describeFaultMatrix,
  fault,
  recoverableFaults,
  repairMeshes,
  type FaultCase,
  type MatrixRun,
} from "../support/fault-matrix-kit";
import type { MeshHarness } from "../support/mesh-harness";

const OUTAGE_MS = 2_500;
const joined = (i: number) => `fm-join-${i}`;

/** Create cases; `MeshConfigApplied` ones join a pre-seeded Standard mesh by name and upgrade it, so the step has work. */
const CASES: FaultCase[] = [
  // PreChecked: DescribeServiceMeshes (activation probe), DescribeClusterDetail (ACK), the pod count (kube).
  {
    op: "create",
    step: "PreChecked",
    fault: "Throttling.User ×3 on DescribeServiceMeshes",
    inject: fault({
      action: "DescribeServiceMeshes",
      code: "Throttling.User",
      status: 400,
      message: "Request was denied due to user flow control.",
      times: 3,
    }),
    expect: { converges: true },
  },
  {
    op: "create",
    step: "PreChecked",
    fault: "500 InternalError ×2 on DescribeClusterDetail",
    inject: fault({ action: "DescribeClusterDetail", code: "InternalError", status: 500, times: 2 }),
    expect: { converges: true },
  },
  {
    op: "create",
    step: "PreChecked",
    fault: "dropped connection ×2 on DescribeServiceMeshes",
    inject: fault({ action: "DescribeServiceMeshes", dropConnection: true, times: 2 }),
    expect: { converges: true },
  },
  {
    op: "create",
    step: "PreChecked",
    fault: "slow response (1.5 s, under the read timeout) on DescribeClusterDetail",
    inject: fault({ action: "DescribeClusterDetail", delayMs: 1_500 }),
    expect: { converges: true },
  },
  {
    op: "create",
    step: "PreChecked",
    fault: "503 ServiceUnavailable until the deadline on DescribeClusterDetail",
    timeouts: { create: "4s" },
    inject: fault({
      action: "DescribeClusterDetail",
      code: "ServiceUnavailable",
      status: 503,
      message: "The service is temporarily unavailable.",
      times: 1_000,
    }),
    expect: {
      fails: "PreChecked",
      message: /cannot read ACK cluster \S+: ServiceUnavailable: The service is temporarily unavailable\./,
    },
  },
  {
    op: "create",
    step: "PreChecked",
    fault: "terminal 403 Forbidden.RAM on DescribeClusterDetail",
    inject: fault({
      action: "DescribeClusterDetail",
      code: "Forbidden.RAM",
      status: 403,
      message: "User not authorized to operate on the specified resource.",
    }),
    expect: {
      fails: "PreChecked",
      message:
        /cannot read ACK cluster \S+: Forbidden\.RAM: User not authorized to operate on the specified resource\./,
    },
  },
  {
    op: "create",
    step: "PreChecked",
    fault: "kube-apiserver unreachable for 2.5 s (pod count)",
    inject: ({ h, proxy }) => afterAction(h.emulator, "DescribeClusterDetail", () => proxy.outage(OUTAGE_MS)),
    expect: { converges: true },
  },
  {
    op: "create",
    step: "all steps",
    fault: "account QPS limit 3/s (Throttling.User + x-acs-retry-after)",
    inject: ({ h }) => h.emulator.setQpsLimit(3),
    expect: { converges: true },
  },

  // ServiceMeshAvailable: CreateServiceMesh, then DescribeServiceMeshDetail polls.
  ...recoverableFaults("create", "ServiceMeshAvailable", "CreateServiceMesh", {
    code: "ServiceUnavailable",
    status: 503,
  }),
  {
    op: "create",
    step: "ServiceMeshAvailable",
    fault: "500 InternalError ×3 on DescribeServiceMeshDetail",
    inject: fault({ action: "DescribeServiceMeshDetail", code: "InternalError", status: 500, times: 3 }),
    expect: { converges: true },
  },
  {
    op: "create",
    step: "ServiceMeshAvailable",
    fault: "500 InternalError until the deadline on CreateServiceMesh",
    timeouts: { create: "4s" },
    inject: fault({
      action: "CreateServiceMesh",
      code: "InternalError",
      status: 500,
      message: "The request processing has failed due to some unknown error.",
      times: 1_000,
    }),
    expect: {
      fails: "ServiceMeshAvailable",
      message:
        /cannot create mesh mesh-for-\S+: InternalError: The request processing has failed due to some unknown error\./,
    },
  },
  {
    op: "create",
    step: "ServiceMeshAvailable",
    fault: "mesh ends failed",
    inject: fault({ meshEndState: "failed" }),
    expect: {
      fails: "ServiceMeshAvailable",
      reason: "Unavailable",
      message:
        /mesh \S+ is unavailable: MeshState\.failed: the create operation of service mesh \S+ failed: injected fault/,
      repair: ({ h }) => repairMeshes(h),
    },
  },
  {
    op: "create",
    step: "ServiceMeshAvailable",
    fault: "mesh ends create_timeout",
    inject: fault({ meshEndState: "create_timeout" }),
    expect: {
      fails: "ServiceMeshAvailable",
      reason: "Unavailable",
      message: /MeshState\.create_timeout: the create operation of service mesh \S+ timed out/,
      repair: ({ h }) => repairMeshes(h),
    },
  },
  {
    op: "create",
    step: "ServiceMeshAvailable",
    fault: "kube-apiserver unreachable for 2.5 s (status writes while waiting)",
    inject: ({ h, proxy }) => afterAction(h.emulator, "CreateServiceMesh", () => proxy.outage(OUTAGE_MS)),
    expect: { converges: true },
  },

  // ClusterEnrolled: DescribeClustersInServiceMesh, AddClusterIntoServiceMesh, then polls.
  ...recoverableFaults("create", "ClusterEnrolled", "AddClusterIntoServiceMesh", {
    code: "ServiceUnavailable",
    status: 503,
  }),
  {
    op: "create",
    step: "ClusterEnrolled",
    fault: "slow response (1.5 s) on DescribeClustersInServiceMesh",
    inject: fault({ action: "DescribeClustersInServiceMesh", delayMs: 1_500 }),
    expect: { converges: true },
  },
  {
    op: "create",
    step: "ClusterEnrolled",
    fault: "enrollment fails (enrollFails)",
    inject: fault({
      enrollFails: { code: "ErrorEnrollCluster", message: "the cluster's API server is unreachable from the mesh" },
    }),
    expect: {
      fails: "ClusterEnrolled",
      message: /ErrorEnrollCluster: the cluster's API server is unreachable from the mesh/,
    },
  },
  {
    op: "create",
    step: "ClusterEnrolled",
    fault: "terminal 400 ErrorPermitted.ClusterNotRunning on AddClusterIntoServiceMesh",
    inject: fault({
      action: "AddClusterIntoServiceMesh",
      code: "ErrorPermitted.ClusterNotRunning",
      status: 400,
      message: "The cluster is upgrading; only a running cluster can be added.",
    }),
    expect: {
      fails: "ClusterEnrolled",
      message:
        /cannot enroll cluster \S+ into mesh \S+: ErrorPermitted\.ClusterNotRunning: The cluster is upgrading; only a running cluster can be added\./,
    },
  },
  {
    op: "create",
    step: "ClusterEnrolled",
    fault: "mesh ends failed during enrollment",
    inject: ({ h }) =>
      afterAction(h.emulator, "CreateServiceMesh", () => h.emulator.injectFault({ meshEndState: "failed" })),
    expect: {
      fails: "ClusterEnrolled",
      message: /MeshState\.failed: the enroll operation of service mesh \S+ failed: injected fault/,
      repair: ({ h }) => repairMeshes(h),
    },
  },
  {
    op: "create",
    step: "ClusterEnrolled",
    fault: "kube-apiserver unreachable for 2.5 s",
    inject: ({ h, proxy }) => afterAction(h.emulator, "AddClusterIntoServiceMesh", () => proxy.outage(OUTAGE_MS)),
    expect: { converges: true },
  },

  // MeshConfigApplied: UpdateMeshFeature (edition upgrade of the joined mesh), polls, the final CR writes.
  ...(
    [
      {
        fault: "Throttling.User ×2 on UpdateMeshFeature",
        inject: fault({ action: "UpdateMeshFeature", code: "Throttling.User", status: 400, times: 2 }),
        expect: { converges: true },
      },
      {
        fault: "500 InternalError ×2 on UpdateMeshFeature",
        inject: fault({ action: "UpdateMeshFeature", code: "InternalError", status: 500, times: 2 }),
        expect: { converges: true },
      },
      {
        fault: "dropped connection on UpdateMeshFeature",
        inject: fault({ action: "UpdateMeshFeature", dropConnection: true }),
        expect: { converges: true },
      },
      {
        fault: "terminal 400 InvalidParameter.ClusterSpec on UpdateMeshFeature",
        inject: fault({
          action: "UpdateMeshFeature",
          code: "InvalidParameter.ClusterSpec",
          status: 400,
          message: "The specified ClusterSpec cannot be changed now.",
        }),
        expect: {
          fails: "MeshConfigApplied",
          message:
            /cannot update the features of mesh \S+: InvalidParameter\.ClusterSpec: The specified ClusterSpec cannot be changed now\./,
        },
      },
      {
        fault: "mesh ends failed while applying",
        inject: ({ h }: { h: MeshHarness }) =>
          afterAction(h.emulator, "AddClusterIntoServiceMesh", () =>
            h.emulator.injectFault({ meshEndState: "failed" }),
          ),
        expect: {
          fails: "MeshConfigApplied",
          message: /MeshState\.failed: the update operation of service mesh \S+ failed: injected fault/,
          repair: ({ h }: { h: MeshHarness }) => repairMeshes(h),
        },
      },
      {
        fault: "kube-apiserver unreachable for 2.5 s",
        inject: ({ h, proxy }: { h: MeshHarness; proxy: MatrixRun["proxy"] }) =>
          afterAction(h.emulator, "UpdateMeshFeature", () => proxy.outage(OUTAGE_MS)),
        expect: { converges: true },
      },
      {
        fault: "kube-apiserver unreachable past the deadline",
        timeouts: { create: "5s" },
        inject: ({ h, proxy }: { h: MeshHarness; proxy: MatrixRun["proxy"] }) =>
          afterAction(h.emulator, "UpdateMeshFeature", () => proxy.outage(7_000)),
        expect: { fails: "MeshConfigApplied", message: /Kubernetes\.\S+/, statusUnwritten: true },
      },
    ] as Omit<FaultCase, "op" | "step">[]
  ).map((c) => ({ ...c, op: "create" as const, step: "MeshConfigApplied" })),
];

// Every MeshConfigApplied case joins its own Standard mesh by name and upgrades it to Enterprise.
CASES.forEach((c, i) => {
  if (c.step === "MeshConfigApplied") {
    c.seedMesh = { name: joined(i), clusterSpec: "standard" };
    c.args = { ...c.args, name: joined(i), clusterSpec: "Enterprise" };
  }
});

describeFaultMatrix("fault matrix: create", "fc", CASES);
