import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../apps/server/src/test-support/databases.js';
import { startNode, type NodeProcess } from '../../apps/server/src/test-support/process.js';
import type { Dialect } from '../../apps/server/src/storage/connect.js';
import { connectPostgres } from '../../apps/server/src/storage/postgres/connect.js';
import { connectSqlite } from '../../apps/server/src/storage/sqlite/connect.js';
import type { ConversationHead, StoredMessage } from './accounting.js';
import { startBalancer, type Balancer } from './balancer.js';
import { RedisChild } from './redis.js';

/** What the suite calls node 0 and node 1 in what it prints. */
export const NODE_NAMES = ['A', 'B'];

export const CHAOS_ADMIN = { email: 'chaos@example.com', password: 'chaos monkey with a long password' };

export interface ClusterOptions {
  db: Dialect;
  /** 1: SQLite or PostgreSQL, clients straight to the node. 2: PostgreSQL, Redis, a balancer per node. */
  nodes: 1 | 2;
}

/**
 * Kefu's processes for one chaos run, each of which can be crashed and brought back:
 * the built server as real processes on a fresh database (restarted on the same port
 * and data), a private redis-server when there are two nodes, and in front of the
 * nodes the balancers clients connect through.
 */
export class Cluster {
  /** What clients connect to, one entry per node: the node itself, or a balancer preferring it. */
  readonly entries: string[] = [];
  private readonly running: (NodeProcess | null)[] = [];
  private readonly ports: number[] = [];
  private readonly outputs: { node: number; output: () => string }[] = [];
  private balancers: Balancer[] = [];
  /** The default site's public key, from the first start's banner. */
  siteKey = '';

  private constructor(
    readonly db: TestDatabase,
    readonly redis: RedisChild | null,
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: ClusterOptions): Promise<Cluster> {
    if (options.nodes === 2 && options.db !== 'postgres') throw new Error('two nodes need PostgreSQL (one SQLite file is one node)');
    const db = await createTestDatabase(options.db);
    const redis = options.nodes === 2 ? await RedisChild.start().catch(async (err: unknown) => {
      await db.drop();
      throw err;
    }) : null;
    const env = {
      // Empty rather than inherited from this process: the run decides.
      DATABASE_URL: db.databaseUrl ?? '',
      REDIS_URL: redis?.url ?? '',
      KEFU_DATA_DIR: db.dataDir,
      KEFU_ADMIN_EMAIL: CHAOS_ADMIN.email,
      KEFU_ADMIN_PASSWORD: CHAOS_ADMIN.password,
    };
    const cluster = new Cluster(db, redis, env);
    try {
      // Started together: the bootstrap on one database must happen exactly once.
      const started = await Promise.allSettled(Array.from({ length: options.nodes }, () => startNode(env)));
      started.forEach((s, i) => {
        if (s.status === 'fulfilled') cluster.adopt(i, s.value);
      });
      const refused = started.find((s) => s.status === 'rejected');
      if (refused) throw refused.reason;
      const nodes = cluster.running as NodeProcess[];
      const siteKey = /data-site="([^"]+)"/.exec(nodes[0]!.output())?.[1];
      if (!siteKey) throw new Error(`no site key in the first node's output:\n${nodes[0]!.output()}`);
      cluster.siteKey = siteKey;
      if (options.nodes === 1) {
        cluster.entries.push(nodes[0]!.url);
      } else {
        const [a, b] = cluster.ports as [number, number];
        cluster.balancers = await Promise.all([startBalancer([a, b]), startBalancer([b, a])]);
        cluster.entries.push(...cluster.balancers.map((lb) => lb.url));
      }
      return cluster;
    } catch (err) {
      await cluster.close();
      throw err;
    }
  }

  get size(): number {
    return this.ports.length;
  }

  isUp(node: number): boolean {
    return this.running[node] != null;
  }

  /** SIGKILL: no graceful shutdown, in-flight requests and transactions cut. */
  async kill(node: number): Promise<void> {
    const proc = this.running[node];
    if (!proc) return;
    this.running[node] = null;
    await proc.stop('SIGKILL');
  }

  /** SIGSTOP / SIGCONT: the node stalls (a long GC pause, a stalled VM) with its connections open. */
  freeze(node: number, frozen = true): void {
    this.running[node]?.child.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  /** Starts a killed node again on its port, its database and its Redis. */
  async restart(node: number): Promise<void> {
    if (this.running[node]) return;
    this.adopt(node, await startNode(this.env, { port: this.ports[node]! }));
  }

  /** Every message and every conversation's last_seq, read from the database. */
  async read(): Promise<{ stored: StoredMessage[]; conversations: ConversationHead[] }> {
    const db = this.db.databaseUrl ? connectPostgres(this.db.databaseUrl) : connectSqlite(path.join(this.db.dataDir, 'kefu.db')).db;
    try {
      // One snapshot, so that last_seq and the rows agree even if a message commits meanwhile
      // (SQLite ignores the level: its read transactions are snapshots anyway).
      const { messages, conversations } = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => ({
          messages: await trx.selectFrom('messages').select(['conversation_id', 'seq', 'client_msg_id', 'body']).orderBy('conversation_id').orderBy('seq').execute(),
          conversations: await trx.selectFrom('conversations').select(['id', 'last_seq']).execute(),
        }));
      return {
        stored: messages.map((m) => ({ conversationId: m.conversation_id, seq: m.seq, clientMsgId: m.client_msg_id, body: m.body })),
        conversations: conversations.map((c) => ({ id: c.id, lastSeq: c.last_seq })),
      };
    } finally {
      await db.destroy();
    }
  }

  /** The servers' warnings and errors (pino level 40 and up, anything else on stderr), every incarnation of every node, each kind once with its count. */
  warnings(): string[] {
    const counts = new Map<string, number>();
    for (const { node, output } of this.outputs) {
      for (const text of output().split('\n')) {
        let kind: string | null = null;
        try {
          const entry = JSON.parse(text) as { level?: number; msg?: string; err?: unknown };
          if ((entry.level ?? 0) >= 40) kind = `${entry.msg ?? ''}${entry.err ? ` (${typeof entry.err === 'string' ? entry.err : JSON.stringify(entry.err).slice(0, 300)})` : ''}`;
        } catch {
          if (/error/i.test(text)) kind = text;
        }
        if (kind !== null) counts.set(`node ${NODE_NAMES[node]}: ${kind}`, (counts.get(`node ${NODE_NAMES[node]}: ${kind}`) ?? 0) + 1);
      }
    }
    return [...counts].map(([kind, n]) => `${n} x ${kind}`);
  }

  async close(): Promise<void> {
    await Promise.all(this.balancers.map((lb) => lb.close()));
    // A frozen node would never handle SIGTERM.
    for (let i = 0; i < this.running.length; i++) this.freeze(i, false);
    await Promise.all(this.running.map((node) => node?.stop('SIGTERM')));
    this.running.fill(null);
    await this.redis?.kill();
    await this.db.drop();
  }

  private adopt(node: number, proc: NodeProcess): void {
    this.running[node] = proc;
    this.ports[node] = proc.port;
    this.outputs.push({ node, output: proc.output });
  }
}
