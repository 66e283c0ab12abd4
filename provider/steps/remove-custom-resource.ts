import type { StepContext } from "./context";

/** Last teardown step: drop the finalizer and delete the CR. The CRD stays (other tools may rely on it). */
export async function removeCustomResource(ctx: StepContext): Promise<void> {
  await ctx.deps.kube.deleteCr();
}
