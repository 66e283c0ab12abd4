import type { Mesh } from "../cloud/asm-client";
import { CloudError } from "../cloud/errors";
import { failed, firstIncompleteStep, reconciling, retried, type ConditionUpdate } from "../conditions/condition";
import type { StepConditionType } from "../conditions/vocabulary";
import type { Deps } from "../deps";
import { crRef, sameRef } from "../kube/cr-ref";
import { belongsTo } from "../kube/custom-resource";
import { RETRY_AT_ANNOTATION } from "../kube/names";
import { redact } from "../redact";
import { defaultMeshName, fromClusterSpec } from "../spec/editions";
import type { CheckedInputs, Edition, MeshStatus, ServiceMeshOutputs } from "../spec/types";
import { applyMeshConfig } from "../steps/apply-mesh-config";
import type { Desired, StepContext } from "../steps/context";
import { enrollCluster } from "../steps/enroll-cluster";
import { ensureMeshAvailable } from "../steps/ensure-mesh-available";
import { preCheck } from "../steps/pre-check";
import { toOutputs } from "./outputs";
import { PartialFailure } from "./partial-failure";
import { StatusPublisher } from "./status-publisher";

export interface ReconcileRequest {
  /** Raw properties from the engine (they carry `__provider`, which partial state must keep). */
  props: Record<string, unknown>;
  inputs: CheckedInputs;
  desired: Desired;
  /** Outputs of the previous run (update), absent on create. */
  prior?: ServiceMeshOutputs;
  deps: Deps;
}

/**
 * The four ordered steps, each writing its condition to the CR as it goes:
 *   PreChecked → ServiceMeshAvailable → ClusterEnrolled → MeshConfigApplied.
 * A step that does not end True stops the pass; the error carries the partial state so Pulumi keeps it
 * and the next `pulumi up` resumes (condition Retried). Steps that already hold re-verify cheaply.
 */
