import { retried } from "../conditions/condition";
import type { Deps } from "../deps";
import { crRef, sameRef } from "../kube/cr-ref";
import { belongsTo, otherCrOwner, type CustomResourceIntent, type ServiceMeshObject } from "../kube/custom-resource";
import { RETRY_AT_ANNOTATION } from "../kube/names";
import { wantedMeshName, type Desired } from "../model/desired";
import { describeOwner } from "../model/ownership";
import type { CheckedInputs, MeshStatus, StoredOutputs } from "../model/types";
import { redact } from "../redact";
import { clusterEnrolled } from "../steps/enroll-cluster";
import { serviceMeshAvailable } from "../steps/ensure-mesh-available";
import { meshConfigApplied } from "../steps/apply-mesh-config";
import { preChecked } from "../steps/pre-check";
import type { Observed } from "./observed";
import { toOutputs } from "./outputs";
import { PartialFailure } from "./partial-failure";
import { retryReason } from "./retry-reason";
import { runSteps } from "./runner";
import { StatusPublisher } from "./status-publisher";
import type { Step } from "./step";

/** `create` and `update`: the seed's four ordered steps, each a condition on the CR. */
export const APPLY_STEPS: readonly Step[] = [preChecked, serviceMeshAvailable, clusterEnrolled, meshConfigApplied];

export interface ApplyRequest {
  /** Raw properties from the engine (they carry `__provider`, which partial state must keep). */
  props: Record<string, unknown>;
  inputs: CheckedInputs;
  desired: Desired;
  /** Outputs of the previous pass (update), absent on create. */
  prior?: StoredOutputs;
  deps: Deps;
  /** The steps to run; every apply runs all four, adopting a mesh without the cluster only the first two. */
  steps?: readonly Step[];
}

/**
 * One apply pass. The CR's spec is written once, after PreChecked resolved the edition, with the mesh
 * name in its status; the CRD and namespace are installed while PreChecked runs, and the write goes on
 * in the background while the mesh provisions, so a fresh cluster's CRD install costs the pass no time.
 * (The seed records the name before the first creation request so a re-run cannot make a second mesh;
 * here the creation request itself carries the cluster's ownership tag, which every re-run looks up
 * along with the recorded and wanted names: see ServiceMeshAvailable.) Status
 * goes to the CR as soon as it exists. A step that does not end True stops the pass: the error carries
 * the partial state so Pulumi keeps the resource and the next `pulumi up` resumes (condition Retried).
 */
