import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/**
 * Secrets on the provider protocol. A plugin that accepts secrets (Configure says so) receives each
 * secret value wrapped as `{ [specialSigKey]: specialSecretSig, value }`; the core takes plain values, so
 * the shell unwraps them on the way in and wraps its answer's credentials on the way out. The rule is the
 * dynamic resource's (see sdk/secret-inputs.ts): a top-level key that came in secret, or that carries
 * credentials, goes back secret.
 */
export interface Revealed {
  values: Record<string, unknown>;
  /** Top-level keys whose value was, or held, a secret. */
  secretKeys: Set<string>;
}

export function reveal(properties: Record<string, unknown>): Revealed {
  const secretKeys = new Set<string>();
  const values = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => {
      const found = { secret: false };
      const plainValue = unwrap(value, found);
      if (found.secret) secretKeys.add(key);
      return [key, plainValue];
    }),
  );
  return { values, secretKeys };
}

/** `properties` with each key of `secretKeys` that has a value wrapped as a secret. */
export function conceal(properties: Record<string, unknown>, secretKeys: Iterable<string>): Record<string, unknown> {
  const wrapped = { ...properties };
  for (const key of secretKeys) {
    if (wrapped[key] !== undefined && wrapped[key] !== null) wrapped[key] = secret(wrapped[key]);
  }
  return wrapped;
}

function secret(value: unknown): Record<string, unknown> {
  return { [specialSigKey]: specialSecretSig, value };
}

function unwrap(value: unknown, found: { secret: boolean }): unknown {
  if (Array.isArray(value)) return value.map((item) => unwrap(item, found));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[specialSigKey] === specialSecretSig) {
    found.secret = true;
    return unwrap(record["value"], found);
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, unwrap(item, found)]));
}
