// Shared machinery for the fault-matrix tests: a table of cases (step × fault), a runner that drives the
// provider through the mesh harness and classifies the outcome, and the "nothing lost" checks that
// compare the emulator's inventory and the cluster with what Pulumi state would hold after each case.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as k8s from "@kubernetes/client-node";
import type { Fault, MeshView, RunningEmulator } from "../../emulator";
import { PartialFailure } from "../../provider/pipeline/partial-failure";
import { CLUSTER_TAG } from "../../provider/model/ownership";
import { startMeshHarness, type MeshHarness } from "./mesh-harness";
import { kubeconfigVia, serverOf, startTcpProxy, type TcpProxy } from "./tcp-proxy";

export type Operation = "create" | "update" | "delete";
export type Props = Record<string, unknown>;

/** What a case sees: the harness, its own cluster and CR, and the proxy in front of the apiserver. */
export interface CaseContext {
  h: MeshHarness;
  clusterId: string;
  crName: string;
  proxy: TcpProxy;
  /** State before the faulty operation (update and delete cases). */
  before?: Props;
}

export type Expectation =
  | { converges: true }
  | {
      /** The step whose condition ends False (ServiceMeshDeleted for delete). */
      fails: string;
      reason?: string;
      /** Must appear in the condition message and the error: the cloud's code and message. */
      message: RegExp;
      /** Make the next run possible (e.g. an operator repairs a failed mesh) before resuming. */
      repair?: (ctx: CaseContext) => Promise<void> | void;
      /** The condition could not be written (the apiserver was down): check the partial state only. */
      statusUnwritten?: boolean;
    };

export interface FaultCase {
  op: Operation;
  step: string;
  fault: string;
  /** Extra inputs for create (e.g. join a pre-seeded mesh) and for the update's new inputs. */
  args?: Props;
  /** New inputs of the faulty update (merged over `args`). */
  change?: Props;
  timeouts?: { create?: string; update?: string; delete?: string };
  /** Arms the fault just before the faulty operation; may return a promise that must settle after it. */
  inject(ctx: CaseContext): void | Promise<unknown> | undefined;
  expect: Expectation;
  /** Meshes the case seeds in the emulator (joined by name), so the inventory check knows them. */
  seedMesh?: { name: string; clusterSpec: "standard" | "enterprise" | "ultimate" };
}

export const title = (c: FaultCase) =>
  `${c.op} · ${c.step} · ${c.fault} → ${"converges" in c.expect ? "converges" : `fails with ${c.expect.fails} False`}`;

/** Fires `fn` once the emulator has answered `action` (polls the request log; cheap and in-process). */
export function afterAction(
  emulator: RunningEmulator,
  action: string,
  fn: () => unknown,
  occurrence = 1,
): Promise<unknown> {
  const seenBefore = emulator.requestLog().filter((e) => e.action === action).length;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const seen = emulator.requestLog().filter((e) => e.action === action).length - seenBefore;
      if (seen >= occurrence) {
        clearInterval(timer);
        Promise.resolve().then(fn).then(resolve, reject);
      } else if (Date.now() - started > 60_000) {
        clearInterval(timer);
        reject(new Error(`${action} was never called`));
      }
    }, 5);
  });
}

export const fault = (f: Fault) => (ctx: CaseContext) => ctx.h.emulator.injectFault(f);

/**
 * The three faults every cloud call must ride out: throttled twice, a server error twice, one dropped
 * connection. Each is a case of its own that must converge.
 */
export function recoverableFaults(
  op: Operation,
  step: string,
  action: string,
  serverError: { code: string; status: number },
  extra: Partial<FaultCase> = {},
): FaultCase[] {
  const converges = { converges: true } as const;
  return [
    {
      op,
      step,
      fault: `Throttling.User ×2 on ${action}`,
      inject: fault({ action, code: "Throttling.User", status: 400, times: 2 }),
      expect: converges,
      ...extra,
    },
    {
      op,
      step,
      fault: `${serverError.status} ${serverError.code} ×2 on ${action}`,
      inject: fault({ action, ...serverError, times: 2 }),
      expect: converges,
      ...extra,
    },
    {
      op,
      step,
      fault: `dropped connection on ${action}`,
      inject: fault({ action, dropConnection: true }),
      expect: converges,
      ...extra,
    },
  ];
}

