// npm run bench: prints the figures; nothing here asserts time. Knobs: tests/bench/bench-config.ts.
//   ops      create (first in a fresh cluster, cold, learned), update, delete at the configured
//            latencies (default ASM's real 60/30/20/30/30 s), calls by action, Terraform's schedule beside
//   sweep    every latency point in a fresh provider process (create, update, delete), then once
//            learned, Terraform's schedule beside each (default 5 named points and 7 between, 0.3x-3x)
//   plugin   one mesh's create through the real CLI, the dynamic class (TypeScript) beside the provider
//            plugin (YAML), each in a fresh process at the configured latencies, not told them
//   fleet    N meshes in one stack through the pulumi CLI at the QPS limit (default 100 at 20 QPS)
//   stacks   many stacks' `pulumi up` at once on one quota (default 10 x 20 meshes; then 3 started late)
//   harness  N meshes through the provider in one process (default 1000)
//   engine   the serialized provider's size, and a no-op preview against an empty stack's
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchConfig } from "./bench-config";
import { cliFleetFigures, engineFigures, stacksFleetFigures } from "./bench-engine";
import { harnessFleetFigures, operationFigures } from "./bench-provider";
import { pluginFigures } from "./bench-plugin";
import { sweepFigures } from "./bench-sweep";
import { report, reported } from "./bench-report";

async function main(): Promise<void> {
  const config = benchConfig();
  // What provider processes learn about an account stays in the bench's own cache, not the user's.
  process.env["SERVICEMESH_CACHE_DIR"] ||= await mkdtemp(join(tmpdir(), "bench-cache-"));
  console.log(`npm run bench: ${[...config.sections].join(", ")} (at real latencies this takes a while)…`);
  const single = config.latency.provisionMs + config.latency.enrollMs;
  // A single cold create is what the fleets are compared with; without the ops section, its cloud time.
  const singleCreateMs = config.sections.has("ops") ? await operationFigures(config) : single;
  if (config.sections.has("sweep")) await sweepFigures(config);
  if (config.sections.has("plugin")) await pluginFigures(config);
  if (config.sections.has("fleet")) await cliFleetFigures(config, singleCreateMs);
  if (config.sections.has("stacks")) await stacksFleetFigures(config, singleCreateMs);
  if (config.sections.has("harness")) await harnessFleetFigures(config, singleCreateMs);
  if (config.sections.has("engine")) await engineFigures(config);
  console.log("\n=== bench figures ===");
  for (const line of reported()) console.log(line);
  if (reported().length === 0) report("nothing measured");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
