// End-to-end through the real pulumi CLI: cloud faults during `pulumi up` (a failed enrollment, an error
// repeated past the operation's deadline, throttling, transient 5xx), the `retry-at` annotation set with
// kubectl, and bad input refused at `pulumi preview` before anything runs.
//
// What a failed `up` must leave: the update fails naming the failed condition and the cloud's code and
// message; the resource stays in state (id = cluster id) with its mesh id, conditions and initErrors;
// the next plain `up` resumes (condition Retried) and converges with exactly one mesh for the cluster.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { meshRow } from "../support/cli-diagnostics";
import { clusterReader } from "../support/kube-read";
import { exportedMesh, startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import { toolchain } from "../../devkit/toolchain";

const RETRY_AT = "operator.istio.alibabacloud.com/retry-at";
const ALL_TRUE = [
  "PreChecked=True/Passed",
  "ServiceMeshAvailable=True/Available",
  "ClusterEnrolled=True/Succeeded",
  "MeshConfigApplied=True/Succeeded",
];
const MUTATING = /^(Create|Add|Remove|Delete|Update|Modify)/;

const cluster = (clusterId: string, regionId = "cn-hangzhou") => ({
  clusterId,
  regionId,
  vpcId: "vpc-1",
  vswitchIds: ["vsw-1"],
});
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

/** The ServiceMesh resource as `pulumi stack export` shows it. */
describe("ServiceMesh under cloud faults, through the real pulumi CLI", () => {
  let w: MeshWorld;
  const meshesOf = (clusterId: string) =>
    w.emulator.inventory().meshes.filter((m) => m.name === `mesh-for-${clusterId}` || m.clusters.includes(clusterId));
  const kubectl = (...args: string[]) =>
    promisify(execFile)(toolchain().kubectl, args, { env: { ...process.env, KUBECONFIG: w.kube.kubeconfigPath } });

  before(async () => {
    w = await startMeshWorld({
      clusters: [
        cluster("cflt1"),
        cluster("cflt2"),
        cluster("cflt3"),
        cluster("cflt4"),
        cluster("cflt5", "ap-southeast-1"),
      ],
    });
  });
  after(async () => w?.stop());

  it("fails up at ClusterEnrolled with the cloud's code and message, keeps the mesh in state, and resumes on the next up", async () => {
    // GIVEN the next enrollment ends failed in the cloud
    const stack = await w.stack({ clusterId: "cflt1" });
    w.emulator.injectFault({
      enrollFails: { code: "ErrorEnrollment.Quota", message: "the mesh is out of cluster slots" },
    });

    // WHEN pulumi up runs
    const failedUp = await stack.up([], { allowFailure: true });

    // THEN the update fails naming the condition and the cloud's code and message
    assert.notEqual(failedUp.code, 0);
    const [mesh] = meshesOf("cflt1");
    assert.ok(mesh, "the mesh was created");
    const why = `cannot enroll cluster cflt1 into mesh ${mesh.serviceMeshId}: EnrollmentFailed: ErrorEnrollment.Quota: the mesh is out of cluster slots`;
    // The transition is a line of its own; the failure's message comes once, as the error.
    // Both on the ServiceMesh's own row, and no JavaScript stack trace anywhere.
    const row = meshRow(output(failedUp));
    assert.equal(row.filter((l) => l === "ClusterEnrolled: False/Failed").length, 1, output(failedUp));
    assert.equal(row.filter((l) => l.includes(`ServiceMesh cflt1: ClusterEnrolled failed: ${why}`)).length, 1);
    assert.doesNotMatch(output(failedUp), /^\s+at .+\.js:\d+/m, "no stack trace");

    // AND state keeps the resource with its mesh id, its conditions and the init error
    const kept = await exportedMesh(stack);
    assert.equal(kept.id, "cflt1");
    assert.equal(kept.outputs.serviceMeshId, mesh.serviceMeshId);
    assert.equal(kept.outputs.ready, false);
    assert.deepEqual(
      kept.outputs.status.conditions.map((c: any) => `${c.type}=${c.status}/${c.reason}`),
      ["PreChecked=True/Passed", "ServiceMeshAvailable=True/Available", "ClusterEnrolled=False/Failed"],
    );
    assert.deepEqual(kept.initErrors, [`ServiceMesh cflt1: ClusterEnrolled failed: ${why}`]);

    // WHEN the next plain up runs
    const resumed = await stack.up();

    // THEN it resumes at the failed step and converges on the same mesh
    assert.ok(
      output(resumed).includes(`Retried: True/Retried resuming at ClusterEnrolled after: ${why}`),
      output(resumed),
    );
    const outputs = await stack.stackOutputs();
    assert.deepEqual(outputs["conditions"], [...ALL_TRUE, "Retried=True/Retried"]);
    assert.equal(outputs["serviceMeshId"], mesh.serviceMeshId);
    assert.deepEqual(
      meshesOf("cflt1").map((m) => [m.serviceMeshId, m.clusters]),
      [[mesh.serviceMeshId, ["cflt1"]]],
    );
    assert.equal((await exportedMesh(stack)).initErrors, undefined, "the init error is cleared");
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy(); // every stack here shares the one CR istio-system/mesh
  });

  it("fails up when the enroll call keeps failing past the create timeout, and the retry-at annotation set with kubectl re-runs it", async () => {
    // GIVEN AddClusterIntoServiceMesh fails with InternalError (retryable) for longer than the 20s create timeout
    const stack = await w.stack({ clusterId: "cflt2", createTimeout: "20s" });
    w.emulator.injectFault({
      action: "AddClusterIntoServiceMesh",
      code: "InternalError",
      status: 500,
      message: "the enrollment service is unavailable",
      times: 1000,
    });
    const started = Date.now();

    // WHEN pulumi up runs
    const failedUp = await stack.up([], { allowFailure: true });
    w.emulator.clearFaults();

    // THEN it retried until the deadline, then failed the step with the cloud's code and message
    assert.notEqual(failedUp.code, 0);
    const elapsed = Date.now() - started;
    const attempts = w.emulator
      .requestLog()
      .filter((e) => e.action === "AddClusterIntoServiceMesh" && e.params["ClusterId"] === "cflt2");
    assert.ok(
      attempts.length >= 3 && attempts.every((e) => e.status === 500 && e.code === "InternalError"),
      JSON.stringify(attempts),
    );
    assert.ok(elapsed >= 10_000, `gave up after ${elapsed} ms, before the deadline`);
    assert.equal(meshRow(output(failedUp)).filter((l) => l === "ClusterEnrolled: False/Failed").length, 1);
    assert.match(
      output(failedUp),
      /ServiceMesh cflt2: ClusterEnrolled failed: [^\n]*InternalError[^\n]*the enrollment service is unavailable/,
    );
    const kept = await exportedMesh(stack);
    const [mesh] = meshesOf("cflt2");
    assert.ok(mesh);
    assert.deepEqual(mesh.clusters, [], "never enrolled");
    assert.equal(kept.outputs.serviceMeshId, mesh.serviceMeshId);
    assert.equal(kept.initErrors.length, 1);

    // WHEN a person asks for a retry with the annotation, as with the in-cluster operator, and runs up
    const at = "2026-01-09T02:30:00Z";
    await kubectl("annotate", "servicemesh", "mesh", "-n", "istio-system", `${RETRY_AT}=${at}`, "--overwrite");
    const retried = await stack.up();

    // THEN the Retried condition names the annotation, and the pass converges on the same mesh
    assert.ok(
      output(retried).includes(`Retried: True/Retried retry requested by the ${RETRY_AT} annotation (${at})`),
      output(retried),
    );
    const cr = await clusterReader(w.kube.kubeconfig).serviceMesh();
    assert.equal(cr.metadata.annotations[RETRY_AT], at, "the user's annotation stays");
    const retriedCondition = cr.status.conditions.find((c: any) => c.type === "Retried");
    assert.equal(retriedCondition.message, `retry requested by the ${RETRY_AT} annotation (${at})`);
    assert.deepEqual(
      cr.status.conditions
        .filter((c: any) => c.type !== "Retried")
        .map((c: any) => `${c.type}=${c.status}/${c.reason}`),
      ALL_TRUE,
    );
    assert.equal(cr.status.serviceMeshId, mesh.serviceMeshId);
    assert.deepEqual(
      meshesOf("cflt2").map((m) => [m.serviceMeshId, m.clusters]),
      [[mesh.serviceMeshId, ["cflt2"]]],
    );
    // The annotation was handled: it does not trigger another pass.
    await stack.preview(["--expect-no-changes"]);
    await stack.destroy();
  });

  it("converges while the cloud throttles the account to 2 requests per second", async () => {
    // GIVEN flow control at 2 QPS for the access key
    const stack = await w.stack({ clusterId: "cflt3" });
    w.emulator.clearRequestLog();
    w.emulator.setQpsLimit(2);
    try {
      // WHEN pulumi up runs
      await stack.up();
    } finally {
      w.emulator.setQpsLimit(undefined);
    }

    // THEN calls were throttled and retried, and the resource converged with one mesh
    const throttled = w.emulator.requestLog().filter((e) => e.code === "Throttling.User");
    assert.ok(throttled.length > 0, "the cloud throttled some calls");
    assert.deepEqual((await stack.stackOutputs())["conditions"], ALL_TRUE);
    const creates = w.emulator.requestLog().filter((e) => e.action === "CreateServiceMesh" && e.status === 200);
    assert.equal(creates.length, 1);
    assert.deepEqual(
      meshesOf("cflt3").map((m) => m.clusters),
      [["cflt3"]],
    );
    await stack.destroy();
  });

  it("converges when a few calls fail with transient 5xx errors", async () => {
    // GIVEN the next create, status reads and enroll calls fail with 503/500
    const stack = await w.stack({ clusterId: "cflt4" });
    w.emulator.clearRequestLog();
    w.emulator.injectFault({ action: "CreateServiceMesh", code: "ServiceUnavailable", status: 503, times: 2 });
    w.emulator.injectFault({ action: "DescribeServiceMeshDetail", code: "InternalError", status: 500, times: 2 });
    w.emulator.injectFault({ action: "AddClusterIntoServiceMesh", code: "ServiceUnavailable", status: 503, times: 1 });

    // WHEN pulumi up runs
    const up = await stack.up();

    // THEN each failed call was retried and the resource converged with one mesh, created once
    const log = w.emulator.requestLog();
    const summary = (action: string) => log.filter((e) => e.action === action).map((e) => e.status);
    assert.deepEqual(summary("CreateServiceMesh"), [503, 503, 200]);
    assert.deepEqual(summary("AddClusterIntoServiceMesh"), [503, 200]);
    assert.deepEqual(summary("DescribeServiceMeshDetail").slice(0, 3), [500, 500, 200]);
    assert.doesNotMatch(output(up), /Failed/);
    assert.deepEqual((await stack.stackOutputs())["conditions"], ALL_TRUE);
    assert.deepEqual(
      meshesOf("cflt4").map((m) => m.clusters),
      [["cflt4"]],
    );
    await stack.destroy();
  });

  it("refuses a Standard mesh in ap-southeast-1 at preview, naming clusterSpec and region, before anything runs", async () => {
    // GIVEN a Standard mesh asked for outside the Chinese mainland
    const stack = await w.stack({ clusterId: "cflt5", clusterSpec: "Standard", region: "ap-southeast-1" });
    w.emulator.clearRequestLog();

    // WHEN pulumi preview runs
    const preview = await stack.preview([], { allowFailure: true });

    // THEN it fails with a message naming both fields, and nothing was changed in the cloud or the cluster
    assert.notEqual(preview.code, 0);
    assert.ok(
      output(preview).includes(
        "clusterSpec Standard is available only in Chinese-mainland regions (cn-*, except cn-hongkong), but region is ap-southeast-1; use Enterprise or Ultimate",
      ),
      output(preview),
    );
    assert.deepEqual(
      w.emulator.requestLog().map((e) => e.action),
      [],
      "not even a read reached the cloud",
    );
    assert.equal(meshesOf("cflt5").length, 0);
    assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined, "no CR was written");
    // AND up refuses the same way, still before any call
    const up = await stack.up([], { allowFailure: true });
    assert.notEqual(up.code, 0);
    assert.match(
      output(up),
      /clusterSpec Standard is available only in Chinese-mainland regions[^\n]*region is ap-southeast-1/,
    );
    assert.deepEqual(
      w.emulator.requestLog().filter((e) => MUTATING.test(e.action)),
      [],
    );
  });
});
