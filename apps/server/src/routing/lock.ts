import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../storage/connect.js';
import type { Database } from '../storage/database.js';

/**
 * Routing decisions of one workspace, one at a time: two picks reading the same open
 * counts would both give the last free seat away. In-process, a promise chain per
 * workspace; across nodes (PostgreSQL), a transaction-scoped advisory lock on the
 * workspace, held until the assignment commits. SQLite serves one node and serialises
 * its writers anyway.
 */
export class WorkspaceLocks {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /** Runs `work` after every earlier one of the workspace has settled. */
  serial<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(workspaceId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(() => undefined, () => undefined);
    this.chains.set(workspaceId, settled);
    void settled.then(() => {
      if (this.chains.get(workspaceId) === settled) this.chains.delete(workspaceId);
    });
    return next;
  }

  /** A transaction holding the workspace's routing lock on every node (call it inside `serial`). */
  transaction<T>(workspaceId: string, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`kefu.routing:${workspaceId}`}))`.execute(trx);
      return work(trx);
    });
  }
}
