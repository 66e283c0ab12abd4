import type { EipEndpoint, MeshLoadBalancer } from "../deps/asm-api";
import type { LoadBalancer } from "./types";

/** One Modify*EipResource call: bind `eipId`, or unbind (`eipId` undefined) what is bound. */
export interface EipChange {
  endpoint: EipEndpoint;
  eipId: string | undefined;
  bound: string;
}

/**
 * The bind/unbind calls that bring the control plane's public endpoints to the program's, in place. An
 * EIP named in `apiServerEipId` / `pilotEipId` replaces whatever is bound (unbind first); `apiServerPublicEip:
 * false` without an id unbinds the API server's. `apiServerPublicEip: true` without an id keeps any EIP
 * (ASM allocated it at creation); on a mesh without one it cannot be met in place, which `check` refuses.
 */
export function eipChanges(wanted: LoadBalancer | undefined, current: MeshLoadBalancer): EipChange[] {
  if (!wanted) return [];
  const changes: EipChange[] = [];
  const converge = (endpoint: EipEndpoint, want: string | undefined, bound: string, unbindWhenNone: boolean) => {
    if (want !== undefined && want !== bound) {
      if (bound) changes.push({ endpoint, eipId: undefined, bound });
      changes.push({ endpoint, eipId: want, bound: "" });
    } else if (want === undefined && unbindWhenNone && bound) {
      changes.push({ endpoint, eipId: undefined, bound });
    }
  };
  converge("apiServer", wanted.apiServerEipId, current.apiServerEipId, wanted.apiServerPublicEip === false);
  converge("pilot", wanted.pilotEipId, current.pilotEipId, false);
  return changes;
}

/** Why the program's public API server endpoint cannot be had in place, or undefined. */
export function missingApiServerEip(wanted: LoadBalancer | undefined, current: MeshLoadBalancer): string | undefined {
  if (wanted?.apiServerPublicEip !== true || wanted.apiServerEipId || current.apiServerEipId) return undefined;
  return "loadBalancer.apiServerPublicEip: ASM allocates the API server's EIP only when it creates the mesh; to give this mesh a public endpoint in place, name an EIP you own in loadBalancer.apiServerEipId";
}
