import { plain } from "../plain";

/**
 * Thrown by create/update when a step failed after something exists (the CR, the mesh). The dynamic
 * provider host turns an error carrying `id` into ErrorResourceInitFailed: the engine keeps the resource
 * in state with `properties` as its outputs and `reasons` as init errors, and the next `pulumi up` calls
 * update, which resumes. `properties` must include the inputs and `__provider`: `delete` deserializes the
 * provider from them, and the host adds `__provider` only on success.
 */
export class PartialFailure extends Error {
  readonly properties: Record<string, unknown>;

  constructor(
    message: string,
    readonly id: string,
    properties: object,
  ) {
    super(message);
    this.properties = plain(properties) as Record<string, unknown>;
    this.name = "ServiceMeshError";
  }

  get reasons(): string[] {
    return [this.message];
  }
}
