import type { Client, InArgs, InStatement, Transaction, TransactionMode } from '@libsql/client';

/**
 * Runs every operation on an embedded (file) libSQL client one at a time, transactions
 * included, in arrival order.
 *
 * Embedded libSQL executes synchronously on Node's one thread, so several connections buy
 * no parallelism — but they do let two writers of this process meet on SQLite's lock, and
 * then the loser's busy handler *sleeps on the event loop* while the winner's transaction
 * can't advance: a stall of up to the busy timeout. Queueing in JS instead costs nothing.
 * Code inside a transaction must use the transaction object, never this client (it would
 * wait for itself).
 */
export function serializeClient(inner: Client): Client {
  let tail: Promise<unknown> = Promise.resolve();
  function run<T>(task: () => Promise<T>): Promise<T> {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  }

  function transaction(mode?: TransactionMode): Promise<Transaction> {
    return new Promise<Transaction>((resolve, reject) => {
      void run(async () => {
        let tx: Transaction;
        try {
          tx = await inner.transaction(mode);
        } catch (e) {
          reject(e);
          return;
        }
        // Hold the queue until the caller commits, rolls back or closes.
        let release!: () => void;
        const finished = new Promise<void>((r) => (release = r));
        const end = <T>(p: Promise<T>) => p.finally(release);
        resolve({
          execute: (stmt: InStatement) => tx.execute(stmt),
          batch: (stmts: InStatement[]) => tx.batch(stmts),
          executeMultiple: (sql: string) => tx.executeMultiple(sql),
          commit: () => end(tx.commit()),
          rollback: () => end(tx.rollback()),
          close: () => {
            tx.close();
            release();
          },
          get closed() {
            return tx.closed;
          },
        });
        await finished;
      });
    });
  }

  return {
    execute: ((stmtOrSql: InStatement | string, args?: InArgs) =>
      run(() => (typeof stmtOrSql === 'string' ? inner.execute(stmtOrSql, args) : inner.execute(stmtOrSql)))) as Client['execute'],
    batch: (stmts, mode) => run(() => inner.batch(stmts, mode)),
    migrate: (stmts) => run(() => inner.migrate(stmts)),
    transaction: transaction as Client['transaction'],
    executeMultiple: (sql) => run(() => inner.executeMultiple(sql)),
    sync: () => inner.sync(),
    close: () => inner.close(),
    reconnect: () => inner.reconnect(),
    get closed() {
      return inner.closed;
    },
    get protocol() {
      return inner.protocol;
    },
  };
}
