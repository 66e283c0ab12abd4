import type { Deps } from "../deps";
import type { Settings } from "../settings";
import type { ServiceMeshOutputs } from "../spec/types";
import { asCheckedInputs } from "./check";
import { toDesired } from "./desired";
import { reconcile } from "./reconcile";

/** `pulumi up` of a new resource: the four steps from nothing. The resource id is the cluster id. */
export async function create(
  props: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<{ id: string; outs: ServiceMeshOutputs }> {
  const inputs = asCheckedInputs(props);
  const outs = await reconcile({ props, inputs, desired: toDesired(inputs, settings), deps });
  return { id: inputs.clusterId, outs };
}
