// End-to-end through the real pulumi CLI (local backend, offline): preview, up, a no-op up, in-place
// updates, replacements, destroy with each deletion policy, and what lands in the state file.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { meshRow, stackRow } from "../support/cli-diagnostics";
import { clusterReader } from "../support/kube-read";
import { startMeshWorld, type MeshWorld } from "../support/mesh-stack";

const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] });
const stepsOf = (preview: any) =>
  preview.steps
    .filter((s: any) => s.urn.endsWith("::mesh"))
    .map((s: any) => ({ op: s.op, diffs: s.diffReasons ?? [], replaceKeys: s.replaceReasons ?? [] }));

describe("ServiceMesh through the real pulumi CLI", () => {
  let w: MeshWorld;
  before(async () => {
    w = await startMeshWorld({
      clusters: [cluster("ce2ea"), cluster("ce2eb"), cluster("ce2ec"), cluster("ce2ed"), cluster("ce2ee")],
      meshes: [
        {
          serviceMeshId: "mjoin00000000000000000000000000001",
          name: "shared",
          regionId: "cn-hangzhou",
          clusterSpec: "enterprise",
        },
      ],
    });
  });
  after(async () => w?.stop());

  it("creates on up, is a no-op on the second up, and keeps secrets out of the state file", async () => {
    const stack = await w.stack({ clusterId: "ce2ea" });
    const preview = await stack.previewJson();
    assert.deepEqual(
      stepsOf(preview).map((s: any) => s.op),
      ["create"],
    );

    const up = await stack.up();
    // Each transition once, on the ServiceMesh's own row (the engine's Log RPC with its URN).
    const transitions = meshRow(up.stdout).filter((l) => /^\w+: (True|False|Unknown)\//.test(l));
    assert.deepEqual(
      transitions.filter((l) => !l.includes("WaitSteady")),
      [
        "PreChecked: Unknown/Reconciling",
        "PreChecked: True/Passed",
        "ServiceMeshAvailable: Unknown/Reconciling",
        "ServiceMeshAvailable: True/Available",
        "ClusterEnrolled: Unknown/Reconciling",
        "ClusterEnrolled: True/Succeeded",
        "MeshConfigApplied: Unknown/Reconciling",
        "MeshConfigApplied: True/Succeeded",
      ],
      up.stdout,
    );
    assert.equal(
      stackRow(up.stdout).some((l) => l.includes("ServiceMesh")),
      false,
      "nothing of the mesh on the Stack's row",
    );
    const outputs = await stack.stackOutputs();
    assert.equal(outputs["ready"], true);
    assert.deepEqual(outputs["conditions"], [
      "PreChecked=True/Passed",
      "ServiceMeshAvailable=True/Available",
      "ClusterEnrolled=True/Succeeded",
      "MeshConfigApplied=True/Succeeded",
    ]);
    assert.equal(w.emulator.inventory().meshes.filter((m) => m.clusters.includes("ce2ea")).length, 1);

    await stack.up(["--expect-no-changes"]);

    const state = await readFile(stack.statePath(), "utf8");
    assert.equal(state.includes(w.accessKeySecret), false, "no access key secret in state");
    assert.equal(state.includes(w.kube.adminToken), false, "no kubeconfig token in state");
    const exported = await stack.exportStack();
    const resource = exported.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh");
    const providerBytes = Buffer.byteLength(
      resource.outputs.__provider?.ciphertext ?? resource.outputs.__provider ?? "",
    );
    console.log(`serialized __provider per resource: ${providerBytes} bytes`);
    assert.ok(resource.outputs.kubeconfig?.ciphertext, "kubeconfig is stored as a secret");

    await stack.destroy();
    assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined, "the CR is gone");
    const kept = w.emulator.inventory().meshes.find((m) => m.name === "mesh-for-ce2ea");
    assert.ok(kept, "deletionPolicy Retain keeps the mesh");
    assert.deepEqual(kept.clusters, [], "the cluster was removed from the kept mesh");
  });

  it("without kubeconfig, writes the CR into the enrolled cluster and keeps ACK's kubeconfig out of state", async () => {
    // GIVEN no kubeconfig in the program: the emulated ACK hands out this kube-apiserver's kubeconfig
    const stack = await w.stack({ clusterId: "ce2ee" }, { kubeconfig: false });
    await stack.up();
    const cr = await clusterReader(w.kube.kubeconfig).serviceMesh();
    assert.equal(cr?.metadata?.annotations?.["servicemesh.pulumi.com/cluster-id"], "ce2ee");
    const state = await readFile(stack.statePath(), "utf8");
    assert.equal(state.includes(w.kube.adminToken), false, "the kubeconfig ACK issued is not in state");
    assert.equal(state.includes("certificate-authority-data"), false, "no kubeconfig at all in state");
    await stack.destroy();
    assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined);
  });

  it("previews an edition change as an in-place update of that field, and cluster or mesh changes as delete-before-replace", async () => {
    const stack = await w.stack({ clusterId: "ce2eb" });
    await stack.up();

    await stack.setConfig("mesh-e2e:clusterSpec", "Enterprise");
    const upgrade = stepsOf(await stack.previewJson());
    assert.deepEqual(upgrade, [{ op: "update", diffs: ["clusterSpec"], replaceKeys: [] }]);
    await stack.up();
    assert.equal(w.emulator.inventory().meshes.find((m) => m.name === "mesh-for-ce2eb")!.clusterSpec, "enterprise");

    await stack.setConfig("mesh-e2e:clusterId", "ce2ec");
    const [replace] = stepsOf(await stack.previewJson());
    assert.equal(replace.op, "replace");
    assert.deepEqual(replace.replaceKeys, ["clusterId"]);
    w.emulator.clearRequestLog();
    await stack.up();
    // Delete before replace: the old cluster leaves its mesh before the new binding is made.
    const order = w.emulator.requestLog().map((e) => `${e.action}:${e.params["ClusterId"] ?? e.params["Name"] ?? ""}`);
    const removed = order.indexOf("RemoveClusterFromServiceMesh:ce2eb");
    assert.ok(removed >= 0 && removed < order.indexOf("CreateServiceMesh:mesh-for-ce2ec"), order.join(" "));
    const meshes = w.emulator.inventory().meshes;
    assert.deepEqual(meshes.find((m) => m.name === "mesh-for-ce2eb")!.clusters, []);
    assert.deepEqual(meshes.find((m) => m.name === "mesh-for-ce2ec")!.clusters, ["ce2ec"]);

    await stack.setConfig("mesh-e2e:meshId", "mjoin00000000000000000000000000001");
    const [join] = stepsOf(await stack.previewJson());
    assert.deepEqual([join.op, join.replaceKeys], ["replace", ["meshId"]]);
    await stack.up();
    assert.deepEqual(w.emulator.inventory().meshes.find((m) => m.name === "shared")!.clusters, ["ce2ec"]);
    await stack.destroy();
  });

  it("deletes the mesh on destroy with deletionPolicy Delete, and refuses while a namespace has sidecar injection on", async () => {
    const stack = await w.stack({ clusterId: "ce2ed", deletionPolicy: "Delete" });
    await stack.up();
    const k = clusterReader(w.kube.kubeconfig);
    await k.labelNamespace("shop", { "istio-injection": "enabled" });

    const refused = await stack.destroy([], { allowFailure: true });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stdout + refused.stderr, /cluster ce2ed still uses ASM \(sidecar-injected namespaces: shop\)/);
    assert.deepEqual(
      w.emulator.inventory().meshes.find((m) => m.name === "mesh-for-ce2ed")!.clusters,
      ["ce2ed"],
      "nothing removed",
    );
    const cr = await k.serviceMesh();
    const deleted = cr.status.conditions.find((c: any) => c.type === "ServiceMeshDeleted");
    assert.deepEqual([deleted.status, deleted.reason], ["False", "Failed"]);

    await k.deleteNamespace("shop");
    await stack.destroy();
    assert.equal(
      w.emulator.inventory().meshes.find((m) => m.name === "mesh-for-ce2ed"),
      undefined,
      "mesh deleted",
    );
    assert.equal(await k.serviceMesh(), undefined);
  });
});
