/**
 * One diagnostic per failure. For an error that `check`, `diff`, `read` or `delete` throws, the
 * dynamic-provider host (@pulumi/pulumi's cmd/dynamic-provider) first prints `${error}: ${error.stack}`
 * to stderr, which the CLI shows as an extra, unattributed diagnostic with a stack trace into the
 * provider's files, and then the engine reports the error's message on the resource. The engine's
 * report is the one that counts: the host's echo of exactly the errors thrown here is dropped.
 * (Errors from `create`/`update` are not echoed by the host.) The provider process has no engine
 * connection, so diagnostics cannot be attached to the resource's URN; log lines carry its name.
 */
const reported = new Set<string>();
let filtering = false;

/** Runs a provider method; if it fails, the host's stderr echo of that failure is dropped. */
export async function reportedOnce<T>(method: () => Promise<T>): Promise<T> {
  filterHostEchoes();
  try {
    return await method();
  } catch (e) {
    if (e instanceof Error) reported.add(`${String(e)}: ${e.stack}`);
    throw e;
  }
}

function filterHostEchoes(): void {
  if (filtering) return;
  filtering = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === "string" && reported.delete(args[0])) return;
    original(...args);
  };
}
