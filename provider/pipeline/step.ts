import type { ConditionUpdate } from "../conditions/condition";
import type { StepReportType } from "../conditions/vocabulary";
import type { Deps } from "../deps";
import type { Desired } from "../model/desired";
import type { InputKey } from "../model/validate";
import type { Observed } from "./observed";

/** What a step gets besides desired and observed: the dependencies and a way to show progress. */
export interface StepContext {
  deps: Deps;
  /** Publishes an in-progress condition (WaitSteady) to the CR status. */
  progress(update: ConditionUpdate): Promise<void>;
}

/** A step's answer: its condition (True to go on), and what it learned for the steps after it. */
export interface StepResult {
  condition: ConditionUpdate;
  learned?: Partial<Observed>;
  /** The input a failure is about, for `check` to name when it runs the step at preview. */
  blame?: InputKey;
}

/** One entry of a step list: the condition it reports and the work. */
export interface Step {
  /** The condition the step reports; several teardown steps share ServiceMeshDeleted. */
  condition: StepReportType;
  /** How logs and errors name the step ("remove cluster"). */
  title: string;
  run(ctx: StepContext, desired: Desired, observed: Observed): Promise<StepResult>;
}
