import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { plain } from "../../provider/plain";

// The dynamic-provider host converts every result with google-protobuf's Struct.fromJavaScript (a CommonJS
// module without types, installed with @pulumi/pulumi).
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: unknown): unknown };
};

describe("plain", () => {
  it("makes outputs with undefined fields acceptable to the host's protobuf conversion", () => {
    // GIVEN outputs as read() builds them, with a field that has no value
    const outputs = {
      clusterId: "c1",
      handledRetryAt: undefined,
      status: { conditions: [], serviceMeshId: undefined },
    };
    // THEN the raw value is what failed `pulumi refresh` ("Unexpected struct type"), and plain() fixes it
    assert.throws(() => Struct.fromJavaScript(outputs), /Unexpected struct type/);
    assert.doesNotThrow(() => Struct.fromJavaScript(plain(outputs)));
    assert.deepEqual(plain(outputs), { clusterId: "c1", status: { conditions: [] } });
  });
});
