/**
 * What a shell tells the core about the resource besides its inputs: the Pulumi resource name (log
 * lines), its owner (the owner tag and CR annotation, see ownership.ts) and its URN (progress on its row).
 * The core receives them as the reserved inputs `resourceName`, `owner` and `resourceUrn`. The dynamic
 * resource's SDK class computes them in the program; a provider plugin reads them from the URN each
 * request carries. Both go through here, so the two shells name one resource the same way.
 */
export interface ResourceIdentity {
  resourceName: string;
  owner: string;
  resourceUrn: string;
}

/** `<project>/<stack>/<resource name>`: who owns a mesh, before ownerOf fits it to a tag value. */
export function ownerName(project: string, stack: string, resourceName: string): string {
  return `${project}/${stack}/${resourceName}`;
}

/** The identity in a URN, `urn:pulumi:<stack>::<project>::<type chain>::<name>`. */
export function identityFromUrn(urn: string): ResourceIdentity {
  const match = /^urn:pulumi:([^:]+)::([^:]+)::(.+?)::(.+)$/.exec(urn);
  if (!match) throw new Error(`not a Pulumi URN: ${urn}`);
  const [, stack, project, , resourceName] = match as unknown as [string, string, string, string, string];
  return { resourceName, owner: ownerName(project, stack, resourceName), resourceUrn: urn };
}
