// The real @alicloud/openapi-core client, set up for the emulator's contract tests: one RPC call
// function per credential, with the official models' request shape (form body, optional query).
import OpenApi, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import { randomBytes } from "node:crypto";

export interface TestCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export type RpcCall = (
  action: string,
  body?: Record<string, unknown>,
  opts?: { query?: Record<string, unknown>; method?: string },
) => Promise<any>;

/** An ASM (2020-01-11, RPC) caller against an emulator endpoint over HTTP. */
export function asmClient(
  endpoint: string,
  credential: TestCredential,
  opts: { version?: string; readTimeoutMs?: number } = {},
): RpcCall {
  const timeout = opts.readTimeoutMs ?? 5_000;
  const client = new OpenApi(
    new $OpenApiUtil.Config({
      ...credential,
      endpoint,
      protocol: "HTTP",
      readTimeout: timeout,
      connectTimeout: timeout,
    }),
  );
  return async (action, body = {}, call = {}) => {
    const params = new $OpenApiUtil.Params({
      action,
      version: opts.version ?? "2020-01-11",
      protocol: "HTTPS",
      pathname: "/",
      method: call.method ?? "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const request = new $OpenApiUtil.OpenApiRequest({ body, query: OpenApiUtil.query(call.query ?? {}) });
    return (await client.callApi(params, request, new $dara.RuntimeOptions({}))).body;
  };
}

/** Random hex of n bytes, for keys and names made at run time. */
export const rand = (n: number): string => randomBytes(n).toString("hex");
