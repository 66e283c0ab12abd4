import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { redact, registerSecret } from "../../provider/redact";
import { resolveSettings, type ConfigSource } from "../../provider/settings";

const config = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });

describe("redact", () => {
  it("masks every occurrence of a registered secret", () => {
    registerSecret("AbCdEf-registered-1");
    assert.equal(redact("key AbCdEf-registered-1 and again AbCdEf-registered-1."), "key *** and again ***.");
  });

  it("ignores values too short to be secrets", () => {
    registerSecret("abc");
    registerSecret(undefined);
    registerSecret("");
    assert.equal(redact("abc def"), "abc def");
  });

  const patterns: [string, string, string][] = [
    [
      "a request signature",
      "GET /?Action=X&Signature=0123456789abcdef0123&Version=1",
      "GET /?Action=X&Signature=***&Version=1",
    ],
    ["an STS token header", "x-acs-security-token: CAIS.token.value", "x-acs-security-token: ***"],
    ["an STS token query parameter", "a=1&SecurityToken=CAIS+abc/def&b=2", "a=1&SecurityToken=***&b=2"],
    ["an access key secret in JSON", '{"AccessKeySecret": "wJalrXUtnFEMI"}', '{"AccessKeySecret": "***"}'],
    ["an access key secret in a form", "AccessKeySecret=wJalrXUtnFEMI x=1", "AccessKeySecret=*** x=1"],
    ["a bearer token", "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload", "Authorization: Bearer ***"],
    ["a kubeconfig token", "    token: eyJhbGciOiJSUzI1NiJ9abc", "    token: ***"],
    ["kubeconfig client key data", "client-key-data: LS0tLS1CRUdJTiBSU0E=", "client-key-data: ***"],
    ["a password in JSON", '{"password":"hunter2hunter2"}', '{"password":"***"}'],
  ];
  for (const [name, input, expected] of patterns) {
    it(`masks ${name}`, () => assert.equal(redact(input), expected));
  }

  it("leaves ordinary text alone", () => {
    const text = "cannot enroll cluster c-123 into mesh m-456: ErrorPermitted.ClustersNotEmpty: the mesh has clusters";
    assert.equal(redact(text), text);
  });
});

