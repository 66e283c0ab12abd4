import type { Settings } from "../settings";
import type { CheckedInputs } from "../spec/types";
import type { Desired } from "../steps/context";

/** What the steps aim for: the checked inputs, with the region from settings when not set. */
export function toDesired(inputs: CheckedInputs, settings: Settings): Desired {
  return {
    clusterId: inputs.clusterId,
    meshId: inputs.meshId || undefined,
    name: inputs.name || undefined,
    clusterSpec: inputs.clusterSpec,
    region: inputs.region ?? settings.region,
    deletionPolicy: inputs.deletionPolicy ?? "Retain",
    meshConfig: inputs.meshConfig,
  };
}
