import { succeeded } from "../conditions/condition";
import type { Step, StepContext, StepResult } from "../pipeline/step";

/**
 * Last teardown step: drop the finalizer and delete the CR. The CRD stays (other tools may rely on it).
 * With the CR gone there is no status left to write to.
 */
export async function removeCustomResource(ctx: StepContext): Promise<StepResult> {
  await ctx.deps.crCluster.deleteCr();
  return { condition: succeeded("ServiceMeshDeleted"), learned: { customResource: undefined } };
}

export const customResourceRemoved: Step = {
  condition: "ServiceMeshDeleted",
  title: "remove the custom resource",
  run: removeCustomResource,
};
