// Plain JS so the engine runs it without a compile step; the package resolves by its own name
// (self-reference from inside the repository) to the built dist/.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { ServiceMesh } = require("pulumi-asm-servicemesh");

const config = new pulumi.Config();
const optional = (key) => config.get(key) || undefined;

const mesh = new ServiceMesh("mesh", {
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
  adopt: config.getBoolean("adopt"),
  timeouts: { create: optional("createTimeout"), read: optional("readTimeout") },
});

exports.serviceMeshId = mesh.serviceMeshId;
exports.serviceMeshName = mesh.serviceMeshName;
exports.ready = mesh.ready;
exports.conditions = mesh.status.apply((s) => (s ? s.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`) : []));
exports.drift = mesh.drift;
exports.istioVersion = mesh.istioVersion;
exports.endpoints = mesh.endpoints;
exports.meshKubeconfig = mesh.meshKubeconfig;
