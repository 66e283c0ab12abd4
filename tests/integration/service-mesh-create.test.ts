// Integration: the provider's create/update with the real Alibaba clients against the emulator and the
// real Kubernetes client against a real kube-apiserver. Proves the steps, conditions, CR shape,
// idempotency and partial-failure bookkeeping; not the Pulumi engine (tests/e2e does that).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { clusterReader, type ClusterReader } from "../support/kube-read";
import { expectPartialFailure, startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { toolchain } from "../../devkit/toolchain";
import { setTimeout as sleep } from "node:timers/promises";
import { PRECHECK_LISTING_MAX_AGE_MS } from "../../provider/steps/pre-check";

const run = promisify(execFile);
const cluster = (clusterId: string, extra: Record<string, unknown> = {}) => ({
  clusterId,
  regionId: "cn-hangzhou",
  vpcId: "vpc-hz1",
  vswitchIds: ["vsw-hz1"],
  ...extra,
});

describe("ServiceMesh create and update against the emulator and a real kube-apiserver", () => {
  let h: MeshHarness;
  let k: ClusterReader;

  before(async () => {
    h = await startMeshHarness({
      seed: {
        clusters: [
          cluster("cfresh"),
          cluster("cupgrade"),
          cluster("cjoinid"),
          cluster("cjoinname"),
          cluster("cold", { kubernetesVersion: "1.27.3-aliyun.1" }),
          cluster("csg", { regionId: "ap-southeast-1" }),
          cluster("ctaken"),
          cluster("cbusy"),
          cluster("cflaky"),
        ],
        meshes: [
          {
            serviceMeshId: "mexisting0000000000000000000000001",
            name: "shared-mesh",
            regionId: "cn-hangzhou",
            clusterSpec: "enterprise",
          },
          { name: "team-mesh", regionId: "cn-hangzhou", clusterSpec: "standard" },
          { name: "other-mesh", regionId: "cn-hangzhou", clusterSpec: "standard", clusters: ["ctaken"] },
        ],
      },
    });
    k = clusterReader(h.kube.kubeconfig);
  });
  after(async () => h?.stop());

  const meshesNamed = (name: string) => h.emulator.inventory().meshes.filter((m) => m.name === name);

  it("creates a mesh from nothing: four True conditions with the seed's reasons and the seed's CR shape", async () => {
    h.emulator.clearRequestLog();
    const outs = await h.create({ clusterId: "cfresh" });

    const calls = h.emulator.requestLog();
    console.log(`cloud calls for one create: ${calls.length} (${[...new Set(calls.map((c) => c.action))].join(", ")})`);
    assert.equal(meshesNamed("mesh-for-cfresh").length, 1);
    const mesh = meshesNamed("mesh-for-cfresh")[0]!;
    assert.deepEqual([mesh.state, mesh.clusterSpec, mesh.clusters], ["running", "standard", ["cfresh"]]);
    assert.equal(outs["serviceMeshId"], mesh.serviceMeshId);
    assert.equal(outs["ready"], true);
    assert.equal(outs["clusterSpec"], "Standard");

    const cr = await k.serviceMesh();
    assert.equal(cr.metadata.annotations["operator.istio.alibabacloud.com/deletion-policy"], "Retain");
    assert.deepEqual(cr.metadata.finalizers, ["servicemeshoperator.finalizers.alibabacloud.com"]);
    assert.deepEqual(cr.spec, { name: "mesh-for-cfresh", clusterSpec: "Standard" });
    assert.equal(cr.status.clusterSpec, "Standard");
    assert.equal(cr.status.serviceMeshId, mesh.serviceMeshId);
    assert.equal(cr.status.serviceMeshName, "mesh-for-cfresh");
    assert.deepEqual(
      cr.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.observedGeneration]),
      [
        ["PreChecked", "True", "Passed", cr.metadata.generation],
        ["ServiceMeshAvailable", "True", "Available", cr.metadata.generation],
        ["ClusterEnrolled", "True", "Succeeded", cr.metadata.generation],
        ["MeshConfigApplied", "True", "Succeeded", cr.metadata.generation],
      ],
    );
    for (const c of cr.status.conditions) assert.match(c.lastTransitionTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // kubectl sees the seed's shape and can wait on the condition.
    const env = { ...process.env, KUBECONFIG: h.kube.kubeconfigPath };
    const yaml = (
      await run(toolchain().kubectl, ["get", "servicemesh", "mesh", "-n", "istio-system", "-o", "yaml"], { env })
    ).stdout;
    assert.match(yaml, /apiVersion: istio\.alibabacloud\.com\/v1beta1\nkind: ServiceMesh/);
    assert.match(yaml, /operator\.istio\.alibabacloud\.com\/deletion-policy: Retain/);
    assert.match(yaml, /type: MeshConfigApplied/);
    const wait = await run(
      toolchain().kubectl,
      ["wait", "--for=condition=MeshConfigApplied", "servicemesh/mesh", "-n", "istio-system", "--timeout=10s"],
      { env },
    );
    assert.match(wait.stdout, /condition met/);
    const table = (await run(toolchain().kubectl, ["get", "servicemesh", "-n", "istio-system"], { env })).stdout;
    assert.match(table, /EDITION\s+MESH ID\s+READY\s+AGE/);

    // A second pass with the same inputs changes nothing in the cloud and keeps transition times.
    h.emulator.clearRequestLog();
    const again = await h.update(outs, { clusterId: "cfresh" });
    const mutating = h.emulator.requestLog().filter((c) => !/^Describe/.test(c.action));
    assert.deepEqual(
      mutating.map((c) => c.action),
      [],
    );
    assert.deepEqual(
      (again["status"] as any).conditions.map((c: any) => c.lastTransitionTime),
      cr.status.conditions.map((c: any) => c.lastTransitionTime),
    );
    await h.delete(again);
  });

  it("upgrades the edition in place and refuses a downgrade at check and in the step", async () => {
    const outs = await h.create({ clusterId: "cupgrade" });
    const upgraded = await h.update(outs, { clusterId: "cupgrade", clusterSpec: "Enterprise" });
    assert.equal(meshesNamed("mesh-for-cupgrade")[0]!.clusterSpec, "enterprise");
    assert.equal((await k.serviceMesh()).status.clusterSpec, "Enterprise");

    const refused = await h.check(upgraded, { clusterId: "cupgrade", clusterSpec: "Standard" });
    assert.deepEqual(
      refused.failures.map((f) => f.property),
      ["clusterSpec"],
    );
    assert.match(
      refused.failures[0]!.reason,
      /cannot be downgraded from Enterprise to Standard; allowed: Enterprise, Ultimate/,
    );

    const renamed = await h.update(upgraded, {
      clusterId: "cupgrade",
      clusterSpec: "Enterprise",
      name: "payments-mesh",
    });
    assert.equal(renamed["serviceMeshName"], "payments-mesh");
    assert.equal(h.emulator.inventory().meshes.filter((m) => m.clusters.includes("cupgrade")).length, 1);
    assert.equal(meshesNamed("payments-mesh").length, 1);
    await h.delete(renamed);
  });

  it("joins an existing mesh by meshId, keeping its name, and one by name without creating another", async () => {
    const before = h.emulator.inventory().meshes.length;
    const byId = await h.create({ clusterId: "cjoinid", meshId: "mexisting0000000000000000000000001" });
    assert.equal(byId["serviceMeshName"], "shared-mesh");
    assert.deepEqual(meshesNamed("shared-mesh")[0]!.clusters, ["cjoinid"]);
    await h.delete(byId);

    const byName = await h.create({ clusterId: "cjoinname", name: "team-mesh" });
    assert.equal(meshesNamed("team-mesh").length, 1);
    assert.deepEqual(meshesNamed("team-mesh")[0]!.clusters, ["cjoinname"]);
    assert.equal(h.emulator.inventory().meshes.length, before);
    await h.delete(byName);
  });

  it("fails PreChecked with a message naming the problem, and nothing is created in the cloud", async () => {
    const before = h.emulator.inventory().meshes.length;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ clusterId: "cold" }, /runs Kubernetes 1\.27\.3-aliyun\.1; servicemesh-operator needs 1\.28 or later/],
      [{ clusterId: "ctaken" }, /already enrolled in mesh \S+ \(other-mesh\); one cluster binds to one mesh/],
      [{ clusterId: "cmissing" }, /ACK cluster cmissing does not exist/],
    ];
    for (const [args, message] of cases) {
      const failure = await expectPartialFailure(() => h.create(args));
      assert.match(failure.message, message);
      const conditions = (failure.properties["status"] as any).conditions;
      assert.deepEqual(
        [conditions[0].type, conditions[0].status, conditions[0].reason],
        ["PreChecked", "False", "Failed"],
      );
      assert.equal(failure.id, args["clusterId"]);
      assert.equal(failure.properties["__provider"] !== undefined, true, "partial state keeps __provider for delete");
      await h.delete(failure.properties);
    }

    // More than 50 pods on a Standard mesh.
    await k.createPods("crowded", 51);
    const crowded = await expectPartialFailure(() => h.create({ clusterId: "cbusy" }));
    assert.match(crowded.message, /more than 50 pods, the Standard Edition limit/);
    await h.delete(crowded.properties);
    await k.deletePods("crowded");

    // ASM not activated for the account. PreChecked reuses a listing of the last few seconds (the
    // activation probe included), so let the last one age first.
    await sleep(PRECHECK_LISTING_MAX_AGE_MS);
    h.emulator.mutate.setAsmActivated(false);
    const inactive = await expectPartialFailure(() => h.create({ clusterId: "cbusy" }));
    h.emulator.mutate.setAsmActivated(true);
    assert.match(inactive.message, /ASM is not activated for this account/);
    await h.delete(inactive.properties);

    // Standard outside the Chinese mainland is refused at check, before anything runs.
    const sg = await h.check({}, { clusterId: "csg", region: "ap-southeast-1", clusterSpec: "Standard" });
    assert.deepEqual(
      sg.failures.map((f) => f.property),
      ["clusterSpec"],
    );
    assert.match(
      sg.failures[0]!.reason,
      /Standard is available only in Chinese-mainland regions .* region is ap-southeast-1/,
    );
    assert.equal(h.emulator.inventory().meshes.length, before);
  });

  it("records a failure mid-create and resumes on the next update with Retried, still one mesh", async () => {
    h.emulator.injectFault({
      enrollFails: { code: "ErrorEnrollCluster", message: "the cluster's API server is unreachable" },
    });
    const failure = await expectPartialFailure(() => h.create({ clusterId: "cflaky" }));
    assert.match(failure.message, /ClusterEnrolled failed: .*the cluster's API server is unreachable/);
    const partial = failure.properties;
    assert.equal(partial["clusterId"], "cflaky");
    assert.ok(partial["serviceMeshId"], "the mesh id is in the partial state");
    const failedConditions = (partial["status"] as any).conditions.map((c: any) => [c.type, c.status]);
    assert.deepEqual(failedConditions, [
      ["PreChecked", "True"],
      ["ServiceMeshAvailable", "True"],
      ["ClusterEnrolled", "False"],
    ]);

    const resumed = await h.update(partial, { clusterId: "cflaky" });
    const conditions = (resumed["status"] as any).conditions;
    assert.deepEqual(
      conditions.map((c: any) => [c.type, c.status, c.reason]),
      [
        ["PreChecked", "True", "Passed"],
        ["ServiceMeshAvailable", "True", "Available"],
        ["ClusterEnrolled", "True", "Succeeded"],
        ["MeshConfigApplied", "True", "Succeeded"],
        ["Retried", "True", "Retried"],
      ],
    );
    assert.match(conditions[4].message, /resuming at ClusterEnrolled/);
    assert.equal(meshesNamed("mesh-for-cflaky").length, 1);
    assert.equal(JSON.stringify(resumed).includes(h.accessKeySecret), false, "no access key secret in outputs");
    await h.delete(resumed);
  });
});
