// The provider plugin's shell around the core: the schema generated from sdk/'s types, the provider's
// configuration as the settings read it, secrets on the wire, and what each request passes the verbs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { schemaFromSdk } from "../../devkit/schema-from-sdk";
import { pluginConfig, PLUGIN_CONFIG } from "../../plugin/config";
import { SERVICE_MESH_TOKEN } from "../../plugin/package-name";
import { ResourceCalls } from "../../plugin/resource-calls";
import { conceal, reveal } from "../../plugin/wire-values";
import { resolveSettings, type ConfigSource } from "../../provider/settings";
import type { ServiceMeshVerbs } from "../../provider/verbs";
import { INPUT_KEYS } from "../../provider/model/validate";
import type { ServiceMeshOutputs } from "../../sdk/outputs";

const ROOT = join(__dirname, "..", "..");
const URN = `urn:pulumi:dev::platform::${SERVICE_MESH_TOKEN}::mesh`;
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe("the plugin's schema", () => {
  const committed = JSON.parse(readFileSync(join(ROOT, "plugin", "schema.json"), "utf8"));
  const resource = committed.resources[SERVICE_MESH_TOKEN];

  it("is the one sdk/'s types give (run `npm run schema` after changing them)", () => {
    assert.deepEqual(committed, schemaFromSdk(ROOT));
  });

  it("has every input the core checks, and every output the TypeScript class declares", () => {
    assert.deepEqual(Object.keys(resource.inputProperties).sort(), [...INPUT_KEYS].sort());
    const outputs: Record<keyof ServiceMeshOutputs, true> = {
      clusterId: true,
      meshId: true,
      name: true,
      clusterSpec: true,
      deletionPolicy: true,
      retryAt: true,
      region: true,
      meshConfig: true,
      timeouts: true,
      istioVersion: true,
      tags: true,
      vpcId: true,
      vSwitchIds: true,
      loadBalancer: true,
      controlPlaneKubeconfig: true,
      managementPolicy: true,
      serviceMeshId: true,
      clusters: true,
      serviceMeshName: true,
      status: true,
      ready: true,
      state: true,
      version: true,
      customResource: true,
      endpoints: true,
      createTime: true,
      meshKubeconfig: true,
      drift: true,
    };
    assert.deepEqual(Object.keys(resource.properties).sort(), Object.keys(outputs).sort());
  });

  it("marks the credentials secret and names the allowed values and defaults", () => {
    assert.equal(resource.inputProperties.kubeconfig.secret, true);
    assert.equal(resource.inputProperties.clusterKubeconfig.secret, true);
    assert.equal(resource.properties.meshKubeconfig.secret, true);
    assert.match(resource.inputProperties.clusterSpec.description, /One of: Standard, Enterprise, Ultimate\./);
    assert.match(resource.inputProperties.deletionPolicy.description, /Default: "Retain"\./);
    assert.deepEqual(resource.requiredInputs, ["clusterId"]);
  });
});

describe("the plugin's configuration", () => {
  it("lists every key the settings read, by the name after the colon", () => {
    const asked: string[] = [];
    const recording: ConfigSource = { get: (key) => (asked.push(key), undefined) };
    resolveSettings(recording, {});
    assert.deepEqual(
      [...new Set(asked.map((k) => k.slice(k.indexOf(":") + 1)))].sort(),
      Object.keys(PLUGIN_CONFIG).sort(),
    );
  });

  it("reads the provider's arguments, then the older engines' variables", () => {
    const variables = new Map([["asm-servicemesh:config:asmEndpoint", "http://127.0.0.1:1"]]);
    const config = pluginConfig({ region: "cn-shanghai", preflight: false }, variables);
    const settings = resolveSettings(config, {});
    assert.deepEqual(
      [settings.region, settings.asmEndpoint, settings.preflight],
      ["cn-shanghai", "http://127.0.0.1:1", false],
    );
  });
});

