/**
 * During `pulumi preview`, an input that depends on a not-yet-created resource (an ACK cluster made in
 * the same program) reaches the dynamic provider as this sentinel string (`unknownValue` in
 * `@pulumi/pulumi/runtime/rpc`). Validation must let it through untouched.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}
