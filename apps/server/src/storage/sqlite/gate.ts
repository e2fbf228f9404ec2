/**
 * Who may send to SQLite's thread (thread-driver.ts). Queries outside a transaction go at
 * once, many in flight: the thread answers them in the order they came, so none waits for
 * another's round trip through the event loop. A transaction (BEGIN ... COMMIT, sent one
 * query at a time) needs the connection to itself: it begins once the other callers'
 * queries are answered, and whoever asks meanwhile waits until it ends.
 */
export class Gate {
  /** Callers holding the connection that are not in (or waiting for) a transaction. */
  private sharing = 0;
  /** A transaction holds the connection. */
  private alone = false;
  /** Callers waiting to begin a transaction, in order. */
  private readonly beginning: (() => void)[] = [];
  /** Callers waiting for the transactions to end. */
  private readonly entering: (() => void)[] = [];

  /** At once, unless a transaction holds the connection or waits for it. */
  enter(): Promise<void> {
    if (!this.alone && this.beginning.length === 0) {
      this.sharing++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.entering.push(() => (this.sharing++, resolve())));
  }

  /** A caller that entered begins a transaction: once nobody else's query is in flight. */
  beginAlone(): Promise<void> {
    this.sharing--;
    return new Promise((resolve) => {
      this.beginning.push(resolve);
      this.next();
    });
  }

  /** A caller is done. While a transaction holds the connection, nobody else does: the caller is its holder. */
  leave(): void {
    if (this.alone) this.alone = false;
    else this.sharing--;
    this.next();
  }

  private next(): void {
    if (this.alone) return;
    if (this.beginning.length > 0) {
      if (this.sharing > 0) return;
      this.alone = true;
      this.beginning.shift()!();
      return;
    }
    for (const enter of this.entering.splice(0)) enter();
  }
}
