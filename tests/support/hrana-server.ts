/**
 * TEST INFRASTRUCTURE, not product code.
 *
 * A small Hrana-over-HTTP server (the protocol `@libsql/client/web` speaks to Turso and sqld),
 * executing on real SQLite files through the `libsql` package. No libSQL server installs
 * offline here (`tursodb --sync-server` speaks only part of Hrana and lacks FTS5), and the
 * Worker tests need the same SQL engine the Node runtime uses, reached over HTTP from workerd.
 *
 * What it serves, for each database `<name>` it was told to create:
 *   GET  /<name>/, /<name>/v2, /<name>/v3      200 (version probes)
 *   GET  /<name>/v3-protobuf                   404, so clients fall back to JSON
 *   POST /<name>/v2/pipeline, /<name>/v3/pipeline
 *   POST /<name>/v3/cursor                     newline-delimited JSON, as sqld sends it
 * Databases are routed by path prefix rather than host name because `*.localhost` names do not
 * resolve inside workerd here, and the hrana client resolves `v2/pipeline` relative to the
 * database URL: that URL must therefore end in `/` (`databaseUrl()` does).
 *
 * Behaviour follows libsql-server (sqld): a stream owns one SQLite connection; a response
 * carries a fresh baton while the stream is open; streams expire after 10 s idle (rolling back
 * an open transaction); SQLite errors come back as `{ message: "SQLite error: …", code:
 * "SQLITE_CONSTRAINT" }` (primary code names); malformed requests and bad batons are HTTP 400.
 * Because this is one Node thread, SQLite's blocking busy handler would stall the very stream
 * holding the lock; instead a statement that meets SQLITE_BUSY is retried asynchronously until
 * `busyTimeoutMs`, which lets other streams' requests run meanwhile (sqld waits similarly).
 *
 * Not implemented: Protobuf encoding, WebSockets, replication indexes, encryption.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';

type Conn = Database.Database;

export interface HranaServerOptions {
  /** Folder for the database files (`<name>.db`); created if missing. */
  dir: string;
  /** Bearer tokens accepted for every database; when empty or unset, no token is required. */
  authTokens?: string[];
  /** Idle time before a stream expires; sqld uses 10 s. */
  streamIdleMs?: number;
  /** How long a statement keeps retrying while another stream holds the write lock. */
  busyTimeoutMs?: number;
  /** Receives one line per HTTP request (database, route, status, milliseconds), for debugging. */
  log?: (line: string) => void;
}

export interface HranaServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Creates an empty database (WAL) and returns its client URL; idempotent. */
  createDatabase(name: string): string;
  /** Closes its streams and deletes its files; unknown names are ignored. */
  deleteDatabase(name: string): void;
  /** The client URL of a database (`<origin>/<name>/`). */
  databaseUrl(name: string): string;
  hasDatabase(name: string): boolean;
  /** Path of a database file, to inspect it directly in tests. */
  databasePath(name: string): string;
  /** Streams currently open (held between HTTP requests), for leak checks in tests. */
  openStreams(): number;
  close(): Promise<void>;
}

const DB_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_BODY = 32 * 1024 * 1024;
const MAX_STORED_SQL = 50;
const IDLE_POOL = 4;

// ---------------------------------------------------------------------------------------------
// Errors

/** The request is malformed or uses a bad baton: HTTP 400 with a text body, stream dropped. */
class ProtocolError extends Error {}

