import type { Deps } from "../deps";
import { crRef } from "../kube/cr-ref";
import { toDesired } from "../model/desired";
import { fromStored } from "../model/state-format";
import type { CheckedInputs, StoredOutputs } from "../model/types";
import { observePass } from "../pipeline/observe";
import { SECRET_INPUTS } from "../../sdk/secret-inputs";
import { readBack } from "./read-back";
import { isReference, readReference } from "./read-reference";

export interface ReadResult {
  id?: string;
  props?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

/**
 * `pulumi refresh`: reads the mesh, the enrollment and the CR back and records what exists, in the
 * inputs as well as the outputs, so the next preview shows the drift from the program and `up` repairs
 * it; the `drift` output (and a warning) says it in words. Only ASM's `ServiceMesh.NotFound` for the
 * recorded mesh drops the resource from state; any other failure (throttling, 5xx, timeouts, 403, an
 * unreachable API server) fails the refresh and leaves state as it was. Only reads. A reference made
 * with `ServiceMesh.get` is read as one (see `readReference`).
 */
export async function read(id: string, props: Record<string, unknown>, deps: Deps): Promise<ReadResult> {
  if (isReference(props)) return readReference(id, props, deps);
  const stored = fromStored(props);
  if (stored.managementPolicy === "Observe") return observeAgain(id, stored, deps);
  const outs = props as unknown as StoredOutputs;
  const where = crRef(outs);
  const crName = `${where.namespace}/${where.name}`;
  const meshId = outs.serviceMeshId;
  // A create that stopped before any mesh existed: nothing in the cloud to compare with.
  if (!meshId) return { id, props, ...inputsOf(outs) };
  const mesh = await deps.asm.describeMesh(meshId);
  if (!mesh) {
    deps.log.warn(`mesh ${meshId} no longer exists (ServiceMesh.NotFound); removing it from state`);
    return {};
  }
  const cr = await deps.crCluster.readCr();
  // Tags are not in the mesh's detail: read them only when the program manages them.
  const tags = stored.inputs.tags !== undefined ? await deps.asm.meshTags(mesh.id, mesh.regionId) : undefined;
  const seen = readBack({ outs: stored, mesh, tags, cr, crName, now: new Date(deps.clock.now()) });
  if (seen.drift.length) deps.log.warn(`drift: ${seen.drift.join("; ")}`);
  return {
    id,
    props: seen.outputs as unknown as Record<string, unknown>,
    ...inputsOf({ ...outs, inputs: outs.inputs && seen.inputs }),
  };
}

/**
 * The inputs for the engine to record, with the credentials from their own keys. None for state written
 * before inputs were kept among the outputs: the engine then keeps the inputs it has.
 */
function inputsOf(outs: StoredOutputs): { inputs?: Record<string, unknown> } {
  if (!outs.inputs) return {};
  const secrets = SECRET_INPUTS.filter((key) => outs[key] !== undefined).map((key) => [key, outs[key]]);
  return { inputs: { ...outs.inputs, ...Object.fromEntries(secrets) } };
}

/**
 * Refresh of an Observe resource: the same look as its `up`, with the program's inputs kept (what
 * differs is reported in `drift`, not recorded as the program's, so the next preview shows no change
 * the resource would never make). A recorded mesh ASM no longer has drops the resource, as for any other.
 */
async function observeAgain(id: string, stored: StoredOutputs, deps: Deps): Promise<ReadResult> {
  const recorded = stored.serviceMeshId ? await deps.asm.describeMesh(stored.serviceMeshId) : undefined;
  if (stored.serviceMeshId && !recorded) {
    deps.log.warn(`mesh ${stored.serviceMeshId} no longer exists (ServiceMesh.NotFound); removing it from state`);
    return {};
  }
  const inputs = stored.inputs as CheckedInputs;
  // The region state resolved stands in for the settings' (a refresh gets none).
  const desired = toDesired({ ...inputs, region: inputs.region || stored.region }, { protocol: "HTTPS" });
  const props = stored as unknown as Record<string, unknown>;
  const outs = await observePass({ props, inputs, desired, prior: stored, deps }, recorded);
  return { id, props: outs as unknown as Record<string, unknown>, ...inputsOf(stored) };
}
