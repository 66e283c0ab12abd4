// Plain JS so the engine runs it without a compile step; the package resolves by its own name
// (self-reference from inside the repository) to the built dist/.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { ServiceMesh } = require("pulumi-asm-servicemesh");

const config = new pulumi.Config();
const optional = (key) => config.get(key) || undefined;

// Pulumi's own resource options, each set from config (tests/e2e/service-mesh-options.test.ts): a
// placeholder for `deletedWith` (as a cluster resource would be), and a component to move the mesh under.
const placeholder = config.getBoolean("deletedWith")
  ? new pulumi.dynamic.Resource({ create: async () => ({ id: "placeholder", outs: {} }) }, "cluster", {})
  : undefined;
const component = config.getBoolean("underComponent")
  ? new pulumi.ComponentResource("e2e:index:Platform", "platform")
  : undefined;
const options = {
  protect: config.getBoolean("protect"),
  retainOnDelete: config.getBoolean("retainOnDelete"),
  ignoreChanges: config.getObject("ignoreChanges"),
  replaceOnChanges: config.getObject("replaceOnChanges"),
  deletedWith: placeholder,
  parent: component,
  aliases: component ? [{ parent: pulumi.rootStackResource }] : undefined,
};

const mesh = new ServiceMesh(
  "mesh",
  {
    clusterId: config.require("clusterId"),
    meshId: optional("meshId"),
    name: optional("name"),
    clusterSpec: optional("clusterSpec"),
    deletionPolicy: optional("deletionPolicy"),
    retryAt: optional("retryAt"),
    region: optional("region"),
    kubeconfig: optional("kubeconfig"),
    meshConfig: config.getObject("meshConfig"),
    istioVersion: optional("istioVersion"),
    tags: config.getObject("tags"),
    vpcId: optional("vpcId"),
    vSwitchIds: config.getObject("vSwitchIds"),
    loadBalancer: config.getObject("loadBalancer"),
    controlPlaneKubeconfig: optional("controlPlaneKubeconfig"),
    managementPolicy: optional("managementPolicy"),
    customResourceName: optional("customResourceName"),
    adopt: config.getBoolean("adopt"),
    timeouts: { create: optional("createTimeout"), read: optional("readTimeout") },
  },
  options,
);

exports.serviceMeshId = mesh.serviceMeshId;
exports.serviceMeshName = mesh.serviceMeshName;
exports.ready = mesh.ready;
exports.conditions = mesh.status.apply((s) => (s ? s.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`) : []));
exports.drift = mesh.drift;
exports.istioVersion = mesh.istioVersion;
exports.endpoints = mesh.endpoints;
exports.meshKubeconfig = mesh.meshKubeconfig;
