// The mesh harness with STS credentials: the emulator accepts only a temporary key pair plus its
// security token, and the provider is configured the way a user would (`alicloud:accessKey`,
// `alicloud:secretKey`, `alicloud:securityToken`). Same shape as `MeshHarness`, so tests can swap them.
import { randomBytes } from "node:crypto";
import { serviceMeshProvider } from "../../provider";
import { startEmulator, type EmulatorSeed, type Latencies, type StsToken } from "../../emulator";
import { startKubeCluster, type KubeUser } from "./kube-cluster";
import { FAST_LATENCIES, type MeshHarness } from "./mesh-harness";

export interface StsMeshHarness extends MeshHarness {
  sts: StsToken;
  /** A permanent key known to the emulator but not used by the provider (for contrast). */
  accessKeyId: string;
}

const PROVIDER_MARKER = "exports.handler = () => undefined;";

export async function startStsMeshHarness(opts: {
  seed: EmulatorSeed;
  latency?: Partial<Latencies>;
  kubeUsers?: KubeUser[];
}): Promise<StsMeshHarness> {
  const accessKeyId = `TEST${randomBytes(8).toString("hex")}`;
  const accessKeySecret = `secret-${randomBytes(16).toString("hex")}`;
  const sts: StsToken = {
    accessKeyId: `STS.${randomBytes(8).toString("hex")}`,
    accessKeySecret: `stssecret-${randomBytes(16).toString("hex")}`,
    securityToken: `ststoken-${randomBytes(24).toString("hex")}`,
  };
  const emulator = await startEmulator({
    accessKeyId,
    accessKeySecret,
    stsTokens: [sts],
    seed: opts.seed,
    latency: opts.latency ?? FAST_LATENCIES,
  });
  const kube = await startKubeCluster({ extraUsers: opts.kubeUsers ?? [] }).catch(async (e) => {
    await emulator.stop();
    throw e;
  });
  const config: Record<string, string> = {
    "alicloud:accessKey": sts.accessKeyId,
    "alicloud:secretKey": sts.accessKeySecret,
    "alicloud:securityToken": sts.securityToken,
    "servicemesh:asmEndpoint": emulator.endpoint,
    "servicemesh:ackEndpoint": emulator.endpoint,
    "servicemesh:protocol": "HTTP",
  };
  await serviceMeshProvider.configure({ config: { get: (key: string) => config[key] } } as never);

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
    sts,
    accessKeyId,
    accessKeySecret,
    check,
    async create(args) {
      return (await serviceMeshProvider.create(await checked({}, args))).outs as Record<string, unknown>;
    },
    async update(olds, args) {
      const news = await checked(olds, args);
      const diff = await serviceMeshProvider.diff(String(olds["clusterId"]), olds, news);
      if (diff.replaces?.length) throw new Error(`would replace: ${diff.replaces.join(", ")}`);
      return (await serviceMeshProvider.update(String(olds["clusterId"]), olds, news)).outs as Record<string, unknown>;
    },
    read: async (outs) => serviceMeshProvider.read(String(outs["clusterId"]), outs) as never,
    delete: (outs) => serviceMeshProvider.delete(String(outs["clusterId"]), outs),
    async stop() {
      await Promise.allSettled([emulator.stop(), kube.stop()]);
    },
  };
}
