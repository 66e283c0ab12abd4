/** The seed's condition types, in the order the reconcile steps run. */
export const STEP_CONDITIONS = ["PreChecked", "ServiceMeshAvailable", "ClusterEnrolled", "MeshConfigApplied"] as const;
export type StepConditionType = (typeof STEP_CONDITIONS)[number];
export type ConditionType = StepConditionType | "Retried" | "ServiceMeshDeleted";

/** The seed's machine-readable reasons. */
export type Reason =
  "Reconciling" | "Succeeded" | "Failed" | "Available" | "Unavailable" | "Passed" | "WaitSteady" | "Retried";

/** The reason each step reports when it succeeds (seed table "Expected reason"). */
export const SUCCESS_REASON: Record<StepConditionType, Reason> = {
  PreChecked: "Passed",
  ServiceMeshAvailable: "Available",
  ClusterEnrolled: "Succeeded",
  MeshConfigApplied: "Succeeded",
};

/** The conditions a step of a step list reports: the four apply steps, and ServiceMeshDeleted for teardown. */
export type StepReportType = StepConditionType | "ServiceMeshDeleted";

/** Where each type sits in `status.conditions`: the steps in order, then Retried, then deletion. */
export const CONDITION_ORDER: readonly ConditionType[] = [...STEP_CONDITIONS, "Retried", "ServiceMeshDeleted"];
