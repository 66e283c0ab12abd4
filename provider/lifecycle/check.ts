import { deepEqual } from "../model/deep-equal";
import { configuredRegion } from "../model/desired";
import { defaultMeshName } from "../model/editions";
import { ownerOf } from "../model/ownership";
import type { CheckedInputs } from "../model/types";
import { isUnknown } from "../model/unknown";
import {
  validateEditionRegion,
  validateFields,
  validateIstioVersion,
  validateLoadBalancer,
  validateNoDowngrade,
  type CheckFailure,
} from "../model/validate";
import { validateAdopt } from "../model/validate-adopt";
import type { Settings } from "../settings";
import { REPLACE_ON_CHANGE } from "./diff";

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

    const { owner: _named, ...given } = news;
    const inputs: Record<string, unknown> = { ...given, ...ownerInput(olds, news) };
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
    const region = configuredRegion(inputs as { region?: string }, settings);
    return {
      inputs,
      failures: [
        ...validateAdopt(inputs, Object.keys(olds).length === 0),
        ...validateEditionRegion(inputs["clusterSpec"], region),
        ...validateNoDowngrade(olds["clusterSpec"], inputs["clusterSpec"]),
        ...validateIstioVersion(olds["istioVersion"], inputs["istioVersion"]),
        // For a mesh that exists and stays (not a new resource, not a replacement).
        ...validateLoadBalancer(
          keepsMesh(olds, inputs) ? ((olds["loadBalancer"] ?? {}) as Record<string, unknown>) : undefined,
          inputs["loadBalancer"],
        ),
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

/**
 * The owner is fixed when the resource is created: a stack or project renamed later does not make the
 * resource a stranger to its own mesh. A resource from before owners were recorded stays without one
 * (giving it one now would show as a change on every such resource); a shell that names none (a
 * program driving the provider directly) gets none.
 */
function ownerInput(olds: Record<string, unknown>, news: Record<string, unknown>): { owner?: string } {
  const existing = Object.keys(olds).length > 0;
  const owner = existing ? olds["owner"] : news["owner"];
  return typeof owner === "string" && owner !== "" ? { owner: ownerOf(owner) } : {};
}

/** The old inputs name a mesh the new ones keep: the resource exists and is not being replaced. */
function keepsMesh(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  return Object.keys(olds).length > 0 && REPLACE_ON_CHANGE.every((key) => deepEqual(olds[key], news[key]));
}

/** Properties the engine passes to create/update/delete, read as checked inputs (deletionPolicy defaulted). */
export function asCheckedInputs(props: Record<string, unknown>): CheckedInputs {
  return { deletionPolicy: "Retain", ...(props as unknown as Partial<CheckedInputs>) } as CheckedInputs;
}
