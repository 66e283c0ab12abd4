import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { identityFromUrn, ownerName } from "../../provider/model/resource-identity";

describe("the resource's identity, as both shells pass it", () => {
  it("reads name, owner and URN from a URN, under a parent or not", () => {
    const top = "urn:pulumi:dev::platform::pulumi-nodejs:dynamic/asm:ServiceMesh::mesh";
    assert.deepEqual(identityFromUrn(top), { resourceName: "mesh", owner: "platform/dev/mesh", resourceUrn: top });
    const nested = "urn:pulumi:prod::platform::my:index:Cluster$asm-servicemesh:index:ServiceMesh::edge-mesh";
    assert.equal(identityFromUrn(nested).owner, "platform/prod/edge-mesh");
  });

  it("keeps '::' inside the name, and names the owner as the SDK does", () => {
    const urn = "urn:pulumi:dev::p::asm-servicemesh:index:ServiceMesh::a::b";
    assert.equal(identityFromUrn(urn).resourceName, "a::b");
    assert.equal(ownerName("p", "dev", "a::b"), identityFromUrn(urn).owner);
  });

  it("refuses what is not a URN", () => {
    assert.throws(() => identityFromUrn("mesh"), /not a Pulumi URN: mesh/);
  });
});
