// Runs the real provider (real Alibaba clients, real @kubernetes/client-node) against the emulator and
// a real kube-apiserver, calling the lifecycle methods the way the engine does: check, diff, then
// create/update/delete with the properties check returned.
import { randomBytes } from "node:crypto";
import { serviceMeshProvider } from "../../provider";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import { startEmulator, type EmulatorSeed, type Latencies, type RunningEmulator, type StsToken } from "../../emulator";
import { expectedDurationsFor } from "../../devkit/expected-durations";
import { startKubeCluster, type KubeCluster, type KubeUser } from "./kube-cluster";

export const FAST_LATENCIES: Partial<Latencies> = {
  provisionMs: 300,
  enrollMs: 200,
  removeMs: 200,
  updateMs: 150,
  deleteMs: 200,
};

export interface MeshHarness {
  emulator: RunningEmulator;
  kube: KubeCluster;
  /** The emulator's permanent key pair (what the provider uses unless `sts` is set). */
  accessKeyId: string;
  accessKeySecret: string;
  /** With `sts: true`: the temporary key pair and token the provider is configured with instead. */
  sts?: StsToken;
  /** The stack config the provider is configured with (for provider processes of a test's own). */
  providerConfig: Record<string, string>;
  /** check + create; throws the check failures as an Error naming them. */
  create(args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** check + diff + update from the previous outputs. */
  update(olds: Record<string, unknown>, args: Record<string, unknown>): Promise<Record<string, unknown>>;
  check(
    olds: Record<string, unknown>,
    args: Record<string, unknown>,
  ): Promise<{ inputs: Record<string, unknown>; failures: { property: string; reason: string }[] }>;
  read(
    outs: Record<string, unknown>,
  ): Promise<{ id?: string; props?: Record<string, unknown>; inputs?: Record<string, unknown> }>;
  delete(outs: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Stands in for the serialized `__provider` the engine would pass; the provider only carries it along. */
const PROVIDER_MARKER = "exports.handler = () => undefined;";

export async function startMeshHarness(opts: {
  seed: EmulatorSeed;
  latency?: Partial<Latencies>;
  kubeUsers?: KubeUser[];
  region?: string;
  /** Configure the provider with STS credentials (`alicloud:securityToken`), as a user would. */
  sts?: boolean;
  /**
   * Run PreChecked at `check` too (default off here: these tests drive one operation at a time, and a
   * preflight would meet the faults armed for the operation first).
   */
  preflight?: boolean;
  /**
   * Tell the provider what the emulator's operations take (default true), as `servicemesh:expectedDurations`;
   * false leaves it the documented defaults, as for a real cloud (the bench measures that schedule).
   */
  tellLatencies?: boolean;
  /** A kube-apiserver to use (and leave running) instead of starting one, e.g. one that has the CRD. */
  kube?: KubeCluster;
}): Promise<MeshHarness> {
  const accessKeyId = `TEST${randomBytes(8).toString("hex")}`;
  const accessKeySecret = `secret-${randomBytes(16).toString("hex")}`;
  const sts: StsToken | undefined = opts.sts
    ? {
        accessKeyId: `STS.${randomBytes(8).toString("hex")}`,
        accessKeySecret: `stssecret-${randomBytes(16).toString("hex")}`,
        securityToken: `ststoken-${randomBytes(24).toString("hex")}`,
      }
    : undefined;
  const emulator = await startEmulator({
    accessKeyId,
    accessKeySecret,
    ...(sts ? { stsTokens: [sts] } : {}),
    seed: opts.seed,
    latency: opts.latency ?? FAST_LATENCIES,
  });
  const kube =
    opts.kube ??
    (await startKubeCluster({ extraUsers: opts.kubeUsers ?? [] }).catch(async (e) => {
      await emulator.stop();
      throw e;
    }));
  // Every emulated ACK cluster *is* this kube-apiserver unless the seed binds it elsewhere: the seed's
  // layout, where the CR lives in the cluster being enrolled.
  for (const c of opts.seed.clusters ?? [])
    if (!c.kubeconfig) emulator.mutate.bindKubeconfig(c.clusterId, kube.kubeconfig);
  const config: Record<string, string> = {
    "alicloud:accessKey": sts?.accessKeyId ?? accessKeyId,
    "alicloud:secretKey": sts?.accessKeySecret ?? accessKeySecret,
    ...(sts ? { "alicloud:securityToken": sts.securityToken } : {}),
    "servicemesh:asmEndpoint": emulator.endpoint,
    "servicemesh:ackEndpoint": emulator.endpoint,
    "servicemesh:protocol": "HTTP",
    "servicemesh:preflight": opts.preflight ? "true" : "false",
    ...(opts.tellLatencies === false
      ? {}
      : { "servicemesh:expectedDurations": expectedDurationsFor(opts.latency ?? FAST_LATENCIES) }),
    ...(opts.region ? { "alicloud:region": opts.region } : {}),
  };
  await serviceMeshProvider.configure({ config: { get: (key: string) => config[key] } } as never);

  // The admin kubeconfig for the CR unless the args say otherwise (`kubeconfig: undefined`: the CR goes
  // into the enrolled cluster).
  const withDefaults = (args: Record<string, unknown>) => ({
    kubeconfig: kube.kubeconfig,
    __provider: PROVIDER_MARKER,
    ...args,
  });
  const check: MeshHarness["check"] = async (olds, args) =>
    serviceMeshProvider.check(olds, withDefaults(args)) as never;
  const checked = async (olds: Record<string, unknown>, args: Record<string, unknown>) => {
    const result = await check(olds, args);
    if (result.failures.length) throw new Error(`check failed: ${result.failures.map((f) => f.reason).join("; ")}`);
    return result.inputs;
  };
  return {
    emulator,
    kube,
    accessKeyId,
    accessKeySecret,
    ...(sts ? { sts } : {}),
    providerConfig: config,
    check,
    async create(args) {
      const result = await serviceMeshProvider.create(await checked({}, args));
      return result.outs as Record<string, unknown>;
    },
    async update(olds, args) {
      const news = await checked(olds, args);
      const diff = await serviceMeshProvider.diff(String(olds["clusterId"]), olds, news);
      if (diff.replaces?.length) throw new Error(`would replace: ${diff.replaces.join(", ")}`);
      const result = await serviceMeshProvider.update(String(olds["clusterId"]), olds, news);
      return result.outs as Record<string, unknown>;
    },
    read: async (outs) => serviceMeshProvider.read(String(outs["clusterId"]), outs) as never,
    delete: (outs) => serviceMeshProvider.delete(String(outs["clusterId"]), outs),
    async stop() {
      await Promise.allSettled([emulator.stop(), opts.kube ? undefined : kube.stop()]);
    },
  };
}

/** Runs a create that is expected to fail part-way; returns the partial state the engine would keep. */
export async function expectPartialFailure(run: () => Promise<unknown>): Promise<PartialFailure> {
  try {
    await run();
  } catch (e) {
    if (e instanceof PartialFailure) return e;
    throw e;
  }
  throw new Error("expected the operation to fail part-way, but it succeeded");
}
