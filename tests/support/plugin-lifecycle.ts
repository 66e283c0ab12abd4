// The provider plugin's lifecycle through the real pulumi CLI, for a program in any language: the same
// scenario for the YAML and the Python program (tests/e2e/plugin-yaml.test.ts, plugin-python.test.ts).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { SERVICE_MESH_TOKEN } from "../../plugin/package-name";
import { meshRow } from "./cli-diagnostics";
import { clusterReader } from "./kube-read";
import { cloudWrites, exportedMesh, meshStep, startMeshWorld, type MeshProgram, type MeshWorld } from "./mesh-stack";
import type { PulumiProject } from "./pulumi-cli";

const ALL_TRUE = ["PreChecked=True", "ServiceMeshAvailable=True", "ClusterEnrolled=True", "MeshConfigApplied=True"];

const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

/** The lines on the plugin ServiceMesh's own row of the CLI's Diagnostics section. */
const pluginMeshRow = (text: string) => meshRow(text, "mesh", SERVICE_MESH_TOKEN);

/** The plugin ServiceMesh's entry in the stack's state. */
export const pluginMesh = (stack: PulumiProject) => exportedMesh(stack, SERVICE_MESH_TOKEN);

/**
 * Create (four True conditions, the CR in the cluster, progress on the mesh's row, the kubeconfig a
 * secret), an edition change previewed as a one-field in-place update, a rename made in the console
 * found by refresh and repaired by up, and destroy with `deletionPolicy: Delete`.
 */
export function describePluginLifecycle(
  title: string,
  program: MeshProgram,
  prepare: () => Promise<Record<string, string>> = async () => ({}),
): void {
  describe(title, () => {
    let w: MeshWorld;
    let env: Record<string, string>;
    before(async () => {
      env = await prepare();
      w = await startMeshWorld({
        clusters: [{ clusterId: "cplugin1", regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] }],
      });
    });
    after(async () => w?.stop());

    it("refuses a bad input at preview, naming the field and what is allowed, before anything is written", async () => {
      const stack = await w.stack({ clusterId: "cplugin1", clusterSpec: "Platinum" }, { program, env });
      w.emulator.clearRequestLog();
      const preview = await stack.preview([], { allowFailure: true });
      assert.notEqual(preview.code, 0);
      assert.match(output(preview), /clusterSpec[^\n]*Standard[^\n]*Enterprise[^\n]*Ultimate/, output(preview));
      assert.deepEqual(cloudWrites(w.emulator), []);
      assert.equal(await pluginMesh(stack), undefined);
    });

    it("creates, previews an edition change as one field, repairs drift after refresh, and destroys with Delete", async () => {
      const stack = await w.stack({ clusterId: "cplugin1" }, { program, env });

      // Create: four True conditions in order, the CR in the cluster, progress on the mesh's own row.
      const up = await stack.up();
      const outputs = await stack.stackOutputs();
      assert.equal(outputs["ready"], true, output(up));
      const conditions = (outputs["conditions"] as { type: string; status: string }[]).map(
        (c) => `${c.type}=${c.status}`,
      );
      assert.deepEqual(conditions, ALL_TRUE);
      const meshId = outputs["serviceMeshId"] as string;
      const cr = (await clusterReader(w.kube.kubeconfig).serviceMesh()) as any;
      assert.equal(cr?.status?.serviceMeshId, meshId);
      assert.ok(
        pluginMeshRow(output(up)).some((line) => line.includes("creating mesh")),
        output(up),
      );

      // Secrets stay secret: the kubeconfig is a ciphertext in state, its token nowhere in the file.
      const state = await readFile(stack.statePath(), "utf8");
      assert.equal(state.includes(w.kube.adminToken), false, "no kubeconfig token in state");
      assert.equal(state.includes("certificate-authority-data"), false, "no kubeconfig at all in state");
      assert.ok(!state.includes(w.accessKeySecret), "the access key secret is not in state");
      const recorded = await pluginMesh(stack);
      assert.equal(typeof recorded.inputs.kubeconfig?.ciphertext, "string", "kubeconfig input is a secret");
      assert.equal(typeof recorded.outputs.kubeconfig?.ciphertext, "string", "kubeconfig output is a secret");

      // An edition change previews as an in-place update of that one field, and up makes it.
      await stack.setConfig(`${program.project}:clusterSpec`, "Enterprise");
      assert.deepEqual(await meshStep(stack), { op: "update", diffs: ["clusterSpec"] });
      await stack.up();
      const edition = () => w.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId)?.clusterSpec;
      assert.equal(edition(), "enterprise");

      // Drift: renamed in the console, found by refresh (which only reads), repaired by up.
      await w.console("ModifyServiceMeshName", { ServiceMeshId: meshId, Name: "renamed-by-hand" });
      w.emulator.clearRequestLog();
      const refresh = await stack.refresh();
      assert.deepEqual(cloudWrites(w.emulator), [], "refresh only reads");
      assert.ok(
        pluginMeshRow(output(refresh)).some((line) => line.includes("found renamed-by-hand")),
        output(refresh),
      );
      assert.deepEqual(await meshStep(stack), { op: "update", diffs: ["name"] });
      await stack.up();
      const name = () => w.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId)?.name;
      assert.equal(name(), "mesh-for-cplugin1");
      await stack.preview(["--expect-no-changes"]);

      // Destroy with deletionPolicy Delete: the mesh and the CR are gone.
      await stack.setConfig(`${program.project}:deletionPolicy`, "Delete");
      await stack.up();
      await stack.destroy();
      assert.equal(edition(), undefined, "the mesh was deleted");
      assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined, "the CR was removed");
    });
  });
}
