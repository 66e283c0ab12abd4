/**
 * Inputs that carry credentials. The SDK wraps them in `pulumi.secret` and lists them as secret outputs;
 * the provider never copies them anywhere the engine would not mark secret (it matches secret outputs to
 * secret inputs by top-level key only). Plain data, no imports: the provider process reads it too.
 */
export const SECRET_INPUTS = ["kubeconfig", "clusterKubeconfig"] as const;
export type SecretInput = (typeof SECRET_INPUTS)[number];

/** Outputs that carry credentials: the control plane's kubeconfig. */
export const SECRET_OUTPUTS = ["meshKubeconfig"] as const;
