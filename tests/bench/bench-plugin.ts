/**
 * The provider plugin beside the dynamic class: one mesh's `pulumi up` through the real CLI for each
 * shell, the TypeScript program with the class and the YAML program with the plugin, at the configured
 * latencies, each the first create of a fresh provider process that was not told those latencies and
 * learned nothing yet (its own cache directory). Overhead is the up's wall time past the cloud's own
 * provisioning and enrollment time.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MESH_PROGRAM, startMeshWorld, type MeshProgram } from "../support/mesh-stack";
import type { BenchConfig } from "./bench-config";
import { callsSince, report, seconds } from "./bench-report";

const SHELLS: { name: string; program: MeshProgram }[] = [
  { name: "dynamic class (TypeScript)", program: { dir: MESH_PROGRAM, project: "mesh-e2e" } },
  {
    name: "provider plugin (YAML)",
    program: { dir: join(__dirname, "..", "e2e", "programs", "plugin-yaml"), project: "mesh-yaml" },
  },
];

export async function pluginFigures(config: BenchConfig): Promise<void> {
  const cloudMs = config.latency.provisionMs + config.latency.enrollMs;
  for (const shell of SHELLS) {
    const clusterId = "cbenchshell";
    const w = await startMeshWorld(
      { clusters: [{ clusterId, regionId: "cn-hangzhou", vpcId: "vpc-1", vswitchIds: ["vsw-1"] }] },
      config.latency,
    );
    try {
      const env = {
        SERVICEMESH_EXPECTED_DURATIONS: "", // not told: the documented durations, as for a real account
        SERVICEMESH_CACHE_DIR: await mkdtemp(join(tmpdir(), "bench-shell-")),
      };
      const stack = await w.stack({ clusterId }, { program: shell.program, env });
      w.emulator.clearRequestLog();
      const started = Date.now();
      await stack.up([], { timeoutMs: 30 * 60_000 });
      const wall = Date.now() - started;
      const calls = callsSince(w.emulator);
      report(
        `create through the CLI, ${shell.name}: ${seconds(wall)} wall, ${seconds(wall - cloudMs)} over the cloud's ${seconds(cloudMs)}, ${calls.total} calls: ${calls.detail}`,
      );
    } finally {
      await w.stop();
    }
  }
}
