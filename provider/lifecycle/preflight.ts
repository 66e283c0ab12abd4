import { fixedFieldsChanged } from "../cloud/mesh-config-mapping";
import type { Deps } from "../deps";
import type { MeshConfig } from "../model/types";
import { deepEqual } from "../model/deep-equal";
import { toDesired, wantedMeshName } from "../model/desired";
import { isUnknown } from "../model/unknown";
import type { CheckFailure, InputKey } from "../model/validate";
import { redact } from "../redact";
import type { Settings } from "../settings";
import { adoptionPreflight } from "../pipeline/adopt";
import { storedInputs } from "../pipeline/outputs";
import { preCheck } from "../steps/pre-check";
import { asCheckedInputs } from "./check";

/** Inputs whose change can make PreChecked fail: a change to one checks again at preview. */
export const PREFLIGHT_ON_CHANGE = [
  "clusterId",
  "region",
  "clusterSpec",
  "meshId",
  "istioVersion",
  "vpcId",
  "vSwitchIds",
] as const satisfies readonly InputKey[];

/** How long preview waits for the cloud before it gives up on the preflight (and only warns). */
export const PREFLIGHT_BUDGET = "10s";

/**
 * Whether `check` runs PreChecked at preview: for a new resource (the engine passes no old inputs), or
 * when the cluster, region, edition or mesh binding changes; never with a value still unknown (a cluster
 * made in the same program), and never for a change that cannot fail PreChecked, so a no-op preview
 * makes no cloud call. An Observe resource makes and changes nothing, so it has no prerequisites to
 * check; one switching to full management is checked like a new one.
 */
export function needsPreflight(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  if (news["managementPolicy"] === "Observe") return false;
  if (PREFLIGHT_ON_CHANGE.some((key) => isUnknown(news[key]))) return false;
  if (Object.keys(olds).length === 0 || olds["managementPolicy"] === "Observe") return true;
  if (PREFLIGHT_ON_CHANGE.some((key) => !deepEqual(olds[key], news[key]))) return true;
  // A new cluster domain replaces the mesh, which PreChecked checks like a new network.
  return (
    !isUnknown(news["meshConfig"]) &&
    fixedFieldsChanged(olds["meshConfig"] as MeshConfig, news["meshConfig"] as MeshConfig).length > 0
  );
}

/** Old inputs of bindings being changed, by the new inputs' text, until the replacement's second check. */
const changedBindings = new Map<string, Record<string, unknown>>();

/**
 * The old inputs a preflight compares with. The engine checks a replacement twice (pkg/resource/deploy
 * step_generator): with the old inputs, then with none, as for a new resource. The second call gets the
 * old inputs the first one saw for the same new inputs, so the mesh the resource leaves during the
 * replacement is not taken for another mesh holding the cluster.
 */
export function preflightOlds(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  const key = JSON.stringify(news);
  if (Object.keys(olds).length > 0) {
    if (needsPreflight(olds, news)) changedBindings.set(key, olds);
    return olds;
  }
  const remembered = changedBindings.get(key);
  changedBindings.delete(key);
  return remembered ?? olds;
}

/**
 * PreChecked's read-only calls at preview, so what `up` would refuse fails the preview with the same
 * message, before anything is written. A cloud that cannot answer now (throttling past the short
 * budget, an outage, a 403) only warns: `up` checks again.
 */
export async function preflight(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  settings: Settings,
  deps: Deps,
): Promise<CheckFailure[]> {
  // The mesh the old inputs bind is the one this resource manages so far, not "another mesh" holding the
  // cluster: a replacement removes the cluster from it before the new binding is made, and deletes it or
  // not by the old deletion policy (the one in state).
  const old = Object.keys(olds).length > 0 ? toDesired(asCheckedInputs(olds), settings) : undefined;
  const desired = {
    ...toDesired(asCheckedInputs(news), settings),
    ...(old ? { deletionPolicy: old.deletionPolicy } : {}),
  };
  const known = old ? { meshId: old.meshId, meshName: wantedMeshName(old) } : {};
  try {
    const result = await preCheck({ deps, progress: async () => undefined }, desired, known);
    if (result.condition.status !== "True") {
      return [{ property: result.blame ?? "clusterId", reason: result.condition.message }];
    }
    // A mesh to adopt: the first preview names each field where the program differs from it.
    const adopting = news["adopt"] === true && !old;
    return adopting ? await adoptionPreflight(deps, storedInputs(asCheckedInputs(news))) : [];
  } catch (e) {
    const why = redact((e as Error)?.message ?? String(e));
    deps.log.warn(`preview could not run PreChecked (${why}); \`pulumi up\` will check again`);
    return [];
  }
}
