import type { SiteRow } from '../storage/database.js';

/** How long a node reuses a site row it read: the node that changes a site forgets its rows at once, the others within this. */
export const SITE_ROW_TTL_MS = 1_000;
/** Distinct sites a node keeps rows of; past it all are forgotten (a node serves a handful). */
const KEPT_MAX = 1_000;

/**
 * Site rows as read in the last second, by id and by public key. Every visitor's
 * handshake, hello, widget page and first message and every agent keystroke read their
 * site, which changes a few times a year: in a reconnect storm those reads were two of
 * the eight queries each returning visitor cost (docs/benchmarks.md). A read in flight
 * is shared, so thousands of handshakes at once make one query. Only rows that exist
 * are kept (a made-up key is read each time, and fills nothing).
 */
export class RecentSiteRows {
  private readonly reads = new Map<string, { row: Promise<SiteRow | undefined>; until: number }>();

  read(key: string, query: () => Promise<SiteRow | undefined>, now = performance.now()): Promise<SiteRow | undefined> {
    const kept = this.reads.get(key);
    if (kept && kept.until > now) return kept.row;
    if (this.reads.size >= KEPT_MAX) this.reads.clear();
    const row = query();
    this.reads.set(key, { row, until: now + SITE_ROW_TTL_MS });
    // Neither a missing site nor a failed read is kept.
    const forget = () => {
      if (this.reads.get(key)?.row === row) this.reads.delete(key);
    };
    row.then((found) => found ?? forget(), forget);
    return row;
  }

  /** A site changed here: every row is read afresh. */
  forget(): void {
    this.reads.clear();
  }
}
