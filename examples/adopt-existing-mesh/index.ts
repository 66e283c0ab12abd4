// Takes over a mesh that already exists (made in the console or by Terraform) as it is: `adopt: true`
// with its `meshId`. The first `pulumi preview` names each field where this program differs from the
// live mesh; the first `pulumi up` records the mesh with no ASM or ACK write call when they match, and
// refuses, changing nothing, when they do not. From then on the stack manages the mesh as usual.
import * as pulumi from "@pulumi/pulumi";
import { ServiceMesh, type Edition } from "pulumi-asm-servicemesh";

const config = new pulumi.Config();

const mesh = new ServiceMesh("mesh", {
  clusterId: config.get("clusterId") ?? "c6490deb776cc458c82c4c22a69315bae",
  meshId: config.require("meshId"),
  adopt: true,
  // Say only what you mean to manage: a field left out is taken as the mesh has it. Each one set here
  // must match the mesh for the adoption to go ahead.
  clusterSpec: config.get<Edition>("clusterSpec", { allowedValues: ["Standard", "Enterprise", "Ultimate"] }),
  name: config.get("name"),
});

export const serviceMeshId = mesh.serviceMeshId;
export const ready = mesh.ready;
export const conditions = mesh.status.conditions.apply((list) =>
  list.map((c) => `${c.type}=${c.status} (${c.reason})`),
);
