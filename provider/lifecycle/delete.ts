import type { Deps } from "../deps";
import { toDesired } from "../model/desired";
import { fromStored } from "../model/state-format";
import { isReference } from "./read-reference";
import { teardownPass } from "../pipeline/teardown";
import type { Settings } from "../settings";
import { asCheckedInputs } from "./check";

/**
 * `pulumi destroy` (and the delete half of a replacement): the teardown steps over what state recorded.
 * State is the source of truth for the deletion policy; the CR's annotation only mirrors it.
 */
export async function deleteServiceMesh(props: Record<string, unknown>, settings: Settings, deps: Deps): Promise<void> {
  // The engine never deletes a resource it only read; should it ask, a reference still removes nothing.
  if (isReference(props)) return;
  const outs = fromStored(props);
  await teardownPass(toDesired(asCheckedInputs(props), settings), outs.serviceMeshId, deps);
}
