import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { Gate } from './gate.js';

interface Failure {
  name: string;
  message: string;
  code?: string;
}

/** The thread's account of an error as an Error, with SQLite's code. */
const toError = (failure: Failure) => Object.assign(new Error(failure.message), failure);

/** A query's rows (null for a statement without), or the result of steps; or the error. */
type Reply = [id: number, rows: unknown, changes?: number, lastInsertRowid?: number, error?: Failure];

interface Waiting {
  resolve: (reply: Reply) => void;
  reject: (err: Error) => void;
}

/**
 * SQLite through a worker thread that holds the one connection (thread.mjs), so that
 * SQLite's own work, above all a commit writing every page a message batch dirtied (a
 * few hundred write() calls), runs on the machine's other core and not on the event
 * loop that serves every socket. A query is a message to the thread and back, and a reply
 * waits for the event loop's current task: so queries outside a transaction are sent
 * without waiting for each other (the thread answers in order), a transaction has the
 * connection to itself (see Gate), and its BEGIN travels with its first query rather
 * than alone.
 */
export class SqliteThreadDialect implements Dialect {
  private driver?: SqliteThreadDriver;

  constructor(private readonly file: string) {}

  createDriver(): Driver {
    this.driver = new SqliteThreadDriver(this.file);
    return this.driver;
  }

  /**
   * A transaction written as steps (../steps.mjs), run whole on the thread: one message
   * there and back however many statements. The caller holds the connection (see connect.ts).
   */
  runSteps(module: URL, name: string, args: readonly unknown[]): Promise<unknown> {
    const connection = this.driver?.connection;
    if (!connection) throw new Error('the SQLite connection is not open');
    return connection.steps(module, name, args);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

class SqliteThreadDriver implements Driver {
  private thread?: Worker;
  /** Settles when the thread has ended (closed, or died). */
  private exited?: Promise<unknown>;
  connection?: ThreadConnection;
  private readonly gate = new Gate();

  constructor(private readonly file: string) {}

  async init(): Promise<void> {
    const thread = new Worker(new URL('./thread.mjs', import.meta.url), { workerData: { file: this.file } });
    // Opening the file fails in the thread (a bad path, a corrupt file): init fails with its error.
    await new Promise<void>((resolve, reject) => {
      thread.once('error', reject);
      thread.once('message', (said: 'ready' | ['failed', Failure]) => {
        thread.off('error', reject);
        if (said === 'ready') resolve();
        else reject(toError(said[1]));
      });
    });
    this.thread = thread;
    this.exited = new Promise((resolve) => thread.once('exit', resolve));
    this.connection = new ThreadConnection(thread);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.enter();
    return new Lease(this.connection!);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.gate.beginAlone();
    (connection as Lease).beginWithNextQuery();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.gate.leave();
  }

  async destroy(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    thread.ref();
    thread.postMessage('close');
    await this.exited;
  }
}

class ThreadConnection {
  private readonly waiting = new Map<number, Waiting>();
  private lastId = 0;
  /** Why the thread is gone, once it is. */
  private dead: Error | null = null;

  constructor(private readonly thread: Worker) {
    // Only a query in flight keeps the process alive, as a socket would; an idle thread does not.
    thread.unref();
    thread.on('message', (reply: Reply) => this.settle(reply));
    // The thread died (out of memory, a native crash): nothing in flight will be answered,
    // and nothing asked later either.
    thread.on('error', (err) => this.fail(err));
    thread.on('exit', (code) => this.fail(new Error(`the SQLite thread exited (code ${code})`)));
  }

  async query<R>(query: CompiledQuery, begin: boolean): Promise<QueryResult<R>> {
    const [, rows, changes, lastInsertRowid] = await this.ask((id) => (begin ? [id, query.sql, query.parameters, true] : [id, query.sql, query.parameters]));
    if (rows) return { rows: rows as R[] };
    return { rows: [], numAffectedRows: BigInt(changes ?? 0), insertId: BigInt(lastInsertRowid ?? 0) };
  }

  async steps(module: URL, name: string, args: readonly unknown[]): Promise<unknown> {
    const [, result] = await this.ask((id) => ['steps', id, module.href, name, args]);
    return result;
  }

  /** Sends the request `make` builds with its id; resolves with the thread's reply, or rejects with its error. */
  private ask(make: (id: number) => unknown[]): Promise<Reply> {
    if (this.dead) return Promise.reject(this.dead);
    const id = ++this.lastId;
    if (this.waiting.size === 0) this.thread.ref();
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread.postMessage(make(id));
    });
  }

  private settle(reply: Reply): void {
    const [id, , , , error] = reply;
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.thread.unref();
    if (error) waiting.reject(toError(error));
    else waiting.resolve(reply);
  }

  private fail(err: Error): void {
    this.dead ??= err;
    for (const waiting of this.waiting.values()) waiting.reject(err);
    this.waiting.clear();
  }
}

/** One caller's hold on the connection, from Kysely's acquire to its release. */
class Lease implements DatabaseConnection {
  private beginPending = false;

  constructor(private readonly thread: ThreadConnection) {}

  /** The thread opens the transaction just before the next query, in the same message; if it cannot, that query fails. */
  beginWithNextQuery(): void {
    this.beginPending = true;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const begin = this.beginPending;
    this.beginPending = false;
    return this.thread.query<R>(query, begin);
  }

  /** All rows in one chunk: a thread's reply is one message anyway (nothing here streams). */
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(query);
  }
}
