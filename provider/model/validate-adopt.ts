import type { CheckFailure } from "./validate";

export const ADOPT_NEEDS_MESH_ID = "adopt needs meshId: the id of the existing mesh to take over";

/**
 * `adopt` takes over the mesh `meshId` names, under full management: without a mesh id there is nothing
 * to adopt, and an observed mesh is not managed at all. Only a new resource adopts (later changes to
 * `adopt` change nothing), so only its inputs are held to this.
 */
export function validateAdopt(inputs: Record<string, unknown>, isNew: boolean): CheckFailure[] {
  if (inputs["adopt"] !== true || !isNew) return [];
  if (inputs["meshId"] === undefined || inputs["meshId"] === "") {
    return [{ property: "adopt", reason: ADOPT_NEEDS_MESH_ID }];
  }
  if (inputs["managementPolicy"] === "Observe") {
    return [
      {
        property: "adopt",
        reason: "adopt takes a mesh under full management; with managementPolicy Observe leave adopt out",
      },
    ];
  }
  return [];
}
