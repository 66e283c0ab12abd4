/**
 * One fresh provider process, as each `pulumi up` or `pulumi destroy` of a one-mesh stack starts one:
 * the built provider configured from the environment (the parent sets the emulator's endpoint and keys, and
 * no expected durations, as for a real account), then one operation on the mesh for BENCH_CLUSTER, its
 * CR through BENCH_KUBECONFIG: BENCH_OP create, update (an edition upgrade) or delete, the mesh's
 * outputs kept between processes in BENCH_STATE as the engine keeps them in the stack's state. Prints
 * when the operation started and ended, as one JSON line.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { driveProvider, type Props } from "../support/provider-driver";

/** The built package's provider, as a user's `pulumi up` loads it (plain JavaScript, not these sources). */
const built = require(join(__dirname, "..", "..", "dist", "provider")) as typeof import("../../provider");

export type Operation = "create" | "update" | "delete";

export interface OperationSpan {
  op: Operation;
  startedAt: number;
  endedAt: number;
}

async function main(): Promise<void> {
  const env = (name: string) => process.env[name] ?? "";
  const op = env("BENCH_OP") as Operation;
  const clusterId = env("BENCH_CLUSTER");
  const state = env("BENCH_STATE");
  const driver = await driveProvider({}, env("BENCH_KUBECONFIG"), built.serviceMeshProvider);
  const args = { clusterId, deletionPolicy: "Delete", customResourceName: clusterId };
  const olds = op === "create" ? {} : (JSON.parse(await readFile(state, "utf8")) as Props);
  const startedAt = Date.now();
  let outs: Props = {};
  if (op === "create") outs = await driver.create(args);
  else if (op === "update") outs = await driver.update(olds, { ...args, clusterSpec: "Enterprise" });
  else await driver.delete(olds);
  const span: OperationSpan = { op, startedAt, endedAt: Date.now() };
  await writeFile(state, JSON.stringify(outs));
  process.stdout.write(`BENCH ${JSON.stringify(span)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
