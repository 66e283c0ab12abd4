import { CLUSTER_TAG, OWNER_TAG } from "./ownership";

/** Tags the program does not own: the provider's ownership tags and the cloud's own (`acs:`, `aliyun…`). */
export function isReservedTag(key: string): boolean {
  return key === CLUSTER_TAG || key === OWNER_TAG || /^(aliyun|acs:)/i.test(key);
}

/** The user tags among a mesh's tags. */
export function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !isReservedTag(key)));
}

/**
 * What brings the mesh's user tags to the program's: the tags to set (new or changed) and the keys to
 * remove. The program's `tags` is the whole set: a user tag it does not list is removed.
 */
export function tagChanges(
  wanted: Record<string, string>,
  current: Record<string, string>,
): { set: Record<string, string>; remove: string[] } {
  const have = userTags(current);
  const set = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => have[key] !== value));
  const remove = Object.keys(have).filter((key) => !Object.hasOwn(wanted, key));
  return { set, remove };
}
