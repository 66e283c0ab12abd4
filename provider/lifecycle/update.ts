import type { Deps } from "../deps";
import { toDesired } from "../model/desired";
import { fromStored } from "../model/state-format";
import type { StoredOutputs } from "../model/types";
import { applyPass } from "../pipeline/apply";
import { observePass } from "../pipeline/observe";
import type { Settings } from "../settings";
import { asCheckedInputs } from "./check";

/**
 * In-place changes (edition upgrade, rename, meshConfig, deletionPolicy, retryAt, kubeconfig, timeouts)
 * and the engine's automatic retry of a resource whose last create/update failed: the same apply steps,
 * with the previous outputs as what is known (with managementPolicy Observe, only a look at the mesh).
 */
export async function update(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<{ outs: StoredOutputs }> {
  const inputs = asCheckedInputs(news);
  const prior = fromStored(olds);
  const desired = toDesired(inputs, settings);
  const pass = desired.managementPolicy === "Observe" ? observePass : applyPass;
  const outs = await pass({ props: news, inputs, desired, prior, deps });
  return { outs };
}