/** A well-formed request the server cannot serve (expired stream): HTTP 500 with a JSON error. */
class StreamError extends Error {
  code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/** The error of one statement or request, reported inside the pipeline results. */
class StmtError extends Error {
  code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

interface SqliteFailure {
  message: string;
  code: string;
  rawCode?: number;
}

function isSqliteFailure(e: unknown): e is SqliteFailure {
  return e instanceof Error && typeof (e as Partial<SqliteFailure>).code === 'string';
}

const PRIMARY_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED', 7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT', 12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE', 22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
};

function primaryCode(e: SqliteFailure): number | undefined {
  return typeof e.rawCode === 'number' ? e.rawCode & 0xff : undefined;
}

/** Maps an exception from libsql to the error sqld would report. */
function toStmtError(e: unknown): StmtError {
  if (e instanceof StmtError) return e;
  if (isSqliteFailure(e)) {
    if (e.message === 'incomplete input' || e.message.includes('syntax error')) {
      // sqld parses SQL itself before SQLite sees it, so syntax errors carry its own code.
      return new StmtError(`SQL string could not be parsed: ${e.message}`, 'SQL_PARSE_ERROR');
    }
    const primary = primaryCode(e);
    const code = (primary !== undefined ? PRIMARY_CODES[primary] : undefined) ?? e.code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
    return new StmtError(`SQLite error: ${e.message}`, code);
  }
  if (e instanceof RangeError || e instanceof TypeError) {
    return new StmtError(`Arguments do not match SQL parameters: ${e.message}`, 'ARGS_INVALID');
  }
  throw e;
}

function isRetryableBusy(e: unknown): boolean {
  if (!isSqliteFailure(e)) return false;
  // SQLITE_BUSY_SNAPSHOT (517) cannot succeed by waiting: the transaction read stale data.
  return primaryCode(e) === 5 && e.rawCode !== 517;
}

// ---------------------------------------------------------------------------------------------
// Wire format (JSON), decoded defensively: anything unexpected is a ProtocolError.

type WireValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface WireCol {
  name: string | null;
  decltype: string | null;
}

interface WireStmtResult {
  cols: WireCol[];
  rows: WireValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

interface WireError {
  message: string;
  code: string;
}

type JsonObject = Record<string, unknown>;

function asObject(v: unknown, what: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProtocolError(`Expected ${what} to be an object`);
  return v as JsonObject;
}

function asArray(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ProtocolError(`Expected ${what} to be an array`);
  return v;
}

function asString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ProtocolError(`Expected ${what} to be a string`);
  return v;
}

function asOptString(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : asString(v, what);
}

function asInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ProtocolError(`Expected ${what} to be an integer`);
  return v;
}

function asOptInt(v: unknown, what: string): number | undefined {
  return v === undefined || v === null ? undefined : asInt(v, what);
}

/** A Hrana value to what libsql binds. */
function decodeValue(v: unknown): unknown {
  const o = asObject(v, 'value');
  switch (o['type']) {
    case 'null':
      return null;
    case 'integer': {
      const s = o['value'];
      if (typeof s === 'number' && Number.isInteger(s)) return BigInt(s);
      const text = asString(s, 'integer value');
      if (!/^-?\d+$/.test(text)) throw new ProtocolError('Invalid integer value');
      return BigInt(text);
    }
    case 'float': {
      const n = o['value'];
      if (typeof n !== 'number') throw new ProtocolError('Expected float value to be a number');
      return n;
    }
    case 'text':
      return asString(o['value'], 'text value');
    case 'blob':
      return Buffer.from(asString(o['base64'], 'blob base64'), 'base64');
    default:
      throw new ProtocolError(`Unknown value type ${String(o['type'])}`);
  }
}

/** What libsql returns (with safe integers) to a Hrana value. */
function encodeValue(v: unknown): WireValue {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  throw new Error(`Cannot encode a value of type ${typeof v}`);
}

// ---------------------------------------------------------------------------------------------
// SQL text helpers

// Tokens and transitions of SQLite's sqlite3_complete(): a semicolon ends a statement unless it
// sits inside a CREATE TRIGGER body, which only `END ;` closes.
const SEMI = 0, WS = 1, OTHER = 2, EXPLAIN = 3, CREATE = 4, TEMP = 5, TRIGGER = 6, END = 7;
const START = 1;
const TRANSITIONS: readonly (readonly number[])[] = [
  /* 0 INVALID */ [1, 0, 2, 3, 4, 2, 2, 2],
  /* 1 START   */ [1, 1, 2, 3, 4, 2, 2, 2],
  /* 2 NORMAL  */ [1, 2, 2, 2, 2, 2, 2, 2],
  /* 3 EXPLAIN */ [1, 3, 3, 2, 4, 2, 2, 2],
  /* 4 CREATE  */ [1, 4, 2, 2, 2, 4, 5, 2],
  /* 5 TRIGGER */ [6, 5, 5, 5, 5, 5, 5, 5],
  /* 6 SEMI    */ [6, 6, 5, 5, 5, 5, 5, 7],
  /* 7 END     */ [1, 7, 5, 5, 5, 5, 5, 5],
];
const KEYWORDS: Record<string, number> = { explain: EXPLAIN, create: CREATE, temp: TEMP, temporary: TEMP, trigger: TRIGGER, end: END };

