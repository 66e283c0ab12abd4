import { DEFAULT_CR, type CrRef } from "./names";

/** The CR location for a resource: the seed's istio-system/mesh unless the `customResource` input says otherwise. */
export function crRef(inputs: { customResourceNamespace?: string; customResourceName?: string }): CrRef {
  return {
    namespace: inputs.customResourceNamespace || DEFAULT_CR.namespace,
    name: inputs.customResourceName || DEFAULT_CR.name,
  };
}

export function sameRef(a: CrRef, b: CrRef): boolean {
  return a.namespace === b.namespace && a.name === b.name;
}
