// Calls the real provider's lifecycle methods the way the engine does: check, diff, then
// create/update/delete with the properties check returned. Shared by the harness and the bench's
// fresh provider processes.
import { serviceMeshProvider as sources } from "../../provider";

export type Props = Record<string, unknown>;

export interface ProviderDriver {
  /** check + create; throws the check failures as an Error naming them. */
  create(args: Props): Promise<Props>;
  /** check + diff + update from the previous outputs. */
  update(olds: Props, args: Props): Promise<Props>;
  check(olds: Props, args: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  read(outs: Props): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  delete(outs: Props): Promise<void>;
}

/** Stands in for the serialized `__provider` the engine would pass; the provider only carries it along. */
const PROVIDER_MARKER = "exports.handler = () => undefined;";

/**
 * Configures this process's provider with `config` (stack config keys) and drives it; every resource's
 * CR goes through `kubeconfig` unless its args say otherwise (`kubeconfig: undefined`: the CR goes into
 * the enrolled cluster). `provider`: this checkout's sources (default), or the built package's.
 */
export async function driveProvider(
  config: Record<string, string>,
  kubeconfig: string,
  provider: typeof sources = sources,
): Promise<ProviderDriver> {
  const serviceMeshProvider = provider;
  await serviceMeshProvider.configure({ config: { get: (key: string) => config[key] } } as never);
  const withDefaults = (args: Props) => ({ kubeconfig, __provider: PROVIDER_MARKER, ...args });
  const check: ProviderDriver["check"] = async (olds, args) =>
    serviceMeshProvider.check(olds, withDefaults(args)) as never;
  const checked = async (olds: Props, args: Props) => {
    const result = await check(olds, args);
    if (result.failures.length) throw new Error(`check failed: ${result.failures.map((f) => f.reason).join("; ")}`);
    return result.inputs;
  };
  return {
    check,
    async create(args) {
      const result = await serviceMeshProvider.create(await checked({}, args));
      return result.outs as Props;
    },
    async update(olds, args) {
      const news = await checked(olds, args);
      const diff = await serviceMeshProvider.diff(String(olds["clusterId"]), olds, news);
      if (diff.replaces?.length) throw new Error(`would replace: ${diff.replaces.join(", ")}`);
      const result = await serviceMeshProvider.update(String(olds["clusterId"]), olds, news);
      return result.outs as Props;
    },
    read: async (outs) => serviceMeshProvider.read(String(outs["clusterId"]), outs) as never,
    delete: (outs) => serviceMeshProvider.delete(String(outs["clusterId"]), outs),
  };
}
