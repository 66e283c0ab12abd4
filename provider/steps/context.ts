import type { ConditionUpdate } from "../conditions/condition";
import type { Deps } from "../deps";
import type { DeletionPolicy, Edition, MeshConfig } from "../spec/types";

/** The desired mesh after defaults, as the steps use it. */
export interface Desired {
  clusterId: string;
  meshId?: string;
  /** The name the user asked for (undefined: the default `mesh-for-${clusterId}`). */
  name?: string;
  clusterSpec?: Edition;
  region?: string;
  deletionPolicy: DeletionPolicy;
  meshConfig?: MeshConfig;
}

/** What a step gets: the dependencies and a way to publish in-progress conditions as it works. */
export interface StepContext {
  deps: Deps;
  /** Publishes an in-progress condition (Reconciling, WaitSteady) to the CR status. */
  progress(update: ConditionUpdate): Promise<void>;
}
