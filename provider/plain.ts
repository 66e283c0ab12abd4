/**
 * The dynamic-provider host turns results into protobuf Structs, which reject `undefined` ("Unexpected
 * struct type") and fail the whole call. Everything handed back to the engine goes through this.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