/** The statements in `sql` (comments kept, blank ones dropped), split as SQLite's CLI would. */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  const n = sql.length;
  let state = 0;
  let start = 0;
  let content = false;
  let i = 0;
  while (i < n) {
    const c = sql[i] ?? '';
    let token: number;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      token = WS;
    } else if (c === '-' && sql[i + 1] === '-') {
      const e = sql.indexOf('\n', i + 2);
      i = e < 0 ? n : e + 1;
      token = WS;
    } else if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      token = WS;
    } else if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n && !(sql[i] === c && sql[i + 1] !== c)) i += sql[i] === c ? 2 : 1;
      i++;
      token = OTHER;
    } else if (c === '[') {
      const e = sql.indexOf(']', i + 1);
      i = e < 0 ? n : e + 1;
      token = OTHER;
    } else if (c === ';') {
      i++;
      token = SEMI;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j] ?? '')) j++;
      token = KEYWORDS[sql.slice(i, j).toLowerCase()] ?? OTHER;
      i = j;
    } else {
      i++;
      token = OTHER;
    }
    if (token !== WS && token !== SEMI) content = true;
    state = TRANSITIONS[state]?.[token] ?? 2;
    if (token === SEMI && state === START) {
      if (content) out.push(sql.slice(start, i));
      start = i;
      content = false;
    }
  }
  if (content) out.push(sql.slice(start));
  return out;
}

/** The text without comments (for keyword checks). */
function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*(\n|$)|\/\*[\s\S]*?(\*\/|$)/g, ' ');
}

/** Parameter names as sqlite3_bind_parameter_name reports them (null for a bare `?`). */
function scanParams(sql: string): (string | null)[] {
  const params: (string | null)[] = [];
  const seen = new Set<string>();
  const text = stripComments(sql).replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]/g, ' ');
  for (const m of text.matchAll(/\?(\d*)|[:@$][A-Za-z_][A-Za-z0-9_]*/g)) {
    const token = m[0];
    if (token === '?') params.push(null);
    else if (!seen.has(token)) {
      seen.add(token);
      params.push(token);
    }
  }
  return params;
}

// ---------------------------------------------------------------------------------------------
// Databases and streams

interface DbEntry {
  name: string;
  path: string;
  idle: Conn[];
  streams: Set<Stream>;
}

interface Stream {
  db: DbEntry;
  /** Opened on first use; `null` once the stream is closed. */
  conn: Conn | undefined | null;
  sqls: Map<number, string>;
  baton: string | undefined;
  busy: boolean;
  timer: NodeJS.Timeout | undefined;
}

