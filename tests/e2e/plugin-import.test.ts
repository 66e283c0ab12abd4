// `pulumi import` and the `import` resource option through the provider plugin, real CLI and YAML host:
// a mesh made outside Pulumi comes into state with no cloud write, the code the CLI generates previews
// with no changes, and an id that names no mesh fails with nothing in state.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SERVICE_MESH_TOKEN } from "../../plugin/package-name";
import { cloudWrites, consoleMeshSeed, meshStep, startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import { pluginMesh } from "../support/plugin-lifecycle";
import { PLUGIN_BIN_DIR } from "../support/plugin-sdk";
import { removeOnExit } from "../support/processes";

const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

/** A YAML project using the plugin, with `resources` (YAML text) as its program. */
async function yamlProject(resources: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "asm-import-"));
  removeOnExit(dir);
  const header = [
    "name: mesh-import",
    "runtime: yaml",
    "plugins:",
    "  providers:",
    "    - name: asm-servicemesh",
    `      path: ${PLUGIN_BIN_DIR}`,
  ];
  await writeFile(join(dir, "Pulumi.yaml"), `${[...header, resources].join("\n")}\n`);
  return dir;
}

describe("ServiceMesh provider plugin, pulumi import", () => {
  let w: MeshWorld;
  before(async () => {
    const seed = consoleMeshSeed("consolemesh1", "cimport1", "enterprise");
    seed.clusters!.push({
      clusterId: "cimport2",
      regionId: "cn-hangzhou",
      vpcId: "vpc-import2",
      vswitchIds: ["vsw-import2"],
    });
    seed.meshes!.push({
      serviceMeshId: "emptymesh2",
      name: "no-cluster-yet",
      regionId: "cn-hangzhou",
      clusterSpec: "standard",
      clusters: [],
      vpcId: "vpc-import2",
      vswitches: ["vsw-import2"],
    });
    w = await startMeshWorld(seed);
  });
  after(async () => w?.stop());

  it("imports a live mesh with no cloud write, and the generated code previews and ups with no changes", async () => {
    const dir = await yamlProject("resources: {}");
    const stack = await w.stack({}, { program: { dir, project: "mesh-import" }, kubeconfig: false });
    w.emulator.clearRequestLog();
    const generated = join(dir, "generated.yaml");
    const imported = await stack.run([
      "import",
      SERVICE_MESH_TOKEN,
      "mesh",
      "consolemesh1",
      "--yes",
      "--stack",
      stack.stack,
      "--config-file",
      stack.configFile,
      "--out",
      generated,
    ]);
    assert.equal(imported.code, 0, output(imported));
    assert.deepEqual(cloudWrites(w.emulator), [], "the import only read");

    const recorded = await pluginMesh(stack);
    assert.equal(recorded.id, "consolemesh1");
    assert.deepEqual(recorded.inputs, {
      clusterId: "cimport1",
      meshId: "consolemesh1",
      clusterSpec: "Enterprise",
      deletionPolicy: "Retain",
    });
    assert.equal(recorded.outputs.ready, true);

    // The generated code, as the user pastes it into the program.
    const code = await readFile(generated, "utf8");
    await writeFile(
      join(dir, "Pulumi.yaml"),
      `${(await readFile(join(dir, "Pulumi.yaml"), "utf8")).replace("resources: {}\n", "")}${code}`,
    );
    await stack.preview(["--expect-no-changes"]);
    const up = await stack.up();
    assert.match(output(up), /Resources:\n\s+2 unchanged\n/);
    assert.deepEqual(cloudWrites(w.emulator), [], "nothing written to the cloud");
  });

  it("an id that names no mesh is a clear error, with nothing in state", async () => {
    const dir = await yamlProject("resources: {}");
    const stack = await w.stack({}, { program: { dir, project: "mesh-import" }, kubeconfig: false });
    const r = await stack.run([
      "import",
      SERVICE_MESH_TOKEN,
      "mesh",
      "nosuchmesh",
      "--yes",
      "--stack",
      stack.stack,
      "--config-file",
      stack.configFile,
      "--generate-code=false",
    ]);
    assert.notEqual(r.code, 0);
    assert.match(output(r), /there is no ASM mesh nosuchmesh in this account and region; nothing was imported/);
    assert.equal(await pluginMesh(stack), undefined);
  });

  it("the import option takes a mesh that holds no cluster yet; the next up enrolls the named one", async () => {
    const dir = await yamlProject(
      [
        "resources:",
        "  mesh:",
        `    type: ${SERVICE_MESH_TOKEN}`,
        "    properties:",
        "      clusterId: cimport2",
        "      meshId: emptymesh2",
        "      clusterSpec: Standard",
        "      deletionPolicy: Retain",
        "    options:",
        "      import: emptymesh2/cimport2",
      ].join("\n"),
    );
    const stack = await w.stack({}, { program: { dir, project: "mesh-import" }, kubeconfig: false });
    w.emulator.clearRequestLog();
    assert.deepEqual(await meshStep(stack), { op: "import", diffs: [] });
    assert.deepEqual(cloudWrites(w.emulator), [], "the import's preview only read");
    await stack.up();
    assert.deepEqual(
      cloudWrites(w.emulator),
      ["AddClusterIntoServiceMesh"],
      "the up enrolled the cluster, nothing else",
    );
    const recorded = await pluginMesh(stack);
    assert.deepEqual(
      [recorded.id, recorded.outputs.ready, recorded.outputs.clusters],
      ["emptymesh2/cimport2", true, ["cimport2"]],
    );
    await stack.preview(["--expect-no-changes"]);
  });
});
