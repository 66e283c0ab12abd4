import type { StoredInputs, StoredOutputs } from "./types";
import { INPUT_KEYS } from "./validate";

/**
 * The shape of the outputs this version stores, recorded in them as `stateFormat`, so that a later
 * version knows what it reads and migrates it here, in one place. Format 0 (no marker) is what 0.1.0
 * wrote: this format without the marker, or, in state older still, without the `inputs` record.
 * (Owners are not part of the format: a resource recorded without one keeps none; see `check`.)
 */
export const STATE_FORMAT = 1;

/**
 * Stored outputs of any format this version knows, brought to `STATE_FORMAT`. State written by a newer
 * version is refused, naming both formats, before anything is read or changed with it.
 */
export function fromStored(props: Record<string, unknown>): StoredOutputs {
  const outs = props as Partial<StoredOutputs> & Record<string, unknown>;
  const format = outs.stateFormat ?? 0;
  if (!Number.isInteger(format) || format < 0 || format > STATE_FORMAT) {
    throw new Error(
      `this resource's state has format ${String(format)}, written by a newer pulumi-asm-servicemesh; this version reads formats 0 to ${STATE_FORMAT}: upgrade the package`,
    );
  }
  return { ...outs, inputs: outs.inputs ?? legacyInputs(outs), stateFormat: STATE_FORMAT } as StoredOutputs;
}

/** State from before inputs were kept apart: the input keys of the outputs. */
function legacyInputs(outs: Record<string, unknown>): StoredInputs {
  return Object.fromEntries(INPUT_KEYS.map((key) => [key, outs[key]])) as StoredInputs;
}