interface Batch {
  steps: { condition: unknown; stmt: unknown }[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const dir = options.dir;
  mkdirSync(dir, { recursive: true });
  const tokens = new Set(options.authTokens ?? []);
  const streamIdleMs = options.streamIdleMs ?? 10_000;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;

  const databases = new Map<string, DbEntry>();
  const batons = new Map<string, Stream>();
  // Batons of expired streams, so a late client hears "expired" rather than "invalid".
  const expired = new Set<string>();

  const pathOf = (name: string) => join(dir, `${name}.db`);

  function openConn(db: DbEntry): Conn {
    return db.idle.pop() ?? new Database(db.path);
  }

  function releaseConn(db: DbEntry, conn: Conn): void {
    try {
      if (conn.inTransaction) conn.exec('ROLLBACK');
    } catch {
      // A failed rollback leaves the connection in an unknown state: drop it instead of pooling.
      conn.close();
      return;
    }
    if (db.idle.length < IDLE_POOL && databases.get(db.name) === db) db.idle.push(conn);
    else conn.close();
  }

  function closeStream(stream: Stream): void {
    if (stream.timer) clearTimeout(stream.timer);
    stream.timer = undefined;
    if (stream.baton !== undefined) batons.delete(stream.baton);
    stream.baton = undefined;
    if (stream.conn) releaseConn(stream.db, stream.conn);
    stream.conn = null;
    stream.db.streams.delete(stream);
  }

  function connOf(stream: Stream): Conn {
    if (stream.conn === null) throw new ProtocolError('The stream has already been closed');
    if (stream.conn === undefined) stream.conn = openConn(stream.db);
    return stream.conn;
  }

  function resolveSql(stream: Stream, sql: unknown, sqlId: unknown): string {
    const text = asOptString(sql, 'sql');
    const id = asOptInt(sqlId, 'sql_id');
    if (text !== undefined && id !== undefined) throw new ProtocolError('Both sql and sql_id were given');
    if (text !== undefined) return text;
    if (id === undefined) throw new ProtocolError('Neither sql nor sql_id was given');
    const stored = stream.sqls.get(id);
    if (stored === undefined) throw new ProtocolError(`SQL text ${id} was not stored`);
    return stored;
  }

  function meta(conn: Conn): [bigint, bigint, bigint] {
    // Prepared afresh and run to completion: a cached statement that `get()` leaves mid-step
    // would count as "in progress" and make a later COMMIT fail.
    const stmt = conn.prepare('SELECT changes(), last_insert_rowid(), total_changes()');
    stmt.safeIntegers(true);
    stmt.raw(true);
    return (stmt.all() as [bigint, bigint, bigint][])[0] ?? [0n, 0n, 0n];
  }

  /**
   * Runs one statement (already known to be a single one). While another connection holds the
   * write lock it re-steps the *same* prepared statement, as SQLite asks: a statement left
   * behind after SQLITE_BUSY still counts as an active writer and would make COMMIT fail.
   */
  async function runOne(conn: Conn, sql: string, args: unknown[] | Record<string, unknown>, wantRows: boolean): Promise<WireStmtResult> {
    const stmt = conn.prepare(sql);
    const reader = stmt.reader;
    if (reader) {
      stmt.safeIntegers(true);
      stmt.raw(true);
    }
    const deadline = Date.now() + busyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const before = meta(conn)[2];
      try {
        let cols: WireCol[] = [];
        let rows: WireValue[][] = [];
        if (reader) {
          cols = stmt.columns().map((c) => ({ name: c.name, decltype: c.type }));
          const raw = stmt.all(args) as unknown[][];
          if (wantRows) rows = raw.map((r) => r.map(encodeValue));
        } else {
          stmt.run(args);
        }
        const [changes, lastRowid, total] = meta(conn);
        // changes() keeps the count of the last INSERT/UPDATE/DELETE, so it is only this
        // statement's when the connection's running total moved.
        return {
          cols,
          rows,
          affected_row_count: total !== before ? Number(changes) : 0,
          last_insert_rowid: lastRowid.toString(),
        };
      } catch (e) {
        if (!isRetryableBusy(e) || Date.now() >= deadline) throw e;
        await sleep(Math.min(2 + attempt * 2, 25));
      }
    }
  }

  /**
   * After giving up on SQLITE_BUSY the statement stays active on its connection and would block
   * that connection's next COMMIT; outside a transaction nothing is lost by starting afresh.
   */
  function dropIfStuck(stream: Stream, e: unknown): void {
    const conn = stream.conn;
    if (!conn || !isRetryableBusy(e) || conn.inTransaction) return;
    conn.close();
    stream.conn = undefined;
  }

  async function executeStmt(stream: Stream, raw: unknown): Promise<WireStmtResult> {
    const o = asObject(raw, 'stmt');
    const sql = resolveSql(stream, o['sql'], o['sql_id']);
    const positional = asArray(o['args'], 'args').map(decodeValue);
    const namedRaw = asArray(o['named_args'], 'named_args');
    const wantRows = o['want_rows'] === undefined || o['want_rows'] === null ? true : o['want_rows'] === true;
    const conn = connOf(stream);
    if (positional.length > 0 && namedRaw.length > 0) {
      throw new StmtError('Specifying both positional and named arguments is not supported', 'ARGS_BOTH_POSITIONAL_AND_NAMED');
    }
    let args: unknown[] | Record<string, unknown> = positional;
    if (namedRaw.length > 0) {
      const named: Record<string, unknown> = {};
      for (const a of namedRaw) {
        const arg = asObject(a, 'named arg');
        // libsql binds names without their sigil (`:a`, `@a` and `$a` all bind `a`).
        named[asString(arg['name'], 'arg name').replace(/^[:@$]/, '')] = decodeValue(arg['value']);
      }
      args = named;
    }
    try {
      const statements = splitStatements(sql);
      if (statements.length === 0) throw new StmtError('SQL string does not contain any statement', 'SQL_NO_STATEMENT');
      if (statements.length > 1) throw new StmtError('SQL string contains more than one statement', 'SQL_MANY_STATEMENTS');
      const single = statements[0] ?? sql;
      return await runOne(conn, single, args, wantRows);
    } catch (e) {
      dropIfStuck(stream, e);
      throw toStmtError(e);
    }
  }

