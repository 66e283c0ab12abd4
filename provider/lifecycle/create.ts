import type { Deps } from "../deps";
import { toDesired } from "../model/desired";
import type { StoredOutputs } from "../model/types";
import { applyPass } from "../pipeline/apply";
import { adoptPass } from "../pipeline/adopt";
import { observePass } from "../pipeline/observe";
import type { Settings } from "../settings";
import { asCheckedInputs } from "./check";

/**
 * `pulumi up` of a new resource: the apply steps from nothing (with managementPolicy Observe, only a
 * look at the mesh; with adopt, the apply steps once the live mesh is found to match the program). The
 * resource id is the cluster id.
 */
export async function create(
  props: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<{ id: string; outs: StoredOutputs }> {
  const inputs = asCheckedInputs(props);
  const desired = toDesired(inputs, settings);
  const pass = desired.managementPolicy === "Observe" ? observePass : inputs.adopt ? adoptPass : applyPass;
  const outs = await pass({ props, inputs, desired, deps });
  return { id: inputs.clusterId, outs };
}
