// Integration: the provider works with exactly deploy/rbac/servicemesh-provider-clusterrole.yaml (its two
// ClusterRoles, for the CR cluster and the enrolled cluster, applied with kubectl and bound to a token user
// of a real RBAC-enabled kube-apiserver) through create, update, refresh and delete; and when one
// permission is missing, the failure names the operation, the cluster and the 403.
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
const CR_ROLE = "servicemesh-provider-cr";
const ENROLLED_ROLE = "servicemesh-provider-enrolled";
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
  const rules: Record<string, k8s.V1PolicyRule[]> = {};

  /** Both ClusterRoles from the YAML, each minus `drop`, bound to `userName`. */
  const bindRoles = async (userName: string, drop?: (rule: k8s.V1PolicyRule) => boolean) => {
    for (const role of [CR_ROLE, ENROLLED_ROLE]) {
      const kept = (rules[role] ?? []).filter((r) => !drop?.(r));
      const roleName = kept.length === rules[role]?.length ? role : `${role}-${userName}`;
      if (roleName !== role) await rbac.createClusterRole({ body: { metadata: { name: roleName }, rules: kept } });
      await bind(roleName, userName);
    }
  };
  const bind = async (roleName: string, userName: string) => {
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
    for (const role of [CR_ROLE, ENROLLED_ROLE]) rules[role] = (await rbac.readClusterRole({ name: role })).rules ?? [];
    await bindRoles(USERS.full.name);
    // One permission removed each: the status subresource write (CR cluster), listing pods (enrolled cluster).
    await bindRoles(USERS.noStatus.name, (r) => r.resources?.includes("servicemeshes/status") ?? false);
    await bindRoles(USERS.noPods.name, (r) => r.resources?.includes("pods") ?? false);
    // What ACK hands out for each enrolled cluster: that user's kubeconfig, as for a RAM user.
    h.emulator.mutate.bindKubeconfig("clpfull", h.kube.kubeconfigFor(USERS.full.name));
    h.emulator.mutate.bindKubeconfig("clpstatus", h.kube.kubeconfigFor(USERS.noStatus.name));
    h.emulator.mutate.bindKubeconfig("clppods", h.kube.kubeconfigFor(USERS.noPods.name));
  });
  after(async () => h?.stop());

  it("the YAML holds only what the CR and enrolled-cluster clients call", () => {
    const text = readFileSync(ROLE_FILE, "utf8");
    assert.match(text, /resourceNames: \["servicemeshes\.istio\.alibabacloud\.com"\]/);
    const describe = (role: string) =>
      (rules[role] ?? []).map(
        (r) =>
          `${r.apiGroups?.join(",")}/${r.resources?.join(",")}${r.resourceNames ? `(${r.resourceNames.join(",")})` : ""}: ${r.verbs.join(",")}`,
      );
    assert.deepEqual(describe(CR_ROLE), [
      "apiextensions.k8s.io/customresourcedefinitions(servicemeshes.istio.alibabacloud.com): get,patch",
      "apiextensions.k8s.io/customresourcedefinitions: create",
      "/namespaces: get,create",
      "istio.alibabacloud.com/servicemeshes: get,create,patch,delete",
      "istio.alibabacloud.com/servicemeshes/status: patch",
    ]);
    assert.deepEqual(describe(ENROLLED_ROLE), [
      "/namespaces: list",
      "/pods: list",
      "istio.alibabacloud.com/istiogateways: list",
    ]);
  });

  it("runs create (CRD, namespace, CR), update (CRD schema change, upgrade, rename), refresh and delete with exactly those roles", async () => {
    // No kubeconfig: the CR goes into the enrolled cluster, reached with the kubeconfig ACK issues.
    const args = {
      clusterId: "clpfull",
      kubeconfig: undefined,
      customResourceName: "lp-full",
      deletionPolicy: "Delete",
    };

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

  it("without pods list, PreChecked fails naming the pod count and the 403; a delete that must check usage names the listing", async () => {
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
      /cannot count the pods in enrolled cluster clppods: Kubernetes\.Forbidden: pods is forbidden: User "mesh-provider-no-pods" cannot list resource "pods" in API group "" at the cluster scope/;
    assert.match(failure.message, forbidden);
    const condition = conditionOf((await k.get("lp-nopods"))!, "PreChecked");
    assert.deepEqual([condition?.status, condition?.reason], ["False", "Failed"]);
    assert.match(condition!.message, forbidden);

    // No mesh was recorded: there is nothing to leave, so the delete needs no pod listing.
    await h.delete(failure.properties);
    assert.equal(await k.get("lp-nopods"), undefined);

    // With a mesh serving the cluster, the usage check lists the pods: without the right, the delete is
    // refused naming the listing, and nothing is removed.
    const admin = { kubeconfig: h.kube.kubeconfig, clusterKubeconfig: h.kube.kubeconfig };
    const outs = await h.create({ ...args, ...admin });
    const refused = await h.delete({ ...outs, clusterKubeconfig: h.kube.kubeconfigFor(USERS.noPods.name) }).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.match(
      refused?.message ?? "",
      /cannot list the pods in enrolled cluster clppods: Kubernetes\.Forbidden: pods is forbidden: User "mesh-provider-no-pods" cannot list resource "pods"/,
    );
    assert.ok(await k.get("lp-nopods"), "the CR stays");
    await h.delete(outs);
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
        clusterKubeconfig: h.kube.kubeconfig,
        __provider: "exports.handler = () => undefined;",
      });
      assert.equal(await k.get("lp-nostatus"), undefined);
    }
  });
});
