// The real @alicloud/openapi-core client, set up for the emulator's contract tests: one RPC call
// function per credential, with the official models' request shape (form body, optional query).
import OpenApi, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import assert from "node:assert/strict";
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

/** What the Alibaba clients throw, as the contract tests read it. */
export interface ClientFailure {
  name?: string;
  code?: string;
  statusCode?: number;
  message: string;
  retryAfter?: number;
  data?: any;
}

/** The error a call rejects with (fails the test when it succeeds). */
export async function failure(p: Promise<unknown>): Promise<ClientFailure> {
  try {
    await p;
  } catch (e) {
    return e as ClientFailure;
  }
  return assert.fail("expected the call to fail");
}

/** Asserts that a call rejects with this Alibaba error code and HTTP status; returns the error. */
export async function rejects(p: Promise<unknown>, code: string, statusCode: number): Promise<ClientFailure> {
  const err = await failure(p);
  assert.equal(err.code, code, `expected ${code}, got ${err.code}: ${err.message}`);
  assert.equal(err.statusCode, statusCode);
  return err;
}
