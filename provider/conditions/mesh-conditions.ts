import { isFailedState } from "../cloud/mesh-state";
import type { Mesh } from "../deps";
import type { Condition } from "../model/types";
import { failed, setCondition, succeeded, waitSteady, type ConditionUpdate } from "./condition";

/**
 * The conditions a mesh shows by itself, for a resource that only looks at it (a `ServiceMesh.get`
 * reference, the Observe policy): ServiceMeshAvailable from its state, and ClusterEnrolled when a
 * cluster is named. No pass ran, so the generation is 0.
 */
export function meshConditions(mesh: Mesh, clusterId: string | undefined, now: Date): Condition[] {
  const updates = [available(mesh), ...(clusterId ? [enrolled(mesh, clusterId)] : [])];
  return updates.reduce<Condition[]>((list, update) => setCondition(list, update, now, 0), []);
}

function available(mesh: Mesh): ConditionUpdate {
  if (mesh.state === "running") return succeeded("ServiceMeshAvailable");
  const message = `mesh ${mesh.id} is ${mesh.state}${mesh.errorMessage ? `: ${mesh.errorMessage}` : ""}`;
  return isFailedState(mesh.state)
    ? failed("ServiceMeshAvailable", message, "Unavailable")
    : waitSteady("ServiceMeshAvailable", message);
}

function enrolled(mesh: Mesh, clusterId: string): ConditionUpdate {
  return mesh.clusters.includes(clusterId)
    ? succeeded("ClusterEnrolled")
    : failed("ClusterEnrolled", `ACK cluster ${clusterId} is not enrolled in mesh ${mesh.id}`);
}
