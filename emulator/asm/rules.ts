/** Validation and state rules shared by the ASM operations. */
import { ApiError, meshNotFound } from "../errors";
import type { HandlerContext } from "../context";
import type { MeshRecord, PendingKind, PendingOp } from "../records";
import { required } from "../params";

/**
 * The console's rule: 1–63 characters; letters, digits, Chinese characters, `-` and `_`; starts with a
 * letter or a Chinese character.
 */
const NAME = /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]{0,62}$/;

export function validateName(name: string): void {
  if (!NAME.test(name)) {
    throw new ApiError(
      400,
      "InvalidParameter.Name",
      `The service mesh name "${name}" is invalid: use 1 to 63 letters, digits, Chinese characters, hyphens (-) or underscores (_), starting with a letter or a Chinese character.`,
    );
  }
}

/** Chinese mainland regions: `cn-*` except `cn-hongkong` (where the seed says Standard Edition exists). */
export function isMainland(regionId: string): boolean {
  return regionId.startsWith("cn-") && regionId !== "cn-hongkong";
}

export const STANDARD_OUTSIDE_MAINLAND = "Standard Edition is available only in regions in the Chinese mainland";

export function requireUniqueName(ctx: HandlerContext, name: string, regionId: string, exceptId?: string): void {
  for (const m of ctx.inv.meshes.values()) {
    if (m.serviceMeshId !== exceptId && m.regionId === regionId && m.name === name) {
      throw new ApiError(
        400,
        "NameAlreadyExist",
        `A service mesh named ${name} already exists in region ${regionId} (${m.serviceMeshId}).`,
      );
    }
  }
}

/** Refuse every ASM call while ASM is not activated for the account (code chosen by us; not observed). */
export function requireActivated(ctx: HandlerContext): void {
  if (!ctx.inv.asmActivated) {
    throw new ApiError(
      403,
      "Forbidden.ServiceNotActivated",
      "Alibaba Cloud Service Mesh (ASM) is not activated for this account. Activate it in the ASM console first.",
    );
  }
}

export function findMesh(ctx: HandlerContext, name = "ServiceMeshId"): MeshRecord {
  const id = required(ctx.params, name);
  const mesh = ctx.inv.meshes.get(id);
  if (!mesh) throw meshNotFound(id);
  return mesh;
}

/** States in which an operation is still running; every mutating call is refused until it ends. */
const BUSY = new Set(["initial", "updating", "deleting", "upgrading"]);

export function meshBusy(mesh: MeshRecord, action: string): ApiError {
  return new ApiError(
    400,
    "InvalidOperation.MeshStatus",
    `${action} is not allowed while the service mesh ${mesh.serviceMeshId} is in state ${mesh.state}; wait until it is running.`,
  );
}

/** For calls that need a steady mesh (enroll, remove, update). */
export function requireRunning(mesh: MeshRecord, action: string): void {
  if (mesh.state !== "running") throw meshBusy(mesh, action);
}

/** For calls that may also act on a mesh in a failed state (rename, delete). */
export function requireNotBusy(mesh: MeshRecord, action: string): void {
  if (BUSY.has(mesh.state)) throw meshBusy(mesh, action);
}

const STATE_FOR: Record<PendingKind, string> = {
  create: "initial",
  enroll: "updating",
  remove: "updating",
  update: "updating",
  upgrade: "upgrading",
  delete: "deleting",
};

/**
 * Put the mesh into its in-progress state and record when the operation completes. Injected faults are
 * taken here, so they are persisted with the operation.
 */
export function startOperation(
  ctx: HandlerContext,
  mesh: MeshRecord,
  kind: PendingKind,
  durationMs: number,
  extra: Partial<PendingOp> = {},
): void {
  const op: PendingOp = { kind, completesAt: ctx.now + Math.max(0, durationMs), ...extra };
  const enrollFailure = kind === "enroll" ? ctx.faults.takeEnrollFailure() : undefined;
  if (enrollFailure) {
    op.enrollFailure = enrollFailure;
  } else {
    const endState = ctx.faults.takeMeshEndState();
    if (endState) {
      op.endState = endState;
      op.errorMessage =
        endState === "create_timeout"
          ? `the ${kind} operation of service mesh ${mesh.serviceMeshId} timed out`
          : `the ${kind} operation of service mesh ${mesh.serviceMeshId} failed: injected fault`;
    }
  }
  mesh.pending = op;
  mesh.state = STATE_FOR[kind];
  mesh.errorMessage = "";
  mesh.updatedAt = ctx.now;
}
