import { $OpenApiUtil } from "@alicloud/openapi-core";
import Credential from "@alicloud/credentials";
import type { Settings } from "../settings";

/**
 * The openapi-core `Config` both clients are built from. Explicit timeouts: the client's defaults are
 * 3 s for connect and read (httpx), too short for CreateServiceMesh, and setting only
 * RuntimeOptions.readTimeout is not enough (the connect timer is a socket-idle timer).
 */
export function alibabaConfig(settings: Settings, endpoint: string): $OpenApiUtil.Config {
  const credentials = settings.credentials;
  return new $OpenApiUtil.Config({
    endpoint,
    protocol: settings.protocol,
    regionId: settings.region,
    // httpx applies connectTimeout as the socket's idle timer too, so it must be as long as readTimeout
    // or a slow answer is abandoned at the shorter one.
    connectTimeout: 30_000,
    readTimeout: 30_000,
    ...(credentials
      ? {
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          securityToken: credentials.securityToken,
        }
      : // openapi-core does not use the default chain by itself; hand it one explicitly.
        { credential: new Credential() }),
  });
}

/** ASM's endpoint is central (no per-region map in the SDK). */
export function asmEndpoint(settings: Settings): string {
  return settings.asmEndpoint ?? "servicemesh.aliyuncs.com";
}

/** ACK's endpoint rule is regional; without a region the central endpoint answers. */
export function ackEndpoint(settings: Settings, region: string | undefined): string {
  return settings.ackEndpoint ?? (region ? `cs.${region}.aliyuncs.com` : "cs.aliyuncs.com");
}
