import { engineLog, pluginEngine } from "../provider/engine-log";
import { serviceMeshVerbs } from "../provider/verbs";
import schema from "./schema.json";
import { resourceProviderService, serve } from "./server";

/**
 * `pulumi-resource-asm-servicemesh`: the engine starts it with its own address, connects to the port it
 * prints, and calls the ResourceProvider service. The same core verbs as the dynamic resource's, with
 * progress lines on the resource's row. Its version is the schema's, which is the npm package's
 * (devkit/schema-from-sdk.ts writes it from package.json; a unit test holds the two together).
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const engineAddress = pluginEngine(argv);
  const verbs = serviceMeshVerbs(engineAddress ? engineLog(engineAddress) : undefined);
  const port = await serve(resourceProviderService(verbs, JSON.stringify(schema), schema.version));
  process.stdout.write(`${port}\n`);
}
