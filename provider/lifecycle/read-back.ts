import { reportedMeshConfig } from "../cloud/mesh-config-mapping";
import { allStepsTrue, failed, setCondition } from "../conditions/condition";
import type { Mesh } from "../deps";
import type { ServiceMeshObject } from "../kube/custom-resource";
import { DELETION_POLICY_ANNOTATION, RETRY_AT_ANNOTATION } from "../kube/names";
import { wantedMeshName } from "../model/desired";
import { deepEqual } from "../model/deep-equal";
import { fromClusterSpec } from "../model/editions";
import { userTags } from "../model/tag-plan";
import { meshOutputs } from "../pipeline/outputs";
import type { DeletionPolicy, MeshStatus, StoredInputs, StoredOutputs } from "../model/types";
import type { InputKey } from "../model/validate";

export interface ReadBackFacts {
  /** What state holds. */
  outs: StoredOutputs;
  /** The mesh as ASM reports it now. */
  mesh: Mesh;
  /** The mesh's tags, read when the program sets `tags`. */
  tags?: Record<string, string>;
  /** The CR as the CR cluster holds it now (undefined: missing). */
  cr: ServiceMeshObject | undefined;
  /** `namespace/name` of the CR, for messages. */
  crName: string;
  now: Date;
}

export interface ReadBack {
  inputs: StoredInputs;
  outputs: StoredOutputs;
  /** One line per difference between the program (as state records it) and what exists. */
  drift: string[];
}

/** One difference, in the words `drift` reports it. */
function driftLine(what: string, expected: unknown, found: unknown): string {
  return `${what}: expected ${String(expected)}, found ${found === undefined ? "nothing" : String(found)}`;
}

/** One difference between the program and the mesh: the input it is about, and the line `drift` shows. */
export interface Difference {
  input: InputKey;
  line: string;
}

/**
 * Where the mesh differs from what the program sets (as state records it): one line per difference,
 * and the inputs as the mesh has them (`found`, only the fields that differ). Pure. Shared by
 * `pulumi refresh` (which records `found`) and the Observe policy (which only reports).
 */
export function programDrift(
  given: StoredInputs,
  mesh: Mesh,
  tags: Record<string, string> | undefined,
): { found: Partial<StoredInputs>; drift: string[]; differences: Difference[] } {
  const found: { -readonly [K in keyof StoredInputs]?: StoredInputs[K] } = {};
  const differences: Difference[] = [];
  const differ = (input: InputKey, what: string, expected: unknown, found: unknown) =>
    differences.push({ input, line: driftLine(what, expected, found) });

  const wantedName = wantedMeshName(given);
  if (wantedName !== undefined && mesh.name !== wantedName) differ("name", "mesh name", wantedName, mesh.name);
  if (given.name !== undefined) found.name = mesh.name;

  const edition = fromClusterSpec(mesh.clusterSpec);
  if (given.clusterSpec !== undefined && edition !== given.clusterSpec) {
    differ("clusterSpec", "mesh edition", given.clusterSpec, edition ?? mesh.clusterSpec);
    if (edition) found.clusterSpec = edition;
  }

  const config = reportedMeshConfig(given.meshConfig, mesh.meshConfig);
  for (const d of config.drift) differ("meshConfig", `meshConfig.${d.path}`, d.expected, d.found);
  if (config.drift.length) found.meshConfig = config.config;

  if (given.istioVersion !== undefined && mesh.version && mesh.version !== given.istioVersion) {
    differ("istioVersion", "Istio version", given.istioVersion, mesh.version);
    found.istioVersion = mesh.version;
  }

  if (given.tags !== undefined && tags !== undefined) {
    const actual = userTags(tags);
    if (!deepEqual(actual, given.tags)) {
      differ("tags", "tags", JSON.stringify(given.tags), JSON.stringify(actual));
      found.tags = actual;
    }
  }

  const lb = given.loadBalancer;
  if (lb !== undefined && mesh.loadBalancer) {
    const actual = mesh.loadBalancer;
    const seenLb = { ...lb };
    if (lb.apiServerEipId !== undefined && actual.apiServerEipId !== lb.apiServerEipId) {
      differ("loadBalancer", "API server EIP", lb.apiServerEipId, actual.apiServerEipId || undefined);
      seenLb.apiServerEipId = actual.apiServerEipId || undefined;
    }
    if (lb.pilotEipId !== undefined && actual.pilotEipId !== lb.pilotEipId) {
      differ("loadBalancer", "Pilot EIP", lb.pilotEipId, actual.pilotEipId || undefined);
      seenLb.pilotEipId = actual.pilotEipId || undefined;
    }
    if (lb.apiServerPublicEip !== undefined && (actual.apiServerEipId !== "") !== lb.apiServerPublicEip) {
      differ("loadBalancer", "API server public endpoint", lb.apiServerPublicEip, actual.apiServerEipId !== "");
      seenLb.apiServerPublicEip = actual.apiServerEipId !== "";
    }
    if (!deepEqual(seenLb, lb)) {
      // An EIP no longer bound is left out, as the program would write it.
      found.loadBalancer = Object.fromEntries(Object.entries(seenLb).filter(([, v]) => v !== undefined));
    }
  }

  return { found, drift: differences.map((d) => d.line), differences };
}

