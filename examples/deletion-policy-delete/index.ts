// A mesh this stack owns outright: `deletionPolicy: "Delete"` makes `pulumi destroy` delete the ASM
// instance after taking the cluster out of it (the default, Retain, keeps the mesh). The mesh features
// are set too, applied by the MeshConfigApplied step, with per-operation deadlines.
import * as pulumi from "@pulumi/pulumi";
import { ServiceMesh } from "pulumi-asm-servicemesh";

const config = new pulumi.Config();

const mesh = new ServiceMesh("mesh", {
  clusterId: config.get("clusterId") ?? "c6490deb776cc458c82c4c22a69315bae",
  name: config.get("meshName") ?? "orders-mesh",
  deletionPolicy: "Delete",
  meshConfig: {
    // Sidecar access logs to this Simple Log Service project.
    accessLog: { enabled: true, project: config.get("accessLogProject") ?? "orders-mesh-access-log" },
    tracing: { enabled: true, sampling: 10 },
    // Only services known to the mesh's registry (ServiceEntry) are reachable from sidecars.
    outboundTrafficPolicy: "REGISTRY_ONLY",
    sidecarProxy: { requestCpu: "100m", requestMemory: "128Mi", limitCpu: "2000m", limitMemory: "1024Mi" },
  },
  // Pulumi's customTimeouts never reach a dynamic provider, so the deadlines are inputs.
  timeouts: { create: "20m", update: "15m", delete: "20m" },
});

export const serviceMeshId = mesh.serviceMeshId;
export const serviceMeshName = mesh.serviceMeshName;
export const deletionPolicy = mesh.deletionPolicy;
export const meshConfig = mesh.meshConfig;
export const conditions = mesh.status.conditions.apply((list) =>
  list.map((c) => `${c.type}=${c.status} (${c.reason})`),
);
