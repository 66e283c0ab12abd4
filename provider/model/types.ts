/**
 * The plain shapes the provider works with, derived from the one declaration of the contract in `sdk/`
 * (after the engine has resolved every `Input`), so the two cannot drift apart.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DeletionPolicy, Edition, ManagementPolicy, ServiceMeshArgs } from "../../sdk/args";
import type { ConditionOutput, CustomResourceOutput, ServiceMeshOutputs, StatusOutput } from "../../sdk/outputs";
import type { SecretInput } from "../../sdk/secret-inputs";

export type { DeletionPolicy, Edition, ManagementPolicy };

/** Inputs as the engine hands them over once resolved (`check` still sees anything: see `validate.ts`). */
export type ServiceMeshInputs = pulumi.Unwrap<ServiceMeshArgs>;
export type MeshConfig = NonNullable<ServiceMeshInputs["meshConfig"]>;
export type Timeouts = NonNullable<ServiceMeshInputs["timeouts"]>;
export type LoadBalancer = NonNullable<ServiceMeshInputs["loadBalancer"]>;

/** Inputs after `check`: defaults it can fill are filled; the SDK adds the Pulumi resource name. */
export type CheckedInputs = ServiceMeshInputs & {
  deletionPolicy: DeletionPolicy;
  /** The Pulumi resource name, added by the SDK for log lines. */
  resourceName?: string;
  /**
   * Who this resource is (`<project>/<stack>/<resource name>`, from the shell; fixed at creation by
   * `check`): the owner tag of the mesh it creates. Absent in state from before owners were recorded.
   */
  owner?: string;
  /**
   * The resource's URN, from the shell (`pulumi.createUrn`; not `urn`, which the SDK keeps out of every
   * resource's inputs): progress lines go on its row. Not a mesh setting: a change of it alone (the
   * resource moved under a component, with an alias) changes nothing.
   */
  resourceUrn?: string;
};

/** The checked inputs without credentials: the copy kept among the outputs for `read` (see `StoredOutputs`). */
export type StoredInputs = Omit<CheckedInputs, SecretInput>;

export type Condition = ConditionOutput;
export type ConditionStatus = Condition["status"];
/** `status` of the ServiceMesh custom resource, in the seed's shape. */
export type MeshStatus = StatusOutput;
export type CustomResourceRef = CustomResourceOutput;

/**
 * What the provider stores as the resource's outputs (and later receives as `olds`): the inputs as
 * given, then the public outputs (resolved inputs and observations), then three private fields. The engine
 * keeps inputs apart from outputs, but `read` only receives outputs, so `inputs` carries the checked
 * inputs (credentials stay in their own top-level keys, the only place the engine marks them secret).
 */
export type StoredOutputs = CheckedInputs &
  ServiceMeshOutputs & {
    inputs: StoredInputs;
    /** The last `retry-at` annotation value that a pass acted on. */
    handledRetryAt?: string;
    /** The shape of these outputs (see `STATE_FORMAT`); absent in state written by 0.1.0. */
    stateFormat?: number;
  };