/**
 * What `pulumi refresh` records: the inputs with every setting the program manages replaced by what the
 * cloud and the cluster hold (mesh name, edition, each `meshConfig` setting it sets, the deletion-policy
 * annotation), so the next preview shows exactly those fields as changes; and the outputs as observed.
 * Facts no input carries (the enrollment, the CR's presence and spec) mark the step that puts them back
 * as not done (ClusterEnrolled, MeshConfigApplied), so the next `up` runs it. Pure.
 */
export function readBack({ outs, mesh, tags, cr, crName, now }: ReadBackFacts): ReadBack {
  const given = outs.inputs;
  const { found: meshFound, drift } = programDrift(given, mesh, tags);
  const edition = fromClusterSpec(mesh.clusterSpec);
  const found: { -readonly [K in keyof StoredInputs]?: StoredInputs[K] } = { ...meshFound };
  const differ = (what: string, expected: unknown, found: unknown) => drift.push(driftLine(what, expected, found));

  const policy = cr?.annotations[DELETION_POLICY_ANNOTATION];
  if (isDeletionPolicy(policy) && policy !== given.deletionPolicy) {
    differ("CR deletion-policy annotation", given.deletionPolicy, policy);
    found.deletionPolicy = policy;
  }
  const inputs: StoredInputs = { ...given, ...found };

  // What no input records: the step that puts it back goes to False, so the next `up` runs it.
  let status: MeshStatus = cr?.status?.conditions ? (cr.status as MeshStatus) : outs.status;
  const notDone = (step: "ClusterEnrolled" | "MeshConfigApplied", message: string) => {
    drift.push(message);
    status = {
      ...status,
      conditions: setCondition(status.conditions ?? [], failed(step, `${message} (found by refresh)`), now, 0),
    };
  };
  if (!mesh.clusters.includes(outs.clusterId))
    notDone("ClusterEnrolled", `cluster ${outs.clusterId} is no longer enrolled in mesh ${mesh.id}`);
  if (!cr) notDone("MeshConfigApplied", `custom resource ${crName} is missing`);
  else {
    const spec = { id: given.meshId, name: given.name, clusterSpec: outs.clusterSpec };
    for (const key of ["id", "name", "clusterSpec"] as const) {
      if (spec[key] !== undefined && cr.spec[key] !== spec[key])
        notDone("MeshConfigApplied", `CR spec.${key}: expected ${spec[key]}, found ${cr.spec[key] ?? "nothing"}`);
    }
  }

  const outputs: StoredOutputs = {
    ...outs,
    ...inputs,
    inputs,
    clusterSpec: edition ?? outs.clusterSpec,
    serviceMeshId: mesh.id,
    serviceMeshName: mesh.name,
    clusters: mesh.clusters,
    status,
    ready: mesh.state === "running" && allStepsTrue(status.conditions ?? []),
    state: mesh.state,
    version: mesh.version,
    istioVersion: inputs.istioVersion ?? mesh.version,
    ...meshOutputs(mesh, outs),
    drift,
    ...(cr ? { handledRetryAt: cr.annotations[RETRY_AT_ANNOTATION] ?? outs.handledRetryAt } : {}),
  };
  return { inputs, outputs, drift };
}

function isDeletionPolicy(value: unknown): value is DeletionPolicy {
  return value === "Retain" || value === "Delete";
}
