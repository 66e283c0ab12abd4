/**
 * The plugin's Pulumi package: the name `pulumi-resource-<name>` and every generated SDK is named after
 * (Python `PYTHON_PACKAGE`, Go `GO_MODULE`), and the resource's type token.
 * The dynamic resource keeps its own token (`pulumi-nodejs:dynamic/asm:ServiceMesh`, sdk/service-mesh.ts).
 */
export const PACKAGE = "asm-servicemesh";
export const SERVICE_MESH_TOKEN = `${PACKAGE}:index:ServiceMesh`;

/** The Python SDK's distribution and import name (`pip install pulumi_asm_servicemesh-<version>-…whl`). */
export const PYTHON_PACKAGE = "pulumi_asm_servicemesh";

/**
 * The Go SDK's module path, which is also its import path. Go fetches a module from the host its path
 * names, and Pulumi's providers publish theirs as `github.com/<owner>/pulumi-<name>/sdk/...`; this is the
 * path a release publishes the module at. Nothing is published there yet, so a program requires it
 * with a `replace` to the directory `npm run sdks` writes (sdk-dist/go/asmservicemesh).
 */
export const GO_MODULE = "github.com/pulumi-asm-servicemesh/pulumi-asm-servicemesh/sdk/go/asmservicemesh";
