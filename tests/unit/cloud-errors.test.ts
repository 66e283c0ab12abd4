import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ClientError, ServerError, ThrottlingError } from "@alicloud/openapi-core";
import { kindForCode } from "../../provider/cloud/error-table";
import { kindForStatus } from "../../provider/resilience/http-status";
import { CloudError, isCloudError, type ErrorKind } from "../../provider/resilience/errors";
import { toCloudError } from "../../provider/cloud/to-cloud-error";
import { registerSecret } from "../../provider/redact";

describe("the error table maps Alibaba codes to kinds", () => {
  const cases: [string | undefined, number | undefined, ErrorKind][] = [
    ["Throttling.User", 400, "throttled"],
    ["Throttling", 503, "throttled"],
    ["Throttling.Api", undefined, "throttled"],
    ["ServiceUnavailable", 503, "transient"],
    ["InternalError", 500, "transient"],
    ["ERR404", 404, "transient"],
    ["InvalidActiveState.ACK", 400, "transient"],
    ["ServiceMesh.NotFound", 404, "not-found"],
    ["ErrorClusterNotFound", 400, "not-found"],
    ["InvalidVpc.NotFound", 400, "not-found"],
    ["ErrorPermitted.ClustersNotEmpty", 400, "conflict"],
    ["ErrorPermitted.Other", 400, "conflict"],
    ["NameAlreadyExist", 400, "conflict"],
    ["Cluster.AlreadyInMesh", 400, "conflict"],
    ["RelatedResourceReused", 400, "busy"],
    ["StillInitializing", 400, "busy"],
    ["InvalidOperation.MeshStatus", 400, "busy"],
    ["SignatureDoesNotMatch", 400, "unauthorized"],
    ["InvalidAccessKeyId.NotFound", 404, "unauthorized"],
    ["InvalidSecurityToken.Expired", 400, "unauthorized"],
    ["Forbidden.RAM", 403, "unauthorized"],
    ["Forbidden.Other", 400, "unauthorized"],
    ["NoPermission.Action", 400, "unauthorized"],
    ["Forbidden.ServiceNotActivated", 403, "terminal"],
    ["InvalidParameter.X", 400, "invalid-input"],
    ["InvalidParameter", 400, "invalid-input"],
    ["MissingParameter", 400, "invalid-input"],
    ["MissingClusterId", 400, "invalid-input"],
    ["InvalidAction.NotFound", 404, "invalid-input"],
    ["SomethingNew", 500, "transient"],
    ["SomethingNew", 502, "transient"],
    ["SomethingNew", 400, "terminal"],
    ["SomethingNew", 404, "not-found"],
    ["SomethingNew", 409, "conflict"],
    ["SomethingNew", 403, "unauthorized"],
    ["SomethingNew", 429, "throttled"],
    [undefined, 503, "transient"],
    ["", 400, "terminal"],
    [undefined, undefined, "transient"],
  ];
  for (const [code, status, kind] of cases) {
    it(`classifies ${code ?? "(no code)"} with HTTP ${status ?? "(no response)"} as ${kind}`, () => {
      assert.equal(kindForCode(code, status), kind);
    });
  }

  it("falls back on the HTTP status for codes it does not know", () => {
    assert.deepEqual(
      [undefined, 400, 401, 403, 404, 409, 429, 500, 504].map((status) => kindForStatus(status)),
      [
        "transient",
        "terminal",
        "unauthorized",
        "unauthorized",
        "not-found",
        "conflict",
        "throttled",
        "transient",
        "transient",
      ],
    );
  });
});

