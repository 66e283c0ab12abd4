// Enrolls a cluster into a mesh that already exists (made in the console, by another stack, or by
// another team), chosen by its ASM instance id. The mesh is found by `meshId` alone; with no `name`
// set it keeps the name it has. With the default deletionPolicy (Retain), `pulumi destroy` only takes
// the cluster out of the mesh: the shared mesh stays.
import * as pulumi from "@pulumi/pulumi";
import { ServiceMesh, type Edition } from "pulumi-asm-servicemesh";

const config = new pulumi.Config();

const mesh = new ServiceMesh("mesh", {
  clusterId: config.get("clusterId") ?? "c6490deb776cc458c82c4c22a69315bae",
  meshId: config.require("meshId"),
  // Left out, the joined mesh keeps its edition; a higher one upgrades it, a lower one is refused.
  clusterSpec: config.get<Edition>("clusterSpec", { allowedValues: ["Standard", "Enterprise", "Ultimate"] }),
});

export const serviceMeshId = mesh.serviceMeshId;
/** The existing mesh's own name: it is not renamed. */
export const serviceMeshName = mesh.serviceMeshName;
export const conditions = mesh.status.conditions.apply((list) =>
  list.map((c) => `${c.type}=${c.status} (${c.reason})`),
);
