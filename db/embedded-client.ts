import type { Client, InArgs, InStatement, InValue, ResultSet, Row, Transaction, TransactionMode } from '@libsql/client';
import Database from 'libsql';
import { closedOne } from './reclaim-closed.ts';

// A libSQL `Client` for local files, built directly on the embedded engine (the `libsql`
// package @libsql/client itself uses). Why not @libsql/client's own `file:` client:
//  - it prepares every statement anew and reads its columns twice per call, and builds each
//    row with a defineProperty per column — together about a third of a list request here;
//  - it keeps several connections, and embedded libSQL runs synchronously on Node's single
//    thread: two connections of one process only meet on SQLite's lock, where the busy
//    handler sleeps on the event loop while the lock holder can't advance.
// So: one connection, a statement cache, cheap rows, and every operation (transactions
// included) queued in arrival order. Code inside a transaction must use the transaction
// object, never the client (it would wait for itself).

export interface EmbeddedOptions {
  /** Busy timeout in ms, for other processes (the fleet migrator, a second server). */
  timeout?: number;
  /** Prepared statements kept per connection. */
  cacheSize?: number;
  /** Called when a suspended client opens its file again (the local provider's LRU listens). */
  onReopen?: () => void;
}

/** A client whose file connection can be let go while idle and comes back on next use. */
export interface EmbeddedClient extends Client {
  /**
   * Closes the file connection once the operations queued so far (transactions included)
   * are done; the next operation reopens it. Cheaper for the caller than `close()`: whoever
   * still holds the client keeps working.
   */
  suspend(): void;
  /** Whether the file connection is open now. */
  readonly connected: boolean;
}

type Stmt = ReturnType<InstanceType<typeof Database>['prepare']>;
interface Prepared {
  stmt: Stmt;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  proto: object | null;
}

const VALUES = Symbol('values');

// Schema statements run once (migrations): caching them would crowd out the queries that
// repeat, and every cached statement holds memory for the connection's whole life.
const RUNS_ONCE = /^\s*(CREATE|DROP|ALTER)\b/i;

/**
 * One prototype per result shape: indices and `length` read the row's values array, column
 * names are own enumerable properties (the first of duplicate names wins), as
 * @libsql/client's rows behave — drizzle reads rows both ways.
 */
function rowPrototype(columns: string[]): object {
  const proto: PropertyDescriptorMap = {
    length: { get: () => columns.length },
    toJSON: {
      value(this: Record<symbol, unknown[]>) {
        return this[VALUES];
      },
    },
  };
  for (let i = 0; i < columns.length; i++) {
    proto[i] = {
      get(this: Record<symbol, unknown[]>) {
        return this[VALUES]![i];
      },
    };
  }
  return Object.create(null, proto) as object;
}

function toSql(v: InValue | undefined): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.valueOf();
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  return v;
}

function bindArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const key in args) {
    const name = key[0] === '@' || key[0] === '$' || key[0] === ':' ? key.slice(1) : key;
    named[name] = toSql((args as Record<string, InValue>)[key]);
  }
  return named;
}