describe("CloudError", () => {
  it("reads 'what could not be done: code: message (request id)'", () => {
    const e = new CloudError(
      "conflict",
      "ErrorPermitted.ClustersNotEmpty",
      "mesh has clusters",
      "cannot enroll cluster c-123 into mesh m-456",
      "REQ-1",
    );
    assert.equal(
      e.message,
      "cannot enroll cluster c-123 into mesh m-456: ErrorPermitted.ClustersNotEmpty: mesh has clusters (request id REQ-1)",
    );
    assert.equal(e.name, "CloudError");
  });

  const retryable: [ErrorKind, boolean][] = [
    ["throttled", true],
    ["transient", true],
    ["busy", true],
    ["not-found", false],
    ["conflict", false],
    ["invalid-input", false],
    ["unauthorized", false],
    ["terminal", false],
  ];
  for (const [kind, expected] of retryable) {
    it(`${expected ? "retries" : "does not retry"} ${kind}`, () =>
      assert.equal(new CloudError(kind, "X", "m", "c").retryable, expected));
  }

  it("replaces only the context phrase with withContext", () => {
    const e = new CloudError("throttled", "Throttling.User", "slow down", "cannot list meshes", "R1", 1500).withContext(
      "cannot create mesh x",
    );
    assert.deepEqual(
      [e.kind, e.code, e.serviceMessage, e.context, e.requestId, e.retryAfterMs],
      ["throttled", "Throttling.User", "slow down", "cannot create mesh x", "R1", 1500],
    );
    assert.equal(isCloudError(e, "throttled"), true);
    assert.equal(isCloudError(e, "terminal"), false);
    assert.equal(isCloudError(new Error("x")), false);
  });

  it("masks registered secrets in its message", () => {
    registerSecret("s3cr3t-value-for-cloud-error");
    const e = new CloudError("terminal", "X", "bad key s3cr3t-value-for-cloud-error", "cannot call");
    assert.equal(e.message, "cannot call: X: bad key ***");
  });
});

