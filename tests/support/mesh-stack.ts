// An end-to-end fixture: the emulator (in this process), a real kube-apiserver, and the real pulumi
// CLI running tests/e2e/programs/service-mesh with stack config for one ServiceMesh.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expectedDurationsFor } from "../../devkit/expected-durations";
import { startEmulator, type EmulatorSeed, type Latencies, type RunningEmulator } from "../../emulator";
import { asmClient, type RpcCall } from "./asm-test-client";
import { SERVICE_MESH_TYPE } from "./cli-diagnostics";
import { startKubeCluster, type KubeCluster } from "./kube-cluster";
import { FAST_LATENCIES } from "./mesh-harness";
import { pulumiProject, type PulumiProject } from "./pulumi-cli";

export const MESH_PROGRAM = join(__dirname, "..", "e2e", "programs", "service-mesh");

/** A Pulumi project the tests run: its directory and its name (the namespace of its stack config). */
export interface MeshProgram {
  dir: string;
  project: string;
}

const TYPESCRIPT_PROGRAM: MeshProgram = { dir: MESH_PROGRAM, project: "mesh-e2e" };

export interface MeshWorld {
  emulator: RunningEmulator;
  kube: KubeCluster;
  accessKeyId: string;
  accessKeySecret: string;
  /** ASM as a person in the console would call it: changes made outside Pulumi. */
  console: RpcCall;
  /**
   * A fresh stack of the ServiceMesh program with this config. `kubeconfig` (a secret) names the
   * cluster for the CR unless `kubeconfig: false`: then the CR goes into the enrolled cluster, reached
   * with the kubeconfig the emulator's ACK hands out (the cluster is bound to this kube-apiserver).
   * `program`: another project than the TypeScript one (a plugin program in YAML or Python).
   */
  stack(
    config: Record<string, string>,
    opts?: { kubeconfig?: boolean; env?: Record<string, string>; program?: MeshProgram },
  ): Promise<PulumiProject>;
  stop(): Promise<void>;
}

/** The write calls (anything but a Describe or List call) the emulator answered since its log was cleared. */
export function cloudWrites(emulator: RunningEmulator): string[] {
  return emulator
    .requestLog()
    .map((r) => r.action)
    .filter((a) => !/^(Describe|List)/.test(a));
}

/** The ServiceMesh's entry in the stack's state (the dynamic class's, or another shell's `type`). */
export async function exportedMesh(stack: PulumiProject, type = SERVICE_MESH_TYPE): Promise<any> {
  const exported = await stack.exportStack();
  return (exported.deployment.resources ?? []).find((r: any) => r.type === type);
}

/** The mesh's step in a `preview --json`: what it will do and which inputs it names. */
export async function meshStep(stack: PulumiProject): Promise<{ op: string; diffs: string[] }> {
  const preview = await stack.previewJson();
  const step = preview.steps.find((s: any) => s.urn.endsWith("::mesh"));
  return { op: step?.op ?? "none", diffs: [...(step?.diffReasons ?? [])].sort() };
}

/** The environment that points the provider at the emulator, as a user's shell would set it. */
export function providerEnv(
  emulator: RunningEmulator,
  accessKeyId: string,
  accessKeySecret: string,
  latency: Partial<Latencies> = FAST_LATENCIES,
): Record<string, string> {
  return {
    SERVICEMESH_EXPECTED_DURATIONS: expectedDurationsFor(latency),
    ALICLOUD_ACCESS_KEY: accessKeyId,
    ALICLOUD_SECRET_KEY: accessKeySecret,
    ALICLOUD_REGION: "cn-hangzhou",
    SERVICEMESH_ASM_ENDPOINT: emulator.endpoint,
    SERVICEMESH_ACK_ENDPOINT: emulator.endpoint,
    SERVICEMESH_PROTOCOL: "HTTP",
  };
}

/** The same, as a user's shell sets it for a real account: the provider not told the emulator's latencies. */
export function untoldProviderEnv(
  emulator: RunningEmulator,
  accessKeyId: string,
  accessKeySecret: string,
): Record<string, string> {
  const { SERVICEMESH_EXPECTED_DURATIONS: _told, ...rest } = providerEnv(emulator, accessKeyId, accessKeySecret);
  return rest;
}

/**
 * A world that already has a mesh made outside Pulumi (as in the console), named `made-in-console`,
 * serving one cluster; both in cn-hangzhou, in the VPC and vSwitch `vpc-<tag>` / `vsw-<tag>`.
 */
export function consoleMeshSeed(
  serviceMeshId: string,
  clusterId: string,
  clusterSpec: "standard" | "enterprise",
): EmulatorSeed {
  const tag = clusterId.slice(1);
  return {
    clusters: [{ clusterId, regionId: "cn-hangzhou", vpcId: `vpc-${tag}`, vswitchIds: [`vsw-${tag}`] }],
    meshes: [
      {
        serviceMeshId,
        name: "made-in-console",
        regionId: "cn-hangzhou",
        clusterSpec,
        clusters: [clusterId],
        vpcId: `vpc-${tag}`,
        vswitches: [`vsw-${tag}`],
      },
    ],
  };
}

export async function startMeshWorld(
  seed: EmulatorSeed,
  latency: Partial<Latencies> = FAST_LATENCIES,
): Promise<MeshWorld> {
  const accessKeyId = `TEST${randomBytes(8).toString("hex")}`;
  const accessKeySecret = `e2e-secret-${randomBytes(16).toString("hex")}`;
  const emulator = await startEmulator({ accessKeyId, accessKeySecret, seed, latency });
  const kube = await startKubeCluster().catch(async (e) => {
    await emulator.stop();
    throw e;
  });
  for (const c of seed.clusters ?? []) if (!c.kubeconfig) emulator.mutate.bindKubeconfig(c.clusterId, kube.kubeconfig);
  const projects: PulumiProject[] = [];
  return {
    emulator,
    kube,
    accessKeyId,
    accessKeySecret,
    console: asmClient(emulator.endpoint, { accessKeyId, accessKeySecret }),
    async stack(config, opts = {}) {
      const program = opts.program ?? TYPESCRIPT_PROGRAM;
      const project = await pulumiProject({
        dir: program.dir,
        env: {
          ...providerEnv(emulator, accessKeyId, accessKeySecret, latency),
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
          ...opts.env,
        },
        config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`${program.project}:${k}`, v])),
        secretConfig: opts.kubeconfig === false ? {} : { [`${program.project}:kubeconfig`]: kube.kubeconfig },
      });
      projects.push(project);
      return project;
    },
    async stop() {
      await Promise.allSettled(projects.map((p) => p.cleanup()));
      await Promise.allSettled([emulator.stop(), kube.stop()]);
    },
  };
}
