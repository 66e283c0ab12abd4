import type { Clock, Deadline } from "../clock";
import type { Logger } from "../log";
import type { AckApi } from "./ack-api";
import type { AsmApi } from "./asm-api";
import type { KubeApi } from "./kube-api";

export type { AckApi, AckCluster } from "./ack-api";
export type { AsmApi, CreateMeshRequest, Mesh, MeshCluster } from "./asm-api";
export type { KubeApi, MeshUsage } from "./kube-api";

/** Everything a lifecycle method needs, built when it runs (never captured at serialization). */
export interface Deps {
  asm: AsmApi;
  ack: AckApi;
  kube: KubeApi;
  clock: Clock;
  deadline: Deadline;
  log: Logger;
}
