// End-to-end through the real pulumi CLI: changes made outside Pulumi, the way Pulumi users expect.
// `pulumi refresh` records what exists (in the inputs too), the next preview shows the difference from
// the program, and `up` (or `up --refresh` in one command) puts it back; a mesh deleted out of band drops
// out of state and the next `up` makes exactly one new one; a refresh that meets a fault fails and leaves
// state as it was; a no-op preview makes no cloud call at all.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { meshRow } from "../support/cli-diagnostics";
import { clusterReader } from "../support/kube-read";
import { exportedMesh, meshStep, startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import type { PulumiProject } from "../support/pulumi-cli";
import { toolchain } from "../../devkit/toolchain";

const ALL_TRUE = [
  "PreChecked=True/Passed",
  "ServiceMeshAvailable=True/Available",
  "ClusterEnrolled=True/Succeeded",
  "MeshConfigApplied=True/Succeeded",
];
const TRACING = JSON.stringify({ tracing: { enabled: true, sampling: 50 } });

const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] });
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

/**
 * What state says about each resource, decrypted: the engine re-encrypts secrets (new nonces) and may
 * drop `propertyDependencies` whenever it writes a checkpoint, which is its own bookkeeping.
 */
async function recordedResources(stack: PulumiProject): Promise<unknown[]> {
  const exported = await stack.exportStack({ showSecrets: true });
  return exported.deployment.resources.map((r: any) => ({
    urn: r.urn,
    id: r.id,
    inputs: r.inputs,
    outputs: r.outputs,
    initErrors: r.initErrors,
  }));
}

