// End-to-end through the real pulumi CLI: changes made outside Pulumi. `pulumi refresh` reads the mesh
// and the CR back and reports what differs (a warning in its output and the `drift` output) while
// keeping the inputs, so the next preview is clean; a new `retryAt` re-applies the desired state; a mesh
// deleted out of band leaves state on refresh and the next `up` makes it again, once.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { clusterReader } from "../support/kube-read";
import { startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import type { PulumiProject } from "../support/pulumi-cli";
import { toolchain } from "../../devkit/toolchain";

const DELETION_POLICY = "operator.istio.alibabacloud.com/deletion-policy";
const ALL_TRUE = [
  "PreChecked=True/Passed",
  "ServiceMeshAvailable=True/Available",
  "ClusterEnrolled=True/Succeeded",
  "MeshConfigApplied=True/Succeeded",
];

const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] });
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

async function exportedMesh(stack: PulumiProject): Promise<any> {
  const exported = await stack.exportStack();
  return exported.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh");
}

describe("ServiceMesh drift, through the real pulumi CLI", () => {
  let w: MeshWorld;
  const kubectl = (...args: string[]) =>
    promisify(execFile)(toolchain().kubectl, args, { env: { ...process.env, KUBECONFIG: w.kube.kubeconfigPath } });

  before(async () => {
    w = await startMeshWorld({ clusters: [cluster("cdrift1"), cluster("cdrift2")] });
  });
  after(async () => w?.stop());

  it("reports a renamed mesh and an edited CR on refresh, keeps the next preview clean, and a new retryAt repairs them", async () => {
    // GIVEN a converged mesh
    const stack = await w.stack({ clusterId: "cdrift1" });
    await stack.up();
    const meshId = (await stack.stackOutputs())["serviceMeshId"] as string;

    // WHEN someone renames the mesh in the console and edits the CR with kubectl
    w.emulator.mutate.renameMesh(meshId, "renamed-by-hand");
    await kubectl("annotate", "servicemesh", "mesh", "-n", "istio-system", `${DELETION_POLICY}=Delete`, "--overwrite");
    await kubectl(
      "patch",
      "servicemesh",
      "mesh",
      "-n",
      "istio-system",
      "--type=merge",
      "-p",
      '{"spec":{"clusterSpec":"Enterprise"}}',
    );
    w.emulator.clearRequestLog();
    // --run-program: a plain refresh updates the resource's outputs in state but not the stack outputs.
    const refresh = await stack.refresh(["--run-program"]);

    // THEN refresh warns with every difference, and the drift output lists them
    const drift = [
      "mesh name: expected mesh-for-cdrift1, found renamed-by-hand",
      "CR spec.clusterSpec: expected Standard, found Enterprise",
      `CR deletion-policy annotation: expected Retain, found Delete`,
    ];
    assert.ok(output(refresh).includes(`warning: [ServiceMesh mesh] drift: ${drift.join("; ")}`), output(refresh));
    assert.deepEqual((await exportedMesh(stack)).outputs.drift, drift);
    assert.deepEqual((await stack.stackOutputs())["drift"], drift);
    assert.equal((await exportedMesh(stack)).outputs.serviceMeshName, "renamed-by-hand", "state shows what is there");
    assert.deepEqual(
      w.emulator
        .requestLog()
        .map((e) => e.action)
        .filter((a) => !/^Describe/.test(a)),
      [],
      "refresh only reads",
    );

    // AND the inputs are kept: the next preview finds nothing to change
    await stack.preview(["--expect-no-changes"]);

    // WHEN the user asks for a retry through the program
    await stack.setConfig("mesh-e2e:retryAt", "repair-1");
    const repaired = await stack.up();

    // THEN the mesh gets its name back and the CR its spec and annotation, and a refresh finds no drift
    assert.ok(
      output(repaired).includes("Retried: True/Retried retry requested by retryAt (repair-1)"),
      output(repaired),
    );
    assert.equal(w.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId)!.name, "mesh-for-cdrift1");
    const cr = await clusterReader(w.kube.kubeconfig).serviceMesh();
    assert.equal(cr.spec.clusterSpec, "Standard");
    assert.equal(cr.metadata.annotations[DELETION_POLICY], "Retain");
    await stack.refresh(["--run-program"]);
    assert.deepEqual((await exportedMesh(stack)).outputs.drift, []);
    assert.deepEqual((await stack.stackOutputs())["conditions"], [...ALL_TRUE, "Retried=True/Retried"]);
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy(); // both stacks here share the one CR istio-system/mesh
  });

  it("removes a mesh deleted out of band from state on refresh, and the next up makes exactly one new mesh", async () => {
    // GIVEN a converged mesh
    const stack = await w.stack({ clusterId: "cdrift2" });
    await stack.up();
    const oldId = (await stack.stackOutputs())["serviceMeshId"] as string;

    // WHEN it is deleted outside Pulumi and the stack is refreshed
    w.emulator.mutate.deleteMesh(oldId);
    const refresh = await stack.refresh(["--run-program"]);

    // THEN refresh says so and the resource leaves state
    assert.ok(
      output(refresh).includes(`warning: [ServiceMesh mesh] mesh ${oldId} no longer exists; removing it from state`),
      output(refresh),
    );
    assert.equal(await exportedMesh(stack), undefined);
    const preview = await stack.previewJson();
    assert.deepEqual(
      preview.steps.filter((s: any) => s.urn.endsWith("::mesh")).map((s: any) => s.op),
      ["create"],
    );

    // WHEN the next up runs
    await stack.up();

    // THEN one new mesh serves the cluster, and the CR names it
    const meshes = w.emulator
      .inventory()
      .meshes.filter((m) => m.clusters.includes("cdrift2") || m.name === "mesh-for-cdrift2");
    assert.equal(meshes.length, 1);
    const [mesh] = meshes;
    assert.notEqual(mesh!.serviceMeshId, oldId);
    assert.deepEqual(mesh!.clusters, ["cdrift2"]);
    const outputs = await stack.stackOutputs();
    assert.equal(outputs["serviceMeshId"], mesh!.serviceMeshId);
    assert.deepEqual(outputs["conditions"], ALL_TRUE);
    const cr = await clusterReader(w.kube.kubeconfig).serviceMesh();
    assert.equal(cr.status.serviceMeshId, mesh!.serviceMeshId);
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });
});
