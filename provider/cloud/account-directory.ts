import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Accounts whose directory is kept: a machine that saw more (a test suite's throwaway keys) keeps the newest. */
export const KEPT_ACCOUNTS = 64;

/**
 * Where this machine keeps what provider processes share about one account and region (the learned
 * durations, the marks of the processes calling it): `$SERVICEMESH_CACHE_DIR`, else the user's cache
 * (`$XDG_CACHE_HOME` or `~/.cache`) under `pulumi-asm-servicemesh/accounts/`, in a directory named by
 * a hash of the account's key (the ASM endpoint, which names the region, and the access key id): no
 * key or secret on disk.
 */
export function accountDirectory(accountKey: string, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash("sha256").update(accountKey).digest("hex").slice(0, 32);
  return join(accountsRoot(env), hash);
}

export function accountsRoot(env: NodeJS.ProcessEnv = process.env): string {
  const root =
    env["SERVICEMESH_CACHE_DIR"] || join(env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "pulumi-asm-servicemesh");
  return join(root, "accounts");
}

/**
 * Keeps the accounts' directories bounded: beyond `KEPT_ACCOUNTS`, the least recently used go (their
 * learned durations are relearned by one operation). Best effort: a cache that cannot be read is left.
 */
export function pruneAccounts(root: string, keep = KEPT_ACCOUNTS): void {
  try {
    const dirs = readdirSync(root).map((name) => {
      const path = join(root, name);
      return { path, usedAt: statSync(path).mtimeMs };
    });
    if (dirs.length <= keep) return;
    dirs.sort((a, b) => b.usedAt - a.usedAt);
    for (const old of dirs.slice(keep)) rmSync(old.path, { recursive: true, force: true });
  } catch {
    // nothing to prune, or not ours to prune
  }
}

/** The account's directory for this process: made, marked as used now, and the others kept bounded. */
export function openAccountDirectory(accountKey: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = accountDirectory(accountKey, env);
  try {
    mkdirSync(dir, { recursive: true });
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // a read-only cache: the files in it are best effort, each reader copes with their absence
  }
  pruneAccounts(accountsRoot(env));
  return dir;
}
