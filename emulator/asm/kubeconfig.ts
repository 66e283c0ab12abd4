/** DescribeServiceMeshKubeconfig: a kubeconfig for the mesh's control plane (its Istio API server). */
import { ApiError } from "../errors";
import type { Handler } from "../context";
import { optionalBool } from "../params";
import { formatTime } from "../records";
import { findMesh, requireActivated } from "./rules";
import { meshEndpoints } from "./views";

/** How long an issued client certificate lasts. */
const CERT_LIFETIME_MS = 3 * 365 * 24 * 3600 * 1000;

export const describeServiceMeshKubeconfig: Handler = (ctx) => {
  requireActivated(ctx);
  const mesh = findMesh(ctx);
  const internal = optionalBool(ctx.params, "PrivateIpAddress") ?? false;
  const endpoints = meshEndpoints(mesh);
  const server = internal ? endpoints.IntranetApiServerEndpoint : endpoints.PublicApiServerEndpoint;
  if (!server) {
    throw new ApiError(
      400,
      "ErrorPermitted.NoPublicEndpoint",
      `The service mesh ${mesh.serviceMeshId} has no public API server endpoint; bind an EIP or ask for PrivateIpAddress=true.`,
    );
  }
  const user = `asm-${mesh.serviceMeshId.slice(1, 9)}`;
  const token = Buffer.from(`${mesh.serviceMeshId}:${ctx.now}`).toString("base64");
  const kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${mesh.serviceMeshId}`,
    "  cluster:",
    `    server: ${server}`,
    "    insecure-skip-tls-verify: true",
    "contexts:",
    `- name: ${user}@${mesh.serviceMeshId}`,
    "  context:",
    `    cluster: ${mesh.serviceMeshId}`,
    `    user: ${user}`,
    `current-context: ${user}@${mesh.serviceMeshId}`,
    "users:",
    `- name: ${user}`,
    "  user:",
    `    token: ${token}`,
    "",
  ].join("\n");
  return {
    Kubeconfig: kubeconfig,
    ExpireTime: formatTime(ctx.now + CERT_LIFETIME_MS)
      .replace("T", " ")
      .replace("Z", ""),
  };
};