function result(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

function connect(path: string, timeout: number): InstanceType<typeof Database> {
  const db = new Database(path, { timeout });
  // WAL lets readers of other processes proceed beside a writer; with it, synchronous=NORMAL
  // is still crash-safe for the process (a kill -9 loses nothing committed) and only risks
  // the last transactions on power loss — and it spares an fsync per commit.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}

export function createEmbeddedClient(path: string, options: EmbeddedOptions = {}): EmbeddedClient {
  const timeout = options.timeout ?? 5000;
  let connection: InstanceType<typeof Database> | null = connect(path, timeout);
  const cacheSize = options.cacheSize ?? 100;
  const cache = new Map<string, Prepared>();
  let closed = false;

  /** The open connection, reopened if the client was suspended. Only called from queued work. */
  function db(): InstanceType<typeof Database> {
    if (connection) return connection;
    connection = connect(path, timeout);
    options.onReopen?.();
    return connection;
  }

  function disconnect(): void {
    if (!connection) return;
    cache.clear();
    connection.close();
    connection = null;
    closedOne();
  }

  function prepare(sql: string): Prepared {
    const hit = cache.get(sql);
    if (hit) return hit;
    const stmt = db().prepare(sql);
    const reader = stmt.reader;
    let columns: string[] = [];
    let columnTypes: string[] = [];
    if (reader) {
      stmt.raw(true);
      const defs = stmt.columns();
      columns = defs.map((c) => c.name);
      columnTypes = defs.map((c) => c.type ?? '');
    }
    const prepared = { stmt, reader, columns, columnTypes, proto: null };
    if (RUNS_ONCE.test(sql)) return prepared;
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(sql, prepared);
    return prepared;
  }

  function exec(stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : bindArgs(stmt.args);
    const p = prepare(sql);
    if (p.reader) {
      const raw = p.stmt.all(args) as unknown[][];
      p.proto ??= rowPrototype(p.columns);
      const proto = p.proto;
      const rows = raw.map((values) => {
        const row = Object.create(proto) as Record<string | symbol, unknown>;
        row[VALUES] = values;
        for (let i = 0; i < p.columns.length; i++) {
          const name = p.columns[i]!;
          if (!(name in row)) row[name] = values[i];
        }
        return row as unknown as Row;
      });
      return result(p.columns, p.columnTypes, rows, 0, undefined);
    }
    const info = p.stmt.run(args);
    return result([], [], [], info.changes, BigInt(info.lastInsertRowid));
  }

  function inTransaction<T>(begin: string, body: () => T): T {
    exec(begin);
    try {
      const out = body();
      exec('COMMIT');
      return out;
    } catch (e) {
      if (db().inTransaction) exec('ROLLBACK');
      throw e;
    }
  }

  let tail: Promise<unknown> = Promise.resolve();
  function run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = tail.then(() => {
      if (closed) throw new Error('The client is closed');
      return task();
    });
    tail = result.catch(() => undefined);
    return result;
  }

  const begin = (mode: TransactionMode | undefined) => (mode === 'read' || mode === 'deferred' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');

  function transaction(mode?: TransactionMode): Promise<Transaction> {
    return new Promise<Transaction>((resolve, reject) => {
      void run(async () => {
        try {
          exec(begin(mode));
        } catch (e) {
          reject(e);
          return;
        }
        // Hold the queue until the caller commits, rolls back or closes.
        let release!: () => void;
        const finished = new Promise<void>((r) => (release = r));
        let done = false;
        const finish = (sql: string | null) => {
          if (done) return;
          done = true;
          try {
            if (sql) exec(sql);
            else if (db().inTransaction) exec('ROLLBACK');
          } finally {
            release();
          }
        };
        resolve({
          execute: async (stmt: InStatement) => exec(stmt),
          batch: async (stmts: InStatement[]) => stmts.map(exec),
          executeMultiple: async (sql: string) => void db().exec(sql),
          commit: async () => finish('COMMIT'),
          rollback: async () => finish(db().inTransaction ? 'ROLLBACK' : null),
          close: () => finish(null),
          get closed() {
            return done;
          },
        });
        await finished;
      });
    });
  }

  const normalize = (s: InStatement | [string, InArgs?]): InStatement => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s);

  return {
    execute: ((stmtOrSql: InStatement | string, args?: InArgs) =>
      run(() => exec(typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql))) as Client['execute'],
    batch: (stmts, mode) => run(() => inTransaction(begin(mode), () => stmts.map((s) => exec(normalize(s))))),
    migrate: (stmts) =>
      run(() => {
        exec('PRAGMA foreign_keys = OFF');
        try {
          return inTransaction('BEGIN DEFERRED', () => stmts.map(exec));
        } finally {
          exec('PRAGMA foreign_keys = ON');
        }
      }),
    transaction: transaction as Client['transaction'],
    executeMultiple: (sql) => run(() => void db().exec(sql)),
    sync: () => Promise.reject(new Error('sync() is for embedded replicas; this is a local file')),
    close: () => {
      if (closed) return;
      closed = true;
      disconnect();
    },
    suspend: () => {
      // Through the queue, so it waits for work already queued and open transactions.
      void run(disconnect).catch(() => undefined);
    },
    get connected() {
      return connection !== null;
    },
    reconnect: () => {
      throw new Error('reconnect() is not supported for local files');
    },
    get closed() {
      return closed;
    },
    protocol: 'file',
  };
}
