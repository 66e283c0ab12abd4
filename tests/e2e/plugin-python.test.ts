// The provider plugin from a Python program, through the real pulumi CLI, the Python language host and
// the Pulumi Python SDK from PyPI, with the SDK's wheel (npm run sdks) pip-installed into a new virtualenv.
import { join } from "node:path";
import { pythonVenvWithSdk } from "../support/plugin-sdk";
import { describePluginLifecycle } from "../support/plugin-lifecycle";

describePluginLifecycle(
  "ServiceMesh provider plugin, from Python",
  { dir: join(__dirname, "programs", "plugin-python"), project: "mesh-python" },
  // The virtualenv activated (its bin first on PATH), as a user's shell has it.
  async () => ({ PATH: `${join(await pythonVenvWithSdk(), "bin")}:${process.env.PATH ?? ""}` }),
);
