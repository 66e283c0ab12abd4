// Integration: faults during delete (remove the cluster, delete the mesh, delete the CR) through the real
// clients, the emulator and a real kube-apiserver behind a pausable proxy. A delete either completes
// (mesh gone with deletionPolicy Delete, CR gone) or fails with ServiceMeshDeleted=False naming the cloud's
// code and message while everything stays as state records it; a second delete then completes.
import {
  afterAction,
  describeFaultMatrix,
  fault,
  recoverableFaults,
  repairMeshes,
  type FaultCase,
} from "../support/fault-matrix-kit";

const CASES: FaultCase[] = [
  // Remove the cluster: RemoveClusterFromServiceMesh, then DescribeServiceMeshDetail polls.
  ...recoverableFaults("delete", "remove cluster", "RemoveClusterFromServiceMesh", {
    code: "ServiceUnavailable",
    status: 503,
  }),
  {
    op: "delete",
    step: "remove cluster",
    fault: "slow response (1.5 s) on RemoveClusterFromServiceMesh",
    inject: fault({ action: "RemoveClusterFromServiceMesh", delayMs: 1_500 }),
    expect: { converges: true },
  },
  {
    op: "delete",
    step: "remove cluster",
    fault: "removal blocked: terminal 400 ErrorPermitted.ClustersNotEmpty",
    inject: fault({
      action: "RemoveClusterFromServiceMesh",
      code: "ErrorPermitted.ClustersNotEmpty",
      status: 400,
      message: "The cluster still has sidecar-injected workloads.",
    }),
    expect: {
      fails: "ServiceMeshDeleted",
      message:
        /cannot remove cluster \S+ from mesh \S+: ErrorPermitted\.ClustersNotEmpty: The cluster still has sidecar-injected workloads\./,
    },
  },
  {
    // The remove operation ends `failed` with the cluster still listed: the wait should stop at once with ASM's message.
    op: "delete",
    step: "remove cluster",
    fault: "mesh ends failed while removing",
    timeouts: { delete: "8s" },
    inject: fault({ meshEndState: "failed" }),
    expect: {
      fails: "ServiceMeshDeleted",
      message: /MeshState\.failed: the remove operation of service mesh \S+ failed: injected fault/,
      repair: ({ h }) => repairMeshes(h),
    },
  },
  {
    op: "delete",
    step: "all steps",
    fault: "account QPS limit 2/s",
    inject: ({ h }) => h.emulator.setQpsLimit(2),
    expect: { converges: true },
  },

  // Delete the mesh (deletionPolicy Delete): DeleteServiceMesh, then polls until not found.
  ...recoverableFaults("delete", "delete mesh", "DeleteServiceMesh", { code: "InternalError", status: 500 }),
  {
    op: "delete",
    step: "delete mesh",
    fault: "503 ServiceUnavailable until the deadline on DeleteServiceMesh",
    timeouts: { delete: "4s" },
    inject: fault({
      action: "DeleteServiceMesh",
      code: "ServiceUnavailable",
      status: 503,
      message: "The service is temporarily unavailable.",
      times: 1_000,
    }),
    expect: {
      fails: "ServiceMeshDeleted",
      message: /cannot delete mesh \S+: ServiceUnavailable: The service is temporarily unavailable\./,
    },
  },
  {
    // The mesh ends `failed` instead of going away: the wait should stop at once with ASM's message.
    op: "delete",
    step: "delete mesh",
    fault: "mesh ends failed while deleting",
    timeouts: { delete: "8s" },
    inject: ({ h }) =>
      afterAction(h.emulator, "RemoveClusterFromServiceMesh", () => h.emulator.injectFault({ meshEndState: "failed" })),
    expect: {
      fails: "ServiceMeshDeleted",
      message: /the delete operation of service mesh \S+ failed: injected fault/,
      repair: ({ h }) => repairMeshes(h),
    },
  },

  // Delete the CR: the kube-apiserver is unreachable for a while.
  {
    op: "delete",
    step: "remove CR",
    fault: "kube-apiserver unreachable for 2.5 s",
    inject: ({ h, proxy }) => afterAction(h.emulator, "DeleteServiceMesh", () => proxy.outage(2_500)),
    expect: { converges: true },
  },
  {
    op: "delete",
    step: "check usage",
    fault: "kube-apiserver unreachable for 2.5 s from the start",
    inject: ({ proxy }) => proxy.outage(2_500),
    expect: { converges: true },
  },
];

describeFaultMatrix("fault matrix: delete", "fd", CASES);
