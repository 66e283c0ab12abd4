// End-to-end through the real pulumi CLI: what will fail fails at preview. For a new resource the
// provider runs PreChecked's read-only calls during `check`, so a cluster on Kubernetes 1.26, a cluster
// already enrolled in another mesh, or a Standard mesh for a cluster outside the Chinese mainland (with
// no `region` anywhere: the cluster's own region decides) stop `pulumi preview` and `pulumi up` with the
// message `up` would give, before any resource, CR or mesh exists.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusterReader } from "../support/kube-read";
import { startMeshWorld, type MeshWorld } from "../support/mesh-stack";

const MUTATING = /^(Create|Add|Remove|Delete|Update|Modify)/;
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;
const cluster = (clusterId: string, extra: Record<string, unknown> = {}) => ({
  clusterId,
  regionId: "cn-hangzhou",
  vpcId: "vpc-1",
  vswitchIds: ["vsw-1"],
  ...extra,
});

describe("ServiceMesh preflight at preview, through the real pulumi CLI", () => {
  let w: MeshWorld;
  before(async () => {
    w = await startMeshWorld({
      clusters: [
        cluster("cpre1", { kubernetesVersion: "1.26.15-aliyun.1" }),
        cluster("cpre2"),
        cluster("cpre3", { regionId: "ap-southeast-1" }),
      ],
      meshes: [
        {
          serviceMeshId: "motherteam000000000000000000001",
          name: "other-team",
          regionId: "cn-hangzhou",
          clusters: ["cpre2"],
        },
      ],
    });
  });
  after(async () => w?.stop());

  const cases: {
    what: string;
    clusterId: string;
    config?: Record<string, string>;
    env?: Record<string, string>;
    message: RegExp;
  }[] = [
    {
      what: "a cluster on Kubernetes 1.26",
      clusterId: "cpre1",
      message:
        /clusterId[^\n]*ACK cluster cpre1 runs Kubernetes 1\.26\.15-aliyun\.1; servicemesh-operator needs 1\.28 or later/,
    },
    {
      what: "a cluster already enrolled in another mesh",
      clusterId: "cpre2",
      message:
        /clusterId[^\n]*ACK cluster cpre2 is already enrolled in mesh motherteam000000000000000000001 \(other-team\)/,
    },
    {
      what: "Standard for a cluster outside the mainland, with no region set anywhere",
      clusterId: "cpre3",
      config: { clusterSpec: "Standard" },
      env: { ALICLOUD_REGION: "" },
      message:
        /clusterSpec[^\n]*clusterSpec Standard is available only in Chinese-mainland regions \(cn-\*, except cn-hongkong\), but region is ap-southeast-1/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.what} at preview and at up, with nothing created`, async () => {
      const stack = await w.stack({ clusterId: c.clusterId, ...c.config }, c.env ? { env: c.env } : {});
      w.emulator.clearRequestLog();

      const preview = await stack.preview([], { allowFailure: true });
      assert.notEqual(preview.code, 0);
      assert.match(output(preview), c.message);
      assert.doesNotMatch(output(preview), /\n\s+at \S+ \(/, "no JavaScript stack trace");

      const up = await stack.up([], { allowFailure: true });
      assert.notEqual(up.code, 0);
      assert.match(output(up), c.message);

      const exported = await stack.exportStack();
      assert.deepEqual(
        (exported.deployment.resources ?? []).filter((r: any) => r.type.endsWith(":ServiceMesh")),
        [],
        "no resource in state",
      );
      assert.deepEqual(
        w.emulator.requestLog().filter((e) => MUTATING.test(e.action)),
        [],
        "only reads reached the cloud",
      );
      assert.equal(await clusterReader(w.kube.kubeconfig).serviceMesh(), undefined, "no CR");
    });
  }
});
