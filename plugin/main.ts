import { engineLog } from "../provider/engine-log";
import { serviceMeshVerbs } from "../provider/verbs";
import schema from "./schema.json";
import { resourceProviderService, serve } from "./server";

/**
 * `pulumi-resource-asm-servicemesh`: the engine starts it with its own address as the last argument
 * (after any logging flags), connects to the port it prints, and calls the ResourceProvider service.
 * The same core verbs as the dynamic resource's, with progress lines on the resource's row.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const engineAddress = [...argv].reverse().find((arg) => /^[\w.[\]:-]+:\d+$/.test(arg));
  const verbs = serviceMeshVerbs(engineAddress ? engineLog(engineAddress) : undefined);
  const port = await serve(resourceProviderService(verbs, JSON.stringify(schema), packageVersion()));
  process.stdout.write(`${port}\n`);
}

/** The plugin's version is the npm package's: from dist/plugin or, in a checkout, plugin/. */
function packageVersion(): string {
  for (const candidate of ["../../package.json", "../package.json"]) {
    try {
      const manifest = require(candidate) as { name?: string; version?: string };
      if (manifest.name === "pulumi-asm-servicemesh" && manifest.version) return manifest.version;
    } catch {
      // not this layout
    }
  }
  throw new Error("pulumi-resource-asm-servicemesh: cannot find the package's package.json");
}
