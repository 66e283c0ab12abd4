/**
 * The plugin's Pulumi package: the name `pulumi-resource-<name>` and every generated SDK is named after
 * (Python `pulumi_asm_servicemesh`, Go `.../sdk/go/asmservicemesh`), and the resource's type token.
 * The dynamic resource keeps its own token (`pulumi-nodejs:dynamic/asm:ServiceMesh`, sdk/service-mesh.ts).
 */
export const PACKAGE = "asm-servicemesh";
export const SERVICE_MESH_TOKEN = `${PACKAGE}:index:ServiceMesh`;
