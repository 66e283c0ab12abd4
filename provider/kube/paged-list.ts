import type { KubeApis, KubeConnection } from "./kube-connection";

/** Items per list call: enough that a thousand-pod cluster takes a few calls, little enough to hold. */
export const PAGE_SIZE = 500;

/** One chunk of a Kubernetes list: typed lists name the token `_continue`, raw custom-object lists `continue`. */
export interface ListChunk<T> {
  items: T[];
  metadata?: { _continue?: string; continue?: string };
}

export interface Page {
  limit: number;
  _continue?: string;
}

/**
 * Reads a Kubernetes list chunk by chunk (`limit` and the `continue` token), handing each chunk to
 * `visit`, which returns false once it has seen enough: only one chunk is held at a time, and a
 * caller that needs a count or a few examples stops early. A token that expired between chunks (410,
 * the listing outlived the API server's compaction) fails the listing; it is never read as complete.
 */
export async function forEachChunk<T>(
  connection: KubeConnection,
  list: (apis: KubeApis, page: Page) => Promise<ListChunk<T>>,
  context: string,
  visit: (items: T[]) => boolean,
  pageSize = PAGE_SIZE,
): Promise<void> {
  let token: string | undefined;
  do {
    const page: Page = { limit: pageSize, ...(token ? { _continue: token } : {}) };
    const chunk = await connection.call((apis) => list(apis, page), context);
    if (!visit(chunk.items)) return;
    token = chunk.metadata?._continue || chunk.metadata?.continue || undefined;
  } while (token);
}
