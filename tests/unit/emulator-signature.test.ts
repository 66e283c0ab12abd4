/**
 * Unit tests for the emulator's ACS3-HMAC-SHA256 verifier. The oracle is openapi-core's own
 * `OpenApiUtil.getAuthorization`, so a pass means the verifier accepts exactly what the real client signs.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { OpenApiUtil } from "@alicloud/openapi-core";
import {
  acsEncode,
  canonicalQuery,
  parseAuthorization,
  signRequest,
  verifySignature,
  type Credential,
} from "../../emulator/signature";

const rand = (n: number) => randomBytes(n).toString("hex");
const KEY = `test-${rand(6)}`;
const SECRET = rand(16);
const STS_KEY = `STS.${rand(6)}`;
const STS_SECRET = rand(16);
const TOKEN = rand(40);
const NOW = Date.parse("2026-03-01T00:00:00Z");

const credentials = new Map<string, Credential>([
  [KEY, { accessKeySecret: SECRET }],
  [STS_KEY, { accessKeySecret: STS_SECRET, securityToken: TOKEN }],
  ["STS.old", { accessKeySecret: STS_SECRET, securityToken: TOKEN, expiresAt: NOW - 1 }],
]);
const lookup = (ak: string) => credentials.get(ak);

interface Case {
  name: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  contentType?: string;
}

/** What goes on the wire for `query`: Node's querystring, which leaves `*()'!` unescaped. */
function wireQuery(query: Record<string, string>): string {
  return new URLSearchParams(query)
    .toString()
    .replace(/\+/g, "%20")
    .replace(/%2A/g, "*")
    .replace(/%28/g, "(")
    .replace(/%29/g, ")");
}

/** Build headers and Authorization exactly as openapi-core does, with its own signer. */
function clientRequest(c: Case, ak = KEY, secret = SECRET, token?: string) {
  const hash = createHash("sha256").update(c.body).digest("hex");
  const headers: Record<string, string> = {
    host: "127.0.0.1:8080",
    "x-acs-version": "2020-01-11",
    "x-acs-action": "DescribeServiceMeshDetail",
    "user-agent": "AlibabaCloud (linux; x64) Node.js/v20 Core/1.0.1 TeaDSL/2",
    "x-acs-date": "2026-03-01T00:00:00Z",
    "x-acs-signature-nonce": rand(32),
    accept: "application/json",
    "x-acs-content-sha256": hash,
    "x-acs-credentials-provider": token ? "static_sts" : "static_ak",
  };
  if (c.contentType) headers["content-type"] = c.contentType;
  if (token) {
    headers["x-acs-accesskey-id"] = ak;
    headers["x-acs-security-token"] = token;
  }
  headers["authorization"] = OpenApiUtil.getAuthorization(
    { pathname: c.path, method: c.method, query: c.query, headers } as never,
    "ACS3-HMAC-SHA256",
    hash,
    ak,
    secret,
  );
  return { method: c.method, rawPath: c.path, rawQuery: wireQuery(c.query), headers, body: Buffer.from(c.body) };
}

const CASES: Case[] = [
  {
    name: "RPC POST with a form body",
    method: "POST",
    path: "/",
    query: {},
    body: "ServiceMeshId=c123",
    contentType: "application/x-www-form-urlencoded",
  },
  {
    name: "RPC POST with the parameter in the query",
    method: "POST",
    path: "/",
    query: { ServiceMeshId: "c123" },
    body: "",
    contentType: "application/x-www-form-urlencoded",
  },
  {
    name: "RPC GET with a flattened Tag query holding spaces and *()",
    method: "GET",
    path: "/",
    query: { "Tag.1.Key": "env x", "Tag.1.Value": "a*b(c)!'" },
    body: "",
  },
  { name: "ROA GET of a cluster path", method: "GET", path: "/clusters/c-123", query: {}, body: "" },
  {
    name: "ROA GET with snake_case query",
    method: "GET",
    path: "/api/v1/clusters",
    query: { page_size: "10", region_id: "cn-hangzhou" },
    body: "",
  },
  {
    name: "a UTF-8 body",
    method: "POST",
    path: "/",
    query: {},
    body: `Name=${encodeURIComponent("网格")}&VSwitches=${encodeURIComponent('["vsw-1"]')}`,
    contentType: "application/x-www-form-urlencoded",
  },
];

