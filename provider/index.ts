import { dynamicProviderHostEngine, engineLog } from "./engine-log";
import { serviceMeshVerbs } from "./verbs";

/**
 * The ServiceMesh dynamic provider, loaded by the serializable shell in `sdk/` when a method runs: the
 * core's verbs, with progress lines sent to the engine that started this dynamic-provider host.
 */
const engineAddress = dynamicProviderHostEngine();
export const serviceMeshProvider = serviceMeshVerbs(engineAddress ? engineLog(engineAddress) : undefined);

export { serviceMeshVerbs, type ServiceMeshVerbs } from "./verbs";
export { resolveSettings } from "./settings";
export type { ServiceMeshInputs, StoredOutputs, MeshConfig, Edition, Condition } from "./model/types";
