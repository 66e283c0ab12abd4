"use strict";
const pulumi = require("@pulumi/pulumi");
const { ServiceMesh } = require("pulumi-asm-servicemesh");

const config = new pulumi.Config();
const count = config.getNumber("count") || 0;
const prefix = config.get("prefix") || "cfleet";

const meshes = [];
for (let i = 0; i < count; i++) {
  const clusterId = `${prefix}${String(i).padStart(4, "0")}`;
  // One management cluster holds every CR, so each mesh gets its own CR name.
  meshes.push(
    new ServiceMesh(clusterId, { clusterId, clusterSpec: "Enterprise", customResourceName: `mesh-${clusterId}` }),
  );
}
exports.ready = pulumi.all(meshes.map((m) => m.ready)).apply((r) => r.filter(Boolean).length);
