// Records the SQL a workspace's database runs, to count statements per request and to check
// their query plans (EXPLAIN QUERY PLAN on the real file with the real arguments).
import type { Client, InArgs, InStatement } from '@libsql/client';
import type { Harness } from './support.ts';
import { workspaceRow } from './support.ts';

export interface SqlLog {
  statements: { sql: string; args: InArgs }[];
  clear(): void;
  /** Query plans of the recorded statements (those `filter` keeps), one string per statement. */
  plans(filter?: (sql: string) => boolean): Promise<{ sql: string; plan: string }[]>;
}

function normalize(stmt: InStatement, args?: InArgs): { sql: string; args: InArgs } {
  return typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : { sql: stmt.sql, args: stmt.args ?? [] };
}

/** Wraps the tenant provider so every statement on `workspaceId`'s database is logged. */
export async function logSql(h: Harness, workspaceId: string): Promise<SqlLog> {
  const row = await workspaceRow(h, workspaceId);
  const statements: SqlLog['statements'] = [];
  const tenants = h.platform.tenants;
  const open = tenants.open.bind(tenants);
  const wrapped = new WeakMap<Client, Client>();
  tenants.open = (id, location) => {
    const client = open(id, location);
    if (id !== workspaceId) return client;
    let w = wrapped.get(client);
    if (!w) {
      w = new Proxy(client, {
        get(target, prop, receiver) {
          if (prop === 'execute') {
            return (stmt: InStatement, args?: InArgs) => {
              statements.push(normalize(stmt, args));
              return target.execute(stmt as string, args);
            };
          }
          if (prop === 'batch') {
            return (stmts: InStatement[], mode?: Parameters<Client['batch']>[1]) => {
              for (const stmt of stmts) statements.push(normalize(stmt));
              return target.batch(stmts, mode);
            };
          }
          if (prop === 'transaction') {
            return async (...a: Parameters<Client['transaction']>) => {
              const tx = await target.transaction(...a);
              return new Proxy(tx, {
                get(t, p) {
                  if (p === 'execute') {
                    return (stmt: InStatement) => {
                      statements.push(normalize(stmt));
                      return t.execute(stmt);
                    };
                  }
                  const v = Reflect.get(t, p, t) as unknown;
                  return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(t) : v;
                },
              });
            };
          }
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
        },
      });
      wrapped.set(client, w);
    }
    return w;
  };
  return {
    statements,
    clear() {
      statements.length = 0;
    },
    async plans(filter = () => true) {
      const client = open(workspaceId, row.dbLocation);
      const out: { sql: string; plan: string }[] = [];
      for (const s of statements.filter((x) => filter(x.sql))) {
        const rs = await client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args });
        out.push({ sql: s.sql, plan: rs.rows.map((r) => String(r['detail'])).join('\n') });
      }
      return out;
    },
  };
}
