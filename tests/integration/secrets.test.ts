// Integration: no credential reaches a log line, an error message or stack, the outputs or partial state
// (other than the `kubeconfig` input itself, which the engine stores as a secret), or the CR status —
// across create, update, an injected failure, refresh and delete, with an access key pair and with STS
// credentials, and when the cloud or the cluster echoes credentials back in an error message.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import { crReader } from "../support/fault-matrix-kit";
import type { StsToken } from "../../emulator";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { captureOutput } from "../support/output-capture";

const seed = (ids: string[]) => ({
  clusters: ids.map((clusterId) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-s", vswitchIds: ["vsw-s"] })),
});

/** Everything a user or a log collector could see, gathered as text. */
class Evidence {
  private readonly items: { where: string; text: string }[] = [];
  add(where: string, value: unknown): void {
    this.items.push({ where, text: typeof value === "string" ? value : JSON.stringify(value) });
  }
  error(where: string, e: unknown): void {
    const err = e as Error & { properties?: Record<string, unknown>; reasons?: string[] };
    this.add(`${where} message`, err.message);
    this.add(`${where} stack`, err.stack ?? "");
    this.add(`${where} String()`, String(e));
    if (err.reasons) this.add(`${where} reasons`, err.reasons);
    if (err.properties) this.state(`${where} partial state`, err.properties);
  }
  /** Outputs and partial state: everything except the kubeconfig input (stored by the engine as a secret). */
  state(where: string, props: Record<string, unknown> | undefined): void {
    const { kubeconfig: _kubeconfig, ...rest } = props ?? {};
    this.add(where, rest);
  }
  leaks(secrets: Record<string, string>): string[] {
    const found: string[] = [];
    for (const [name, secret] of Object.entries(secrets)) {
      for (const item of this.items)
        if (item.text.includes(secret)) found.push(`${name} in ${item.where}: …${excerpt(item.text, secret)}…`);
    }
    return found;
  }
}

function excerpt(text: string, secret: string): string {
  const at = text.indexOf(secret);
  return text.slice(Math.max(0, at - 80), at + secret.length + 20);
}

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error("expected the operation to fail");
}

/**
 * GIVEN a harness whose provider holds recognisable credentials, WHEN the whole lifecycle runs with
 * failures that echo them, THEN nothing but the kubeconfig input carries them.
 */
async function runLifecycle(
  h: MeshHarness,
  clusterId: string,
  otherClusterId: string,
  secrets: Record<string, string>,
): Promise<Evidence> {
  const evidence = new Evidence();
  const cr = crReader(h.kube.kubeconfig);
  const echo = Object.entries(secrets)
    .filter(([name]) => name !== "bad kube token") // the provider has not seen it yet
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  const output = captureOutput();
  try {
    // create
    const created = await h.create({ clusterId, deletionPolicy: "Delete" });
    evidence.state("create outputs", created);

    // update: rename + meshConfig
    const updated = await h.update(created, {
      clusterId,
      deletionPolicy: "Delete",
      name: `renamed-${clusterId}`,
      meshConfig: { tracing: { enabled: true, sampling: 10 } },
    });
    evidence.state("update outputs", updated);

    // an injected failure whose message echoes every credential, as a misbehaving gateway could
    const args = {
      clusterId,
      deletionPolicy: "Delete",
      name: `renamed-${clusterId}`,
      clusterSpec: "Enterprise",
      meshConfig: { tracing: { enabled: true, sampling: 10 } },
    };
    h.emulator.injectFault({
      action: "UpdateMeshFeature",
      code: "InvalidParameter",
      status: 400,
      message: `The request is invalid: ${echo}; Authorization: Bearer ${secrets["kube token"]}`,
    });
    const failed = await failureOf(() => h.update(updated, args));
    assert.ok(failed instanceof PartialFailure, "an update failure carries the partial state");
    assert.match(
      failed.message,
      /MeshConfigApplied failed: cannot update the features of mesh \S+: InvalidParameter: The request is invalid: /,
      "the cloud's code and message survive redaction",
    );
    evidence.error("update failure", failed);
    evidence.add("CR after the failure", await cr.get("mesh"));

    // a cloud failure on delete that echoes them too; the resource stays, then the delete goes through
    const resumed = await h.update(failed.properties, args);
    evidence.state("resumed outputs", resumed);
    h.emulator.injectFault({
      action: "RemoveClusterFromServiceMesh",
      code: "Forbidden.RAM",
      status: 403,
      message: `denied for ${echo}`,
    });
    evidence.error("delete failure", await failureOf(() => h.delete(resumed)));
    evidence.add("CR after the delete failure", await cr.get("mesh"));

    // refresh
    const read = await h.read(resumed);
    evidence.state("read props", read.props);
    evidence.state("read inputs", read.inputs);

    // the cluster refuses a kubeconfig with a bad (but recognisable) token: its message must not echo it
    const badKubeconfig = h.kube.kubeconfig.replace(/token: \S+/, `token: ${secrets["bad kube token"]}`);
    const refused = await failureOf(() =>
      h.create({ clusterId: otherClusterId, kubeconfig: badKubeconfig, timeouts: { create: "5s" } }),
    );
    assert.match((refused as Error).message, /Kubernetes\.(401|Unauthorized)/, "the 401 is reported");
    evidence.error("create with a bad kube token", refused);

    // delete
    await h.delete(resumed);
    assert.equal(await cr.get("mesh"), undefined);
  } finally {
    output.stop();
    h.emulator.clearFaults();
  }
  evidence.add("stdout+stderr", output.text());
  assert.match(output.text(), /\*\*\*/, "echoed credentials were masked in the logs, not dropped silently");
  return evidence;
}

describe("secrets stay out of logs, errors, outputs and the CR", () => {
  describe("with an access key pair", () => {
    let h: MeshHarness;
    before(async () => {
      h = await startMeshHarness({ seed: seed(["csecak", "csecak2"]) });
    });
    after(async () => h?.stop());

    it("never shows the access key secret or the kubeconfig token, even when errors echo them", async () => {
      const secrets = {
        "access key secret": h.accessKeySecret,
        "kube token": h.kube.adminToken,
        "bad kube token": `kubetoken-bad-${randomBytes(12).toString("hex")}`,
      };
      const evidence = await runLifecycle(h, "csecak", "csecak2", secrets);
      assert.deepEqual(evidence.leaks(secrets), []);
    });
  });

  describe("with STS credentials (alicloud:securityToken)", () => {
    let h: MeshHarness & { sts: StsToken };
    before(async () => {
      h = (await startMeshHarness({ seed: seed(["csecsts", "csecsts2"]), sts: true })) as MeshHarness & {
        sts: StsToken;
      };
    });
    after(async () => h?.stop());

    it("never shows the STS secret, the security token or the kubeconfig token", async () => {
      const secrets = {
        "STS access key secret": h.sts.accessKeySecret,
        "STS security token": h.sts.securityToken,
        "kube token": h.kube.adminToken,
        "bad kube token": `kubetoken-bad-${randomBytes(12).toString("hex")}`,
      };
      h.emulator.clearRequestLog();
      const evidence = await runLifecycle(h, "csecsts", "csecsts2", secrets);
      assert.deepEqual(evidence.leaks(secrets), []);
      // The STS key pair was really used (not a silent fallback to another credential).
      const keys = new Set(h.emulator.requestLog().map((e) => e.accessKeyId));
      assert.deepEqual([...keys], [h.sts.accessKeyId]);
    });
  });
});
