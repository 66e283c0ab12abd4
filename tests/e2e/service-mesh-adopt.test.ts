// End-to-end: `adopt: true` through the real pulumi CLI, on meshes made outside Pulumi (seeded in the
// emulator, as made in the console): one that already serves the cluster, one that does not, and an id
// that names no mesh. The first preview names each differing field; the adopting `up` refuses, changing
// nothing, until the program matches, then records the mesh with no ASM or ACK write call; later `up`s
// manage it as usual.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusterReader } from "../support/kube-read";
import { cloudWrites, exportedMesh, startMeshWorld, type MeshWorld } from "../support/mesh-stack";

const ENROLLED = "c0ad0000000000000000000000000ad01";
const ALONE = "c0ad0000000000000000000000000ad02";
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

describe("adopt an existing mesh", () => {
  let w: MeshWorld;
  const writes = () => cloudWrites(w.emulator);
  const meshById = (id: string) => w.emulator.inventory().meshes.find((m) => m.serviceMeshId === id);

  before(async () => {
    const cluster = (clusterId: string) => ({
      clusterId,
      regionId: "cn-hangzhou",
      vpcId: "vpc-ad",
      vswitchIds: ["vsw-ad"],
    });
    const mesh = (serviceMeshId: string, name: string, clusters: string[]) => ({
      serviceMeshId,
      name,
      regionId: "cn-hangzhou",
      clusterSpec: "standard" as const,
      clusters,
      vpcId: "vpc-ad",
      vswitches: ["vsw-ad"],
    });
    w = await startMeshWorld({
      clusters: [cluster("cad01"), cluster("cad02"), cluster("cad03")],
      meshes: [mesh(ENROLLED, "made-in-console", ["cad01"]), mesh(ALONE, "made-by-terraform", [])],
    });
  });
  after(async () => w?.stop());

  it("names each differing field at preview and up, changing nothing; adopts with no write once they match", async () => {
    // GIVEN a program that differs from the console's mesh in its edition, name and tracing settings
    const differs = {
      clusterId: "cad01",
      meshId: ENROLLED,
      adopt: "true",
      name: "renamed",
      clusterSpec: "Enterprise",
      meshConfig: JSON.stringify({ tracing: { enabled: true, sampling: 50 } }),
    };
    const stack = await w.stack(differs);
    w.emulator.clearRequestLog();

    // WHEN it is previewed, then brought up
    const preview = await stack.preview([], { allowFailure: true });
    const up = await stack.up([], { allowFailure: true });

    // THEN both fail naming each field, and nothing was written or recorded
    for (const result of [preview, up]) {
      assert.notEqual(result.code, 0);
      for (const field of [
        "mesh edition: expected Enterprise, found Standard",
        "mesh name: expected renamed, found made-in-console",
        "meshConfig.tracing",
      ]) {
        assert.ok(output(result).includes(field), `${field}\n${output(result)}`);
      }
    }
    // AND with the preview's check off, the adopting create itself refuses, naming them
    await stack.setConfig("servicemesh:preflight", "false");
    const unchecked = await stack.up([], { allowFailure: true });
    assert.notEqual(unchecked.code, 0);
    assert.match(
      output(unchecked),
      /adopt refused, nothing was changed or recorded: mesh \w+ differs from the program in name, clusterSpec, meshConfig:/,
    );
    assert.deepEqual(writes(), []);
    assert.equal(await exportedMesh(stack), undefined, "nothing in state");
    await stack.setConfig("servicemesh:preflight", "true");
    assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined, "no CR");

    // WHEN the program matches the mesh (what it leaves out is taken as the mesh has it)
    await stack.setConfig("mesh-e2e:name", "made-in-console");
    await stack.setConfig("mesh-e2e:clusterSpec", "Standard");
    await stack.setConfig("mesh-e2e:meshConfig", "{}");
    await stack.preview();
    w.emulator.clearRequestLog();
    await stack.up();

    // THEN the mesh is recorded, ready, with no ASM or ACK write; the CR reports it
    assert.deepEqual(writes(), []);
    const outs = await stack.stackOutputs();
    assert.deepEqual([outs["serviceMeshId"], outs["ready"]], [ENROLLED, true]);
    const cr = await clusterReader(w.kube.kubeconfig).serviceMesh();
    assert.equal(cr?.status?.serviceMeshId, ENROLLED);
    await stack.preview(["--expect-no-changes"]);

    // AND later ups manage it as usual: an edition upgrade is made
    await stack.setConfig("mesh-e2e:clusterSpec", "Enterprise");
    await stack.up();
    assert.equal(meshById(ENROLLED)?.clusterSpec, "enterprise");
    // AND the default Retain keeps the adopted mesh on destroy
    await stack.destroy();
    assert.equal(meshById(ENROLLED)?.state, "running");
  });

  it("adopts a mesh without the cluster with no write; the next up enrolls it", async () => {
    const stack = await w.stack({ clusterId: "cad02", meshId: ALONE, adopt: "true" });
    w.emulator.clearRequestLog();
    const up = await stack.up();
    assert.deepEqual(writes(), []);
    assert.ok(output(up).includes(`adopted mesh ${ALONE} without enrolling ACK cluster cad02`), output(up));
    const outs = await stack.stackOutputs();
    assert.deepEqual([outs["serviceMeshId"], outs["ready"]], [ALONE, false]);
    assert.deepEqual(meshById(ALONE)?.clusters, []);

    const preview = await stack.previewJson();
    assert.equal(preview.steps.find((s: { urn: string }) => s.urn.endsWith("::mesh"))?.op, "update");
    await stack.up();
    assert.deepEqual(
      writes().filter((a) => a === "AddClusterIntoServiceMesh"),
      ["AddClusterIntoServiceMesh"],
    );
    assert.deepEqual(meshById(ALONE)?.clusters, ["cad02"]);
    assert.equal((await stack.stackOutputs())["ready"], true);
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });

  it("refuses an id that names no mesh, at preview and up, with nothing in state", async () => {
    const stack = await w.stack({ clusterId: "cad03", meshId: "c0ad00000000000000000000000000bad", adopt: "true" });
    w.emulator.clearRequestLog();
    const preview = await stack.preview([], { allowFailure: true });
    const up = await stack.up([], { allowFailure: true });
    for (const result of [preview, up]) {
      assert.notEqual(result.code, 0);
      assert.ok(
        output(result).includes("adopt: there is no mesh c0ad00000000000000000000000000bad (meshId)"),
        output(result),
      );
    }
    assert.deepEqual(writes(), []);
    assert.equal(await exportedMesh(stack), undefined);
  });
});
