import type { Deps } from "../deps";
import { toDesired } from "../model/desired";
import type { StoredOutputs } from "../model/types";
import { applyPass } from "../pipeline/apply";
import type { Settings } from "../settings";
import { asCheckedInputs } from "./check";

/** `pulumi up` of a new resource: the apply steps from nothing. The resource id is the cluster id. */
export async function create(
  props: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<{ id: string; outs: StoredOutputs }> {
  const inputs = asCheckedInputs(props);
  const outs = await applyPass({ props, inputs, desired: toDesired(inputs, settings), deps });
  return { id: inputs.clusterId, outs };
}
