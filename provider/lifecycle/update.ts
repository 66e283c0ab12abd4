import type { Deps } from "../deps";
import type { Settings } from "../settings";
import type { ServiceMeshOutputs } from "../spec/types";
import { asCheckedInputs } from "./check";
import { toDesired } from "./desired";
import { reconcile } from "./reconcile";

/**
 * In-place changes (edition upgrade, rename, meshConfig, deletionPolicy, retryAt, kubeconfig, timeouts)
 * and the engine's automatic retry of a resource whose last create/update failed: the same four steps,
 * with the previous outputs as what is known.
 */
export async function update(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<{ outs: ServiceMeshOutputs }> {
  const inputs = asCheckedInputs(news);
  const prior = olds as unknown as ServiceMeshOutputs;
  const outs = await reconcile({ props: news, inputs, desired: toDesired(inputs, settings), prior, deps });
  return { outs };
}
