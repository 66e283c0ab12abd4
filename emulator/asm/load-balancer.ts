/**
 * Public endpoints of the control plane: ModifyApiServerEipResource and ModifyPilotEipResource bind an
 * existing EIP to (or unbind it from) the API server's and Pilot's CLB, at once and in place.
 */
import { ApiError } from "../errors";
import type { Handler, HandlerContext } from "../context";
import { optional, optionalBool, optionalEnum } from "../params";
import type { MeshRecord } from "../records";
import { findMesh, requireActivated, requireNotBusy } from "./rules";

const EIP_ID = /^eip-[a-z0-9]{4,32}$/;

/** The EIP a BindEip names, refused when malformed or already bound to this or another mesh's endpoint. */
function eipToBind(ctx: HandlerContext, param: string): string {
  const id = optional(ctx.params, param);
  if (id === undefined || !EIP_ID.test(id)) {
    throw new ApiError(
      400,
      `InvalidParameter.${param}`,
      `BindEip needs ${param}, an EIP id such as eip-bp1xxxx; got "${id ?? ""}".`,
    );
  }
  for (const m of ctx.inv.meshes.values()) {
    if (m.apiServerEipId === id || m.pilotEipId === id) {
      throw new ApiError(400, "InvalidEip.InUse", `The EIP ${id} is already bound to service mesh ${m.serviceMeshId}.`);
    }
  }
  return id;
}

function modify(ctx: HandlerContext, action: string, param: string, slot: "apiServerEipId" | "pilotEipId"): MeshRecord {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const operation = optionalEnum(ctx.params, "Operation", ["BindEip", "UnBindEip"] as const) ?? "BindEip";
  requireNotBusy(mesh, action);
  if (operation === "UnBindEip") {
    mesh[slot] = undefined;
  } else {
    const id = eipToBind(ctx, param);
    if (mesh[slot]) {
      throw new ApiError(
        400,
        "InvalidOperation.EipBound",
        `The endpoint already has EIP ${mesh[slot]}; unbind it first.`,
      );
    }
    mesh[slot] = id;
  }
  mesh.updatedAt = ctx.now;
  ctx.inv.save();
  return mesh;
}

export const modifyApiServerEipResource: Handler = (ctx) => {
  modify(ctx, "ModifyApiServerEipResource", "ApiServerEipId", "apiServerEipId");
  return {};
};

export const modifyPilotEipResource: Handler = (ctx) => {
  if (optionalBool(ctx.params, "IsCanary")) {
    throw new ApiError(400, "InvalidParameter.IsCanary", "The emulator has no canary Pilot; send IsCanary=false.");
  }
  modify(ctx, "ModifyPilotEipResource", "EipId", "pilotEipId");
  return {};
};