  function parseBatch(raw: unknown): Batch {
    const o = asObject(raw, 'batch');
    const steps = asArray(o['steps'], 'steps').map((s) => {
      const step = asObject(s, 'batch step');
      return { condition: step['condition'], stmt: step['stmt'] };
    });
    steps.forEach((s, i) => {
      if (s.condition !== undefined && s.condition !== null) validateCond(s.condition, i);
    });
    return { steps };
  }

  function validateCond(raw: unknown, stepIndex: number): void {
    const c = asObject(raw, 'condition');
    switch (c['type']) {
      case 'ok':
      case 'error': {
        const step = asInt(c['step'], 'condition step');
        if (step < 0 || step >= stepIndex) throw new ProtocolError('Batch condition refers to a step that has not run before it');
        return;
      }
      case 'not':
        return validateCond(c['cond'], stepIndex);
      case 'and':
      case 'or':
        for (const sub of asArray(c['conds'], 'conds')) validateCond(sub, stepIndex);
        return;
      case 'is_autocommit':
        return;
      default:
        throw new ProtocolError(`Unknown batch condition ${String(c['type'])}`);
    }
  }

  function evalCond(raw: unknown, conn: Conn, results: (WireStmtResult | null)[], errors: (WireError | null)[]): boolean {
    const c = raw as JsonObject;
    switch (c['type']) {
      case 'ok':
        return results[c['step'] as number] != null;
      case 'error':
        return errors[c['step'] as number] != null;
      case 'not':
        return !evalCond(c['cond'], conn, results, errors);
      case 'and':
        return (c['conds'] as unknown[]).every((s) => evalCond(s, conn, results, errors));
      case 'or':
        return (c['conds'] as unknown[]).some((s) => evalCond(s, conn, results, errors));
      default:
        return !conn.inTransaction;
    }
  }

  async function executeBatch(stream: Stream, batch: Batch, version: number): Promise<{ results: (WireStmtResult | null)[]; errors: (WireError | null)[] }> {
    const conn = connOf(stream);
    const results: (WireStmtResult | null)[] = [];
    const errors: (WireError | null)[] = [];
    for (const step of batch.steps) {
      if (step.condition !== undefined && step.condition !== null) {
        if (version < 3 && JSON.stringify(step.condition).includes('"is_autocommit"')) {
          throw new ProtocolError('BatchCond of type `is_autocommit` needs protocol version 3');
        }
        if (!evalCond(step.condition, conn, results, errors)) {
          results.push(null);
          errors.push(null);
          continue;
        }
      }
      try {
        results.push(await executeStmt(stream, step.stmt));
        errors.push(null);
      } catch (e) {
        if (!(e instanceof StmtError)) throw e;
        results.push(null);
        errors.push({ message: e.message, code: e.code });
      }
    }
    return { results, errors };
  }

  async function executeSequence(stream: Stream, sql: string): Promise<void> {
    const conn = connOf(stream);
    try {
      for (const statement of splitStatements(sql)) {
        await runOne(conn, statement, [], false);
      }
    } catch (e) {
      dropIfStuck(stream, e);
      throw toStmtError(e);
    }
  }

  function describe(stream: Stream, sql: string): JsonObject {
    const conn = connOf(stream);
    try {
      const statements = splitStatements(sql);
      if (statements.length === 0) throw new StmtError('SQL string does not contain any statement', 'SQL_NO_STATEMENT');
      if (statements.length > 1) throw new StmtError('SQL string contains more than one statement', 'SQL_MANY_STATEMENTS');
      const text = statements[0] ?? sql;
      const stmt = conn.prepare(text);
      const cols = stmt.reader ? stmt.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
      const isExplain = /^\s*EXPLAIN\b/i.test(stripComments(text));
      let isReadonly = true;
      if (!isExplain) {
        // sqlite3_stmt_readonly is not exposed by libsql; a statement writes exactly when its
        // program opens a write transaction (the `Transaction` opcode with P2 > 0).
        const program = conn.prepare(`EXPLAIN ${text}`);
        program.raw(true);
        isReadonly = !(program.all() as unknown[][]).some((r) => r[1] === 'Transaction' && Number(r[3]) > 0);
      }
      return {
        params: scanParams(text).map((name) => ({ name })),
        cols,
        is_explain: isExplain,
        is_readonly: isReadonly,
      };
    } catch (e) {
      throw toStmtError(e);
    }
  }

