// The demo program (`npm run demo`): an ASM mesh for one ACK cluster, the servicemesh-operator way.
import * as pulumi from "@pulumi/pulumi";
import { ServiceMesh } from "pulumi-asm-servicemesh";

const config = new pulumi.Config();

const mesh = new ServiceMesh("mesh", {
  clusterId: config.get("clusterId") ?? "c6490deb776cc458c82c4c22a69315bae",
  clusterSpec: config.get("clusterSpec") as "Standard" | "Enterprise" | "Ultimate" | undefined,
  deletionPolicy: "Retain",
});

export const serviceMeshId = mesh.serviceMeshId;
export const serviceMeshName = mesh.serviceMeshName;
export const edition = mesh.status.clusterSpec;
export const conditions = mesh.status.conditions.apply((list) =>
  list.map((c) => `${c.type}=${c.status} (${c.reason})${c.message ? `: ${c.message}` : ""}`),
);