describe("secrets on the wire", () => {
  it("unwraps nested secrets and names the top-level keys that held one", () => {
    const { values, secretKeys } = reveal({
      kubeconfig: secret("apiVersion: v1"),
      tags: { team: secret("a") },
      name: "m",
    });
    assert.deepEqual(values, { kubeconfig: "apiVersion: v1", tags: { team: "a" }, name: "m" });
    assert.deepEqual([...secretKeys].sort(), ["kubeconfig", "tags"]);
  });

  it("wraps the keys asked for, and leaves absent ones absent", () => {
    assert.deepEqual(conceal({ kubeconfig: "k", name: "m" }, ["kubeconfig", "meshKubeconfig"]), {
      kubeconfig: secret("k"),
      name: "m",
    });
  });
});

describe("what each request passes the core", () => {
  /** Verbs that record what they were given and answer with it. */
  function recordingVerbs() {
    const calls: Record<string, unknown[]> = {};
    const record = (verb: string, ...args: unknown[]) => (calls[verb] = args);
    const verbs = {
      configure: async () => {},
      check: async (olds: any, news: any) => (
        record("check", olds, news),
        { inputs: { ...news, owner: news.owner }, failures: [] }
      ),
      diff: async (...args: unknown[]) => (record("diff", ...args), { replaces: [], deleteBeforeReplace: true }),
      create: async (props: any) => (
        record("create", props),
        { id: props.clusterId, outs: { ...props, meshKubeconfig: "m" } }
      ),
      read: async (id: string, props: any) => (record("read", id, props), { id, props, inputs: { ...props } }),
      update: async (...args: unknown[]) => (record("update", ...args), { outs: {} }),
      delete: async (...args: unknown[]) => void record("delete", ...args),
    } as unknown as ServiceMeshVerbs;
    return { calls, shell: new ResourceCalls(verbs) };
  }

  it("names a new resource's owner from the URN, and gives the recorded inputs no name or URN", async () => {
    const { calls, shell } = recordingVerbs();
    const checked = await shell.check(URN, {}, { clusterId: "c1" });
    const [, news] = calls["check"] as [unknown, Record<string, unknown>];
    assert.deepEqual(news, { clusterId: "c1", resourceName: "mesh", resourceUrn: URN, owner: "platform/dev/mesh" });
    assert.deepEqual(checked.inputs, { clusterId: "c1", owner: "platform/dev/mesh" });
  });

  it("passes an existing resource's recorded inputs as they are: an imported one stays without an owner", async () => {
    const { calls, shell } = recordingVerbs();
    await shell.check(URN, { clusterId: "c1" }, { clusterId: "c1" });
    assert.deepEqual((calls["check"] as unknown[])[0], { clusterId: "c1" });
  });

  it("unwraps secret inputs for create and wraps the credentials it answers", async () => {
    const { calls, shell } = recordingVerbs();
    const created = await shell.create(URN, { clusterId: "c1", kubeconfig: secret("k") });
    assert.equal((calls["create"] as Record<string, unknown>[])[0]!["kubeconfig"], "k");
    assert.deepEqual([created.outs["kubeconfig"], created.outs["meshKubeconfig"]], [secret("k"), secret("m")]);
  });

  it("makes the copy of the inputs among the outputs secret when a secret came under another key", async () => {
    const { shell } = recordingVerbs();
    const created = await shell.create(URN, { clusterId: "c1", tags: secret({ team: "a" }), inputs: { tags: {} } });
    assert.deepEqual(created.outs["tags"], secret({ team: "a" }));
    assert.deepEqual(created.outs["inputs"], secret({ tags: {} }));
  });

  it("reads with the name and URN from the request, and returns inputs without them", async () => {
    const { calls, shell } = recordingVerbs();
    const read = await shell.read("m1", URN, {});
    assert.deepEqual(calls["read"], ["m1", { resourceName: "mesh", resourceUrn: URN }]);
    assert.deepEqual(read.inputs, {});
  });
});
