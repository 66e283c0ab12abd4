// An ASM mesh whose edition is stack config: `pulumi config set clusterSpec Enterprise` and the next
// `pulumi up` upgrades the mesh in place. ASM only upgrades (Standard → Enterprise → Ultimate), so the
// resource refuses a downgrade at preview, before anything changes.
import * as pulumi from "@pulumi/pulumi";
import { ServiceMesh, type Edition } from "pulumi-asm-servicemesh";

const config = new pulumi.Config();
const editions: Edition[] = ["Standard", "Enterprise", "Ultimate"];

const mesh = new ServiceMesh("mesh", {
  clusterId: config.get("clusterId") ?? "c6490deb776cc458c82c4c22a69315bae",
  // Standard exists only in Chinese-mainland regions (cn-* except cn-hongkong).
  clusterSpec: config.get<Edition>("clusterSpec", { allowedValues: editions }) ?? "Standard",
});

export const serviceMeshId = mesh.serviceMeshId;
/** The edition as the ServiceMesh custom resource's status reports it. */
export const edition = mesh.status.clusterSpec;
export const conditions = mesh.status.conditions.apply((list) =>
  list.map((c) => `${c.type}=${c.status} (${c.reason})`),
);
