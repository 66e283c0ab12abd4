// Plain JS so the engine runs it without a compile step; the package resolves by its own name
// (self-reference from inside the repository) to the built dist/.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { ServiceMesh } = require("pulumi-asm-servicemesh");

const config = new pulumi.Config();
const shared = ServiceMesh.get("shared", config.require("id"));

exports.serviceMeshId = shared.serviceMeshId;
exports.serviceMeshName = shared.serviceMeshName;
exports.clusterSpec = shared.clusterSpec;
exports.clusters = shared.clusters;
exports.state = shared.state;
exports.ready = shared.ready;
exports.region = shared.region;
exports.vpcId = shared.vpcId;
exports.endpoints = shared.endpoints;
exports.conditions = shared.status.apply((s) => s.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`));
