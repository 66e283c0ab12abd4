import type { Deps } from "../deps";
import { toDesired } from "../model/desired";
import { fromStored } from "../model/state-format";
import type { StoredOutputs } from "../model/types";
import { applyPass } from "../pipeline/apply";
import type { Settings } from "../settings";
import { asCheckedInputs } from "./check";

/**
 * In-place changes (edition upgrade, rename, meshConfig, deletionPolicy, retryAt, kubeconfig, timeouts)
 * and the engine's automatic retry of a resource whose last create/update failed: the same apply steps,
 * with the previous outputs as what is known.
 */
export async function update(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<{ outs: StoredOutputs }> {
  const inputs = asCheckedInputs(news);
  const prior = fromStored(olds);
  const outs = await applyPass({ props: news, inputs, desired: toDesired(inputs, settings), prior, deps });
  return { outs };
}
