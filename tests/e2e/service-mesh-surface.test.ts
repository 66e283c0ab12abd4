// End-to-end through the real pulumi CLI: a representative part of the ASM surface beyond the seed's
// (Istio version, tags, public endpoints, the full meshConfig, the control-plane kubeconfig) previewed
// and applied in place, the network previewed as a replacement, a downgrade refused at preview, and the
// kubeconfig kept secret in state.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startMeshWorld, type MeshWorld } from "../support/mesh-stack";
import { ISTIO_VERSIONS } from "../../emulator/asm/istio-versions";

const [V22, V23, V24] = ISTIO_VERSIONS;
const meshStep = (preview: any) => {
  const step = preview.steps.find((s: any) => s.urn.endsWith("::mesh"));
  return { op: step?.op, diffs: [...(step?.diffReasons ?? [])].sort(), replaceKeys: step?.replaceReasons ?? [] };
};

describe("the ASM surface through the real pulumi CLI", () => {
  let w: MeshWorld;
  before(async () => {
    w = await startMeshWorld({
      clusters: [{ clusterId: "csurface", regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] }],
    });
  });
  after(async () => w?.stop());

  it("creates with a pinned version, tags, a public API server and meshConfig, then changes them in place", async () => {
    // GIVEN a program with part of the surface set
    const base = {
      clusterId: "csurface",
      istioVersion: V22!,
      tags: JSON.stringify({ team: "payments" }),
      loadBalancer: JSON.stringify({ apiServerPublicEip: true }),
      meshConfig: JSON.stringify({ gatewayApi: true, opa: { enabled: true, logLevel: "info" } }),
      controlPlaneKubeconfig: "public",
    };
    const stack = await w.stack(base);
    await stack.up();
    const mesh = () => w.emulator.inventory().meshes.find((m) => m.clusters.includes("csurface"));
    const outputs: any = await stack.stackOutputs({ showSecrets: true });
    assert.equal(outputs["istioVersion"], V22);
    assert.match(String(outputs["endpoints"]?.["apiServerPublic"]), /^https:\/\//);
    assert.match(String(outputs["meshKubeconfig"]), /server: https:\/\//);
    assert.deepEqual(
      mesh()?.tags.find((t) => t.Key === "team"),
      { Key: "team", Value: "payments" },
    );

    // AND the control plane's kubeconfig is a secret in state
    const exported = await stack.exportStack();
    const resource = exported.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/asm:ServiceMesh");
    assert.ok(resource.outputs.meshKubeconfig?.ciphertext, "meshKubeconfig is stored as a secret");
    const token = /token: (\S+)/.exec(String(outputs["meshKubeconfig"]))?.[1] ?? "?";
    assert.equal((await readFile(stack.statePath(), "utf8")).includes(token), false, "no kubeconfig token in state");

    // WHEN the version, the tags and Pilot's EIP change, THEN the preview is an in-place update of those
    const changed = {
      ...base,
      istioVersion: V23!,
      tags: JSON.stringify({ team: "checkout" }),
      loadBalancer: JSON.stringify({ apiServerPublicEip: true, pilotEipId: "eip-pilot9" }),
    };
    const configure = async (config: Record<string, string>) => {
      for (const [key, value] of Object.entries(config)) await stack.setConfig(`mesh-e2e:${key}`, value);
    };
    await configure(changed);
    assert.deepEqual(meshStep(await stack.previewJson()), {
      op: "update",
      diffs: ["istioVersion", "loadBalancer", "tags"],
      replaceKeys: [],
    });
    const id = mesh()?.serviceMeshId;
    await stack.up();
    assert.deepEqual(
      [mesh()?.serviceMeshId, mesh()?.version, mesh()?.tags.find((t) => t.Key === "team")?.Value],
      [id, V23, "checkout"],
    );
    await stack.preview(["--expect-no-changes"]);

    // AND an older version fails the preview, naming istioVersion; another VPC previews a replacement
    await configure({ istioVersion: V22! });
    await assert.rejects(
      stack.previewJson(),
      /istioVersion v1\.22\.6\.95-g1d7f0e9c-aliyun is older than the mesh's v1\.23/,
    );
    // Another VPC: ASM cannot move the mesh, and deletionPolicy Retain would keep it and join it again
    await configure({ istioVersion: V24!, vpcId: "vpc-2", vSwitchIds: JSON.stringify(["vsw-2"]) });
    await assert.rejects(
      stack.previewJson(),
      /vpcId is vpc-2 but mesh \S+ has vpc-1; ASM fixes it when it creates a mesh/,
    );
    // With deletionPolicy Delete in state, the move previews as a replacement
    await configure({
      istioVersion: V23!,
      vpcId: "vpc-1",
      vSwitchIds: JSON.stringify(["vsw-1"]),
      deletionPolicy: "Delete",
    });
    await stack.up();
    await configure({ vpcId: "vpc-2", vSwitchIds: JSON.stringify(["vsw-2"]) });
    const replace = meshStep(await stack.previewJson());
    assert.deepEqual([replace.op, [...replace.replaceKeys].sort()], ["replace", ["vSwitchIds", "vpcId"]]);
    await stack.destroy();
  });
});
