import { failed, succeeded } from "../conditions/condition";
import type { Step, StepContext, StepResult } from "../pipeline/step";

const STEP = "ServiceMeshDeleted";

/**
 * Before removing the cluster from the mesh (seed: "If the cluster is actively using ASM resources such
 * as gateways or Sidecar proxies, the removal fails"): list what still uses the mesh and refuse, naming
 * it, so nothing is removed halfway.
 */
export async function checkUsage(ctx: StepContext): Promise<StepResult> {
  const usage = await ctx.deps.kube.meshUsage();
  const parts = [
    usage.injectedNamespaces.length ? `sidecar-injected namespaces: ${usage.injectedNamespaces.join(", ")}` : "",
    usage.sidecarPods.length ? `pods with sidecars: ${usage.sidecarPods.slice(0, 20).join(", ")}` : "",
    usage.gateways.length ? `ASM gateways: ${usage.gateways.join(", ")}` : "",
  ].filter(Boolean);
  if (parts.length === 0) return { condition: succeeded(STEP) };
  return {
    condition: failed(
      STEP,
      `the cluster still uses ASM (${parts.join("; ")}); remove the injection labels, sidecars and gateways, then delete again`,
    ),
  };
}

export const usageChecked: Step = { condition: STEP, title: "check usage", run: checkUsage };