  async function handleRequest(stream: Stream, raw: unknown, version: number): Promise<JsonObject> {
    const req = asObject(raw, 'request');
    try {
      switch (req['type']) {
        case 'close':
          closeStream(stream);
          return { type: 'close' };
        case 'execute':
          return { type: 'execute', result: await executeStmt(stream, req['stmt']) };
        case 'batch': {
          const { results, errors } = await executeBatch(stream, parseBatch(req['batch']), version);
          return { type: 'batch', result: { step_results: results, step_errors: errors } };
        }
        case 'sequence':
          await executeSequence(stream, resolveSql(stream, req['sql'], req['sql_id']));
          return { type: 'sequence' };
        case 'describe':
          return { type: 'describe', result: describe(stream, resolveSql(stream, req['sql'], req['sql_id'])) };
        case 'store_sql': {
          const id = asInt(req['sql_id'], 'sql_id');
          const sql = asString(req['sql'], 'sql');
          if (stream.sqls.has(id)) throw new ProtocolError(`SQL text ${id} is already stored`);
          if (stream.sqls.size >= MAX_STORED_SQL) {
            throw new StmtError(`The server already stores ${stream.sqls.size} SQL texts, it cannot store more`, 'SQL_STORE_TOO_MANY');
          }
          stream.sqls.set(id, sql);
          return { type: 'store_sql' };
        }
        case 'close_sql':
          stream.sqls.delete(asInt(req['sql_id'], 'sql_id'));
          return { type: 'close_sql' };
        case 'get_autocommit':
          if (version < 3) throw new ProtocolError('The `get_autocommit` request needs protocol version 3');
          return { type: 'get_autocommit', is_autocommit: !connOf(stream).inTransaction };
        default:
          throw new ProtocolError(`Unknown request type ${String(req['type'])}`);
      }
    } catch (e) {
      if (e instanceof StmtError) return { type: 'error', error: { message: e.message, code: e.code } };
      throw e;
    }
  }

  function acquire(db: DbEntry, baton: string | undefined): Stream {
    if (baton === undefined) {
      const stream: Stream = { db, conn: undefined, sqls: new Map(), baton: undefined, busy: false, timer: undefined };
      db.streams.add(stream);
      return stream;
    }
    const stream = batons.get(baton);
    if (!stream) {
      if (expired.has(baton)) throw new StreamError('The stream has expired due to inactivity', 'STREAM_EXPIRED');
      throw new ProtocolError('The baton is invalid');
    }
    if (stream.db !== db) throw new ProtocolError('The baton belongs to another database');
    if (stream.busy) throw new ProtocolError('The baton has been reused');
    batons.delete(baton);
    stream.baton = undefined;
    if (stream.timer) clearTimeout(stream.timer);
    stream.timer = undefined;
    return stream;
  }

  /** Hands the stream back for its next request, under a fresh baton; `null` if it closed. */
  function release(stream: Stream): string | null {
    stream.busy = false;
    if (stream.conn === null) return null;
    const baton = randomBytes(24).toString('base64url');
    stream.baton = baton;
    batons.set(baton, stream);
    stream.timer = setTimeout(() => {
      expired.add(baton);
      closeStream(stream);
    }, streamIdleMs);
    stream.timer.unref();
    return baton;
  }

  async function pipeline(db: DbEntry, body: JsonObject, version: number): Promise<JsonObject> {
    const stream = acquire(db, asOptString(body['baton'], 'baton'));
    stream.busy = true;
    const requests = asArray(body['requests'], 'requests');
    const results: JsonObject[] = [];
    try {
      for (const req of requests) {
        const response = await handleRequest(stream, req, version);
        results.push(response['type'] === 'error' ? response : { type: 'ok', response });
      }
    } catch (e) {
      closeStream(stream);
      throw e;
    }
    return { baton: release(stream), base_url: null, results };
  }