export async function applyPass(request: ApplyRequest): Promise<StoredOutputs> {
  const { deps, desired, inputs, prior } = request;
  const clusterReady = Promise.all([deps.crCluster.ensureCrd(), deps.crCluster.ensureNamespace()]);
  clusterReady.catch(() => undefined); // awaited before the CR is written; a failure surfaces there

  // An earlier run's status (above all the mesh name recorded before a create that may have crashed)
  // is trusted only when the CR was written for this cluster.
  const existing = await deps.crCluster.readCr();
  const crOwner = otherCrOwner(existing, desired.owner);
  if (crOwner) {
    // Nothing is written yet: the other resource's CR keeps its status, and state records nothing.
    const { namespace, name } = crRef(inputs);
    throw new Error(
      `ServiceMesh ${desired.clusterId}: the ServiceMesh custom resource ${namespace}/${name} belongs to ${describeOwner(crOwner)}; set customResourceNamespace and customResourceName to give this resource its own`,
    );
  }
  const adopted =
    belongsTo(existing, desired.clusterId, desired.owner) && existing.status?.conditions
      ? (existing.status as MeshStatus)
      : undefined;
  const previous = adopted ?? prior?.status ?? { conditions: [] };
  const publisher = new StatusPublisher(deps, { ...previous, conditions: previous.conditions ?? [] });
  const start: Observed = {
    meshId: prior?.serviceMeshId || previous.serviceMeshId || undefined,
    // The seed: the name is recorded before the first creation request, and kept, so no re-run duplicates.
    meshName: previous.serviceMeshName || prior?.serviceMeshName || wantedMeshName(desired),
  };
  const retryAnnotation = existing?.annotations[RETRY_AT_ANNOTATION];
  const why = retryReason(publisher.status, inputs, prior, retryAnnotation);
  if (why && (prior || adopted)) await publisher.set(retried(why));

  const record = new CustomResourceRecord(deps, clusterReady, intent(inputs, desired), publisher);
  const outputs = (observed: Observed) =>
    toOutputs({
      props: request.props,
      inputs,
      desired,
      observed,
      status: publisher.status,
      handledRetryAt: observed.customResource?.annotations[RETRY_AT_ANNOTATION] ?? retryAnnotation,
      prior,
    });
  const keep = (observed: Observed, message: string): PartialFailure =>
    new PartialFailure(`ServiceMesh ${desired.clusterId}: ${message}`, desired.clusterId, outputs(observed));

  const outcome = await runSteps({
    steps: request.steps ?? APPLY_STEPS,
    ctx: { deps, progress: (update) => publisher.set(update) },
    publisher,
    desired,
    observed: start,
    afterStep: async (_step, seen) => {
      record.start(seen);
      return {};
    },
  });
  // Nothing exists yet that state must know about until the mesh or the CR may: then keep what exists.
  const stop: (e: unknown, seen: Observed) => never = (e, seen) => {
    if (!record.attempted && !seen.meshId) throw e;
    throw keep(seen, redact((e as Error)?.message ?? String(e)));
  };
  // The CR (with the status so far) exists before the pass ends, whatever happened to the steps.
  const customResource = await record.finished(outcome.observed).catch((e: unknown) => stop(e, outcome.observed));
  const observed = { ...outcome.observed, customResource };
  if ("interrupted" in outcome) stop(outcome.interrupted, observed);
  if (!outcome.ok) throw keep(observed, `${outcome.step.condition} failed: ${outcome.failure.message}`);
  try {
    // The CR moved (customResourceNamespace/Name changed): the old one is no longer ours to keep.
    const moved = prior?.customResource && !sameRef(prior.customResource, crRef(inputs));
    if (moved && prior.customResource) await deps.crCluster.deleteCr(prior.customResource);
  } catch (e) {
    throw keep(observed, redact((e as Error)?.message ?? String(e)));
  }
  return outputs(observed);
}

/** The CR's metadata and spec this pass writes (the seed's `{id, name, clusterSpec}`). */
function intent(inputs: CheckedInputs, desired: Desired): CustomResourceIntent {
  return {
    clusterId: desired.clusterId,
    owner: desired.owner,
    meshId: desired.meshId,
    name: inputs.name,
    clusterSpec: desired.clusterSpec,
    deletionPolicy: desired.deletionPolicy,
    retryAt: inputs.retryAt,
  };
}

/**
 * Writes the CR's spec once per pass, with the edition PreChecked resolved, in the background once the
 * CRD is ready; then the status publisher writes to it.
 */
class CustomResourceRecord {
  attempted = false;
  private written?: Promise<ServiceMeshObject>;

  constructor(
    private readonly deps: Deps,
    private readonly clusterReady: Promise<unknown>,
    private readonly intent: CustomResourceIntent,
    private readonly publisher: StatusPublisher,
  ) {}

  /** Starts the write (once); its outcome is collected by `finished`. */
  start(observed: Observed): void {
    this.written ??= this.write(observed);
    this.written.catch(() => undefined);
  }

  /** The CR as written: the write started after PreChecked, or one started now. */
  finished(observed: Observed): Promise<ServiceMeshObject> {
    this.start(observed);
    return this.written as Promise<ServiceMeshObject>;
  }

  private async write(observed: Observed): Promise<ServiceMeshObject> {
    await this.clusterReady;
    this.attempted = true;
    const cr = await this.deps.crCluster.applyCr({
      ...this.intent,
      clusterSpec: observed.edition ?? this.intent.clusterSpec,
    });
    await this.publisher.attach(cr.generation);
    return cr;
  }
}
