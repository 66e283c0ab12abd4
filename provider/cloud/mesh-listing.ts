import type { Clock } from "../clock";
import type { ListingReader, Mesh } from "../deps/asm-api";

/**
 * What a write changed, named the way readers of the listing care about it: `mesh:<id>`,
 * `name:<mesh name>`, `cluster:<cluster id>`; `*` for a write that could have changed anything.
 */
export type Touched = readonly string[];

interface Listing {
  startedAt: number;
  /** Writes this process made before the listing began: the ones after it may be missing from it. */
  writesBefore: number;
  answered: boolean;
  meshes: Promise<Mesh[]>;
}

/** How long this process remembers its writes: longer than any reader's `maxAgeMs`. */
const WRITES_KEPT_MS = 60_000;

/**
 * The listing of the account's meshes (`DescribeServiceMeshes`), shared by every resource of the
 * process. A reader gets the latest listing if it is still in flight, or at most `maxAgeMs` old, and no
 * write this process made since it began touched what the reader decides on; else a new one. So a
 * fleet's hundred PreChecked steps need a few listings, not a hundred, while a mesh this process just
 * created, renamed, deleted or enrolled a cluster into is never judged from a listing that predates it.
 * (Changes made by others are seen as soon as any listing is: at most `maxAgeMs` late.)
 */
export class MeshListing {
  private latest: Listing | undefined;
  /** This process's recent writes, numbered in order (`seq`): time alone cannot order same-instant events. */
  private writes: { seq: number; at: number; touched: Touched }[] = [];
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  async get(read: () => Promise<Mesh[]>, reader: ListingReader = {}): Promise<Mesh[]> {
    const { maxAgeMs = 0, concerns } = reader;
    const asked = this.seq;
    const latest = this.latest;
    if (latest && (!latest.answered || this.clock.now() - latest.startedAt < maxAgeMs)) {
      const meshes = await latest.meshes; // a failure is the reader's too, as its own read's would be
      if (!this.touched(latest.writesBefore, asked, concerns?.(meshes))) return meshes;
    }
    return this.fresh(read);
  }

  /** This process made a write: listings begun before it no longer speak for what it touched. */
  wrote(touched: Touched): void {
    const now = this.clock.now();
    this.writes = this.writes.filter((w) => w.at > now - WRITES_KEPT_MS);
    this.writes.push({ seq: ++this.seq, at: now, touched: touched.length > 0 ? touched : ["*"] });
  }

  /** Whether a write made after the listing began and before the reader asked touched its concerns. */
  private touched(after: number, upTo: number, concerns: Touched | undefined): boolean {
    const since = this.writes.filter((w) => w.seq > after && w.seq <= upTo);
    if (since.length === 0) return false;
    if (!concerns) return true; // a reader that does not say what it decides on trusts no listing it predates
    return since.some((w) => w.touched.includes("*") || w.touched.some((key) => concerns.includes(key)));
  }

  private fresh(read: () => Promise<Mesh[]>): Promise<Mesh[]> {
    const listing: Listing = { startedAt: this.clock.now(), writesBefore: this.seq, answered: false, meshes: read() };
    this.latest = listing;
    listing.meshes.then(
      () => (listing.answered = true),
      () => this.latest === listing && (this.latest = undefined),
    );
    return listing.meshes;
  }
}