describe("verifySignature accepts what openapi-core signs", () => {
  for (const c of CASES) {
    it(`accepts ${c.name}`, () => {
      const v = verifySignature(clientRequest(c), lookup, NOW);
      assert.deepEqual(v, { ok: true, accessKeyId: KEY });
    });
  }

  it("accepts an STS credential with its token", () => {
    const c = CASES[0] as Case;
    assert.equal(verifySignature(clientRequest(c, STS_KEY, STS_SECRET, TOKEN), lookup, NOW).ok, true);
  });

  it("agrees with signRequest, the emulator's own signer", () => {
    const req = clientRequest(CASES[2] as Case);
    const { authorization: _drop, ...headers } = req.headers;
    const auth = signRequest({ ...req, headers }, KEY, SECRET);
    assert.equal(auth.split("Signature=")[1], req.headers["authorization"]?.split("Signature=")[1]);
  });
});

describe("verifySignature refuses", () => {
  const base = CASES[0] as Case;
  const table: { name: string; mutate: () => ReturnType<typeof clientRequest>; code: string; status: number }[] = [
    {
      name: "a wrong secret",
      mutate: () => clientRequest(base, KEY, rand(16)),
      code: "SignatureDoesNotMatch",
      status: 400,
    },
    {
      name: "an unknown key id",
      mutate: () => clientRequest(base, "test-unknown", SECRET),
      code: "InvalidAccessKeyId.NotFound",
      status: 404,
    },
    {
      name: "a body changed after signing",
      mutate: () => ({ ...clientRequest(base), body: Buffer.from("ServiceMeshId=c124") }),
      code: "SignatureDoesNotMatch",
      status: 400,
    },
    {
      name: "a signed header changed after signing",
      mutate: () => {
        const r = clientRequest(base);
        r.headers["x-acs-action"] = "DeleteServiceMesh";
        return r;
      },
      code: "SignatureDoesNotMatch",
      status: 400,
    },
    {
      name: "a query changed after signing",
      mutate: () => ({ ...clientRequest(CASES[1] as Case), rawQuery: "ServiceMeshId=c999" }),
      code: "SignatureDoesNotMatch",
      status: 400,
    },
    {
      name: "a missing Authorization header",
      mutate: () => {
        const r = clientRequest(base);
        delete (r.headers as Record<string, string | undefined>)["authorization"];
        return r;
      },
      code: "IncompleteSignature",
      status: 400,
    },
    {
      name: "a malformed Authorization header",
      mutate: () => ({
        ...clientRequest(base),
        headers: { ...clientRequest(base).headers, authorization: "ACS3-HMAC-SHA256 garbage" },
      }),
      code: "IncompleteSignature",
      status: 400,
    },
    {
      name: "another signature algorithm",
      mutate: () => {
        const r = clientRequest(base);
        r.headers["authorization"] = (r.headers["authorization"] ?? "").replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3");
        return r;
      },
      code: "IncompleteSignature",
      status: 400,
    },
    {
      name: "a missing x-acs-date",
      mutate: () => {
        const r = clientRequest(base);
        delete (r.headers as Record<string, string | undefined>)["x-acs-date"];
        return r;
      },
      code: "IncompleteSignature",
      status: 400,
    },
    {
      name: "an STS key with a different token",
      mutate: () => clientRequest(base, STS_KEY, STS_SECRET, rand(40)),
      code: "InvalidSecurityToken.Mismatch",
      status: 400,
    },
    {
      name: "an STS key without a token",
      mutate: () => clientRequest(base, STS_KEY, STS_SECRET),
      code: "MissingSecurityToken",
      status: 400,
    },
    {
      name: "an expired STS token",
      mutate: () => clientRequest(base, "STS.old", STS_SECRET, TOKEN),
      code: "InvalidSecurityToken.Expired",
      status: 400,
    },
    {
      name: "a token sent with a permanent key",
      mutate: () => clientRequest(base, KEY, SECRET, TOKEN),
      code: "InvalidSecurityToken.Mismatch",
      status: 400,
    },
  ];
  for (const t of table) {
    it(`${t.name} with ${t.code}`, () => {
      const v = verifySignature(t.mutate(), lookup, NOW);
      assert.equal(v.ok, false);
      if (!v.ok) {
        assert.equal(v.error.code, t.code);
        assert.equal(v.error.status, t.status);
      }
    });
  }
});

describe("canonical pieces", () => {
  it("encodes query values like the client: encodeURIComponent plus !'()*", () => {
    assert.equal(acsEncode("a*b(c)!' ~"), "a%2Ab%28c%29%21%27%20~");
  });

  it("sorts decoded query parameters and re-encodes their values", () => {
    assert.equal(canonicalQuery("b=2&a=x*y&Tag.1.Key=env%20x"), "Tag.1.Key=env%20x&a=x%2Ay&b=2");
  });

  it("parses the Authorization header into its parts", () => {
    assert.deepEqual(parseAuthorization("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=abc"), {
      algorithm: "ACS3-HMAC-SHA256",
      accessKeyId: "AK",
      signedHeaders: ["host", "x-acs-date"],
      signature: "abc",
    });
    assert.equal(parseAuthorization("nonsense"), undefined);
  });
});
