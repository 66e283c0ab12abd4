import type { Mesh } from "../deps/asm-api";

/**
 * The live meshes of a region (a mesh being deleted is no longer one to find), and among them the one
 * named `name`: undefined when there is none, a failure when several share the name (ASM allows it
 * across time; guessing would pick someone else's). The lookup by name every step that finds a mesh
 * shares.
 */
export function byName(
  meshes: readonly Mesh[],
  name: string | undefined,
  region: string | undefined,
): { live: Mesh[]; mesh?: Mesh } | { failure: string } {
  const live = meshes.filter((m) => (!region || !m.regionId || m.regionId === region) && m.state !== "deleting");
  const matches = live.filter((m) => m.name === name);
  if (matches.length > 1) {
    return {
      failure: `${matches.length} meshes are named ${name} (${matches.map((m) => m.id).join(", ")}); set meshId to pick one`,
    };
  }
  return { live, mesh: matches[0] };
}
