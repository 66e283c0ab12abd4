"use strict";
const pulumi = require("@pulumi/pulumi");
const { ServiceMesh } = require("pulumi-asm-servicemesh");

const config = new pulumi.Config();
const count = config.getNumber("count") || 0;
const prefix = config.get("prefix") || "cfleet";
// Where this stack's clusters start: stacks sharing one account each manage their own clusters.
const first = config.getNumber("first") || 0;
// The layout for many meshes: one management cluster holds every CR (each with its own name).
const kubeconfig = config.getSecret("kubeconfig");

const meshes = [];
for (let i = 0; i < count; i++) {
  const clusterId = `${prefix}${String(first + i).padStart(4, "0")}`;
  meshes.push(
    new ServiceMesh(clusterId, {
      clusterId,
      clusterSpec: "Enterprise",
      kubeconfig,
      customResourceName: `mesh-${clusterId}`,
    }),
  );
}
// The cost any dynamic resource has, for the no-op preview's comparison: an inline one that does nothing.
const plain = config.getNumber("plainDynamic") || 0;
for (let i = 0; i < plain; i++) {
  new pulumi.dynamic.Resource({ create: async () => ({ id: `plain${i}`, outs: {} }) }, `plain${i}`, {});
}

exports.ready = pulumi.all(meshes.map((m) => m.ready)).apply((r) => r.filter(Boolean).length);
