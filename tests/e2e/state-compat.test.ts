// End-to-end: a stack written by the released 0.1.0 (tests/e2e/fixtures/state-0.1.0: its state with a
// mesh, a CR and every output, the emulator's record of that mesh, and the CRD and CR it wrote) is
// imported into the real pulumi CLI and driven by the current code: previewed with no changes and no
// cloud call, refreshed without drift, updated in place, destroyed. A resource recorded before owners
// stays without one (see docs/ownership-and-deletion.md, "Ownership").
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { STATE_FORMAT } from "../../provider/model/state-format";
import { FIXTURE, FIXTURE_CLUSTER, FIXTURE_CONFIG, PLACEHOLDERS } from "./fixtures/state-fixture";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { clusterReader } from "../support/kube-read";
import { MESH_PROGRAM, providerEnv, cloudWrites } from "../support/mesh-stack";
import { pulumiProject, type PulumiProject } from "../support/pulumi-cli";

const CR = { group: "istio.alibabacloud.com", version: "v1beta1", plural: "servicemeshes" };

/** The CRD and the CR (with its status) as the release left them in the cluster. */
async function restoreCluster(kubeconfig: string): Promise<void> {
  const config = new k8s.KubeConfig();
  config.loadFromString(kubeconfig);
  const extensions = config.makeApiClient(k8s.ApiextensionsV1Api);
  const core = config.makeApiClient(k8s.CoreV1Api);
  const objects = config.makeApiClient(k8s.CustomObjectsApi);
  const read = async (file: string) => JSON.parse(await readFile(join(FIXTURE, file), "utf8"));
  await extensions.createCustomResourceDefinition({ body: await read("crd.json") });
  for (let established = false; !established; await new Promise((r) => setTimeout(r, 200))) {
    const crd = await extensions.readCustomResourceDefinition({ name: "servicemeshes.istio.alibabacloud.com" });
    established = !!crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
  }
  await core.createNamespace({ body: { metadata: { name: "istio-system" } } });
  const { status, ...cr } = await read("cr.json");
  await objects.createNamespacedCustomObject({ ...CR, namespace: "istio-system", body: cr });
  await objects.patchNamespacedCustomObjectStatus(
    { ...CR, namespace: "istio-system", name: "mesh", body: { status } },
    k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
  );
}

describe("a stack written by 0.1.0", () => {
  let emulator: RunningEmulator;
  let kube: KubeCluster;
  let stack: PulumiProject;
  const writes = () => cloudWrites(emulator);

  before(async () => {
    const accessKeyId = `TEST${randomBytes(8).toString("hex")}`;
    const accessKeySecret = `compat-${randomBytes(16).toString("hex")}`;
    const statePath = join(await mkdtemp(join(tmpdir(), "state-compat-")), "emulator.json");
    await copyFile(join(FIXTURE, "emulator.json"), statePath);
    emulator = await startEmulator({ accessKeyId, accessKeySecret, statePath });
    kube = await startKubeCluster();
    emulator.mutate.bindKubeconfig(FIXTURE_CLUSTER.clusterId, kube.kubeconfig);
    await restoreCluster(kube.kubeconfig);
    stack = await pulumiProject({
      dir: MESH_PROGRAM,
      stack: "released",
      env: { ...providerEnv(emulator, accessKeyId, accessKeySecret), ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
      config: Object.fromEntries(Object.entries(FIXTURE_CONFIG).map(([k, v]) => [`mesh-e2e:${k}`, v])),
      secretConfig: { "mesh-e2e:kubeconfig": kube.kubeconfig },
    });
    // What the release wrote, with this run's cluster and this checkout's package in place of the ones
    // of the run that made it (a program upgrading the package loads the new code the same way).
    const deployment = (await readFile(join(FIXTURE, "deployment.json"), "utf8"))
      .split(PLACEHOLDERS.kubeconfig)
      .join(JSON.stringify(JSON.stringify(kube.kubeconfig)).slice(1, -1))
      .split(PLACEHOLDERS.dist)
      .join(resolve(__dirname, "..", "..", "dist"));
    // Its secrets are recorded in plain text; its passphrase provider takes this stack's salt, so that
    // `stack import` encrypts them with this run's passphrase (each run makes its own).
    const exported = JSON.parse(deployment);
    const salt = /^encryptionsalt: (\S+)$/m.exec(await readFile(stack.configFile, "utf8"))?.[1];
    assert.ok(salt, "the stack's config records its passphrase salt");
    exported.deployment.secrets_providers.state.salt = salt;
    const file = join(await mkdtemp(join(tmpdir(), "state-compat-")), "deployment.json");
    await writeFile(file, JSON.stringify(exported));
    const imported = await stack.run(["stack", "import", "--file", file, "--stack", stack.stack]);
    assert.equal(imported.code, 0, imported.stderr);
  });

  after(async () => {
    await stack?.cleanup();
    await Promise.allSettled([emulator?.stop(), kube?.stop()]);
  });

  const meshOf = () => emulator.inventory().meshes.find((m) => m.name === "mesh-for-cstate1");
  const recorded = async () => {
    const state = await stack.exportStack();
    return state.deployment.resources.find((r: { type: string }) => r.type.endsWith("ServiceMesh"));
  };

  it("previews with no changes and no cloud call, and refreshes without drift", async () => {
    emulator.clearRequestLog();
    await stack.preview(["--expect-no-changes"]);
    assert.deepEqual(emulator.requestLog(), [], "a no-op preview calls nothing");
    await stack.refresh();
    assert.deepEqual(writes(), [], "refresh only reads");
    const refreshed = await recorded();
    assert.deepEqual(refreshed.outputs.drift, [], "refresh found no drift");
    assert.equal(refreshed.outputs.ready, true);
    await stack.preview(["--expect-no-changes"]);
    assert.equal("owner" in refreshed.inputs, false, "a resource from before owners stays without one");
  });

  it("updates in place, on the same mesh", async () => {
    const before = meshOf();
    await stack.setConfig("mesh-e2e:tags", JSON.stringify({ team: "checkout" }));
    emulator.clearRequestLog();
    await stack.up();
    assert.deepEqual(writes(), ["TagResources"]);
    const after = meshOf();
    assert.equal(after?.serviceMeshId, before?.serviceMeshId);
    assert.equal(after?.tags.find((t) => t.Key === "team")?.Value, "checkout");
    const updated = await recorded();
    assert.equal("owner" in updated.inputs, false, "an update gives it no owner either");
    assert.equal(updated.outputs.stateFormat, STATE_FORMAT, "the update records the current state format");
    await stack.preview(["--expect-no-changes"]);
  });

  it("is destroyed: the mesh (deletionPolicy Delete) and the CR are gone", async () => {
    await stack.destroy();
    assert.equal(meshOf(), undefined);
    assert.equal(await clusterReader(kube.kubeconfig).serviceMesh(), undefined);
  });
});
