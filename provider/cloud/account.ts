import type { Clock } from "../clock";
import type { Mesh } from "../deps/asm-api";
import type { Settings } from "../settings";
import { asmEndpoint } from "./alibaba-config";
import { AdaptiveRateLimiter } from "./rate-limiter";

/**
 * What every resource of one provider process shares per ASM endpoint and access key: the request rate
 * (the account's API quota is shared by every mesh), and the latest listing of the account's meshes (a
 * fleet's PreChecked steps, arriving together, need it once, not once each).
 */
export class Account {
  readonly limiter: AdaptiveRateLimiter;
  private listing?: Promise<Mesh[]>;

  constructor(clock: Clock) {
    this.limiter = new AdaptiveRateLimiter(clock);
  }

  /** The account's meshes: the listing already in flight, else a new one. */
  list(fetch: () => Promise<Mesh[]>): Promise<Mesh[]> {
    if (this.listing) return this.listing;
    const meshes = fetch();
    this.listing = meshes;
    const done = () => {
      if (this.listing === meshes) this.listing = undefined;
    };
    meshes.then(done, done);
    return meshes;
  }

  /** This process changed a mesh: a listing already in flight may predate it, so later callers start anew. */
  changed(): void {
    this.listing = undefined;
  }
}

const accounts = new Map<string, Account>();

export function accountKey(settings: Settings): string {
  return `${asmEndpoint(settings)}/${settings.credentials?.accessKeyId ?? "default-chain"}`;
}

export function accountFor(settings: Settings, clock: Clock): Account {
  const key = accountKey(settings);
  const existing = accounts.get(key);
  if (existing) return existing;
  const account = new Account(clock);
  accounts.set(key, account);
  return account;
}
