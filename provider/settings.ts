import { parseExpectedDurations, type OperationKind } from "./cloud/expected-durations";
import { registerSecret } from "./redact";

/**
 * Where the provider finds its region, credentials and endpoints. Read at call time (from `configure`
 * and the environment), never captured when the program serializes the provider.
 */
export interface Settings {
  region?: string;
  credentials?: StaticCredentials;
  asmEndpoint?: string;
  ackEndpoint?: string;
  protocol: "HTTP" | "HTTPS";
  /** Run PreChecked's read-only calls at preview (`servicemesh:preflight`); off only when false. */
  preflight?: boolean;
  /** How long ASM operations usually take (`servicemesh:expectedDurations`), before the process learns. */
  expectedDurations?: Partial<Record<OperationKind, number>>;
  /** Settings that could not be read, each saying which and what is allowed. */
  problems?: string[];
}

export interface StaticCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Stack config as `configure` sees it: `get("alicloud:region")`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

const noConfig: ConfigSource = { get: () => undefined };

/**
 * Resolution order, the same as `@pulumi/alicloud` users know: stack config `alicloud:*`, then
 * `ALICLOUD_*`, then `ALIBABA_CLOUD_*` region; credentials absent here fall through to Alibaba's default
 * chain (`ALIBABA_CLOUD_*` keys, profile files, OIDC/RRSA, ECS RAM role) when the client is built.
 */
export function resolveSettings(config: ConfigSource = noConfig, env: NodeJS.ProcessEnv = process.env): Settings {
  const pick = (configKey: string, ...envKeys: string[]) =>
    nonEmpty(config.get(configKey)) ?? envKeys.map((k) => nonEmpty(env[k])).find((v) => v !== undefined);

  const accessKeyId = pick("alicloud:accessKey", "ALICLOUD_ACCESS_KEY");
  const accessKeySecret = pick("alicloud:secretKey", "ALICLOUD_SECRET_KEY");
  const securityToken = pick("alicloud:securityToken", "ALICLOUD_SECURITY_TOKEN");
  registerSecret(accessKeySecret);
  registerSecret(securityToken);
  const protocol = pick("servicemesh:protocol", "SERVICEMESH_PROTOCOL")?.toUpperCase();
  return {
    region: pick("alicloud:region", "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"),
    credentials:
      accessKeyId && accessKeySecret
        ? { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) }
        : undefined,
    asmEndpoint: pick("servicemesh:asmEndpoint", "SERVICEMESH_ASM_ENDPOINT"),
    ackEndpoint: pick("servicemesh:ackEndpoint", "SERVICEMESH_ACK_ENDPOINT"),
    protocol: protocol === "HTTP" ? "HTTP" : "HTTPS",
    preflight: pick("servicemesh:preflight", "SERVICEMESH_PREFLIGHT")?.toLowerCase() !== "false",
    ...expectations(pick("servicemesh:expectedDurations", "SERVICEMESH_EXPECTED_DURATIONS")),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function expectations(text: string | undefined): Pick<Settings, "expectedDurations" | "problems"> {
  if (text === undefined) return {};
  const { durations, problems } = parseExpectedDurations(text);
  return { expectedDurations: durations, ...(problems.length ? { problems } : {}) };
}
