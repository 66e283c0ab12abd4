// Where `npm run sdks` (scripts/sdks.ts) puts the provider plugin's SDKs, one per language, and what each
// is built with; the tests install and require them from there.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PYTHON_PACKAGE } from "../plugin/package-name";

export const REPO_ROOT = join(__dirname, "..");
export const SDK_DIST = join(REPO_ROOT, "sdk-dist");

export const SDK_PATHS = {
  /** The schema the plugin served when the SDKs were written. */
  schema: join(SDK_DIST, "schema.json"),
  /** The wheel and the sdist. */
  python: join(SDK_DIST, "python"),
  /** The Go module's root (its go.mod). */
  goModule: join(SDK_DIST, "go", "asmservicemesh"),
};

/** The virtualenv scripts/python-sdks.sh makes with the Python build tools (`build`, setuptools, wheel). */
export const SDK_BUILD_VENV = join(REPO_ROOT, ".venv-sdk-build");

/** The Pulumi Go SDK the Go module requires: the release of the pinned CLI (tools/pulumi/go.mod). */
export function pulumiGoSdk(): string {
  const goMod = readFileSync(join(REPO_ROOT, "tools", "pulumi", "go.mod"), "utf8");
  const version = /^\s*github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)/m.exec(goMod)?.[1];
  if (!version) throw new Error("tools/pulumi/go.mod does not pin github.com/pulumi/pulumi/sdk/v3");
  return `github.com/pulumi/pulumi/sdk/v3@${version}`;
}

/** The built file of the Python SDK whose name ends with `suffix` (`.whl`, `.tar.gz`). */
export function pythonArtifact(suffix: ".whl" | ".tar.gz"): string {
  const found = existsSync(SDK_PATHS.python)
    ? readdirSync(SDK_PATHS.python).filter((f) => f.startsWith(`${PYTHON_PACKAGE}-`) && f.endsWith(suffix))
    : [];
  if (found.length !== 1) {
    throw new Error(
      `expected one ${PYTHON_PACKAGE}-*${suffix} in ${SDK_PATHS.python}, found ${found.length}: run \`npm run sdks\``,
    );
  }
  return join(SDK_PATHS.python, found[0]!);
}
