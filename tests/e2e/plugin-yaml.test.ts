// The provider plugin from a Pulumi YAML program, through the real pulumi CLI and YAML language host.
import { join } from "node:path";
import { describePluginLifecycle } from "../support/plugin-lifecycle";

describePluginLifecycle("ServiceMesh provider plugin, from Pulumi YAML", {
  dir: join(__dirname, "programs", "plugin-yaml"),
  project: "mesh-yaml",
});
