import { meshConditions } from "../conditions/mesh-conditions";
import type { Deps, Mesh } from "../deps";
import { programDrift } from "../lifecycle/read-back";
import { wantedMeshName, type Desired } from "../model/desired";
import { fromClusterSpec } from "../model/editions";
import { byName } from "../model/mesh-lookup";
import type { StoredOutputs } from "../model/types";
import type { ApplyRequest } from "./apply";
import { storedInputs, toOutputs } from "./outputs";

/**
 * `managementPolicy: Observe`, for create, update and refresh: find the mesh (by `meshId`, the one
 * recorded, the wanted name, else the one serving the cluster), read it, and report: every output from
 * the cloud, `drift` naming each field where the program differs (and a cluster not enrolled), and the
 * conditions the mesh shows by itself. Only `Describe*`/`List*` calls: nothing is created, enrolled,
 * changed or written, the CR included. No mesh to observe fails, naming what was looked for. A caller
 * that has just read the mesh passes it as `seen`.
 */
export async function observePass(
  { props, inputs, desired, prior, deps }: ApplyRequest,
  seen?: Mesh,
): Promise<StoredOutputs> {
  const mesh = seen ?? (await observedMesh(desired, prior, deps));
  const tags = inputs.tags !== undefined ? await deps.asm.meshTags(mesh.id, mesh.regionId) : undefined;
  const { drift } = programDrift(storedInputs(inputs), mesh, tags);
  if (!mesh.clusters.includes(desired.clusterId)) {
    drift.push(`ACK cluster ${desired.clusterId} is not enrolled in mesh ${mesh.id}`);
  }
  if (drift.length) deps.log.warn(`managementPolicy Observe, nothing changed; drift: ${drift.join("; ")}`);
  const edition = fromClusterSpec(mesh.clusterSpec);
  const conditions = meshConditions(mesh, desired.clusterId, new Date(deps.clock.now()));
  const outputs = toOutputs({
    props,
    inputs,
    desired,
    observed: { mesh, meshId: mesh.id, meshName: mesh.name, region: mesh.regionId, edition },
    status: { clusterSpec: edition, serviceMeshId: mesh.id, serviceMeshName: mesh.name, conditions },
    prior,
  });
  return { ...outputs, ready: conditions.every((c) => c.status === "True"), drift };
}

async function observedMesh(desired: Desired, prior: StoredOutputs | undefined, deps: Deps): Promise<Mesh> {
  const { asm } = deps;
  const id = desired.meshId ?? prior?.serviceMeshId;
  const byId = id ? await asm.describeMesh(id) : undefined;
  if (byId || desired.meshId) return byId ?? nothingToObserve(desired, `mesh ${desired.meshId} (meshId)`);
  const name = wantedMeshName(desired);
  const named = byName(await asm.listMeshes(), name, desired.region);
  if ("failure" in named) throw new Error(`ServiceMesh ${desired.clusterId}: ${named.failure}`);
  const found = named.mesh ?? named.live.find((m) => m.clusters.includes(desired.clusterId));
  // The listing reports only part of a mesh's configuration: the detail has all of it.
  const mesh = found && (await asm.describeMesh(found.id));
  return mesh ?? nothingToObserve(desired, `a mesh named ${name} or serving ACK cluster ${desired.clusterId}`);
}

function nothingToObserve(desired: Desired, lookedFor: string): never {
  throw new Error(
    `ServiceMesh ${desired.clusterId}: managementPolicy Observe, but there is no mesh to observe (looked for ${lookedFor}); create it first, or set managementPolicy Full to have it made`,
  );
}
