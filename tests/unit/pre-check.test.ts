import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CloudError } from "../../provider/resilience/errors";
import type { Desired } from "../../provider/model/desired";
import { preCheck } from "../../provider/steps/pre-check";
import { ackCluster, FAKE_ISTIO_VERSIONS, world } from "../support/fakes";

const desired = (overrides: Partial<Desired> = {}): Desired => ({
  clusterId: "c1234",
  deletionPolicy: "Retain",
  ...overrides,
});

describe("PreChecked refuses what the seed says cannot work", () => {
  const cases: {
    name: string;
    given: Parameters<typeof world>[0];
    arrange?: (w: ReturnType<typeof world>) => void;
    want?: Partial<Desired>;
    message: string;
    /** The input the failure names at preview (default clusterId). */
    blame?: string;
  }[] = [
    {
      name: "ASM not activated for the account",
      given: {},
      arrange: (w) => void (w.asm.activated = false),
      message:
        "ASM is not activated for this account (Forbidden.ServiceNotActivated): activate Alibaba Cloud Service Mesh first",
    },
    {
      name: "a cluster that does not exist",
      given: { clusters: [] },
      message: "ACK cluster c1234 does not exist (ErrorClusterNotFound)",
    },
    {
      name: "a cluster that is not running",
      given: { clusters: [ackCluster({ state: "initial" })] },
      message: "ACK cluster c1234 is initial, not running",
    },
    {
      name: "Kubernetes 1.27",
      given: { clusters: [ackCluster({ kubernetesVersion: "1.27.9-aliyun.1" })] },
      message: "ACK cluster c1234 runs Kubernetes 1.27.9-aliyun.1; servicemesh-operator needs 1.28 or later",
    },
    {
      name: "a region that is not the cluster's",
      given: {},
      want: { region: "cn-beijing" },
      message: "region is cn-beijing but ACK cluster c1234 is in cn-hangzhou",
      blame: "region",
    },
    {
      name: "a Standard mesh outside the Chinese mainland",
      given: { clusters: [ackCluster({ regionId: "ap-southeast-1" })] },
      want: { clusterSpec: "Standard" },
      message:
        "clusterSpec Standard is available only in Chinese-mainland regions (cn-*, except cn-hongkong), but region is ap-southeast-1; use Enterprise or Ultimate",
      blame: "clusterSpec",
    },
    {
      name: "more than 50 pods on Standard",
      given: {},
      arrange: (w) => void (w.enrolledCluster.pods = 51),
      message:
        "ACK cluster c1234 runs more than 50 pods, the Standard Edition limit; use clusterSpec Enterprise (1,000 pods) or Ultimate (10,000)",
      blame: "clusterSpec",
    },
    {
      name: "a cluster already in another mesh",
      given: {},
      arrange: (w) => void w.asm.seed({ id: "mother", name: "someone-elses", clusters: ["c1234"] }),
      message:
        "ACK cluster c1234 is already enrolled in mesh mother (someone-elses); one cluster binds to one mesh: set meshId to mother to manage that mesh, or remove the cluster from it first",
    },
    {
      name: "a cluster in another mesh than the meshId given",
      given: {},
      arrange: (w) => {
        w.asm.seed({ id: "mother", name: "a", clusters: ["c1234"] });
        w.asm.seed({ id: "mwanted", name: "b" });
      },
      want: { meshId: "mwanted" },
      message:
        "ACK cluster c1234 is already enrolled in mesh mother (a); one cluster binds to one mesh: set meshId to mother to manage that mesh, or remove the cluster from it first",
    },
    {
      name: "an Istio version ASM does not offer",
      given: {},
      want: { istioVersion: "v1.19.0.1-gdeadbee-aliyun" },
      message: `istioVersion v1.19.0.1-gdeadbee-aliyun is not offered by ASM; available: ${FAKE_ISTIO_VERSIONS.join(", ")}`,
      blame: "istioVersion",
    },
    {
      name: "an Istio version older than the joined mesh's",
      given: {},
      arrange: (w) => void w.asm.seed({ name: "mesh-for-c1234", version: FAKE_ISTIO_VERSIONS[2] }),
      want: { istioVersion: FAKE_ISTIO_VERSIONS[0] },
      message: `istioVersion ${FAKE_ISTIO_VERSIONS[0]} is older than the mesh's ${FAKE_ISTIO_VERSIONS[2]}; ASM upgrades only: keep ${FAKE_ISTIO_VERSIONS[2]} or name a newer version`,
      blame: "istioVersion",
    },
    {
      name: "a VPC that is not the joined mesh's",
      given: {},
      arrange: (w) => void w.asm.seed({ id: "mjoined", name: "mesh-for-c1234", vpcId: "vpc-1" }),
      want: { vpcId: "vpc-2" },
      message:
        "vpcId is vpc-2 but mesh mjoined has vpc-1; ASM fixes it when it creates a mesh: name vpc-1 or leave vpcId out",
      blame: "vpcId",
    },
    {
      name: "a VPC that is not the mesh's named by meshId",
      given: {},
      arrange: (w) => void w.asm.seed({ id: "mjoined", name: "theirs", vpcId: "vpc-1" }),
      want: { meshId: "mjoined", vpcId: "vpc-2" },
      message:
        "vpcId is vpc-2 but mesh mjoined has vpc-1; ASM fixes it when it creates a mesh: name vpc-1 or leave vpcId out",
      blame: "vpcId",
    },
    {
      name: "a cluster domain that is not the joined mesh's",
      given: {},
      arrange: (w) =>
        void w.asm.seed({
          id: "mjoined",
          name: "mesh-for-c1234",
          meshConfig: { Proxy: { ClusterDomain: "cluster.local" } },
        }),
      want: { meshConfig: { sidecarProxy: { clusterDomain: "mesh.internal" } } },
      message:
        "meshConfig.sidecarProxy.clusterDomain is mesh.internal but mesh mjoined has cluster.local; ASM fixes it when it creates a mesh: name cluster.local or leave meshConfig.sidecarProxy.clusterDomain out",
      blame: "meshConfig",
    },
    {
      name: "the cluster's vSwitch with another VPC",
      given: {},
      want: { vpcId: "vpc-2", vSwitchIds: ["vsw-1"] },
      message: "vSwitchIds: vsw-1 is in VPC vpc-1 (ACK cluster c1234's), not in vpcId vpc-2; name a vSwitch of vpc-2",
      blame: "vSwitchIds",
    },
  ];

  for (const { name, given, arrange, want, message, blame = "clusterId" } of cases) {
    it(`fails PreChecked for ${name}, saying so`, async () => {
      // GIVEN a cloud with the problem
      const w = world(given);
      arrange?.(w);
      const meshesBefore = w.asm.meshes.size;
      // WHEN the pre-check runs
      const result = await preCheck(w.ctx, desired(want));
      // THEN it fails with a message naming the problem, and nothing was created
      assert.deepEqual(result, {
        condition: { type: "PreChecked", status: "False", reason: "Failed", message },
        blame,
      });
      assert.equal(w.asm.meshes.size, meshesBefore);
    });
  }
});

