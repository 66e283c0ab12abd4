// End-to-end: Pulumi's own resource options on a ServiceMesh, through the real pulumi CLI, one case per row
// of the "Pulumi's resource options" table in docs/reference.md. What each shows is what Pulumi documents,
// and what the deletion policy promises: an option that keeps the resource on destroy keeps the mesh, its
// enrollment and the CR; a forced replacement deletes first, so the cluster is never taken out of the mesh
// the new resource uses.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusterReader } from "../support/kube-read";
import { cloudWrites, startMeshWorld, type MeshWorld } from "../support/mesh-stack";

const cluster = (clusterId: string) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] });
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;
const CLUSTERS = ["copt1", "copt2", "copt3", "copt4", "copt5", "copt6"];

describe("Pulumi's resource options", () => {
  let w: MeshWorld;
  const meshesOf = (clusterId: string) =>
    w.emulator.inventory().meshes.filter((m) => m.clusters.includes(clusterId) && m.state !== "deleted");
  const removals = () =>
    w.emulator
      .requestLog()
      .map((r) => r.action)
      .filter((a) => a === "RemoveClusterFromServiceMesh" || a === "DeleteServiceMesh");
  /** The CR each case writes into the shared cluster, under a name of its own. */
  const crOf = (name: string) => clusterReader(w.kube.kubeconfig).serviceMesh(name);
  const stackFor = (clusterId: string, config: Record<string, string> = {}) =>
    w.stack({ clusterId, customResourceName: clusterId, deletionPolicy: "Delete", ...config });

  before(async () => {
    w = await startMeshWorld({ clusters: CLUSTERS.map(cluster) });
  });
  after(async () => w?.stop());

  it("protect: destroy refuses and removes nothing; unprotected, it deletes", async () => {
    const stack = await stackFor("copt1", { protect: "true" });
    await stack.up();
    w.emulator.clearRequestLog();
    const refused = await stack.destroy([], { allowFailure: true });
    assert.notEqual(refused.code, 0);
    assert.match(output(refused), /protected/);
    assert.deepEqual(removals(), []);
    assert.equal(meshesOf("copt1").length, 1);
    assert.ok(await crOf("copt1"));
    await stack.setConfig("mesh-e2e:protect", "false");
    await stack.up();
    await stack.destroy();
    assert.equal(meshesOf("copt1").length, 0, "deletionPolicy Delete, once unprotected");
  });

  it("retainOnDelete: destroy drops it from state and removes nothing (mesh, enrollment, CR)", async () => {
    const stack = await stackFor("copt2", { retainOnDelete: "true" });
    await stack.up();
    w.emulator.clearRequestLog();
    await stack.destroy();
    assert.deepEqual(removals(), []);
    assert.equal(meshesOf("copt2").length, 1, "the mesh still serves the cluster");
    assert.ok(await crOf("copt2"), "the CR stays");
    assert.equal((await stack.exportStack()).deployment.resources?.length ?? 0, 0);
  });

  it("deletedWith: destroyed with the resource it names, its delete is skipped (nothing removed)", async () => {
    const stack = await stackFor("copt3", { deletedWith: "true" });
    await stack.up();
    w.emulator.clearRequestLog();
    await stack.destroy();
    assert.deepEqual(removals(), []);
    assert.equal(meshesOf("copt3").length, 1);
    assert.ok(await crOf("copt3"));
  });

  it("ignoreChanges on a meshConfig path: a change there previews as no change", async () => {
    const tracing = (sampling: number) => JSON.stringify({ tracing: { enabled: true, sampling } });
    const stack = await stackFor("copt4", {
      meshConfig: tracing(10),
      ignoreChanges: JSON.stringify(["meshConfig.tracing.sampling"]),
    });
    await stack.up();
    await stack.setConfig("mesh-e2e:meshConfig", tracing(90));
    await stack.preview(["--expect-no-changes"]);
    await stack.setConfig("mesh-e2e:meshConfig", JSON.stringify({ tracing: { enabled: false, sampling: 90 } }));
    const preview = await stack.previewJson();
    assert.equal(preview.steps.find((s: { urn: string }) => s.urn.endsWith("::mesh"))?.op, "update");
    await stack.destroy();
  });

  it("replaceOnChanges: a change there replaces, deleting first; the cluster ends in one mesh", async () => {
    const stack = await stackFor("copt5", {
      tags: JSON.stringify({ team: "a" }),
      replaceOnChanges: JSON.stringify(["tags"]),
    });
    await stack.up();
    await stack.setConfig("mesh-e2e:tags", JSON.stringify({ team: "b" }));
    const preview = await stack.previewJson();
    const ops = preview.steps.filter((s: { urn: string }) => s.urn.endsWith("::mesh")).map((s: any) => s.op);
    assert.deepEqual(ops, ["replace"]);
    w.emulator.clearRequestLog();
    await stack.up();
    // The old binding went first: its mesh was deleted (deletionPolicy Delete) before the new one was made.
    const order = w.emulator
      .requestLog()
      .map((r) => r.action)
      .filter((a) => ["RemoveClusterFromServiceMesh", "DeleteServiceMesh", "CreateServiceMesh"].includes(a));
    assert.deepEqual(order, ["RemoveClusterFromServiceMesh", "DeleteServiceMesh", "CreateServiceMesh"]);
    const [mesh, ...others] = meshesOf("copt5");
    assert.equal(others.length, 0);
    const outs = await stack.stackOutputs();
    assert.deepEqual([outs["serviceMeshId"], outs["ready"]], [mesh?.serviceMeshId, true]);
    assert.equal((await crOf("copt5"))?.status?.serviceMeshId, mesh?.serviceMeshId);
    await stack.destroy();
  });

  it("aliases: moved under a component, the mesh is neither replaced nor changed", async () => {
    const stack = await stackFor("copt6");
    await stack.up();
    const before = (await stack.stackOutputs())["serviceMeshId"];
    await stack.setConfig("mesh-e2e:underComponent", "true");
    const preview = await stack.previewJson();
    const steps = preview.steps.map((s: { op: string; urn: string }) => `${s.op} ${s.urn.split("::").pop()}`);
    assert.deepEqual(
      steps.filter((s: string) => !s.startsWith("same ")),
      ["create platform"],
      "only the component is new",
    );
    w.emulator.clearRequestLog();
    const up = await stack.up();
    assert.deepEqual(cloudWrites(w.emulator), []);
    assert.match(
      output(up),
      /\+ 1 created\n\s+2 unchanged/,
      "the component is new; the stack and the mesh are unchanged",
    );
    assert.equal((await stack.stackOutputs())["serviceMeshId"], before);
    const moved = (await stack.exportStack()).deployment.resources.find((r: any) => r.urn.endsWith("::mesh"));
    assert.match(moved.urn, /::e2e:index:Platform\$pulumi-nodejs:dynamic\/asm:ServiceMesh::mesh$/);
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
    assert.equal(meshesOf("copt6").length, 0);
  });
});
