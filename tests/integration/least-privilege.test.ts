// Integration: the provider works with exactly deploy/rbac/servicemesh-provider-clusterrole.yaml (applied
// with kubectl, bound to a token user of a real RBAC-enabled kube-apiserver) through create, update,
// refresh and delete; and when one permission is missing, the failure names the operation and the 403.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import { conditionOf, crReader, type CrReader } from "../support/fault-matrix-kit";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { toolchain } from "../../devkit/toolchain";

const run = promisify(execFile);
const ROLE_FILE = join(__dirname, "../../deploy/rbac/servicemesh-provider-clusterrole.yaml");
const ROLE = "servicemesh-provider";
const user = (name: string) => ({ name, token: `${name}-${randomBytes(16).toString("hex")}` });
const USERS = {
  full: user("mesh-provider"),
  noStatus: user("mesh-provider-no-status"),
  noPods: user("mesh-provider-no-pods"),
};
const seed = (ids: string[]) => ({
  clusters: ids.map((clusterId) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-lp", vswitchIds: ["vsw-lp"] })),
});

describe("least privilege: the provider's ClusterRole", () => {
  let h: MeshHarness;
  let k: CrReader;
  let rbac: k8s.RbacAuthorizationV1Api;
  let rules: k8s.V1PolicyRule[];

  /** A ClusterRole from the YAML's rules minus `drop`, bound to `userName`. */
  const bindRole = async (
    roleName: string,
    userName: string,
    drop: (rule: k8s.V1PolicyRule) => boolean = () => false,
  ) => {
    if (roleName !== ROLE)
      await rbac.createClusterRole({ body: { metadata: { name: roleName }, rules: rules.filter((r) => !drop(r)) } });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: `${roleName}-${userName}` },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: userName }],
      },
    });
  };

  before(async () => {
    h = await startMeshHarness({ seed: seed(["clpfull", "clpstatus", "clppods"]), kubeUsers: Object.values(USERS) });
    k = crReader(h.kube.kubeconfig);
    // The YAML as a user would apply it.
    const env = { ...process.env, KUBECONFIG: h.kube.kubeconfigPath };
    await run(toolchain().kubectl, ["apply", "-f", ROLE_FILE], { env });
    const admin = new k8s.KubeConfig();
    admin.loadFromString(h.kube.kubeconfig);
    rbac = admin.makeApiClient(k8s.RbacAuthorizationV1Api);
    rules = (await rbac.readClusterRole({ name: ROLE })).rules ?? [];
    await bindRole(ROLE, USERS.full.name);
    // One permission removed each: the status subresource write, and listing pods.
    await bindRole(
      `${ROLE}-no-status`,
      USERS.noStatus.name,
      (r) => r.resources?.includes("servicemeshes/status") ?? false,
    );
    await bindRole(`${ROLE}-no-pods`, USERS.noPods.name, (r) => r.resources?.includes("pods") ?? false);
  });
  after(async () => h?.stop());

  it("the YAML holds only what kube-client.ts calls", () => {
    const text = readFileSync(ROLE_FILE, "utf8");
    assert.match(text, /resourceNames: \["servicemeshes\.istio\.alibabacloud\.com"\]/);
    assert.deepEqual(
      rules.map(
        (r) =>
          `${r.apiGroups?.join(",")}/${r.resources?.join(",")}${r.resourceNames ? `(${r.resourceNames.join(",")})` : ""}: ${r.verbs.join(",")}`,
      ),
      [
        "apiextensions.k8s.io/customresourcedefinitions(servicemeshes.istio.alibabacloud.com): get,patch",
        "apiextensions.k8s.io/customresourcedefinitions: create",
        "/namespaces: get,create,list",
        "istio.alibabacloud.com/servicemeshes: get,create,patch,delete",
        "istio.alibabacloud.com/servicemeshes/status: patch",
        "/pods: list",
        "istio.alibabacloud.com/istiogateways: list",
      ],
    );
  });

  it("runs create (CRD, namespace, CR), update (CRD schema change, upgrade, rename), refresh and delete with exactly that role", async () => {
    const kubeconfig = h.kube.kubeconfigFor(USERS.full.name);
    const args = { clusterId: "clpfull", kubeconfig, customResourceName: "lp-full", deletionPolicy: "Delete" };

    // GIVEN a fresh cluster: no CRD, no istio-system. WHEN the restricted user creates the resource
    const created = await h.create(args);
    assert.equal(created["ready"], true);
    const cr = await k.get("lp-full");
    assert.equal(cr.status.serviceMeshId, created["serviceMeshId"]);

    // An older provider's CRD (stale schema hash) is patched in place on the next run.
    const admin = new k8s.KubeConfig();
    admin.loadFromString(h.kube.kubeconfig);
    await admin.makeApiClient(k8s.ApiextensionsV1Api).patchCustomResourceDefinition(
      {
        name: "servicemeshes.istio.alibabacloud.com",
        body: { metadata: { annotations: { "servicemesh.pulumi.com/schema-hash": "stale" } } },
      },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    const updated = await h.update(created, {
      ...args,
      clusterSpec: "Enterprise",
      name: "lp-renamed",
      meshConfig: { tracing: { enabled: true, sampling: 20 } },
    });
    assert.equal(updated["serviceMeshName"], "lp-renamed");
    assert.equal(conditionOf(updated, "MeshConfigApplied")?.status, "True");

    const refreshed = await h.read(updated);
    assert.deepEqual(refreshed.props?.["drift"], []);

    await h.delete(updated);
    assert.equal(await k.get("lp-full"), undefined, "the CR is gone");
    assert.equal(h.emulator.inventory().meshes.length, 0, "the mesh is gone (deletionPolicy Delete)");
  });

  it("without pods list, PreChecked fails naming the pod count and the 403; delete names the listing", async () => {
    const args = {
      clusterId: "clppods",
      kubeconfig: h.kube.kubeconfigFor(USERS.noPods.name),
      customResourceName: "lp-nopods",
      deletionPolicy: "Delete",
    };
    let failure: unknown;
    await h.create(args).catch((e) => (failure = e));
    assert.ok(failure instanceof PartialFailure, `a PartialFailure, got ${String(failure)}`);
    const forbidden =
      /cannot count the pods in the cluster: Kubernetes\.Forbidden: pods is forbidden: User "mesh-provider-no-pods" cannot list resource "pods" in API group "" at the cluster scope/;
    assert.match(failure.message, forbidden);
    const condition = conditionOf((await k.get("lp-nopods"))!, "PreChecked");
    assert.deepEqual([condition?.status, condition?.reason], ["False", "Failed"]);
    assert.match(condition!.message, forbidden);

    const refused = await h.delete(failure.properties).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.match(
      refused?.message ?? "",
      /cannot list pods: Kubernetes\.Forbidden: pods is forbidden: User "mesh-provider-no-pods" cannot list resource "pods"/,
    );
    await h.delete({ ...failure.properties, kubeconfig: h.kube.kubeconfig });
    assert.equal(await k.get("lp-nopods"), undefined);
  });

  it("without servicemeshes/status patch, create fails naming the status write and the 403, and state keeps the CR it created", async () => {
    const args = {
      clusterId: "clpstatus",
      kubeconfig: h.kube.kubeconfigFor(USERS.noStatus.name),
      customResourceName: "lp-nostatus",
      deletionPolicy: "Delete",
    };
    let failure: unknown;
    await h.create(args).catch((e) => (failure = e));
    const forbidden =
      /cannot write the status of ServiceMesh istio-system\/lp-nostatus: Kubernetes\.Forbidden: servicemeshes\.istio\.alibabacloud\.com "lp-nostatus" is forbidden: User "mesh-provider-no-status" cannot patch resource "servicemeshes\/status" in API group "istio\.alibabacloud\.com" in the namespace "istio-system"/;
    assert.match((failure as Error)?.message ?? "", forbidden);
    const orphan = await k.get("lp-nostatus");
    try {
      // The CR (with the provider's finalizer) now exists: the error must carry the id and the partial state,
      // or Pulumi forgets a resource that is in the cluster and `pulumi destroy` can never remove it.
      assert.ok(orphan, "the CR was created before the status write");
      assert.ok(
        failure instanceof PartialFailure,
        `expected a PartialFailure recording the CR it created (finalizers ${JSON.stringify(orphan?.metadata?.finalizers)}), got a plain ${(failure as Error)?.name}: the resource would be lost from state`,
      );
      assert.equal(failure.id, "clpstatus");
    } finally {
      // Clean up as an admin would, whatever the outcome.
      await h.delete({
        ...args,
        ...(failure instanceof PartialFailure ? failure.properties : {}),
        kubeconfig: h.kube.kubeconfig,
        __provider: "exports.handler = () => undefined;",
      });
      assert.equal(await k.get("lp-nostatus"), undefined);
    }
  });
});