export interface CrReader {
  get(name: string, namespace?: string): Promise<any | undefined>;
}

export function crReader(kubeconfig: string): CrReader {
  const config = new k8s.KubeConfig();
  config.loadFromString(kubeconfig);
  const objects = config.makeApiClient(k8s.CustomObjectsApi);
  return {
    async get(name, namespace = "istio-system") {
      try {
        return await objects.getNamespacedCustomObject({
          group: "istio.alibabacloud.com",
          version: "v1beta1",
          namespace,
          plural: "servicemeshes",
          name,
        });
      } catch (e) {
        if ((e as { code?: number }).code === 404) return undefined;
        throw e;
      }
    },
  };
}

const taggedFor = (m: MeshView, clusterId: string) =>
  m.tags.some((t) => t.Key === CLUSTER_TAG && t.Value === clusterId);

/**
 * The emulator and the cluster agree with Pulumi state: `ledger` holds the state of every live resource
 * (by cluster id), `seeded` the ids of meshes that existed before the tests.
 * - no duplicate: at most one mesh was created for a cluster and at most one holds it;
 * - no leak: every mesh is pre-seeded or the one a live resource records;
 * - no orphaned CR: a deleted resource's CR is gone; a live one's CR names the recorded mesh.
 */
export async function assertNothingLost(
  h: MeshHarness,
  k: CrReader,
  ledger: Map<string, { state: Props; crName: string; statusUnwritten?: boolean }>,
  seeded: Set<string>,
  gone: { clusterId: string; crName: string }[],
): Promise<void> {
  const { meshes } = h.emulator.inventory();
  const recorded = new Set([...ledger.values()].map((l) => String(l.state["serviceMeshId"] ?? "")).filter(Boolean));
  for (const m of meshes) {
    assert.ok(
      seeded.has(m.serviceMeshId) || recorded.has(m.serviceMeshId),
      `leaked mesh ${m.serviceMeshId} (${m.name}, ${m.state}): no state records it`,
    );
  }
  for (const [clusterId, { state, crName, statusUnwritten }] of ledger) {
    const holding = meshes.filter((m) => m.clusters.includes(clusterId));
    assert.ok(holding.length <= 1, `cluster ${clusterId} is in ${holding.length} meshes`);
    const created = meshes.filter((m) => taggedFor(m, clusterId));
    assert.ok(
      created.length <= 1,
      `duplicate meshes for ${clusterId}: ${created.map((m) => m.serviceMeshId).join(", ")}`,
    );
    const recordedId = String(state["serviceMeshId"] ?? "");
    for (const m of [...created, ...holding])
      assert.equal(m.serviceMeshId, recordedId, `mesh ${m.serviceMeshId} for ${clusterId} is not the one in state`);
    const cr = await k.get(crName);
    assert.ok(cr, `the CR istio-system/${crName} of live resource ${clusterId} exists`);
    const ref = state["customResource"] as { uid?: string } | undefined;
    if (ref?.uid) assert.equal(cr.metadata.uid, ref.uid, "state names this CR");
    if (recordedId && !statusUnwritten)
      assert.equal(cr.status?.serviceMeshId, recordedId, "the CR status names the recorded mesh");
  }
  for (const { clusterId, crName } of gone) {
    if (ledger.has(clusterId)) continue;
    assert.equal(await k.get(crName), undefined, `orphaned CR istio-system/${crName} after ${clusterId} was deleted`);
    const left = meshes.filter(
      (m) => (taggedFor(m, clusterId) || m.clusters.includes(clusterId)) && !seeded.has(m.serviceMeshId),
    );
    assert.deepEqual(
      left.map((m) => m.serviceMeshId),
      [],
      `meshes left for deleted ${clusterId}`,
    );
    assert.deepEqual(
      meshes.filter((m) => m.clusters.includes(clusterId)).map((m) => m.serviceMeshId),
      [],
      `${clusterId} still enrolled after delete`,
    );
  }
}

