import type { Condition, ConditionStatus } from "../model/types";
import {
  CONDITION_ORDER,
  STEP_CONDITIONS,
  SUCCESS_REASON,
  type ConditionType,
  type Reason,
  type StepReportType,
} from "./vocabulary";

/** A condition as a step reports it; time and generation are stamped when it is set on a status. */
export interface ConditionUpdate {
  type: ConditionType;
  status: ConditionStatus;
  reason: Reason;
  message: string;
}

/** A step's condition when it holds: the seed's success reason, Succeeded for teardown. */
export const succeeded = (type: StepReportType, message = ""): ConditionUpdate => ({
  type,
  status: "True",
  reason: type === "ServiceMeshDeleted" ? "Succeeded" : SUCCESS_REASON[type],
  message,
});

export const reconciling = (type: ConditionType, message = ""): ConditionUpdate => ({
  type,
  status: "Unknown",
  reason: "Reconciling",
  message,
});

export const waitSteady = (type: ConditionType, message: string): ConditionUpdate => ({
  type,
  status: "Unknown",
  reason: "WaitSteady",
  message,
});

export const failed = (type: ConditionType, message: string, reason: Reason = "Failed"): ConditionUpdate => ({
  type,
  status: "False",
  reason,
  message,
});

export const retried = (message: string): ConditionUpdate => ({
  type: "Retried",
  status: "True",
  reason: "Retried",
  message,
});

/**
 * Sets a condition on a list, Kubernetes-style: `lastTransitionTime` moves only when `status` changes,
 * and the list stays in the seed's order. Returns a new list; the input is not modified.
 */
export function setCondition(
  conditions: readonly Condition[],
  update: ConditionUpdate,
  now: Date,
  observedGeneration: number,
): Condition[] {
  const previous = conditions.find((c) => c.type === update.type);
  const lastTransitionTime =
    previous && previous.status === update.status ? previous.lastTransitionTime : formatTime(now);
  const next: Condition = { ...update, lastTransitionTime, observedGeneration };
  const others = conditions.filter((c) => c.type !== update.type);
  return sortConditions([...others, next]);
}

/** The first step whose condition is not True, or undefined when all four are. */
export function firstIncompleteStep(conditions: readonly Condition[]): Condition | undefined {
  return conditions.find((c) => isStepCondition(c.type) && c.status !== "True");
}

/** The resource is ready when all four step conditions are True (the seed: "a healthy instance"). */
export function allStepsTrue(conditions: readonly Condition[]): boolean {
  return STEP_CONDITIONS.every((type) => conditions.find((c) => c.type === type)?.status === "True");
}

function isStepCondition(type: string): boolean {
  return (STEP_CONDITIONS as readonly string[]).includes(type);
}

function sortConditions(conditions: Condition[]): Condition[] {
  const rank = (c: Condition) => {
    const i = CONDITION_ORDER.indexOf(c.type as ConditionType);
    return i === -1 ? CONDITION_ORDER.length : i;
  };
  return conditions.sort((a, b) => rank(a) - rank(b));
}

/** metav1.Time: RFC 3339 in UTC with second precision, as in the seed sample ("2026-01-09T02:25:19Z"). */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
