// What docs/operations.md says in "Rotating access keys", shown with the real engine: the stack's
// configuration, access keys included, is stored in state as the default dynamic provider's inputs (secrets
// encrypted), and `pulumi destroy` configures the provider from that stored copy, so after a key rotation it
// still signs with the old key. `destroy --run-program`, or an `up` first, uses the stack config as it is
// now.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectedDurationsFor } from "../../devkit/expected-durations";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../emulator";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { FAST_LATENCIES } from "../support/mesh-harness";
import { MESH_PROGRAM } from "../support/mesh-stack";
import { pulumiProject, type PulumiProject } from "../support/pulumi-cli";

/** The cluster, bound to the local kube-apiserver (ACK hands out its kubeconfig). */
const seed = (kube: KubeCluster): EmulatorSeed => ({
  clusters: [
    { clusterId: "crot1", regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"], kubeconfig: kube.kubeconfig },
  ],
});
const key = (tag: string) => ({
  id: `ROT${tag}${randomBytes(6).toString("hex")}`,
  secret: randomBytes(18).toString("hex"),
});

describe("credentials after an access-key rotation", () => {
  const oldKey = key("OLD");
  const newKey = key("NEW");
  let dir: string;
  let kube: KubeCluster;
  let emulator: RunningEmulator;
  let project: PulumiProject;

  /** The emulator (same port, same persisted inventory) accepting only `k`: a rotation in the console. */
  const cloudAccepting = async (k: { id: string; secret: string }) => {
    await emulator?.stop();
    emulator = await startEmulator({
      port: emulator?.port,
      accessKeyId: k.id,
      accessKeySecret: k.secret,
      seed: seed(kube),
      statePath: join(dir, "emulator.json"),
      latency: FAST_LATENCIES,
    });
  };
  const useKey = async (k: { id: string; secret: string }) => {
    await project.setConfig("alicloud:accessKey", k.id);
    await project.setConfig("alicloud:secretKey", k.secret, { secret: true });
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "key-rotation-"));
    kube = await startKubeCluster();
    await cloudAccepting(oldKey);
    // Credentials only in stack config: nothing in the environment for the provider to fall back on.
    project = await pulumiProject({
      dir: MESH_PROGRAM,
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
      config: {
        "mesh-e2e:clusterId": "crot1",
        "mesh-e2e:deletionPolicy": "Delete",
        "alicloud:region": "cn-hangzhou",
        "servicemesh:asmEndpoint": emulator.endpoint,
        "servicemesh:ackEndpoint": emulator.endpoint,
        "servicemesh:protocol": "HTTP",
        "servicemesh:expectedDurations": expectedDurationsFor(FAST_LATENCIES),
      },
    });
    await useKey(oldKey);
    await project.up();
  });
  after(async () => {
    await project?.cleanup();
    await Promise.allSettled([emulator?.stop(), kube?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("stores the stack config, keys included, as the default provider's inputs, the secret key encrypted", async () => {
    const state = await project.exportStack();
    const provider = state.deployment.resources.find((r: any) => r.type === "pulumi:providers:pulumi-nodejs");
    assert.ok(provider, "no default pulumi-nodejs provider in state");
    assert.equal(provider.inputs["alicloud:accessKey"], oldKey.id);
    assert.ok(provider.inputs["alicloud:secretKey"].ciphertext, JSON.stringify(provider.inputs));
    const raw = await readFile(project.statePath(), "utf8");
    assert.ok(!raw.includes(oldKey.secret), "the secret key is in the state file in plain text");
  });

  it("destroys with the key stored at the last up, even after the stack config has the new one", async () => {
    // GIVEN the old key is revoked and the stack config holds the new one
    await cloudAccepting(newKey);
    await useKey(newKey);
    // WHEN destroy runs without the program THEN it signs with the stored, revoked key
    const r = await project.destroy([], { allowFailure: true });
    assert.notEqual(r.code, 0, "destroy succeeded with a revoked key");
    assert.match(r.stdout, /cannot delete ServiceMesh crot1: .*InvalidAccessKeyId\.NotFound/);
    assert.equal(emulator.inventory().meshes.length, 1);
  });

  it("destroys with the new key when the program runs (--run-program)", async () => {
    await project.destroy(["--run-program"]);
    assert.deepEqual(emulator.inventory().meshes, []);
  });

  it("stores the new key at the next up, after which a plain destroy uses it", async () => {
    // GIVEN a mesh created with the current key, which is then rotated again
    await project.up();
    const { serviceMeshId } = await project.stackOutputs();
    const third = key("3RD");
    await cloudAccepting(third);
    await useKey(third);
    // WHEN up runs first THEN the stored provider configuration has the new key (the mesh stays as it
    // is) and destroy succeeds
    const up = await project.up();
    assert.doesNotMatch(up.stdout, /replaced|created/, up.stdout);
    assert.equal((await project.stackOutputs()).serviceMeshId, serviceMeshId);
    const state = await project.exportStack();
    const provider = state.deployment.resources.find((r: any) => r.type === "pulumi:providers:pulumi-nodejs");
    assert.equal(provider.inputs["alicloud:accessKey"], third.id);
    await project.destroy();
    assert.deepEqual(emulator.inventory().meshes, []);
  });
});