/** Condition of a type in a state's status. */
export const conditionOf = (state: Props, type: string) =>
  (
    (
      state["status"] as
        { conditions?: { type: string; status: string; reason: string; message: string }[] } | undefined
    )?.conditions ?? []
  ).find((c) => c.type === type);

export interface MatrixRun {
  h: MeshHarness;
  k: CrReader;
  proxy: TcpProxy;
  /** Kubeconfig through the proxy, passed as the `kubeconfig` input of every case. */
  kubeconfig: string;
  ledger: Map<string, { state: Props; crName: string; statusUnwritten?: boolean }>;
  seeded: Set<string>;
  gone: { clusterId: string; crName: string }[];
}

export async function startMatrix(h: MeshHarness): Promise<MatrixRun> {
  const proxy = await startTcpProxy(serverOf(h.kube.kubeconfig));
  const kubeconfig = kubeconfigVia(h.kube.kubeconfig, proxy.port);
  // The enrolled clusters are reached through the proxy too, so an outage hits both roles.
  for (const c of h.emulator.inventory().clusters) h.emulator.mutate.bindKubeconfig(c.clusterId, kubeconfig);
  return {
    h,
    k: crReader(h.kube.kubeconfig),
    proxy,
    kubeconfig,
    ledger: new Map(),
    seeded: new Set(h.emulator.inventory().meshes.map((m) => m.serviceMeshId)),
    gone: [],
  };
}

/** Seed clusters for a table: one per case, cn-hangzhou, with a VPC. */
export const seedCluster = (clusterId: string) => ({
  clusterId,
  regionId: "cn-hangzhou",
  vpcId: `vpc-${clusterId}`,
  vswitchIds: [`vsw-${clusterId}`],
});
export const clusterIdFor = (prefix: string, i: number) => `c${prefix}${String(i).padStart(2, "0")}`;

/**
 * One case: GIVEN a cluster (and for update/delete a resource created without faults), WHEN the fault is
 * armed and the operation runs, THEN it converges, or it fails with the step's condition False carrying
 * the cloud's code and message and a partial state the engine would keep; the cloud and the cluster match
 * state; and the resource can be resumed and deleted without leaving anything behind.
 */
