// The smallest useful program: an ASM mesh for one ACK cluster. Everything but the cluster id is left
// to the defaults (mesh name `mesh-for-<clusterId>`, edition by region, deletionPolicy Retain).
import * as pulumi from "@pulumi/pulumi";
import { ServiceMesh } from "pulumi-asm-servicemesh";

const config = new pulumi.Config();

const mesh = new ServiceMesh("mesh", {
  // The cluster the demo's emulator is seeded with; set your own with `pulumi config set clusterId ...`.
  clusterId: config.get("clusterId") ?? "c6490deb776cc458c82c4c22a69315bae",
});

export const serviceMeshId = mesh.serviceMeshId;
export const serviceMeshName = mesh.serviceMeshName;
export const ready = mesh.ready;
/** The four steps as the ServiceMesh custom resource reports them, e.g. "ClusterEnrolled=True (Succeeded)". */
export const conditions = mesh.status.conditions.apply((list) =>
  list.map((c) => `${c.type}=${c.status} (${c.reason})${c.message ? `: ${c.message}` : ""}`),
);
