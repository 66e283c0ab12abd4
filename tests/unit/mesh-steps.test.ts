import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Mesh } from "../../provider/deps";
import { applyMeshConfig, targetName } from "../../provider/steps/apply-mesh-config";
import type { Desired } from "../../provider/model/desired";
import { enrollCluster } from "../../provider/steps/enroll-cluster";
import { CLUSTER_TAG } from "../../provider/model/ownership";
import { ensureMeshAvailable } from "../../provider/steps/ensure-mesh-available";
import { FAKE_ISTIO_VERSIONS, precheckedFacts, world, type World } from "../support/fakes";

const desired = (overrides: Partial<Desired> = {}): Desired => ({
  clusterId: "c1234",
  deletionPolicy: "Retain",
  ...overrides,
});
const facts = precheckedFacts;
const meshOf = async (w: World, id: string): Promise<Mesh> => (await w.asm.describeMesh(id))!;

describe("ServiceMeshAvailable", () => {
  it("creates the mesh once in the cluster's VPC and waits until it is running", async () => {
    // GIVEN no mesh
    const w = world();
    // WHEN the step runs
    const result = await ensureMeshAvailable(w.ctx, desired(), facts());
    // THEN exactly one mesh exists, built from the cluster's network, and it is running
    assert.equal(w.asm.meshes.size, 1);
    const stored = w.asm.meshesNamed("mesh-for-c1234")[0]!;
    assert.deepEqual(
      [stored.regionId, stored.clusterSpec, stored.state, stored.tags],
      ["cn-hangzhou", "standard", "running", { [CLUSTER_TAG]: "c1234" }],
    );
    assert.deepEqual(result.condition, {
      type: "ServiceMeshAvailable",
      status: "True",
      reason: "Available",
      message: "",
    });
    assert.equal(result.learned?.meshId, stored.id);
    assert.equal(result.learned?.mesh?.state, "running");
    assert.deepEqual(
      w.conditions.map((c) => [c.type, c.status, c.reason, c.message]),
      [["ServiceMeshAvailable", "Unknown", "WaitSteady", `mesh ${stored.id} is initial`]],
    );
  });

  it("creates the mesh with the requested features", async () => {
    const w = world();
    await ensureMeshAvailable(w.ctx, desired({ meshConfig: { telemetry: true, tracing: { sampling: 5 } } }), facts());
    assert.deepEqual(w.asm.meshesNamed("mesh-for-c1234")[0]?.meshConfig, {
      Telemetry: true,
      Pilot: { TraceSampling: 5 },
    });
  });

  it("creates the mesh in the requested VPC and vSwitch, with the user's tags, Istio version and public API server", async () => {
    const w = world();
    await ensureMeshAvailable(
      w.ctx,
      desired({
        vpcId: "vpc-9",
        vSwitchIds: ["vsw-9"],
        tags: { team: "a" },
        istioVersion: FAKE_ISTIO_VERSIONS[0],
        loadBalancer: { apiServerPublicEip: true },
      }),
      facts(),
    );
    const stored = w.asm.meshesNamed("mesh-for-c1234")[0]!;
    assert.deepEqual(
      [stored.vpcId, stored.vSwitchIds, stored.tags, stored.version, stored.apiServerEipId !== ""],
      ["vpc-9", ["vsw-9"], { team: "a", [CLUSTER_TAG]: "c1234" }, FAKE_ISTIO_VERSIONS[0], true],
    );
  });

  it("does not create a second mesh when run again", async () => {
    const w = world();
    const first = await ensureMeshAvailable(w.ctx, desired(), facts());
    const byName = await ensureMeshAvailable(w.ctx, desired(), facts());
    const byKnownId = await ensureMeshAvailable(w.ctx, desired(), facts({ meshId: first.learned?.meshId }));
    assert.equal(w.asm.meshes.size, 1);
    assert.deepEqual(
      [byName.learned?.meshId, byKnownId.learned?.meshId],
      [first.learned?.meshId, first.learned?.meshId],
    );
  });

  it("joins the mesh named by meshId without creating one", async () => {
    const w = world();
    w.asm.seed({ id: "mtheirs", name: "shared-mesh", clusterSpec: "enterprise" });
    const result = await ensureMeshAvailable(w.ctx, desired({ meshId: "mtheirs" }), facts({ meshName: undefined }));
    assert.equal(w.asm.meshes.size, 1);
    assert.equal(result.learned?.meshId, "mtheirs");
    assert.equal(result.learned?.mesh?.name, "shared-mesh");
  });

  it("fails for a meshId that does not exist, without creating one", async () => {
    const w = world();
    const result = await ensureMeshAvailable(w.ctx, desired({ meshId: "mgone" }), facts());
    assert.deepEqual(result, {
      condition: {
        type: "ServiceMeshAvailable",
        status: "False",
        reason: "Failed",
        message: "mesh mgone (meshId) does not exist (ServiceMesh.NotFound)",
      },
    });
    assert.equal(w.asm.meshes.size, 0);
  });

  it("joins an existing mesh of the requested name without creating one", async () => {
    const w = world();
    const existing = w.asm.seed({ name: "prod" });
    const result = await ensureMeshAvailable(w.ctx, desired({ name: "prod" }), facts({ meshName: "prod" }));
    assert.equal(w.asm.meshes.size, 1);
    assert.equal(result.learned?.meshId, existing.id);
  });

  it("refuses to guess between two meshes of the same name", async () => {
    const w = world();
    const a = w.asm.seed({ name: "prod" });
    const b = w.asm.seed({ name: "prod" });
    const result = await ensureMeshAvailable(w.ctx, desired({ name: "prod" }), facts({ meshName: "prod" }));
    assert.equal(result.condition.status, "False");
    assert.equal(result.condition.message, `2 meshes are named prod (${a.id}, ${b.id}); set meshId to pick one`);
    assert.equal(w.asm.meshes.size, 2);
  });

  it("recovers from a NameAlreadyExist race by joining the mesh that won", async () => {
    // GIVEN someone else creates a mesh of our name between our lookup and our create
    const w = world();
    w.asm.concurrentCreator = true;
    // WHEN the step runs
    const result = await ensureMeshAvailable(w.ctx, desired(), facts());
    // THEN there is still one mesh of that name, and the step uses it
    const named = w.asm.meshesNamed("mesh-for-c1234");
    assert.equal(named.length, 1);
    assert.equal(result.learned?.meshId, named[0]?.id);
    assert.equal(result.condition.status, "True");
  });

  it("finds the mesh an earlier run created for this cluster by its tag, though it was never recorded", async () => {
    // GIVEN a run that crashed after CreateServiceMesh, under a name the program has since changed
    const w = world();
    const lost = w.asm.seed({
      name: "old-name",
      tags: { [CLUSTER_TAG]: "c1234" },
      state: "initial",
      next: ["running"],
    });
    // WHEN the next run looks for its mesh, with nothing recorded
    const result = await ensureMeshAvailable(w.ctx, desired({ name: "new-name" }), facts({ meshName: "new-name" }));
    // THEN it takes that mesh instead of making a second one
    assert.equal(result.learned?.meshId, lost.id);
    assert.equal(w.asm.meshes.size, 1);
  });

  it("creates a new mesh when the one an earlier run recorded is gone", async () => {
    const w = world();
    const result = await ensureMeshAvailable(w.ctx, desired(), facts({ meshId: "mvanished" }));
    assert.equal(result.condition.status, "True");
    assert.equal(w.asm.meshesNamed("mesh-for-c1234").length, 1);
  });

  it("reports Unavailable, keeping the mesh id, for a mesh that ends failed", async () => {
    const w = world();
    w.asm.createPath = ["initial", "failed"];
    w.asm.createErrorMessage = "vSwitch has no free IP";
    const result = await ensureMeshAvailable(w.ctx, desired(), facts());
    const id = w.asm.meshesNamed("mesh-for-c1234")[0]!.id;
    assert.deepEqual(result, {
      condition: {
        type: "ServiceMeshAvailable",
        status: "False",
        reason: "Unavailable",
        message: `mesh ${id} is unavailable: MeshState.failed: vSwitch has no free IP`,
      },
      learned: { meshId: id },
    });
  });

  it("reports Unavailable when the mesh does not settle before the deadline", async () => {
    const w = world({ deadlineMs: 60_000 });
    w.asm.createPath = ["initial"];
    const result = await ensureMeshAvailable(w.ctx, desired(), facts());
    assert.equal(result.condition.reason, "Unavailable");
    assert.match(
      result.condition.message,
      /^timed out waiting for mesh m\w+ to be running: Timeout: still mesh m\w+ is initial after the 1m timeout$/,
    );
  });
});

