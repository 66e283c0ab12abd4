/**
 * A local emulator of Alibaba Cloud ASM (servicemesh 2020-01-11, RPC) and ACK (cs 2015-12-15, ROA) that
 * speaks the real wire protocol, so `@alicloud/openapi-core` and `@alicloud/cs20151215` work against it
 * unchanged with `Config{ endpoint: emulator.endpoint, protocol: "HTTP" }`.
 */
export { startEmulator } from "./emulator";
export { DEFAULT_LATENCIES } from "./types";
export type {
  ClusterSpec,
  ClusterView,
  EmulatorOptions,
  EmulatorSeed,
  Fault,
  InventoryView,
  Latencies,
  MeshConfigView,
  MeshView,
  RequestLogEntry,
  RunningEmulator,
  SeedCluster,
  SeedMesh,
  SeedNamespace,
  StsToken,
} from "./types";
export { signRequest, verifySignature } from "./signature";