export async function reconcile(request: ReconcileRequest): Promise<ServiceMeshOutputs> {
  const { deps, desired, inputs, prior } = request;
  const { kube } = deps;
  const intent = {
    clusterId: desired.clusterId,
    meshId: desired.meshId,
    name: inputs.name,
    clusterSpec: desired.clusterSpec,
    deletionPolicy: desired.deletionPolicy,
    retryAt: inputs.retryAt,
  };

  await kube.ensureCrd();
  await kube.ensureNamespace();
  // An earlier run's status (above all the mesh name recorded before a create that may have crashed)
  // is trusted only when the CR was written for this cluster.
  const existing = await kube.readCr();
  const adopted =
    belongsTo(existing, desired.clusterId) && existing.status?.conditions ? (existing.status as MeshStatus) : undefined;
  let cr = await kube.applyCr(intent);

  // From here on the CR exists: every failure must leave the resource in Pulumi state.
  const previous: MeshStatus = adopted ?? prior?.status ?? { conditions: [] };
  const publisher = new StatusPublisher(deps, { ...previous, conditions: previous.conditions ?? [] }, cr.generation);
  const ctx: StepContext = { deps, progress: (update) => publisher.set(update) };
  let edition: Edition | undefined = desired.clusterSpec;
  let region = desired.region;
  let meshId = prior?.serviceMeshId || publisher.status.serviceMeshId || undefined;
  let mesh: Mesh | undefined;
  const retryAnnotation = cr.annotations[RETRY_AT_ANNOTATION];

  const snapshot = (ready: boolean): ServiceMeshOutputs =>
    toOutputs({
      props: request.props,
      inputs,
      status: publisher.status,
      region,
      edition,
      mesh,
      meshId,
      cr,
      ready,
      handledRetryAt: retryAnnotation,
    });

  const stop = (type: StepConditionType, condition: ConditionUpdate): never => {
    throw new PartialFailure(
      `ServiceMesh ${desired.clusterId}: ${type} failed: ${condition.message}`,
      desired.clusterId,
      snapshot(false) as unknown as Record<string, unknown>,
    );
  };

  /** Runs one step: marks it Reconciling unless it already holds, records its condition, stops on failure. */
  const run = async <R extends { condition: ConditionUpdate }>(
    type: StepConditionType,
    step: () => Promise<R>,
  ): Promise<R> => {
    if (publisher.status.conditions.find((c) => c.type === type)?.status !== "True")
      await publisher.set(reconciling(type));
    let result: R;
    try {
      result = await step();
    } catch (e) {
      const message =
        e instanceof CloudError ? e.message : redact(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
      const condition = failed(type, message);
      await publisher.set(condition).catch(() => undefined); // the failure itself may be the cluster
      return stop(type, condition);
    }
    await publisher.set(result.condition);
    if (result.condition.status !== "True") stop(type, result.condition);
    return result;
  };

  try {
    if (!adopted) await publisher.flush(); // replaces whatever status another resource left on the CR
    // The seed: the name is recorded before the first creation request, and kept, so no re-run duplicates.
    const serviceMeshName =
      publisher.status.serviceMeshName ||
      prior?.serviceMeshName ||
      (desired.meshId ? undefined : (desired.name ?? defaultMeshName(desired.clusterId)));
    if (serviceMeshName && serviceMeshName !== publisher.status.serviceMeshName)
      await publisher.patch({ serviceMeshName });

    // A retry is a pass after an earlier one: from state (update) or from the CR (a create re-run
    // after a crash, whose pending create Pulumi dropped).
    const why = retryReason(publisher.status, inputs, prior, retryAnnotation);
    if (why && (prior || adopted)) await publisher.set(retried(why));

    const checked = await run("PreChecked", () => preCheck(ctx, desired, { meshId, serviceMeshName }));
    edition = checked.clusterSpec;
    region = checked.region;
    const available = await run("ServiceMeshAvailable", async () => {
      const result = await ensureMeshAvailable(ctx, desired, {
        cluster: checked.cluster!,
        region: checked.region!,
        clusterSpec: checked.clusterSpec!,
        serviceMeshName,
        knownMeshId: meshId,
        meshes: checked.meshes,
      });
      meshId = result.meshId ?? meshId;
      mesh = result.mesh;
      if (meshId) await publisher.patch({ serviceMeshId: meshId });
      return result;
    });
    mesh = available.mesh!;
    const enrolled = await run("ClusterEnrolled", () => enrollCluster(ctx, desired, mesh!));
    mesh = enrolled.mesh ?? mesh;
    const applied = await run("MeshConfigApplied", () => applyMeshConfig(ctx, desired, edition!, mesh!));
    mesh = applied.mesh ?? mesh;

    // The CR's spec now names the resolved edition; the pass's conditions hold for that generation.
    cr = await kube.applyCr({ ...intent, clusterSpec: edition });
    await publisher.patch({
      clusterSpec: fromClusterSpec(mesh.clusterSpec) ?? edition,
      serviceMeshId: mesh.id,
      serviceMeshName: mesh.name,
    });
    if (cr.generation !== publisher.generation) await publisher.restamp(cr.generation);
    // The CR moved (customResourceNamespace/Name changed): the old one is no longer ours to keep.
    const moved = prior?.customResource && !sameRef(prior.customResource, crRef(inputs));
    if (moved && prior.customResource) await kube.deleteCr(prior.customResource);
    return snapshot(true);
  } catch (e) {
    if (e instanceof PartialFailure) throw e;
    // A failure outside a step (writing status, the final spec write): still keep what exists.
    throw new PartialFailure(
      `ServiceMesh ${desired.clusterId}: ${redact((e as Error)?.message ?? String(e))}`,
      desired.clusterId,
      snapshot(false) as unknown as Record<string, unknown>,
    );
  }
}

/** Why this pass is a retry, or undefined: a step left unfinished, the retry-at annotation, or `retryAt`. */
function retryReason(
  status: MeshStatus,
  inputs: CheckedInputs,
  prior: ServiceMeshOutputs | undefined,
  annotation: string | undefined,
): string | undefined {
  if (
    annotation !== undefined &&
    annotation !== (prior?.handledRetryAt ?? inputs.retryAt) &&
    annotation !== inputs.retryAt
  ) {
    return `retry requested by the ${RETRY_AT_ANNOTATION} annotation (${annotation})`;
  }
  if (inputs.retryAt !== undefined && inputs.retryAt !== prior?.retryAt)
    return `retry requested by retryAt (${inputs.retryAt})`;
  const unfinished = firstIncompleteStep(status.conditions);
  if (unfinished) return `resuming at ${unfinished.type} after: ${unfinished.message || unfinished.reason}`;
  return undefined;
}