describe("resolveSettings", () => {
  it("prefers stack config over ALICLOUD_* over ALIBABA_CLOUD_REGION for the region", () => {
    const env = { ALICLOUD_REGION: "cn-beijing", ALIBABA_CLOUD_REGION: "cn-shanghai" };
    assert.equal(resolveSettings(config({ "alicloud:region": "cn-hangzhou" }), env).region, "cn-hangzhou");
    assert.equal(resolveSettings(config({}), env).region, "cn-beijing");
    assert.equal(resolveSettings(config({}), { ALIBABA_CLOUD_REGION: "cn-shanghai" }).region, "cn-shanghai");
    assert.equal(resolveSettings(config({}), {}).region, undefined);
  });

  it("treats empty values as unset", () => {
    assert.equal(
      resolveSettings(config({ "alicloud:region": "" }), {
        ALICLOUD_REGION: "",
        ALIBABA_CLOUD_REGION: "ap-southeast-1",
      }).region,
      "ap-southeast-1",
    );
  });

  it("builds static credentials from stack config, before the environment", () => {
    const settings = resolveSettings(
      config({
        "alicloud:accessKey": "LTAIconfig",
        "alicloud:secretKey": "config-secret-123",
        "alicloud:securityToken": "config-token-123",
      }),
      { ALICLOUD_ACCESS_KEY: "LTAIenv", ALICLOUD_SECRET_KEY: "env-secret-123" },
    );
    assert.deepEqual(settings.credentials, {
      accessKeyId: "LTAIconfig",
      accessKeySecret: "config-secret-123",
      securityToken: "config-token-123",
    });
  });

  it("builds static credentials from ALICLOUD_* without a token", () => {
    const settings = resolveSettings(config({}), {
      ALICLOUD_ACCESS_KEY: "LTAIenv",
      ALICLOUD_SECRET_KEY: "env-secret-456",
    });
    assert.deepEqual(settings.credentials, { accessKeyId: "LTAIenv", accessKeySecret: "env-secret-456" });
  });

  it("leaves credentials to the default chain unless both key and secret are set", () => {
    assert.equal(resolveSettings(config({ "alicloud:accessKey": "LTAIonly" }), {}).credentials, undefined);
    assert.equal(resolveSettings(config({}), { ALICLOUD_SECRET_KEY: "only-secret-789" }).credentials, undefined);
    assert.equal(
      resolveSettings(config({}), { ALIBABA_CLOUD_ACCESS_KEY_ID: "x", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "y" })
        .credentials,
      undefined,
    );
  });

  it("masks the secret key and token it resolves from then on", () => {
    resolveSettings(config({}), {
      ALICLOUD_ACCESS_KEY: "LTAIvisible",
      ALICLOUD_SECRET_KEY: "resolved-secret-abc",
      ALICLOUD_SECURITY_TOKEN: "resolved-token-abc",
    });
    assert.equal(redact("LTAIvisible resolved-secret-abc resolved-token-abc"), "LTAIvisible *** ***");
  });

  const protocols: [Record<string, string>, Record<string, string>, "HTTP" | "HTTPS"][] = [
    [{}, {}, "HTTPS"],
    [{ "servicemesh:protocol": "http" }, {}, "HTTP"],
    [{}, { SERVICEMESH_PROTOCOL: "HTTP" }, "HTTP"],
    [{ "servicemesh:protocol": "https" }, { SERVICEMESH_PROTOCOL: "HTTP" }, "HTTPS"],
    [{}, { SERVICEMESH_PROTOCOL: "ftp" }, "HTTPS"],
  ];
  for (const [cfg, env, expected] of protocols) {
    it(`uses ${expected} for config ${JSON.stringify(cfg)} and env ${JSON.stringify(env)}`, () => {
      assert.equal(resolveSettings(config(cfg), env).protocol, expected);
    });
  }

  it("takes endpoints from servicemesh:* config, then SERVICEMESH_* env", () => {
    const env = { SERVICEMESH_ASM_ENDPOINT: "127.0.0.1:9001", SERVICEMESH_ACK_ENDPOINT: "127.0.0.1:9002" };
    const fromEnv = resolveSettings(config({}), env);
    assert.deepEqual([fromEnv.asmEndpoint, fromEnv.ackEndpoint], ["127.0.0.1:9001", "127.0.0.1:9002"]);
    const fromConfig = resolveSettings(
      config({ "servicemesh:asmEndpoint": "asm.local:80", "servicemesh:ackEndpoint": "ack.local:80" }),
      env,
    );
    assert.deepEqual([fromConfig.asmEndpoint, fromConfig.ackEndpoint], ["asm.local:80", "ack.local:80"]);
  });

  it("resolves to HTTPS with the preview's preflight on when nothing is configured", () => {
    assert.deepEqual(resolveSettings(config({}), {}), {
      region: undefined,
      credentials: undefined,
      asmEndpoint: undefined,
      ackEndpoint: undefined,
      protocol: "HTTPS",
      preflight: true,
    });
  });

  const preflights: [Record<string, string>, Record<string, string>, boolean][] = [
    [{ "servicemesh:preflight": "false" }, {}, false],
    [{}, { SERVICEMESH_PREFLIGHT: "FALSE" }, false],
    [{ "servicemesh:preflight": "true" }, { SERVICEMESH_PREFLIGHT: "false" }, true],
    [{}, { SERVICEMESH_PREFLIGHT: "0" }, true],
  ];
  for (const [cfg, env, expected] of preflights) {
    it(`turns the preflight ${expected ? "on" : "off"} for config ${JSON.stringify(cfg)} and env ${JSON.stringify(env)}`, () =>
      assert.equal(resolveSettings(config(cfg), env).preflight, expected));
  }
});
