// Runs the real provider (real Alibaba clients, real @kubernetes/client-node) against the emulator and
// a real kube-apiserver, calling the lifecycle methods the way the engine does (see provider-driver.ts).
import { randomBytes } from "node:crypto";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import { startEmulator, type EmulatorSeed, type Latencies, type RunningEmulator, type StsToken } from "../../emulator";
import { expectedDurationsFor } from "../../devkit/expected-durations";
import { startKubeCluster, type KubeCluster, type KubeUser } from "./kube-cluster";
import { driveProvider, type ProviderDriver } from "./provider-driver";

export const FAST_LATENCIES: Partial<Latencies> = {
  provisionMs: 300,
  enrollMs: 200,
  removeMs: 200,
  updateMs: 150,
  deleteMs: 200,
};

export interface MeshHarness extends ProviderDriver {
  emulator: RunningEmulator;
  kube: KubeCluster;
  /** The emulator's permanent key pair (what the provider uses unless `sts` is set). */
  accessKeyId: string;
  accessKeySecret: string;
  /** With `sts: true`: the temporary key pair and token the provider is configured with instead. */
  sts?: StsToken;
  /** The stack config the provider is configured with (for provider processes of a test's own). */
  providerConfig: Record<string, string>;
  stop(): Promise<void>;
}

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
  const driver = await driveProvider(config, kube.kubeconfig);
  return {
    emulator,
    kube,
    accessKeyId,
    accessKeySecret,
    ...(sts ? { sts } : {}),
    providerConfig: config,
    ...driver,
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
