import type { ConfigSource } from "../provider/settings";
import { PACKAGE } from "./package-name";

/**
 * The provider's configuration (`pulumi config set asm-servicemesh:region cn-hangzhou`, or a provider
 * resource's arguments) as the settings read it. The settings name each key in its dynamic-provider form
 * (`alicloud:region`, `servicemesh:asmEndpoint`); the plugin has one namespace, its package's, so a key
 * is found by the part after the colon. Keys left unset fall through to the environment, as for the
 * dynamic resource. `args` are the provider's inputs, secrets unwrapped; older engines send only the
 * `<package>:config:<key>` variables.
 */
export function pluginConfig(
  args: Record<string, unknown>,
  variables: { get(key: string): string | undefined },
): ConfigSource {
  return {
    get(key) {
      const name = key.slice(key.indexOf(":") + 1);
      const value = args[name] ?? variables.get(`${PACKAGE}:config:${name}`);
      return value === undefined || value === null ? undefined : String(value);
    },
  };
}

interface ConfigKey {
  type: "string" | "boolean";
  secret?: boolean;
  description: string;
}

/**
 * The plugin's configuration keys, each a setting `resolveSettings` reads (a unit test holds the two
 * together), with the environment variable it falls back to.
 */
export const PLUGIN_CONFIG: Record<string, ConfigKey> = {
  region: { type: "string", description: "Region of the meshes and clusters (`ALICLOUD_REGION`)." },
  accessKey: {
    type: "string",
    secret: true,
    description: "AccessKey id (`ALICLOUD_ACCESS_KEY`); unset: Alibaba's default credential chain.",
  },
  secretKey: { type: "string", secret: true, description: "AccessKey secret (`ALICLOUD_SECRET_KEY`)." },
  securityToken: {
    type: "string",
    secret: true,
    description: "STS token for temporary credentials (`ALICLOUD_SECURITY_TOKEN`).",
  },
  asmEndpoint: { type: "string", description: "ASM API endpoint (`SERVICEMESH_ASM_ENDPOINT`); default: the region's." },
  ackEndpoint: { type: "string", description: "ACK API endpoint (`SERVICEMESH_ACK_ENDPOINT`); default: the region's." },
  protocol: {
    type: "string",
    description: "`HTTPS` (default) or `HTTP` for the API endpoints (`SERVICEMESH_PROTOCOL`).",
  },
  preflight: {
    type: "boolean",
    description: "Run PreChecked's read-only calls at preview (`SERVICEMESH_PREFLIGHT`); default true.",
  },
  expectedDurations: {
    type: "string",
    description:
      'How long ASM operations usually take, as JSON, e.g. `{"provision":"90s","enroll":"40s"}` (`SERVICEMESH_EXPECTED_DURATIONS`).',
  },
};