describe("ClusterEnrolled", () => {
  it("adds a cluster that is not in the mesh and waits until it runs", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234" });
    const result = await enrollCluster(w.ctx, desired(), { mesh: await meshOf(w, stored.id) });
    assert.deepEqual(result.condition, { type: "ClusterEnrolled", status: "True", reason: "Succeeded", message: "" });
    assert.deepEqual(
      [...stored.clusters].map(([id, c]) => [id, c.state]),
      [["c1234", "running"]],
    );
    assert.equal(stored.state, "running");
    assert.deepEqual(result.learned?.mesh?.clusters, ["c1234"]);
  });

  it("leaves a cluster that is already enrolled alone", async () => {
    // The fake refuses a second AddClusterIntoServiceMesh for a running cluster, as ASM does.
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234", "cother"] });
    const result = await enrollCluster(w.ctx, desired(), { mesh: await meshOf(w, stored.id) });
    assert.equal(result.condition.status, "True");
    assert.deepEqual([...stored.clusters.keys()], ["c1234", "cother"]);
    assert.deepEqual(w.conditions, [], "nothing to wait for");
  });

  it("adds again a cluster whose earlier enrollment failed", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234" });
    stored.clusters.set("c1234", { state: "failed", next: [] });
    const result = await enrollCluster(w.ctx, desired(), { mesh: await meshOf(w, stored.id) });
    assert.equal(result.condition.status, "True");
    assert.equal(stored.clusters.get("c1234")?.state, "running");
  });

  it("fails with the service's message when the enrollment ends failed", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234" });
    w.asm.enrollPath = ["initial", "failed"];
    w.asm.enrollErrorMessage = "security group rules missing";
    const result = await enrollCluster(w.ctx, desired(), { mesh: await meshOf(w, stored.id) });
    assert.deepEqual(result, {
      condition: {
        type: "ClusterEnrolled",
        status: "False",
        reason: "Failed",
        message: `cannot enroll cluster c1234 into mesh ${stored.id}: EnrollmentFailed: security group rules missing`,
      },
    });
  });
});

