/**
 * Removes credentials from any text that may reach a log, an error message or Pulumi state. A last line
 * of defence: secrets are kept out of messages by construction, and this catches what a library echoes.
 */
const known = new Set<string>();

/** Registers a secret value (access key secret, STS token, kubeconfig token) to be masked everywhere. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) known.add(value);
}

const PATTERNS: RegExp[] = [
  /(Signature=)[0-9a-f]{16,}/gi,
  /(x-acs-security-token[:=]\s*)\S+/gi,
  /(SecurityToken=)[^&\s]+/gi,
  /(AccessKeySecret["']?\s*[:=]\s*["']?)[^"'\s,}&]+/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g,
  /((?:token|client-key-data|client-certificate-data|password)["']?\s*:\s*["']?)[^"'\s,}]{8,}/gi,
];

export function redact(text: string): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join("***");
  for (const pattern of PATTERNS) out = out.replace(pattern, "$1***");
  return out;
}

/** Registers the credentials in a kubeconfig text (tokens, passwords, key and certificate data). */
export function registerKubeconfigSecrets(kubeconfig: string | undefined): void {
  if (!kubeconfig) return;
  const pattern = /(?:token|password|client-key-data|client-certificate-data)["']?\s*:\s*["']?([^"'\s,}]+)/g;
  for (const match of kubeconfig.matchAll(pattern)) registerSecret(match[1]);
}
