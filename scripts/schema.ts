// `npm run schema`: writes the provider plugin's schema (plugin/schema.json) from the sdk/ contract.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { schemaFromSdk } from "../devkit/schema-from-sdk";

const root = path.resolve(__dirname, "..");
writeFileSync(path.join(root, "plugin/schema.json"), `${JSON.stringify(schemaFromSdk(root), null, 2)}\n`);
