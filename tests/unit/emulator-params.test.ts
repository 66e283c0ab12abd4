/** Unit tests for the emulator's parameter parsing: form and query decoding, flattened lists, JSON-in-string. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { ApiError } from "../../emulator/errors";
import {
  flattenJson,
  jsonStringArray,
  objectList,
  optionalBool,
  optionalNumber,
  parseBody,
  parseUrlEncoded,
  redact,
  required,
  tags,
} from "../../emulator/params";

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ApiError && e.code === code);
}

describe("parseUrlEncoded", () => {
  const table: [string, string, Record<string, string>][] = [
    ["an empty string", "", {}],
    ["simple pairs", "a=1&b=2", { a: "1", b: "2" }],
    ["percent-encoded values and + as space", "Name=%E7%BD%91%E6%A0%BC&x=a+b", { Name: "网格", x: "a b" }],
    ["a name without a value", "flag&x=", { flag: "", x: "" }],
    ["flattened list keys", "Tag.1.Key=k&Tag.1.Value=v", { "Tag.1.Key": "k", "Tag.1.Value": "v" }],
    ["unescaped *() as Node's querystring sends them", "v=a*b(c)", { v: "a*b(c)" }],
  ];
  for (const [name, input, expected] of table) {
    it(`parses ${name}`, () => assert.deepEqual(parseUrlEncoded(input), expected));
  }

  it("round-trips what openapi-core's toForm produces", () => {
    const body = {
      ServiceMeshId: "c1",
      VSwitches: JSON.stringify(["vsw-1", "vsw-2"]),
      Tag: [{ Key: "a b", Value: "x&y=z" }],
      Tracing: true,
      TraceSampling: 5,
    };
    assert.deepEqual(parseUrlEncoded(OpenApiUtil.toForm(body)), {
      ServiceMeshId: "c1",
      VSwitches: '["vsw-1","vsw-2"]',
      "Tag.1.Key": "a b",
      "Tag.1.Value": "x&y=z",
      Tracing: "true",
      TraceSampling: "5",
    });
  });

  it("refuses malformed percent-encoding with InvalidParameter", () =>
    throwsCode(() => parseUrlEncoded("a=%E0%A4%A"), "InvalidParameter"));
});

describe("parseBody", () => {
  it("flattens a JSON body like a form body", () => {
    assert.deepEqual(parseBody(Buffer.from('{"a":1,"Tag":[{"Key":"k"}]}'), "application/json; charset=utf-8"), {
      a: "1",
      "Tag.1.Key": "k",
    });
  });
  it("refuses a JSON body that does not parse", () =>
    throwsCode(() => parseBody(Buffer.from("{nope"), "application/json"), "InvalidParameter"));
  it("gives nothing for an empty body", () => assert.deepEqual(parseBody(Buffer.alloc(0), undefined), {}));
  it("flattens nested objects with dots", () =>
    assert.deepEqual(flattenJson({ a: { b: [true, null, 3] } }), { "a.b.1": "true", "a.b.3": "3" }));
});

describe("typed parameter readers", () => {
  it("names the missing parameter in the code", () =>
    throwsCode(() => required({}, "ServiceMeshId"), "MissingServiceMeshId"));
  it("treats an empty value as missing", () => throwsCode(() => required({ Name: "" }, "Name"), "MissingName"));

  const bools: [string | undefined, boolean | undefined][] = [
    ["true", true],
    ["false", false],
    ["TRUE", true],
    [undefined, undefined],
  ];
  for (const [input, expected] of bools) {
    it(`reads boolean ${String(input)} as ${String(expected)}`, () =>
      assert.equal(optionalBool(input === undefined ? {} : { B: input }, "B"), expected));
  }
  it("refuses a boolean that is not true or false", () =>
    throwsCode(() => optionalBool({ B: "yes" }, "B"), "InvalidParameter"));

  it("reads numbers within bounds and refuses others", () => {
    assert.equal(optionalNumber({ N: "5.5" }, "N", 0, 100), 5.5);
    throwsCode(() => optionalNumber({ N: "101" }, "N", 0, 100), "InvalidParameter");
    throwsCode(() => optionalNumber({ N: "x" }, "N"), "InvalidParameter");
  });
});

describe("JSON-in-string and flattened lists", () => {
  it("reads VSwitches as a JSON array of strings", () =>
    assert.deepEqual(jsonStringArray({ V: '["vsw-1","vsw-2"]' }, "V"), ["vsw-1", "vsw-2"]));
  for (const bad of ["vsw-1", '{"a":1}', "[1,2]", '[""]', "[vsw-1]"]) {
    it(`refuses VSwitches=${bad}`, () => throwsCode(() => jsonStringArray({ V: bad }, "V"), "InvalidParameter"));
  }

  it("orders a flattened list by index, not by text", () => {
    const params: Record<string, string> = {};
    for (let i = 1; i <= 11; i++) params[`Tag.${i}.Key`] = `k${i}`;
    assert.deepEqual(
      objectList(params, "Tag").map((t) => t["Key"]),
      Array.from({ length: 11 }, (_, i) => `k${i + 1}`),
    );
  });

  it("reads tags with an empty Value when absent", () =>
    assert.deepEqual(tags({ "Tag.1.Key": "a" }), [{ Key: "a", Value: "" }]));
  it("refuses a tag without a Key", () => throwsCode(() => tags({ "Tag.1.Value": "v" }), "InvalidParameter"));
  it("refuses a non-numeric list index", () =>
    throwsCode(() => objectList({ "Tag.x.Key": "a" }, "Tag"), "InvalidParameter"));
});

describe("redact", () => {
  it("drops anything named like a secret, token, signature or kubeconfig", () => {
    assert.deepEqual(
      redact({
        ServiceMeshId: "c1",
        AccessKeySecret: "s",
        SecurityToken: "t",
        Signature: "x",
        Kubeconfig: "k",
        Name: "n",
      }),
      {
        ServiceMeshId: "c1",
        Name: "n",
      },
    );
  });
});
