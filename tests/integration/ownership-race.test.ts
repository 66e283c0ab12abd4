// Integration: two resources (two stacks) create a mesh for one cluster at the same moment, each from a
// provider process of its own, against one emulator and one real kube-apiserver, 20 times. Each round
// ends with one mesh, owned by the winner and serving the cluster; the loser fails naming that mesh and
// the winner's stack, and records no mesh; destroying the loser (deletionPolicy Delete) leaves the
// winner's mesh and enrollment untouched and removes only the loser's CR; nothing is orphaned.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createInterface } from "node:readline";
import type { ChildProcess } from "node:child_process";
import { OWNER_TAG } from "../../provider/model/ownership";
import { clusterReader, type ClusterReader } from "../support/kube-read";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";
import { spawnTracked, stopProcess } from "../support/processes";
import { ANSWER } from "../support/provider-process";

const ROUNDS = 20;
const clusterIds = Array.from({ length: ROUNDS }, (_, i) => `crace${String(i).padStart(2, "0")}`);

type Answer = {
  ok: boolean;
  message?: string;
  outs?: Record<string, unknown>;
  partial?: Record<string, unknown> | null;
};

/** One provider process, as one `pulumi up` has: commands in, answers out, one line each. */
class ProviderProcess {
  private readonly answers: AsyncIterator<string>;

  constructor(private readonly child: ChildProcess) {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    this.answers = {
      async next() {
        for (let line = await lines.next(); !line.done; line = await lines.next()) {
          if (line.value.startsWith(ANSWER)) return { done: false, value: line.value.slice(ANSWER.length) };
        }
        return { done: true, value: undefined };
      },
    };
  }

  static async start(config: Record<string, string>): Promise<ProviderProcess> {
    const child = spawnTracked(process.execPath, ["--import", "tsx", "tests/support/provider-process.ts"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const p = new ProviderProcess(child);
    child.stdin!.write(`${JSON.stringify(config)}\n`);
    await p.answer();
    await p.send({ op: "warm" });
    return p;
  }

  /** Writes the command now; the answer comes from `answer()`. */
  post(command: Record<string, unknown>): Promise<Answer> {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
    return this.answer();
  }

  send(command: Record<string, unknown>): Promise<Answer> {
    return this.post(command);
  }

  private async answer(): Promise<Answer> {
    const next = await this.answers.next();
    if (next.done) throw new Error("the provider process ended without answering");
    return JSON.parse(next.value) as Answer;
  }

  async stop(): Promise<void> {
    this.child.stdin!.end();
    await stopProcess(this.child);
  }
}

describe("two stacks race for one cluster's mesh", () => {
  let h: MeshHarness;
  let kube: ClusterReader;
  let stacks: { a: ProviderProcess; b: ProviderProcess };

  before(async () => {
    h = await startMeshHarness({
      seed: { clusters: clusterIds.map((clusterId) => ({ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-race" })) },
    });
    kube = clusterReader(h.kube.kubeconfig);
    const [a, b] = await Promise.all([
      ProviderProcess.start(h.providerConfig),
      ProviderProcess.start(h.providerConfig),
    ]);
    stacks = { a: a!, b: b! };
  });

  after(async () => {
    await Promise.allSettled([stacks?.a.stop(), stacks?.b.stop()]);
    await h?.stop();
  });

  /** What the SDK shell passes for resource `mesh` of stack `race/<stack>`, with a CR of its own. */
  const props = (stack: "a" | "b", clusterId: string) => ({
    clusterId,
    owner: `race/${stack}/mesh`,
    resourceName: "mesh",
    deletionPolicy: "Delete",
    kubeconfig: h.kube.kubeconfig,
    customResourceNamespace: "istio-system",
    customResourceName: `${clusterId}-${stack}`,
    __provider: "exports.handler = () => undefined;",
  });

  it(`ends every one of ${ROUNDS} rounds with one mesh, the winner's, and a loser that took nothing`, async (t) => {
    const outcomes = { preChecked: 0, afterCreateRace: 0 };
    for (const clusterId of clusterIds) {
      // WHEN both stacks create at the same moment
      const [a, b] = await Promise.all([
        stacks.a.post({ op: "create", props: props("a", clusterId) }),
        stacks.b.post({ op: "create", props: props("b", clusterId) }),
      ]);
      // THEN exactly one wins
      assert.equal(
        [a, b].filter((r) => r.ok).length,
        1,
        `${clusterId}: one winner (${a.message ?? ""} | ${b.message ?? ""})`,
      );
      const [winner, loser, winnerStack, loserStack] = a.ok ? [a, b, "a", "b"] : [b, a, "b", "a"];
      const meshes = h.emulator.inventory().meshes.filter((m) => m.name === `mesh-for-${clusterId}`);
      assert.equal(meshes.length, 1, `${clusterId}: one mesh`);
      const mesh = meshes[0]!;
      const meshId = mesh.serviceMeshId;
      assert.equal(winner.outs?.["serviceMeshId"], meshId);
      assert.equal(mesh.tags.find((t) => t.Key === OWNER_TAG)?.Value, `race/${winnerStack}/mesh`);
      // AND the loser names the mesh and the winner, and records no mesh
      assert.match(
        loser.message ?? "",
        new RegExp(`mesh ${meshId} \\(mesh-for-${clusterId}\\) belongs to resource mesh of stack race/${winnerStack}`),
      );
      assert.equal(
        loser.partial?.["serviceMeshId"] || undefined,
        undefined,
        `${clusterId}: the loser recorded no mesh`,
      );
      if (/PreChecked failed|check failed|pre-check/.test(loser.message ?? "") || !loser.partial) outcomes.preChecked++;
      else outcomes.afterCreateRace++;

      // WHEN the loser is destroyed (deletionPolicy Delete), from what its state holds
      if (loser.partial) {
        const destroyed = await stacks[loserStack as "a" | "b"].send({ op: "delete", props: loser.partial });
        assert.equal(destroyed.ok, true, destroyed.message);
      }
      // THEN the winner's mesh still serves the cluster and its CR stands; the loser's CR is gone
      const after = h.emulator.inventory().meshes.find((m) => m.serviceMeshId === meshId);
      assert.equal(after?.state, "running");
      assert.deepEqual(after?.clusters, [clusterId]);
      assert.ok(await kube.serviceMesh(`${clusterId}-${winnerStack}`, "istio-system"), "the winner's CR");
      assert.equal(await kube.serviceMesh(`${clusterId}-${loserStack}`, "istio-system"), undefined, "no orphaned CR");

      // AND the winner's own destroy then leaves nothing behind
      const gone = await stacks[winnerStack as "a" | "b"].send({ op: "delete", props: winner.outs! });
      assert.equal(gone.ok, true, gone.message);
      assert.equal(h.emulator.inventory().meshes.filter((m) => m.name === `mesh-for-${clusterId}`).length, 0);
    }
    // Where the loser lost (at PreChecked, or after its CreateServiceMesh was refused) is up to timing.
    t.diagnostic(
      `loser refused at PreChecked: ${outcomes.preChecked}, after the creation race: ${outcomes.afterCreateRace}`,
    );
  });
});