describe("MeshConfigApplied", () => {
  it("upgrades the edition in place and waits for the mesh to settle", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", clusterSpec: "standard" });
    const result = await applyMeshConfig(w.ctx, desired(), { edition: "Enterprise", mesh: await meshOf(w, stored.id) });
    assert.deepEqual(result.condition, { type: "MeshConfigApplied", status: "True", reason: "Succeeded", message: "" });
    assert.deepEqual([stored.clusterSpec, stored.state], ["enterprise", "running"]);
    assert.equal(result.learned?.mesh?.clusterSpec, "enterprise");
  });

  it("refuses a downgrade and leaves the mesh as it is", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", clusterSpec: "ultimate" });
    const result = await applyMeshConfig(w.ctx, desired(), { edition: "Enterprise", mesh: await meshOf(w, stored.id) });
    assert.deepEqual(result, {
      condition: {
        type: "MeshConfigApplied",
        status: "False",
        reason: "Failed",
        message: `mesh ${stored.id} is Ultimate; clusterSpec Enterprise would be a downgrade, which ASM does not support`,
      },
    });
    assert.equal(stored.clusterSpec, "ultimate");
  });

  it("renames the mesh when a name is given explicitly", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "old-name", clusterSpec: "standard" });
    await applyMeshConfig(w.ctx, desired({ name: "new-name" }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.equal(stored.name, "new-name");
  });

  it("keeps the name of a mesh joined by meshId", async () => {
    const w = world();
    const stored = w.asm.seed({ id: "mtheirs", name: "their-name", clusterSpec: "standard" });
    const result = await applyMeshConfig(w.ctx, desired({ meshId: "mtheirs" }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.equal(stored.name, "their-name");
    assert.equal(result.condition.status, "True");
  });

  it("sends only the meshConfig fields that differ", async () => {
    const w = world();
    const stored = w.asm.seed({
      name: "mesh-for-c1234",
      meshConfig: { Telemetry: false, OutboundTrafficPolicy: "ALLOW_ANY" },
    });
    await applyMeshConfig(w.ctx, desired({ meshConfig: { telemetry: true, outboundTrafficPolicy: "ALLOW_ANY" } }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.deepEqual(stored.meshConfig, { Telemetry: true, OutboundTrafficPolicy: "ALLOW_ANY" });
  });

  it("changes nothing when the mesh already matches", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", meshConfig: { Telemetry: true } });
    const mesh = await meshOf(w, stored.id);
    const result = await applyMeshConfig(w.ctx, desired({ meshConfig: { telemetry: true } }), {
      edition: "Standard",
      mesh: mesh,
    });
    assert.deepEqual(result, {
      condition: { type: "MeshConfigApplied", status: "True", reason: "Succeeded", message: "" },
    });
    assert.deepEqual(w.conditions, []);
  });

  it("upgrades the Istio version in place and waits for the mesh to settle", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", version: FAKE_ISTIO_VERSIONS[1] });
    const result = await applyMeshConfig(w.ctx, desired({ istioVersion: FAKE_ISTIO_VERSIONS[2] }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.equal(result.condition.status, "True");
    assert.deepEqual([stored.version, stored.state], [FAKE_ISTIO_VERSIONS[2], "running"]);
    assert.equal(result.learned?.mesh?.version, FAKE_ISTIO_VERSIONS[2]);
  });

  it("refuses an older Istio version and leaves the mesh as it is", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", version: FAKE_ISTIO_VERSIONS[2] });
    const result = await applyMeshConfig(w.ctx, desired({ istioVersion: FAKE_ISTIO_VERSIONS[0] }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.equal(result.condition.status, "False");
    assert.match(result.condition.message, /older than the mesh's .*ASM upgrades only/);
    assert.equal(stored.version, FAKE_ISTIO_VERSIONS[2]);
  });

  it("sets and removes user tags in place, keeping the ownership tag", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", tags: { [CLUSTER_TAG]: "c1234", team: "a", old: "x" } });
    await applyMeshConfig(w.ctx, desired({ tags: { team: "b", tier: "1" } }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.deepEqual(stored.tags, { [CLUSTER_TAG]: "c1234", team: "b", tier: "1" });
  });

  it("binds the named EIPs in place, unbinding the one bound before, and reports them", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", apiServerEipId: "eip-old" });
    const result = await applyMeshConfig(
      w.ctx,
      desired({ loadBalancer: { apiServerEipId: "eip-new", pilotEipId: "eip-pilot" } }),
      { edition: "Standard", mesh: await meshOf(w, stored.id) },
    );
    assert.deepEqual([stored.apiServerEipId, stored.pilotEipId], ["eip-new", "eip-pilot"]);
    assert.deepEqual(
      [result.learned?.mesh?.loadBalancer?.apiServerEipId, result.learned?.mesh?.loadBalancer?.pilotEipId],
      ["eip-new", "eip-pilot"],
    );
  });

  it("unbinds the API server's EIP when apiServerPublicEip turns false", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234", apiServerEipId: "eip-asm" });
    await applyMeshConfig(w.ctx, desired({ loadBalancer: { apiServerPublicEip: false } }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.equal(stored.apiServerEipId, "");
  });

  it("refuses a public API server endpoint it cannot have in place, naming apiServerEipId", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234" });
    const result = await applyMeshConfig(w.ctx, desired({ loadBalancer: { apiServerPublicEip: true } }), {
      edition: "Standard",
      mesh: await meshOf(w, stored.id),
    });
    assert.equal(result.condition.status, "False");
    assert.match(result.condition.message, /loadBalancer\.apiServerEipId/);
  });

  it("learns the control plane's kubeconfig only when asked", async () => {
    const w = world();
    const stored = w.asm.seed({ name: "mesh-for-c1234" });
    const mesh = await meshOf(w, stored.id);
    const without = await applyMeshConfig(w.ctx, desired(), { edition: "Standard", mesh });
    assert.equal(without.learned?.meshKubeconfig, undefined);
    const withIt = await applyMeshConfig(w.ctx, desired({ controlPlaneKubeconfig: "private" }), {
      edition: "Standard",
      mesh,
    });
    assert.match(withIt.learned?.meshKubeconfig ?? "", /private/);
  });

  const names: [string, Partial<Desired>, string][] = [
    ["the explicit name", { name: "prod", meshId: "m1" }, "prod"],
    ["the joined mesh's own name", { meshId: "m1" }, "their-name"],
    ["the default name", {}, "mesh-for-c1234"],
  ];
  for (const [what, overrides, expected] of names) {
    it(`aims for ${what}`, () => {
      const mesh = { id: "m1", name: "their-name" } as Mesh;
      assert.equal(targetName(desired(overrides), mesh), expected);
    });
  }
});
