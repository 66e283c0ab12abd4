import type { Clock } from "../clock";
import type { AckCluster } from "../deps/ack-api";
import type { Settings } from "../settings";
import { openAccountDirectory } from "./account-directory";
import { asmEndpoint } from "./alibaba-config";
import { MeshListing } from "./mesh-listing";
import { PeerProcesses, peerDirectory } from "./peer-processes";
import { AdaptiveRateLimiter } from "./rate-limiter";
import { SharedAnswers } from "./shared-answers";

/**
 * How long an ACK cluster's details answer every resource of the process: a fleet's preview-time
 * PreChecked and the create's, seconds apart, need them once. A cluster's state, version and network
 * change on the scale of minutes, and this process never changes them.
 */
export const CLUSTER_REUSE_MS = 10_000;

/**
 * What every resource of one provider process shares per access key: one request rate per product (each
 * product's API quota is the account's, shared by every mesh, and by the other provider processes on
 * this machine calling it), the listing of the account's meshes (see `MeshListing`), ACK clusters'
 * details, and the directory where this machine keeps what its processes share about the account.
 */
export class Account {
  readonly asmLimiter: AdaptiveRateLimiter;
  readonly ackLimiter: AdaptiveRateLimiter;
  readonly listing: MeshListing;
  readonly clusters: SharedAnswers<AckCluster | undefined>;

  constructor(
    clock: Clock,
    /** See `accountDirectory`; undefined: nothing shared with other processes (unit tests). */
    readonly directory?: string,
  ) {
    const peers = directory === undefined ? undefined : new PeerProcesses(peerDirectory(directory), clock);
    this.asmLimiter = new AdaptiveRateLimiter(clock, undefined, peers);
    this.ackLimiter = new AdaptiveRateLimiter(clock, undefined, peers);
    this.listing = new MeshListing(clock);
    this.clusters = new SharedAnswers(clock, CLUSTER_REUSE_MS);
  }
}

const accounts = new Map<string, Account>();

/** The key of an account in this process: the cloud it talks to (its ASM endpoint) and the access key. */
export function accountKey(settings: Settings): string {
  return `${asmEndpoint(settings)}/${settings.credentials?.accessKeyId ?? "default-chain"}`;
}

export function accountFor(settings: Settings, clock: Clock): Account {
  const key = accountKey(settings);
  const existing = accounts.get(key);
  if (existing) return existing;
  const account = new Account(clock, openAccountDirectory(key));
  accounts.set(key, account);
  return account;
}
