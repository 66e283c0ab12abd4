import { fixedFieldsChanged } from "../cloud/mesh-config-mapping";
import { deepEqual } from "../model/deep-equal";
import { isUnknown } from "../model/unknown";
import type { MeshConfig, StoredOutputs } from "../model/types";
import { INPUT_KEYS, type InputKey } from "../model/validate";
import { SECRET_INPUTS } from "../../sdk/secret-inputs";

/**
 * Inputs that name a different mesh binding, or what ASM fixes at creation (the control plane's VPC and
 * vSwitch): changing one replaces the resource.
 */
export const REPLACE_ON_CHANGE = [
  "clusterId",
  "meshId",
  "region",
  "vpcId",
  "vSwitchIds",
] as const satisfies readonly InputKey[];

/** Inputs with a resolved value among the outputs: set to that value (or left out), they change nothing. */
const RESOLVED: readonly InputKey[] = ["vpcId", "vSwitchIds"];

export interface DiffResult {
  changes?: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Leaves `changes` undefined when the inputs differ: the engine then diffs old and new inputs itself and
 * shows a per-field diff in `pulumi preview`, while still honouring `replaces` (a dynamic provider cannot
 * name the changed fields, so with `changes` set the engine would show none). Every replacement deletes
 * first, the provider's own and one the engine forces (`replaceOnChanges`) alike: a cluster binds to one
 * mesh, so the old binding must go before the new one is made (created first, the new resource would take
 * the same mesh, and the old one's delete would then take the cluster out of it). `olds` are the
 * previous outputs, which hold the resolved region and mesh id.
 *
 * With the inputs unchanged, a resource that is not ready still changes: `pulumi refresh` found what no
 * input records (the cluster left the mesh, the CR is gone or edited), or the last pass failed, and
 * `up` must run the steps again. A new URN alone (moved under a component with an alias, or recorded by a
 * version that kept none) changes nothing, as Pulumi promises for an alias: the engine's own diff would
 * show it as an update.
 */
export function diff(olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  const replaces: InputKey[] = REPLACE_ON_CHANGE.filter((key) => {
    const next = news[key];
    if (isUnknown(next)) return true;
    if (key === "region") return next !== undefined && next !== olds[key];
    // State from before the network was recorded: PreChecked refuses a VPC that is not the mesh's.
    if (RESOLVED.includes(key)) return next !== undefined && olds[key] !== undefined && !deepEqual(next, olds[key]);
    if (key === "meshId" && next !== undefined && next === olds["serviceMeshId"]) return false; // naming our own mesh
    return (next ?? undefined) !== (olds[key] ?? undefined);
  });
  // What ASM fixes at creation inside meshConfig (the cluster domain) replaces too.
  if (
    !isUnknown(news["meshConfig"]) &&
    fixedFieldsChanged(olds["meshConfig"] as MeshConfig, news["meshConfig"] as MeshConfig).length > 0
  ) {
    replaces.push("meshConfig");
  }
  const unconverged = olds["ready"] === false && sameInputs(olds as unknown as StoredOutputs, news);
  const moved = !unconverged && replaces.length === 0 && onlyUrnDiffers(olds, news);
  return {
    ...(unconverged && replaces.length === 0 ? { changes: true } : {}),
    ...(moved ? { changes: false } : {}),
    replaces: [...replaces],
    deleteBeforeReplace: true,
  };
}

/** What the shell adds beside the inputs; `resourceUrn` aside, a change in one is a change the engine shows. */
const SHELL_KEYS = ["__provider", "resourceName", "owner"] as const;

function onlyUrnDiffers(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  return (
    olds["resourceUrn"] !== news["resourceUrn"] &&
    sameInputs(olds as unknown as StoredOutputs, news) &&
    SHELL_KEYS.every((key) => deepEqual(olds[key], news[key]))
  );
}

/** The program's inputs are the ones state recorded (credentials compared in their own keys). */
function sameInputs(olds: StoredOutputs, news: Record<string, unknown>): boolean {
  if (!olds.inputs) return false;
  const stored = olds.inputs as Record<string, unknown>;
  return INPUT_KEYS.every((key) => {
    const before = (SECRET_INPUTS as readonly string[]).includes(key) ? olds[key] : stored[key];
    return deepEqual(before, news[key]);
  });
}
