import { defaultMeshName } from "../spec/editions";
import type { Settings } from "../settings";
import type { CheckedInputs } from "../spec/types";
import { isUnknown } from "../spec/unknown";
import { validateEditionRegion, validateFields, validateNoDowngrade, type CheckFailure } from "../spec/validate";

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/**
 * Validates and defaults the inputs at preview time. Returns failures (property + reason with the
 * allowed values), never throws; unknown values (preview of a cluster made in the same program) pass
 * untouched. Defaults: name `mesh-for-${clusterId}` (unless joining by meshId) and deletionPolicy Retain.
 * clusterSpec is not defaulted here: a joined mesh keeps its edition, and a new one gets the region's
 * default at PreChecked (reported in the outputs).
 */
export function check(olds: Record<string, unknown>, news: Record<string, unknown>, settings: Settings): CheckResult {
  try {
    const failures = validateFields(news);
    if (failures.length > 0) return { inputs: news, failures };

    const inputs: Record<string, unknown> = { ...news };
    inputs["deletionPolicy"] ??= "Retain";
    const clusterId = inputs["clusterId"];
    if (
      inputs["name"] === undefined &&
      inputs["meshId"] === undefined &&
      typeof clusterId === "string" &&
      !isUnknown(clusterId)
    ) {
      inputs["name"] = defaultMeshName(clusterId);
    }
    const region = inputs["region"] ?? settings.region;
    return {
      inputs,
      failures: [
        ...validateEditionRegion(inputs["clusterSpec"], region),
        ...validateNoDowngrade(olds["clusterSpec"], inputs["clusterSpec"]),
      ],
    };
  } catch (e) {
    // Validation is total by construction; this only guards the "never throws" promise.
    return {
      inputs: news,
      failures: [{ property: "clusterId", reason: `inputs could not be checked: ${(e as Error).message}` }],
    };
  }
}

export function asCheckedInputs(props: Record<string, unknown>): CheckedInputs {
  return { deletionPolicy: "Retain", ...(props as unknown as Partial<CheckedInputs>) } as CheckedInputs;
}