describe("toCloudError turns what the Alibaba clients throw into CloudErrors", () => {
  it("reads an openapi-core ClientError: code, kind, the service's message and request id", () => {
    const thrown = new ClientError({
      statusCode: 404,
      code: "ServiceMesh.NotFound",
      message: "code: 404, The mesh does not exist. request id: R-1",
      data: { Code: "ServiceMesh.NotFound", Message: "The mesh does not exist.", RequestId: "R-1" },
      requestId: "R-1",
    });
    const e = toCloudError(thrown, "cannot read mesh m1");
    assert.deepEqual(
      [e.kind, e.code, e.serviceMessage, e.requestId],
      ["not-found", "ServiceMesh.NotFound", "The mesh does not exist.", "R-1"],
    );
    assert.equal(e.message, "cannot read mesh m1: ServiceMesh.NotFound: The mesh does not exist. (request id R-1)");
  });

  it("strips openapi-core's 'Code: code: 404, ' prefix and request-id suffix when data has no Message", () => {
    const e = toCloudError(
      {
        name: "ClientError",
        code: "ServiceMesh.NotFound",
        statusCode: 404,
        message: "ServiceMesh.NotFound: code: 404, msg request id: R",
        requestId: "R",
        data: {},
      },
      "cannot read mesh m1",
    );
    assert.equal(e.serviceMessage, "msg");
    assert.equal(e.message, "cannot read mesh m1: ServiceMesh.NotFound: msg (request id R)");
  });

  it("reads a ThrottlingError with the service's retry-after", () => {
    const thrown = new ThrottlingError({
      statusCode: 400,
      code: "Throttling.User",
      message: "code: 400, Request was denied due to user flow control. request id: R-2",
      data: { Code: "Throttling.User", Message: "Request was denied due to user flow control." },
      requestId: "R-2",
      retryAfter: 1200,
    });
    const e = toCloudError(thrown, "cannot list meshes");
    assert.deepEqual([e.kind, e.code, e.retryAfterMs, e.retryable], ["throttled", "Throttling.User", 1200, true]);
    assert.equal(
      e.message,
      "cannot list meshes: Throttling.User: Request was denied due to user flow control. (request id R-2)",
    );
  });

  it("reads a ServerError of an unknown code as transient", () => {
    const thrown = new ServerError({
      statusCode: 503,
      code: "Busy.Backend",
      message: "code: 503, try later request id: R-3",
      data: { Message: "try later" },
      requestId: "R-3",
    });
    assert.equal(toCloudError(thrown, "cannot create mesh x").kind, "transient");
  });

  it("reads an unknown 400 as terminal and says what could not be done", () => {
    const e = toCloudError(
      {
        name: "ClientError",
        code: "Some.NewCode",
        statusCode: 400,
        message: "x",
        data: { Message: "no way" },
        requestId: "R",
      },
      "cannot enroll cluster c1 into mesh m1",
    );
    assert.equal(e.kind, "terminal");
    assert.equal(e.message, "cannot enroll cluster c1 into mesh m1: Some.NewCode: no way (request id R)");
  });

  it("treats a read timeout as a transient RequestTimeout", () => {
    const e = toCloudError(
      { name: "RequestTimeoutError", message: "ReadTimeout(3000). POST http://127.0.0.1:9000/ failed." },
      "cannot list meshes",
    );
    assert.deepEqual([e.kind, e.code, e.retryable], ["transient", "RequestTimeout", true]);
    assert.equal(
      e.message,
      "cannot list meshes: RequestTimeout: ReadTimeout(3000). POST http://127.0.0.1:9000/ failed.",
    );
  });

  const network: [string, unknown, string][] = [
    [
      "a reset connection",
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      "NetworkError(ECONNRESET)",
    ],
    [
      "a refused connection",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      "NetworkError(ECONNREFUSED)",
    ],
    ["a socket hang-up", new Error("socket hang up"), "NetworkError(socket hang up)"],
    ["a connect timeout", new Error("ConnectTimeout(5000)"), "RequestTimeout"],
  ];
  for (const [name, thrown, code] of network) {
    it(`treats ${name} as transient ${code}`, () => {
      const e = toCloudError(thrown, "cannot describe cluster c1");
      assert.deepEqual([e.kind, e.code], ["transient", code]);
    });
  }

  it("fails at once on a host name that does not resolve (a wrong endpoint), naming the host", () => {
    const thrown = Object.assign(new Error("getaddrinfo ENOTFOUND cs.cn-nowhere.aliyuncs.com"), { code: "ENOTFOUND" });
    const e = toCloudError(thrown, "cannot describe cluster c1");
    assert.deepEqual([e.kind, e.retryable], ["terminal", false]);
    assert.match(e.message, /cs\.cn-nowhere\.aliyuncs\.com/);
    // A busy resolver is a blip, retried like any other missing answer.
    const busy = Object.assign(new Error("getaddrinfo EAI_AGAIN cs.cn-hangzhou.aliyuncs.com"), { code: "EAI_AGAIN" });
    assert.equal(toCloudError(busy, "cannot describe cluster c1").kind, "transient");
  });

  it("keeps a CloudError's kind and gives it the new context", () => {
    const e = toCloudError(new CloudError("busy", "StillInitializing", "wait", "old"), "cannot add cluster c1");
    assert.equal(e.message, "cannot add cluster c1: StillInitializing: wait");
  });

  it("survives null, strings and bare objects", () => {
    assert.equal(toCloudError(null, "cannot x").message, "cannot x: UnknownError: ");
    assert.equal(toCloudError({}, "cannot x").kind, "transient");
    assert.equal(
      toCloudError({ statusCode: 400, data: { Code: "InvalidParameter.Name", Message: "bad name" } }, "cannot x")
        .message,
      "cannot x: InvalidParameter.Name: bad name",
    );
  });

  // openapi-core stringifies a missing RequestId into "undefined" (`requestId: \`${requestId}\``).
  it("does not print 'request id undefined' when the service sent none", () => {
    const thrown = new ClientError({
      statusCode: 400,
      code: "InvalidParameter",
      message: "code: 400, bad request id: undefined",
      data: { Code: "InvalidParameter", Message: "bad" },
      requestId: "undefined",
    });
    assert.equal(toCloudError(thrown, "cannot x").message, "cannot x: InvalidParameter: bad");
  });
});
