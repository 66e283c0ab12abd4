/**
 * Istio's rule for automatic sidecar injection in a namespace: `istio-injection=enabled`, or a revision
 * label (`istio.io/rev`). Both witnesses of mesh usage, the cluster and ASM, read labels with it.
 */
export function isInjectionEnabled(labels: Record<string, string | undefined>): boolean {
  return labels["istio-injection"] === "enabled" || labels["istio.io/rev"] !== undefined;
}

/** Istio names a data-plane proxy `<pod>.<namespace>`. */
export function proxyNamespace(proxyId: string): string {
  return proxyId.slice(proxyId.lastIndexOf(".") + 1);
}
