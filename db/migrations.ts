import type { Client, InStatement } from '@libsql/client';

export interface Migration {
  tag: string;
  statements: string[];
}

const LEDGER = `CREATE TABLE IF NOT EXISTS _migrations (
  version INTEGER PRIMARY KEY,
  tag TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/** How many migrations the database itself says it has (its own ledger is the source of truth). */
export async function appliedVersion(client: Client): Promise<number> {
  await client.execute(LEDGER);
  const rs = await client.execute('SELECT COALESCE(MAX(version), 0) AS v FROM _migrations');
  return Number(rs.rows[0]?.['v'] ?? 0);
}

/**
 * Applies the migrations the database lacks, each one together with its ledger row in one
 * batch (a transaction), so a crash leaves every migration either fully there or not at all.
 * Returns the versions before and after.
 */
export async function applyMigrations(
  client: Client,
  migrations: Migration[],
  now: () => number = Date.now,
): Promise<{ from: number; to: number }> {
  const from = await appliedVersion(client);
  for (let v = from; v < migrations.length; v++) {
    const m = migrations[v]!;
    const stmts: InStatement[] = [
      ...m.statements,
      { sql: 'INSERT INTO _migrations (version, tag, applied_at) VALUES (?, ?, ?)', args: [v + 1, m.tag, now()] },
    ];
    await client.batch(stmts, 'write');
  }
  return { from, to: migrations.length };
}
