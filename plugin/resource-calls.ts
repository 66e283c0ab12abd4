import { identityFromUrn } from "../provider/model/resource-identity";
import type { ServiceMeshVerbs } from "../provider/verbs";
import { SECRET_INPUTS, SECRET_OUTPUTS } from "../sdk/secret-inputs";
import { conceal, reveal } from "./wire-values";

type Props = Record<string, unknown>;

/**
 * The plugin's resource methods over the core's verbs: what the dynamic resource's SDK class and host do
 * for a TypeScript program, done here for a request from any language. The resource's identity comes
 * from the URN of each request (resource-identity.ts); secrets are unwrapped on the way in and the
 * credentials wrapped on the way out (wire-values.ts). No lifecycle decision is made here.
 */
export class ResourceCalls {
  constructor(private readonly verbs: ServiceMeshVerbs) {}

  async check(urn: string, olds: Props, news: Props) {
    const before = reveal(olds);
    const after = reveal(news);
    // The owner is named for a new resource only: check.ts keeps the one state recorded, or none.
    const named = { ...withIdentity(urn, after.values), owner: identityFromUrn(urn).owner };
    const result = await this.verbs.check(before.values, named);
    const inputs = withoutDerivedIdentity(result.inputs ?? after.values);
    return { inputs: conceal(inputs, secretKeys(after.secretKeys)), failures: result.failures ?? [] };
  }

  async diff(id: string, urn: string, olds: Props, news: Props) {
    return this.verbs.diff(id, reveal(olds).values, withIdentity(urn, reveal(news).values));
  }

  async create(urn: string, props: Props) {
    const given = reveal(props);
    const result = await concealingFailure(given.secretKeys, () => this.verbs.create(withIdentity(urn, given.values)));
    return { id: result.id, outs: conceal(result.outs ?? {}, secretKeys(given.secretKeys)) };
  }

  /** A refresh, or, with no state, an import of `id` (the engine then records the inputs returned). */
  async read(id: string, urn: string, props: Props) {
    const stored = reveal(props);
    const result = await this.verbs.read(id, withIdentity(urn, stored.values));
    const keys = secretKeys(stored.secretKeys);
    return {
      id: result.id ?? "",
      props: conceal(result.props ?? {}, keys),
      inputs: result.inputs && conceal(withoutDerivedIdentity(result.inputs), keys),
    };
  }

  async update(id: string, urn: string, olds: Props, news: Props) {
    const given = reveal(news);
    const result = await concealingFailure(given.secretKeys, () =>
      this.verbs.update(id, reveal(olds).values, withIdentity(urn, given.values)),
    );
    return { outs: conceal(result.outs ?? {}, secretKeys(given.secretKeys)) };
  }

  async delete(id: string, urn: string, props: Props) {
    await this.verbs.delete(id, withIdentity(urn, reveal(props).values));
  }
}

/**
 * What the SDK class adds to a TypeScript program's props, but the owner: the resource name and its URN.
 * The owner is fixed when the resource is created (check.ts), and every later request carries it in the
 * recorded inputs and outputs; an imported mesh has none, as an adopted one (nobody's in particular).
 */
function withIdentity(urn: string, values: Props): Props {
  const { resourceName, resourceUrn } = identityFromUrn(urn);
  return { ...values, resourceName, resourceUrn };
}

/**
 * The inputs the engine records: the name and URN are left out (every request carries the URN), so that
 * a resource moved under an alias, or an imported one, shows no input change for them.
 */
function withoutDerivedIdentity(inputs: Props): Props {
  const { resourceName: _name, resourceUrn: _urn, ...rest } = inputs;
  return rest;
}

/**
 * Keys to answer as secrets: the credentials always, and what came in secret. A secret given under any
 * other key is also copied into `inputs` (the checked inputs kept among the outputs), so that goes secret.
 */
function secretKeys(given: Set<string>): string[] {
  const credentials: readonly string[] = [...SECRET_INPUTS, ...SECRET_OUTPUTS];
  const others = [...given].filter((key) => !credentials.includes(key));
  return [...credentials, ...others, ...(others.length > 0 ? ["inputs"] : [])];
}

/**
 * A step that failed after the mesh or the CR existed (PartialFailure) is recorded by the engine with
 * the properties it carries: their credentials must go back wrapped too.
 */
async function concealingFailure<T>(given: Set<string>, method: () => Promise<T>): Promise<T> {
  try {
    return await method();
  } catch (e) {
    const failure = e as Partial<InitFailure> & Error;
    if (!failure.id || !failure.properties) throw e;
    throw Object.assign(new Error(failure.message), {
      id: failure.id,
      properties: conceal(failure.properties, secretKeys(given)),
      reasons: failure.reasons ?? [failure.message],
    } satisfies InitFailure);
  }
}

/** What the server reports as ErrorResourceInitFailed: the resource exists, with these outputs. */
export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}
