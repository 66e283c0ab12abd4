import { failed, succeeded } from "../conditions/condition";
import type { AsmApi, Mesh, MeshUsage } from "../deps";
import type { Desired } from "../model/desired";
import { isInjectionEnabled, proxyNamespace } from "../model/injection";
import type { Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";
import { isCloudError } from "../resilience/errors";

const STEP = "ServiceMeshDeleted";
const NOTHING: MeshUsage = { injectedNamespaces: [], sidecarPods: [], gateways: [] };

/**
 * Before removing the cluster from the mesh (seed: "If the cluster is actively using ASM resources such
 * as gateways or Sidecar proxies, the removal fails"), two witnesses are asked what in the enrolled
 * cluster still uses the mesh: the cluster itself (injected namespaces, pods with sidecars, ASM gateways)
 * and ASM (namespaces it sees injected, proxies still connected). Either one showing use refuses the
 * delete, naming what was found and where, so nothing is removed halfway. A cluster that is in no mesh
 * this resource manages leaves nothing: the check passes without asking (another resource's workloads
 * there must not keep this one from being destroyed). Learns the mesh as it is now.
 */
export async function checkUsage(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult> {
  const { asm, enrolledCluster } = ctx.deps;
  const { clusterId } = desired;
  const { meshId } = observed;
  const mesh = meshId ? (observed.mesh?.id === meshId ? observed.mesh : await asm.describeMesh(meshId)) : undefined;
  if (!mesh?.clusters.includes(clusterId)) return { condition: succeeded(STEP), learned: { mesh } };
  const inCluster = await enrolledCluster.meshUsage().catch((e: unknown) => {
    // ACK says the cluster is gone (it was deleted first): nothing in it can use the mesh any more.
    if (!(isCloudError(e, "not-found") && e.code === "ErrorClusterNotFound")) throw e;
    ctx.deps.log.info(`ACK cluster ${clusterId} no longer exists; nothing in it uses the mesh`);
    return NOTHING;
  });
  const reported = await reportedByAsm(asm, mesh, clusterId);
  const alsoInjected = reported.injectedNamespaces.filter((ns) => !inCluster.injectedNamespaces.includes(ns));
  const parts = [
    list("sidecar-injected namespaces", inCluster.injectedNamespaces),
    list("pods with sidecars", inCluster.sidecarPods.slice(0, 20)),
    list("ASM gateways", inCluster.gateways),
    list(`namespaces ASM sees injected in mesh ${mesh.id}`, alsoInjected),
    list(`proxies connected to mesh ${mesh.id}`, reported.proxies.slice(0, 20)),
  ].filter(Boolean);
  if (parts.length === 0) return { condition: succeeded(STEP), learned: { mesh } };
  return {
    condition: failed(
      STEP,
      `cluster ${clusterId} still uses ASM (${parts.join("; ")}); remove the injection labels, sidecars and gateways, then delete again`,
    ),
    learned: { mesh },
  };
}

export const usageChecked: Step = { condition: STEP, title: "check usage", run: checkUsage };

/**
 * ASM's view of the cluster. A proxy id names its namespace, not its cluster: when the mesh serves only
 * this cluster every proxy is this cluster's; with other clusters in the mesh, the proxies in namespaces
 * this cluster has injected count (a namespace of the same name elsewhere counts too: refusing is the
 * safe side).
 */
async function reportedByAsm(asm: AsmApi, mesh: Mesh, clusterId: string) {
  const namespaces = (await asm.guestNamespaces(mesh.id, clusterId)) ?? [];
  const injectedNamespaces = namespaces.filter((ns) => isInjectionEnabled(ns.labels)).map((ns) => ns.name);
  const proxies = await asm.proxyStatus(mesh.id);
  const ours =
    mesh.clusters.length === 1
      ? proxies
      : proxies.filter((p) => injectedNamespaces.includes(proxyNamespace(p.proxyId)));
  return { injectedNamespaces, proxies: ours.map((p) => p.proxyId) };
}

function list(what: string, items: readonly string[]): string {
  return items.length ? `${what}: ${items.join(", ")}` : "";
}
