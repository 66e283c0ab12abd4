/**
 * Server-side verification of Alibaba Cloud's ACS3-HMAC-SHA256 (v3) request signature, the default of
 * `@alicloud/openapi-core` for both RPC and ROA calls. The canonical request is rebuilt from the request
 * as received, exactly as openapi-core builds it on the client side:
 *
 *   METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders (each line "name:value\n") \n
 *   SignedHeaders \n HashedPayload
 *
 * StringToSign = "ACS3-HMAC-SHA256\n" + hex(sha256(CanonicalRequest)); Signature = hex(hmac(secret, …)).
 * Pure: no I/O, no clock except the one passed in.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "./errors";
import { parseUrlEncoded } from "./params";

export const ALGORITHM = "ACS3-HMAC-SHA256";

export interface Credential {
  accessKeySecret: string;
  /** Set for STS credentials: the request must carry exactly this `x-acs-security-token`. */
  securityToken?: string;
  expiresAt?: number;
}

export interface SignedRequest {
  method: string;
  /** The path exactly as received, without the query string, e.g. `/clusters/c123`. */
  rawPath: string;
  /** The query string as received, without the leading `?`. */
  rawQuery: string;
  /** Lower-case header names, as Node's `IncomingMessage.headers` gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Verification = { ok: true; accessKeyId: string } | { ok: false; accessKeyId: string; error: ApiError };

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** encodeURIComponent plus `! ' ( ) *`, the client's encoding of query values. */
export function acsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalUri(rawPath: string): string {
  return (rawPath || "/").replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
}

/**
 * Rebuilt from decoded values: Node's querystring leaves `*()` unescaped on the wire, so the raw query
 * does not match what the client signed. Names are not encoded by the client.
 */
export function canonicalQuery(rawQuery: string): string {
  const params = parseUrlEncoded(rawQuery, "query");
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${acsEncode(params[k] ?? "")}`)
    .join("&");
}

function headerValue(headers: SignedRequest["headers"], name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v.join(",") : v).trim();
}

export function canonicalRequest(req: SignedRequest, signedHeaders: string[], hashedPayload: string): string {
  const headerLines = signedHeaders.map((h) => `${h}:${headerValue(req.headers, h) ?? ""}\n`).join("");
  return [
    req.method.toUpperCase(),
    canonicalUri(req.rawPath),
    canonicalQuery(req.rawQuery),
    headerLines,
    signedHeaders.join(";"),
    hashedPayload,
  ].join("\n");
}

export function computeSignature(secret: string, canonical: string): string {
  const stringToSign = `${ALGORITHM}\n${sha256Hex(canonical)}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex` → parts, or undefined if malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const space = value.indexOf(" ");
  if (space < 0) return undefined;
  const algorithm = value.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return {
    algorithm,
    accessKeyId,
    signedHeaders: signedHeaders.split(";").map((h) => h.trim().toLowerCase()),
    signature,
  };
}

const REQUIRED_SIGNED = [
  "host",
  "x-acs-action",
  "x-acs-version",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-content-sha256",
];

function incomplete(accessKeyId: string, why: string): Verification {
  return {
    ok: false,
    accessKeyId,
    error: new ApiError(
      400,
      "IncompleteSignature",
      `The request signature does not conform to Aliyun standards. ${why}`,
    ),
  };
}

function fail(accessKeyId: string, status: number, code: string, message: string): Verification {
  return { ok: false, accessKeyId, error: new ApiError(status, code, message) };
}

/**
 * Verify one request. `lookup` maps an AccessKeyId to its credential (undefined = unknown key).
 * The order of checks mirrors what a client most likely got wrong first: shape, key, token, body, signature.
 */
export function verifySignature(
  req: SignedRequest,
  lookup: (accessKeyId: string) => Credential | undefined,
  now: number,
): Verification {
  const authorization = headerValue(req.headers, "authorization");
  if (!authorization)
    return incomplete(
      "",
      "The Authorization header is missing; the emulator accepts only ACS3-HMAC-SHA256 signed requests.",
    );
  const auth = parseAuthorization(authorization);
  if (!auth) return incomplete("", "The Authorization header is malformed.");
  const ak = auth.accessKeyId;
  if (auth.algorithm !== ALGORITHM) {
    return incomplete(ak, `Unsupported signature algorithm ${auth.algorithm}; the emulator verifies ${ALGORITHM}.`);
  }
  for (const h of REQUIRED_SIGNED) {
    if (headerValue(req.headers, h) === undefined) return incomplete(ak, `The header ${h} is missing.`);
    if (!auth.signedHeaders.includes(h)) return incomplete(ak, `The header ${h} must be signed.`);
  }
  const credential = lookup(ak);
  if (!credential) return fail(ak, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

  const token = headerValue(req.headers, "x-acs-security-token");
  if (credential.securityToken !== undefined) {
    if (!token) return fail(ak, 400, "MissingSecurityToken", "SecurityToken is mandatory for this action.");
    if (token !== credential.securityToken) {
      return fail(ak, 400, "InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey.");
    }
    if (credential.expiresAt !== undefined && now > credential.expiresAt) {
      return fail(ak, 400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
    }
    if (!auth.signedHeaders.includes("x-acs-security-token"))
      return incomplete(ak, "The header x-acs-security-token must be signed.");
  } else if (token) {
    return fail(ak, 400, "InvalidSecurityToken.Mismatch", "A SecurityToken was sent with a permanent AccessKey.");
  }

  const declaredHash = (headerValue(req.headers, "x-acs-content-sha256") ?? "").toLowerCase();
  if (declaredHash !== sha256Hex(req.body)) {
    return fail(
      ak,
      400,
      "SignatureDoesNotMatch",
      "The x-acs-content-sha256 header does not match the SHA-256 of the request body.",
    );
  }

  let canonical: string;
  try {
    canonical = canonicalRequest(req, auth.signedHeaders, declaredHash);
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, accessKeyId: ak, error: e };
    throw e;
  }
  const expected = Buffer.from(computeSignature(credential.accessKeySecret, canonical), "utf8");
  const given = Buffer.from(auth.signature.toLowerCase(), "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return fail(
      ak,
      400,
      "SignatureDoesNotMatch",
      "Specified signature does not match our calculation. Check the AccessKeySecret and the canonical request.",
    );
  }
  return { ok: true, accessKeyId: ak };
}

/**
 * Sign a request the way the client does (every `x-acs-*` header plus host and content-type). Used by
 * the emulator's own tests and handy for hand-built requests (curl) against the emulator.
 */
export function signRequest(
  req: Omit<SignedRequest, "headers"> & { headers: Record<string, string> },
  accessKeyId: string,
  accessKeySecret: string,
): string {
  const names = Object.keys(req.headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h.startsWith("x-acs-") || h === "host" || h === "content-type")
    .sort();
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) lower[k.toLowerCase()] = v;
  const canonical = canonicalRequest(
    { ...req, headers: lower },
    names,
    lower["x-acs-content-sha256"] ?? sha256Hex(req.body),
  );
  return `${ALGORITHM} Credential=${accessKeyId},SignedHeaders=${names.join(";")},Signature=${computeSignature(accessKeySecret, canonical)}`;
}
