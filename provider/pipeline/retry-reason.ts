import { firstIncompleteStep } from "../conditions/condition";
import { RETRY_AT_ANNOTATION } from "../kube/names";
import type { CheckedInputs, MeshStatus, StoredOutputs } from "../model/types";

/**
 * Why this pass is a retry, or undefined: the `retry-at` annotation set with kubectl since the last pass
 * acted on it, a new `retryAt` input, or a step an earlier pass (or a refresh) left unfinished.
 */
export function retryReason(
  status: MeshStatus,
  inputs: CheckedInputs,
  prior: StoredOutputs | undefined,
  annotation: string | undefined,
): string | undefined {
  if (
    annotation !== undefined &&
    annotation !== (prior?.handledRetryAt ?? inputs.retryAt) &&
    annotation !== inputs.retryAt
  ) {
    return `retry requested by the ${RETRY_AT_ANNOTATION} annotation (${annotation})`;
  }
  if (inputs.retryAt !== undefined && inputs.retryAt !== prior?.retryAt)
    return `retry requested by retryAt (${inputs.retryAt})`;
  // The CR's status, else state's: a refresh records there what it found undone (the cluster left the mesh).
  const unfinished = firstIncompleteStep(status.conditions) ?? firstIncompleteStep(prior?.status?.conditions ?? []);
  if (unfinished) return `resuming at ${unfinished.type} after: ${unfinished.message || unfinished.reason}`;
  return undefined;
}
