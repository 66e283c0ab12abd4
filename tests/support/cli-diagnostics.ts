// The "Diagnostics:" section `pulumi up`/`preview`/`refresh`/`destroy` print at the end: the lines each
// row received, grouped under a header per resource ("  <type> (<name>):"). Used to check that a
// ServiceMesh's progress lines land on its own row, once, and nothing of it on the Stack's.

export const SERVICE_MESH_TYPE = "pulumi-nodejs:dynamic/asm:ServiceMesh";

/** The lines under each resource's header, keyed by "<type> (<name>)". */
export function cliDiagnostics(output: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const start = output.indexOf("\nDiagnostics:\n");
  if (start < 0) return rows;
  let current: string[] | undefined;
  for (const line of output.slice(start + "\nDiagnostics:\n".length).split("\n")) {
    const header = /^ {2}(\S.*\(.*\)):$/.exec(line);
    if (header) {
      current = [];
      rows.set(header[1]!, current);
    } else if (/^\S/.test(line)) {
      break; // the next section (Outputs:, Resources:)
    } else if (current && line.trim() !== "") {
      current.push(line.trim());
    }
  }
  return rows;
}

/** The lines on a ServiceMesh's own row (the dynamic class's, or another shell's `type`). */
export function meshRow(output: string, name = "mesh", type = SERVICE_MESH_TYPE): string[] {
  return cliDiagnostics(output).get(`${type} (${name})`) ?? [];
}

/** The lines on the Stack's row. */
export function stackRow(output: string): string[] {
  for (const [header, lines] of cliDiagnostics(output)) if (header.startsWith("pulumi:pulumi:Stack ")) return lines;
  return [];
}
