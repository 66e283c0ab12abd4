import type { Mesh } from "../deps";
import { CloudError } from "../resilience/errors";
import type { Observation } from "../resilience/wait";

/**
 * How a mesh's `ServiceMeshInfo.State` reads for someone waiting on it: `running` is settled, any
 * `*failed` or `create_timeout` is final (Terraform's historical fail-states), anything else — initial,
 * updating, upgrading — is still moving.
 */
export function observeMeshState(mesh: Mesh | undefined, meshId: string): Observation<Mesh> {
  if (!mesh) {
    return {
      done: false,
      failed: new CloudError(
        "not-found",
        "ServiceMesh.NotFound",
        `mesh ${meshId} no longer exists`,
        `cannot wait for mesh ${meshId}`,
      ),
    };
  }
  if (mesh.state === "running") return { done: true, value: mesh };
  if (isFailedState(mesh.state)) {
    return {
      done: false,
      failed: new CloudError(
        "terminal",
        `MeshState.${mesh.state}`,
        mesh.errorMessage ?? `the mesh ended in state ${mesh.state}`,
        `mesh ${meshId} is unavailable`,
      ),
    };
  }
  return { done: false, progress: `mesh ${meshId} is ${mesh.state || "pending"}` };
}

export function isFailedState(state: string): boolean {
  return /failed$/.test(state) || state === "create_timeout";
}
