// docs/how-it-works.md shows `kubectl explain servicemesh.spec` on the demo's cluster. This installs the CRD
// into a real kube-apiserver the way the provider does (its CustomResourceClient.ensureCrd, through
// client-node) and checks that the real kubectl prints exactly that.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeDeps } from "../../provider/deps/make-deps";
import { crRef } from "../../provider/kube/cr-ref";
import { startKubeCluster, type KubeCluster } from "../support/kube-cluster";
import { runCommand } from "../support/processes";
import { toolchain } from "../../devkit/toolchain";

const PAGE = join(__dirname, "..", "..", "docs", "how-it-works.md");

/** The block after "$ kubectl explain servicemesh.spec" in docs/how-it-works.md, without trailing blanks. */
function documentedExplain(): string {
  const match = /^```text\n\$ kubectl explain servicemesh\.spec\n([\s\S]*?)^```$/m.exec(readFileSync(PAGE, "utf8"));
  if (!match?.[1])
    throw new Error("docs/how-it-works.md has no ```text block starting with $ kubectl explain servicemesh.spec");
  return tidy(match[1]);
}
const tidy = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .trim();

describe("kubectl explain servicemesh.spec", () => {
  let kube: KubeCluster;
  const kubectl = (...args: string[]) =>
    runCommand(toolchain().kubectl, args, { env: { ...process.env, KUBECONFIG: kube.kubeconfigPath } });

  before(async () => {
    kube = await startKubeCluster();
    const deps = makeDeps({
      settings: { protocol: "HTTP" },
      operation: "create",
      clusterId: "cexplain",
      kubeconfig: kube.kubeconfig,
      resourceName: "explain",
      customResource: crRef({}),
    });
    await deps.crCluster.ensureCrd(); // returns once the CRD is Established
  });
  after(async () => kube?.stop());

  it("prints the spec fields with their descriptions, as docs/how-it-works.md shows", async () => {
    // The API server publishes a new CRD's schema to OpenAPI a moment after it is Established; until
    // then explain fails. Bounded retries, no timing asserted.
    let out = "";
    for (let attempt = 0; attempt < 60 && !out.includes("FIELDS:"); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 500));
      out = (await kubectl("explain", "servicemesh.spec")).stdout;
    }
    assert.equal(tidy(out), documentedExplain());
  });
});