describe("ServiceMesh drift, through the real pulumi CLI", () => {
  let w: MeshWorld;
  const kubectl = (...args: string[]) =>
    promisify(execFile)(toolchain().kubectl, args, { env: { ...process.env, KUBECONFIG: w.kube.kubeconfigPath } });
  /** Waits until the emulated mesh settles after a change made in the console. */
  const settled = async (meshId: string) => {
    for (let i = 0; i < 100; i++) {
      if (w.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId)?.state === "running") return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`mesh ${meshId} did not settle`);
  };

  before(async () => {
    w = await startMeshWorld({
      clusters: ["cdrift1", "cdrift2", "cdrift3", "cdrift4", "cdrift5"].map(cluster),
    });
  });
  after(async () => w?.stop());

  it("records a rename and a meshConfig edit on refresh, previews them as an update of those fields, and up puts them back", async () => {
    // GIVEN a converged mesh with tracing at 50 %
    const stack = await w.stack({ clusterId: "cdrift1", meshConfig: TRACING });
    await stack.up();
    const meshId = (await stack.stackOutputs())["serviceMeshId"] as string;

    // WHEN someone renames it and sets the sampling to 10 % in the console
    await w.console("ModifyServiceMeshName", { ServiceMeshId: meshId, Name: "renamed-by-hand" });
    await w.console("UpdateMeshFeature", { ServiceMeshId: meshId, TraceSampling: 10 });
    await settled(meshId);
    w.emulator.clearRequestLog();
    const refresh = await stack.refresh();

    // THEN refresh only read, and state records what is there, inputs included
    assert.deepEqual(
      w.emulator
        .requestLog()
        .map((e) => e.action)
        .filter((a) => !/^Describe/.test(a)),
      [],
      "refresh only reads",
    );
    const drift = [
      "mesh name: expected mesh-for-cdrift1, found renamed-by-hand",
      "meshConfig.tracing.sampling: expected 50, found 10",
    ];
    assert.ok(meshRow(output(refresh)).includes(`warning: drift: ${drift.join("; ")}`), output(refresh));
    const recorded = await exportedMesh(stack);
    assert.deepEqual(recorded.outputs.drift, drift);
    assert.equal(recorded.inputs.name, "renamed-by-hand");
    assert.deepEqual(recorded.inputs.meshConfig, { tracing: { enabled: true, sampling: 10 } });

    // AND the next preview shows exactly those fields as an in-place update
    assert.deepEqual(await meshStep(stack), { op: "update", diffs: ["meshConfig", "name"] });

    // WHEN up runs, THEN the mesh has its name and sampling back, and the next preview is empty
    await stack.up();
    const mesh = w.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId);
    const pilot = mesh?.meshConfig["Pilot"] as { TraceSampling?: number } | undefined;
    assert.deepEqual([mesh?.name, pilot?.TraceSampling], ["mesh-for-cdrift1", 50]);
    await stack.preview(["--expect-no-changes"]);
    await stack.refresh();
    assert.deepEqual((await exportedMesh(stack)).outputs.drift, []);
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });

  it("repairs a rename in one command with up --refresh", async () => {
    const stack = await w.stack({ clusterId: "cdrift2" });
    await stack.up();
    const meshId = (await stack.stackOutputs())["serviceMeshId"] as string;
    w.emulator.mutate.renameMesh(meshId, "renamed-again");
    await stack.up(["--refresh"]);
    assert.equal(w.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId)?.name, "mesh-for-cdrift2");
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });

  it("records an upgrade made in the console, and the preview refuses to downgrade it until the program follows", async () => {
    const stack = await w.stack({ clusterId: "cdrift3", clusterSpec: "Standard" });
    await stack.up();
    const meshId = (await stack.stackOutputs())["serviceMeshId"] as string;
    await w.console("UpdateMeshFeature", { ServiceMeshId: meshId, ClusterSpec: "enterprise" });
    await settled(meshId);
    await stack.refresh();
    assert.equal((await exportedMesh(stack)).inputs.clusterSpec, "Enterprise");

    const refused = await stack.preview([], { allowFailure: true });
    assert.notEqual(refused.code, 0);
    assert.match(
      output(refused),
      /clusterSpec cannot be downgraded from Enterprise to Standard; allowed: Enterprise, Ultimate/,
    );

    await stack.setConfig("mesh-e2e:clusterSpec", "Enterprise");
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });

  it("records a cluster removed from the mesh and an edited CR, and up enrolls it again and rewrites the CR", async () => {
    const stack = await w.stack({ clusterId: "cdrift4" });
    await stack.up();
    const meshId = (await stack.stackOutputs())["serviceMeshId"] as string;
    await w.console("RemoveClusterFromServiceMesh", { ServiceMeshId: meshId, ClusterId: "cdrift4" });
    await settled(meshId);
    await kubectl(
      "patch",
      "servicemesh",
      "mesh",
      "-n",
      "istio-system",
      "--type=merge",
      "-p",
      '{"spec":{"clusterSpec":"Ultimate"}}',
    );
    await stack.refresh();
    const recorded = await exportedMesh(stack);
    assert.deepEqual(recorded.outputs.drift, [
      `cluster cdrift4 is no longer enrolled in mesh ${meshId}`,
      "CR spec.clusterSpec: expected Standard, found Ultimate",
    ]);
    assert.equal(recorded.outputs.ready, false);

    // No input records either: the preview still shows the update it takes.
    assert.equal((await meshStep(stack)).op, "update");
    const up = await stack.up();
    assert.match(
      output(up),
      /Retried: True\/Retried resuming at ClusterEnrolled after: cluster cdrift4 is no longer enrolled/,
    );
    assert.deepEqual(w.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId)?.clusters, ["cdrift4"]);
    assert.equal((await clusterReader(w.kube.kubeconfig).serviceMesh()).spec.clusterSpec, "Standard");
    assert.deepEqual((await stack.stackOutputs())["conditions"], [...ALL_TRUE, "Retried=True/Retried"]);
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });

  it("fails a refresh that meets a fault and leaves state as it was, then refreshes once the cloud answers", async () => {
    const stack = await w.stack({ clusterId: "cdrift5", readTimeout: "3s" });
    await stack.up();
    const before = await recordedResources(stack);

    // A server error past the read deadline, then a 403: each refresh fails with the cloud's words.
    w.emulator.injectFault({
      action: "DescribeServiceMeshDetail",
      code: "ServiceUnavailable",
      status: 503,
      times: 1_000,
    });
    const unavailable = await stack.refresh([], { allowFailure: true });
    w.emulator.clearFaults();
    w.emulator.injectFault({
      action: "DescribeServiceMeshDetail",
      code: "Forbidden.RAM",
      status: 403,
      message: "no permission",
    });
    const forbidden = await stack.refresh([], { allowFailure: true });
    w.emulator.clearFaults();

    assert.notEqual(unavailable.code, 0);
    assert.match(output(unavailable), /cannot read mesh \w+: ServiceUnavailable/);
    assert.notEqual(forbidden.code, 0);
    assert.match(output(forbidden), /cannot read mesh \w+: Forbidden\.RAM: no permission/);
    assert.doesNotMatch(output(forbidden), /\n\s+at \S+ \(/, "no JavaScript stack trace");
    assert.deepEqual(await recordedResources(stack), before, "state is as it was");

    // A no-op preview makes no cloud call at all.
    w.emulator.clearRequestLog();
    await stack.preview(["--expect-no-changes"]);
    assert.deepEqual(w.emulator.requestLog(), [], "a no-op preview calls nothing");
    await stack.refresh();
    await stack.destroy();
  });

  it("removes a mesh deleted out of band from state on refresh, and the next up makes exactly one new mesh", async () => {
    const stack = await w.stack({ clusterId: "cdrift2", name: "second-life" });
    await stack.up();
    const oldId = (await stack.stackOutputs())["serviceMeshId"] as string;
    w.emulator.mutate.deleteMesh(oldId);
    const refresh = await stack.refresh();
    assert.ok(
      meshRow(output(refresh)).includes(
        `warning: mesh ${oldId} no longer exists (ServiceMesh.NotFound); removing it from state`,
      ),
      output(refresh),
    );
    assert.equal(await exportedMesh(stack), undefined);
    assert.equal((await meshStep(stack)).op, "create");

    await stack.up();
    const meshes = w.emulator
      .inventory()
      .meshes.filter((m) => m.clusters.includes("cdrift2") || m.name === "second-life");
    assert.equal(meshes.length, 1);
    assert.notEqual(meshes[0]?.serviceMeshId, oldId);
    assert.deepEqual((await stack.stackOutputs())["conditions"], ALL_TRUE);
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });
});
