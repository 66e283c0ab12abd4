// Integration: a cloud response slower than the client's timeout, measured once with the real
// openapi-core client (provider/cloud/alibaba-config.ts sets readTimeout and connectTimeout to 30 s).
// CreateServiceMesh is the call where a timeout hurts most: the server may still act on the abandoned
// request, so the retry must not make a second mesh. (The mapping of ReadTimeout/ConnectTimeout to a
// retryable RequestTimeout is covered in tests/unit/cloud-errors.test.ts.)
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertNothingLost, clusterIdFor, seedCluster, startMatrix, type MatrixRun } from "../support/fault-matrix-kit";
import { startMeshHarness, type MeshHarness } from "../support/mesh-harness";

const READ_TIMEOUT_MS = 30_000; // alibabaConfig().readTimeout
const DELAY_MS = READ_TIMEOUT_MS + 1_000;

describe("fault matrix: a response slower than the client timeout", () => {
  let h: MeshHarness;
  let run: MatrixRun;
  const clusterId = clusterIdFor("ft", 0);
  const lines: { at: number; text: string }[] = [];
  let abandonedAfterMs = 0;
  let outs: Record<string, unknown> | undefined;

  before(async () => {
    h = await startMeshHarness({ seed: { clusters: [seedCluster(clusterId)] } });
    run = await startMatrix(h);
    // GIVEN CreateServiceMesh answers only after 31 s
    h.emulator.injectFault({ action: "CreateServiceMesh", delayMs: DELAY_MS });
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string, ...rest: unknown[]) => {
      lines.push({ at: Date.now(), text: String(chunk) });
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      // WHEN the resource is created
      outs = await h.create({
        clusterId,
        customResourceName: `cr-${clusterId}`,
        kubeconfig: run.kubeconfig,
        deletionPolicy: "Delete",
      });
      // ... and the server has acted on the abandoned request too
      const deadline = Date.now() + DELAY_MS + 5_000;
      while (
        h.emulator.requestLog().filter((e) => e.action === "CreateServiceMesh").length < 2 &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      process.stdout.write = write;
    }
    const started = lines.find((l) => /creating mesh mesh-for-/.test(l.text))?.at ?? 0;
    const timedOut = lines.find((l) => /CreateServiceMesh: RequestTimeout, retrying/.test(l.text))?.at ?? 0;
    abandonedAfterMs = timedOut - started;
    console.log(
      `CreateServiceMesh abandoned after ${abandonedAfterMs} ms; calls: ${h.emulator
        .requestLog()
        .filter((e) => e.action === "CreateServiceMesh")
        .map((e) => `${e.status}${e.code ? ` ${e.code}` : ""}`)
        .join(", ")}`,
    );
  });
  after(async () => {
    await run?.proxy.stop();
    await h?.stop();
  });

  it(
    "abandons the slow call, retries it, and ends with exactly one mesh, which delete removes",
    { timeout: 120_000 },
    async () => {
      assert.ok(outs, "create converged");
      assert.ok(abandonedAfterMs > 0, "the slow call was abandoned with RequestTimeout and retried");
      const creates = h.emulator.requestLog().filter((e) => e.action === "CreateServiceMesh");
      assert.deepEqual(
        creates.map((e) => e.code ?? e.status),
        [200, "NameAlreadyExist"],
        "the retry created the mesh; the abandoned request, acted on late, found it",
      );
      run.ledger.set(clusterId, { state: outs!, crName: `cr-${clusterId}` });
      run.gone.push({ clusterId, crName: `cr-${clusterId}` });
      await assertNothingLost(h, run.k, run.ledger, run.seeded, run.gone);
      await h.delete(outs!);
      run.ledger.delete(clusterId);
      await assertNothingLost(h, run.k, run.ledger, run.seeded, run.gone);
    },
  );

  it("abandons it at the configured 30 s read timeout", () => {
    // alibabaConfig sets readTimeout 30 s, but httpx also passes connectTimeout (10 s) to http.request as
    // the socket idle timeout, which fires first on a silent server: the effective limit is 10 s.
    assert.ok(
      abandonedAfterMs >= READ_TIMEOUT_MS - 500,
      `a CreateServiceMesh response slower than ${abandonedAfterMs} ms was abandoned, before the configured readTimeout of ${READ_TIMEOUT_MS} ms`,
    );
  });
});
