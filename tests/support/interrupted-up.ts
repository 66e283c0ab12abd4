// What an interrupted `pulumi up` leaves in the file backend, for the crash and interrupt e2e tests.
import { readdirSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { PulumiProject } from "./pulumi-cli";

/** Zero-byte `.attrs` sidecars a kill can leave in the file backend; removed, and returned for the log. */
export function removeEmptyAttrs(stack: PulumiProject): string[] {
  const root = join(stack.stateDir, ".pulumi");
  const empty = (readdirSync(root, { recursive: true }) as string[])
    .map((f) => join(root, f))
    .filter((f) => f.endsWith(".attrs") && statSync(f).size === 0);
  for (const f of empty) unlinkSync(f);
  if (empty.length) console.log(`removed empty metadata files left by the kill: ${empty.join(", ")}`);
  return empty;
}

export function lockFiles(stack: PulumiProject): string[] {
  const root = join(stack.stateDir, ".pulumi", "locks");
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".json"));
}

/** The operations state records as in flight, as "<type> <resource name>". */
export async function pendingOperations(stack: PulumiProject): Promise<string[]> {
  const exported = await stack.exportStack();
  return (exported.deployment.pending_operations ?? []).map(
    (p: any) => `${p.type} ${p.resource.urn.split("::").pop()}`,
  );
}
