import type { Deps } from "../deps";
import { crRef } from "../kube/cr-ref";
import { DELETION_POLICY_ANNOTATION, RETRY_AT_ANNOTATION } from "../kube/names";
import { fromClusterSpec } from "../model/editions";
import type { StoredOutputs } from "../model/types";
import { SECRET_INPUTS } from "../../sdk/secret-inputs";

export interface ReadResult {
  id?: string;
  props?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

/**
 * `pulumi refresh`: reads the mesh, the enrollment and the CR back and reports every difference in the
 * `drift` output (and as a warning). Returns the previous inputs unchanged so the next preview stays
 * clean; set `retryAt` to a new value to re-apply the desired state over the drift. A mesh deleted out
 * of band leaves Pulumi state (the CR stays, and the next create takes it over).
 */
export async function read(id: string, props: Record<string, unknown>, deps: Deps): Promise<ReadResult> {
  const outs = props as unknown as StoredOutputs;
  const meshId = outs.serviceMeshId;
  const where = crRef(outs);
  const crName = `${where.namespace}/${where.name}`;
  const mesh = meshId ? await deps.asm.describeMesh(meshId) : undefined;
  if (meshId && !mesh) {
    deps.log.warn(`mesh ${meshId} no longer exists; removing it from state (CR ${crName} is left for the next create)`);
    return {};
  }
  const cr = await deps.crCluster.readCr();
  const drift: string[] = [];
  const note = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && String(expected) !== String(actual ?? ""))
      drift.push(`${what}: expected ${String(expected)}, found ${String(actual ?? "nothing")}`);
  };
  if (mesh) {
    note("mesh name", outs.serviceMeshName, mesh.name);
    note("mesh edition", outs.clusterSpec, fromClusterSpec(mesh.clusterSpec) ?? mesh.clusterSpec);
    if (!mesh.clusters.includes(outs.clusterId))
      drift.push(`cluster ${outs.clusterId} is no longer enrolled in mesh ${mesh.id}`);
  }
  if (!cr) drift.push(`custom resource ${crName} is missing`);
  else {
    note("CR spec.clusterSpec", outs.clusterSpec, cr.spec.clusterSpec);
    note("CR deletion-policy annotation", outs.deletionPolicy, cr.annotations[DELETION_POLICY_ANNOTATION]);
    if (outs.meshId) note("CR spec.id", outs.meshId, cr.spec.id);
  }
  if (drift.length) deps.log.warn(`drift: ${drift.join("; ")}`);

  const observed: Record<string, unknown> = {
    ...props,
    ...(mesh
      ? {
          serviceMeshName: mesh.name,
          state: mesh.state,
          version: mesh.version,
          ready: mesh.state === "running" && outs.ready,
        }
      : {}),
    ...(cr?.status?.conditions ? { status: cr.status } : {}),
    ...(cr ? { handledRetryAt: cr.annotations[RETRY_AT_ANNOTATION] ?? outs.handledRetryAt } : {}),
    drift,
  };
  return { id, props: observed, inputs: inputsOf(outs) };
}

/**
 * The inputs the engine stored, kept among the outputs because `read` receives only outputs. Undefined
 * (the engine keeps what it has) for state written before they were kept.
 */
function inputsOf(outs: StoredOutputs): Record<string, unknown> | undefined {
  if (!outs.inputs) return undefined;
  const secrets = SECRET_INPUTS.filter((key) => outs[key] !== undefined).map((key) => [key, outs[key]]);
  return { ...outs.inputs, ...Object.fromEntries(secrets) };
}