describe("PreChecked on a move of the resource's own mesh to what ASM fixes at creation", () => {
  const seedOwn = (w: ReturnType<typeof world>) => w.asm.seed({ id: "mown", name: "mesh-for-c1234", vpcId: "vpc-1" });
  it("refuses it under deletionPolicy Retain, which would keep the mesh and join it again", async () => {
    const w = world();
    seedOwn(w);
    const result = await preCheck(w.ctx, desired({ vpcId: "vpc-2" }), { meshId: "mown" });
    assert.equal(
      result.condition.message,
      "vpcId is vpc-2 but mesh mown has vpc-1; ASM fixes it when it creates a mesh: a replacement keeps mesh mown (deletionPolicy Retain) and joins it again by name; set deletionPolicy Delete to replace it, give the new mesh another name, or name vpc-1",
    );
  });
  it("lets it through under deletionPolicy Delete: the replacement deletes the mesh first", async () => {
    const w = world();
    seedOwn(w);
    const result = await preCheck(w.ctx, desired({ vpcId: "vpc-2", deletionPolicy: "Delete" }), { meshId: "mown" });
    assert.equal(result.condition.status, "True");
  });
});

describe("PreChecked passes and resolves region and edition", () => {
  it("takes the cluster's region and the region's default edition", async () => {
    const w = world();
    const result = await preCheck(w.ctx, desired());
    assert.deepEqual(result, {
      condition: { type: "PreChecked", status: "True", reason: "Passed", message: "" },
      learned: { cluster: ackCluster(), region: "cn-hangzhou", edition: "Standard", meshes: [] },
    });
  });

  it("defaults to Enterprise for a cluster outside the mainland, where the pod limit does not apply", async () => {
    const w = world({ clusters: [ackCluster({ regionId: "eu-central-1" })] });
    w.enrolledCluster.pods = 900;
    const result = await preCheck(w.ctx, desired());
    assert.equal(result.condition.status, "True");
    assert.deepEqual([result.learned?.region, result.learned?.edition], ["eu-central-1", "Enterprise"]);
  });

  it("allows exactly 50 pods on Standard", async () => {
    const w = world();
    w.enrolledCluster.pods = 50;
    assert.equal((await preCheck(w.ctx, desired())).condition.status, "True");
  });

  it("accepts a cluster already in the mesh it names by meshId", async () => {
    const w = world();
    w.asm.seed({ id: "mours", name: "whatever", clusters: ["c1234"] });
    assert.equal((await preCheck(w.ctx, desired({ meshId: "mours" }))).condition.status, "True");
  });

  it("accepts a cluster already in the mesh it names by name, or by the default name", async () => {
    const w = world();
    w.asm.seed({ name: "mesh-for-c1234", clusters: ["c1234"] });
    assert.equal((await preCheck(w.ctx, desired())).condition.status, "True");
    const named = world();
    named.asm.seed({ name: "prod", clusters: ["c1234"] });
    assert.equal((await preCheck(named.ctx, desired({ name: "prod" }))).condition.status, "True");
  });

  it("accepts a cluster already in a mesh an earlier run created for it (tagged), whatever its name", async () => {
    const w = world();
    w.asm.seed({
      name: "from-a-crashed-run",
      clusters: ["c1234"],
      tags: { "pulumi-asm-servicemesh/cluster": "c1234" },
    });
    assert.equal((await preCheck(w.ctx, desired({ name: "renamed" }))).condition.status, "True");
  });

  it("lets cloud errors other than not-activated through to the caller", async () => {
    const w = world();
    w.asm.listMeshes = async () => {
      throw new CloudError("unauthorized", "InvalidAccessKeyId.NotFound", "no such key", "cannot list meshes");
    };
    await assert.rejects(preCheck(w.ctx, desired()), /InvalidAccessKeyId\.NotFound/);
  });
});
