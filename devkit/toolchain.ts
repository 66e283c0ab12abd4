// Where the real toolchain binaries are. scripts/toolchain.sh (npm run toolchain) builds them and
// writes <cache>/toolchain.env; variables of the same names in the environment win over that file.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface Toolchain {
  /** Directory with pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs; put first on PATH. */
  pulumiBinDir: string;
  pulumi: string;
  kubeApiserver: string;
  etcd: string;
  kubectl: string;
  /** Writes a Pulumi package's Python or Go SDK (tools/sdkgen): `sdkgen python|go <schema> <out>`. */
  sdkgen: string;
}

export function toolchainEnvPath(): string {
  const cache =
    process.env.PULUMI_ASM_TOOLCHAIN_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-asm-servicemesh", "toolchain");
  return join(cache, "toolchain.env");
}

function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return values;
}

/**
 * The toolchain's paths. Each one is checked when first read, so a test that only needs pulumi runs
 * even where kube-apiserver has not been built yet; a missing one throws with what to run.
 */
export function toolchain(): Toolchain {
  const envFile = toolchainEnvPath();
  const file = readEnvFile(envFile);
  const pick = (name: string): string => {
    const value = process.env[name] || file[name];
    if (!value) {
      throw new Error(
        `the test toolchain is not set up: ${name} is neither in the environment nor in ${envFile}; run \`npm run toolchain\``,
      );
    }
    if (!existsSync(value)) {
      throw new Error(`the test toolchain is incomplete: ${name}=${value} does not exist; run \`npm run toolchain\``);
    }
    return value;
  };
  return {
    get pulumiBinDir() {
      return pick("PULUMI_BIN_DIR");
    },
    get pulumi() {
      const path = join(pick("PULUMI_BIN_DIR"), "pulumi");
      if (!existsSync(path)) throw new Error(`no pulumi in PULUMI_BIN_DIR; run \`npm run toolchain\``);
      return path;
    },
    get kubeApiserver() {
      return pick("KUBE_APISERVER");
    },
    get etcd() {
      return pick("ETCD");
    },
    get kubectl() {
      return pick("KUBECTL");
    },
    get sdkgen() {
      return pick("SDKGEN");
    },
  };
}
