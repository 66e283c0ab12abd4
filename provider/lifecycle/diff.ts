import { isUnknown } from "../model/unknown";
import type { InputKey } from "../model/validate";

/** Inputs that name a different mesh binding: changing one replaces the resource. */
export const REPLACE_ON_CHANGE = ["clusterId", "meshId", "region"] as const satisfies readonly InputKey[];

export interface DiffResult {
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Leaves `changes` undefined on purpose: the engine then diffs old and new inputs itself and shows a
 * per-field diff in `pulumi preview`, while still honouring `replaces` (with `changes` set, the
 * engine would show the whole resource as changed without naming the fields). Replacements
 * delete first: a cluster binds to one mesh, so the old binding must go before the new one is made.
 * `olds` are the previous outputs, which hold the resolved region and mesh id.
 */
export function diff(olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  const replaces = REPLACE_ON_CHANGE.filter((key) => {
    const next = news[key];
    if (isUnknown(next)) return true;
    if (key === "region") return next !== undefined && next !== olds[key];
    if (key === "meshId" && next !== undefined && next === olds["serviceMeshId"]) return false; // naming our own mesh
    return (next ?? undefined) !== (olds[key] ?? undefined);
  });
  return { replaces: [...replaces], deleteBeforeReplace: replaces.length > 0 };
}