  async function cursor(db: DbEntry, body: JsonObject): Promise<string> {
    const stream = acquire(db, asOptString(body['baton'], 'baton'));
    stream.busy = true;
    let lines: JsonObject[];
    try {
      const batch = parseBatch(body['batch']);
      const { results, errors } = await executeBatch(stream, batch, 3);
      lines = [];
      results.forEach((r, step) => {
        const err = errors[step];
        if (err) lines.push({ type: 'step_error', step, error: err });
        else if (r) {
          lines.push({ type: 'step_begin', step, cols: r.cols });
          for (const row of r.rows) lines.push({ type: 'row', row });
          lines.push({ type: 'step_end', affected_row_count: r.affected_row_count, last_insert_rowid: r.last_insert_rowid });
        }
      });
    } catch (e) {
      closeStream(stream);
      throw e;
    }
    const head = { baton: release(stream), base_url: null };
    return [head, ...lines].map((l) => JSON.stringify(l) + '\n').join('');
  }

  function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          reject(new ProtocolError('Request body is too large'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  function send(res: ServerResponse, status: number, contentType: string, body: string): void {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, name = '', ...rest] = url.pathname.split('/');
    const route = rest.join('/');
    const db = databases.get(name);
    if (!DB_NAME.test(name) || !db) return send(res, 404, 'text/plain', `Database ${JSON.stringify(name)} not found`);

    // Version probes carry no token (the hrana client sends them bare), so only POSTs are checked.
    if (req.method === 'GET') {
      if (route === '' || route === 'v2' || route === 'v3') return send(res, 200, 'text/plain', 'Hello, this is HTTP API v2 (Hrana over HTTP)');
      if (route === 'health') return send(res, 200, 'text/plain', '');
      return send(res, 404, 'text/plain', 'Not found');
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
    if (tokens.size > 0) {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!tokens.has(token)) return send(res, 401, 'text/plain', 'Unauthorized');
    }

    const version = route === 'v2/pipeline' ? 2 : route === 'v3/pipeline' || route === 'v3/cursor' ? 3 : 0;
    if (version === 0) return send(res, 404, 'text/plain', 'Not found');
    try {
      let body: JsonObject;
      try {
        body = asObject(JSON.parse((await readBody(req)).toString('utf8')), 'request body');
      } catch (e) {
        if (e instanceof ProtocolError) throw e;
        throw new ProtocolError(`Could not deserialize JSON request body: ${(e as Error).message}`);
      }
      if (route === 'v3/cursor') return send(res, 200, 'text/plain', await cursor(db, body));
      return send(res, 200, 'application/json', JSON.stringify(await pipeline(db, body, version)));
    } catch (e) {
      if (e instanceof ProtocolError) return send(res, 400, 'text/plain', e.message);
      if (e instanceof StreamError) return send(res, 500, 'application/json', JSON.stringify({ message: e.message, code: e.code }));
      return send(res, 500, 'text/plain', `Internal error: ${(e as Error).message}`);
    }
  }

  const server: Server = createServer((req, res) => {
    if (options.log) {
      const log = options.log;
      const started = performance.now();
      res.on('finish', () => log(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`));
    }
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `Internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const databaseUrl = (name: string) => `${origin}/${name}/`;

  function deleteDatabase(name: string): void {
    const db = databases.get(name);
    if (!db) return;
    databases.delete(name);
    for (const stream of [...db.streams]) closeStream(stream);
    for (const conn of db.idle) conn.close();
    db.idle.length = 0;
    for (const suffix of ['', '-wal', '-shm']) rmSync(db.path + suffix, { force: true });
  }

  return {
    origin,
    databaseUrl,
    createDatabase(name) {
      if (!DB_NAME.test(name)) throw new Error(`Invalid database name ${JSON.stringify(name)}`);
      if (!databases.has(name)) {
        const path = pathOf(name);
        const conn = new Database(path);
        // WAL is a property of the file: readers then never wait for the writer, as on Turso.
        conn.exec('PRAGMA journal_mode = WAL');
        databases.set(name, { name, path, idle: [conn], streams: new Set() });
      }
      return databaseUrl(name);
    },
    deleteDatabase,
    hasDatabase: (name) => databases.has(name),
    databasePath: (name) => pathOf(name),
    openStreams: () => batons.size,
    async close() {
      for (const name of [...databases.keys()]) {
        const db = databases.get(name);
        if (!db) continue;
        for (const stream of [...db.streams]) closeStream(stream);
        for (const conn of db.idle) conn.close();
        db.idle.length = 0;
      }
      databases.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