export async function runCase(run: MatrixRun, c: FaultCase, clusterId: string): Promise<void> {
  const { h, k, proxy, ledger } = run;
  const crName = `cr-${clusterId}`;
  const ctx: CaseContext = { h, clusterId, crName, proxy };
  const base: Props = {
    clusterId,
    customResourceName: crName,
    kubeconfig: run.kubeconfig,
    deletionPolicy: "Delete",
    timeouts: { create: "60s", update: "60s", delete: "60s", ...c.timeouts },
    ...c.args,
  };
  const check = () => assertNothingLost(h, k, ledger, run.seeded, run.gone);
  run.gone.push({ clusterId, crName });
  const cleanup = () => {
    h.emulator.clearFaults();
    h.emulator.setQpsLimit(undefined);
    return proxy.resume();
  };

  try {
    let state: Props | undefined;
    if (c.op !== "create") {
      state = await h.create(base);
      ledger.set(clusterId, { state, crName });
      ctx.before = state;
    }
    const news = { ...base, ...c.change };
    const pending = c.inject(ctx);
    let error: unknown;
    let outcome: Props | undefined;
    const started = Date.now();
    try {
      if (c.op === "create") outcome = await h.create(news);
      else if (c.op === "update") outcome = await h.update(state!, news);
      else await h.delete(state!);
    } catch (e) {
      error = e;
    }
    await pending; // a proxy outage or trigger that must finish before we look
    const elapsed = Date.now() - started;
    await cleanup();

    if ("converges" in c.expect) {
      if (error)
        throw new Error(`expected ${c.op} to converge, but it failed after ${elapsed} ms: ${(error as Error).message}`);
      if (c.op === "delete") {
        ledger.delete(clusterId);
      } else {
        ledger.set(clusterId, { state: outcome!, crName });
        assert.equal(outcome!["ready"], true);
        const conditions = (
          (outcome!["status"] as { conditions: { type: string; status: string }[] }).conditions ?? []
        ).filter((x) => x.type !== "Retried");
        assert.deepEqual(
          conditions.map((x) => x.status),
          ["True", "True", "True", "True"],
        );
      }
      await check();
    } else {
      const expected = c.expect;
      assert.ok(error, `expected ${c.op} to fail at ${expected.fails}, but it succeeded`);
      if (c.op === "delete") {
        // The engine keeps the resource with its previous state; ServiceMeshDeleted=False on the CR says why.
        assert.ok(!(error instanceof PartialFailure), "delete failures are plain errors");
        assert.match((error as Error).message, new RegExp(`cannot delete ServiceMesh ${clusterId}: `));
        assert.match((error as Error).message, expected.message);
        const cr = await k.get(crName);
        assert.ok(cr, "the CR stays while the resource stays in state");
        const condition = conditionOf(cr, "ServiceMeshDeleted");
        assert.deepEqual([condition?.status, condition?.reason], ["False", expected.reason ?? "Failed"]);
        assert.match(condition!.message, expected.message);
      } else {
        if (!(error instanceof PartialFailure))
          throw new Error(
            `expected a PartialFailure carrying the state, got: ${(error as Error)?.stack ?? String(error)}`,
          );
        assert.equal(error.id, clusterId);
        assert.ok(error.properties["__provider"], "partial state keeps __provider (delete needs it)");
        assert.equal(error.properties["clusterId"], clusterId);
        assert.match(error.message, expected.message);
        state = error.properties;
        const condition = conditionOf(state, expected.fails);
        assert.deepEqual(
          [condition?.status, condition?.reason],
          ["False", expected.reason ?? "Failed"],
          `${expected.fails} in the partial state`,
        );
        assert.match(condition!.message, expected.message);
        if (!expected.statusUnwritten) {
          const onCr = conditionOf((await k.get(crName)) ?? {}, expected.fails);
          assert.deepEqual(
            [onCr?.status, onCr?.reason],
            ["False", expected.reason ?? "Failed"],
            `${expected.fails} on the CR`,
          );
          assert.match(onCr!.message, expected.message);
        }
        ledger.set(clusterId, { state, crName, statusUnwritten: expected.statusUnwritten });
      }
      await check();

      // THEN the next run resumes (update / delete again) and converges.
      await expected.repair?.(ctx);
      if (c.op !== "delete") {
        state = await h.update(state!, news);
        const retried = conditionOf(state, "Retried");
        assert.equal(retried?.status, "True", "the resumed pass says it retried");
        ledger.set(clusterId, { state, crName });
        await check();
      } else {
        await h.delete(state!);
        ledger.delete(clusterId);
        await check();
        return;
      }
    }
    if (ledger.has(clusterId)) {
      await h.delete(ledger.get(clusterId)!.state);
      ledger.delete(clusterId);
      await check();
    }
  } finally {
    await cleanup();
  }
}

/** An operator puts failed meshes back to running (what a support ticket would do), so the retry can proceed. */
export function repairMeshes(h: MeshHarness): void {
  for (const m of h.emulator.inventory().meshes)
    if (m.state !== "running") h.emulator.mutate.setMeshState(m.serviceMeshId, "running");
}

/**
 * One fault-matrix suite: an emulator with a cluster per case (and the meshes cases join), a real
 * kube-apiserver behind a pausable proxy, and one test per case, cluster ids `c<prefix>NN`.
 */
export function describeFaultMatrix(name: string, prefix: string, cases: FaultCase[]): void {
  describe(name, () => {
    let h: MeshHarness | undefined;
    let run: MatrixRun | undefined;

    before(async () => {
      const started = await startMeshHarness({
        seed: {
          clusters: cases.map((_, i) => seedCluster(clusterIdFor(prefix, i))),
          meshes: cases.flatMap((c, i) =>
            c.seedMesh ? [{ ...c.seedMesh, regionId: "cn-hangzhou", vpcId: `vpc-${clusterIdFor(prefix, i)}` }] : [],
          ),
        },
      });
      h = started;
      run = await startMatrix(started);
    });
    after(async () => {
      await run?.proxy.stop();
      await h?.stop();
    });

    cases.forEach((c, i) => {
      it(title(c), () => {
        if (!run) throw new Error("the fault-matrix harness did not start");
        return runCase(run, c, clusterIdFor(prefix, i));
      });
    });
  });
}
