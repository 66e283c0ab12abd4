// The provider plugin from a Python program, through the real pulumi CLI, the Python language host and
// the Pulumi Python SDK from PyPI, with the SDK generated from the plugin's schema.
import { join } from "node:path";
import { installedPythonSdk, PULUMI_VENV } from "../support/plugin-sdk";
import { describePluginLifecycle } from "../support/plugin-lifecycle";

describePluginLifecycle(
  "ServiceMesh provider plugin, from Python",
  { dir: join(__dirname, "programs", "plugin-python"), project: "mesh-python" },
  // The virtualenv with the Pulumi SDK activated (scripts/python-sdks.sh makes it), the generated SDK installed.
  async () => ({
    PATH: `${join(PULUMI_VENV, "bin")}:${process.env.PATH ?? ""}`,
    PYTHONPATH: await installedPythonSdk(),
  }),
);
