// Core CRM benchmark (issue 3): one workspace seeded with 100k companies, 100k contacts and
// 200k activities, then autocannon against api/node.ts on loopback.
import { createClient, type Client, type InStatement } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../api/lib/ids.ts';
import { encodeCursor } from '../api/domain/records/cursor.ts';
import { goPro, load, round, signUp, startServer, type Row } from './lib.ts';

const COMPANIES = Number(process.env['BENCH_COMPANIES'] ?? 100_000);
const CONTACTS = Number(process.env['BENCH_CONTACTS'] ?? 100_000);
const ACTIVITIES = Number(process.env['BENCH_ACTIVITIES'] ?? 200_000);

const FIRST = ['Jan', 'Petr', 'Jana', 'Eva', 'Tomáš', 'Lucie', 'Martin', 'Kateřina', 'Jiří', 'Tereza', 'Pavel', 'Veronika'];
const LAST = ['Novák', 'Dvořák', 'Svoboda', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec', 'Marek', 'Pokorný', 'Král'];
const WORDS = ['Žlutý', 'Modrý', 'Rychlý', 'Český', 'Moravský', 'Pražský', 'Nový', 'Starý', 'Zelený', 'Horní', 'Dolní', 'Velký'];
const NOUNS = ['kůň', 'mlýn', 'dům', 'most', 'stroj', 'sklad', 'obchod', 'servis', 'design', 'systém', 'projekt', 'trh'];
const FORMS = ['s.r.o.', 'a.s.', 'v.o.s.', 'z.s.'];
const CITIES = ['Praha', 'Brno', 'Ostrava', 'Plzeň', 'Liberec', 'Olomouc', 'České Budějovice', 'Hradec Králové'];

const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

function ico(i: number): string {
  const base = String(1_000_000 + (i % 8_999_999)).padStart(7, '0');
  let sum = 0;
  for (let k = 0; k < 7; k++) sum += Number(base[k]) * (8 - k);
  return base + String((11 - (sum % 11)) % 10);
}

async function insertRows(db: Client, table: string, cols: string[], total: number, row: (i: number) => unknown[]) {
  const per = Math.floor(30_000 / cols.length);
  const placeholders = `(${cols.map(() => '?').join(',')})`;
  for (let start = 0; start < total; start += per * 20) {
    const stmts: InStatement[] = [];
    for (let s = start; s < Math.min(total, start + per * 20); s += per) {
      const n = Math.min(per, total - s);
      const args: unknown[] = [];
      for (let i = s; i < s + n; i++) args.push(...row(i));
      stmts.push({ sql: `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array(n).fill(placeholders).join(',')}`, args: args as never });
    }
    await db.batch(stmts, 'write');
  }
}

export interface SeedCounts {
  companies: number;
  contacts: number;
  activities: number;
}

/** Fills one tenant database with the benchmark's companies, contacts and activities. */
export async function seedCrm(db: Client, counts: SeedCounts = { companies: COMPANIES, contacts: CONTACTS, activities: ACTIVITIES }): Promise<void> {
  const t0 = Date.UTC(2025, 0, 1);
  const companyIds: string[] = [];
  await insertRows(db, 'companies', ['id', 'name', 'country', 'reg_no', 'city', 'phone', 'email', 'tags', 'version', 'created_at', 'updated_at'], counts.companies, (i) => {
    const id = newId(t0 + i);
    companyIds.push(id);
    const name = `${pick(WORDS, i)} ${pick(NOUNS, Math.floor(i / 12))} ${i} ${pick(FORMS, i)}`;
    return [id, name, 'CZ', ico(i), pick(CITIES, i), `+420 6${String(i).padStart(8, '0').slice(0, 2)} ${String(i).padStart(6, '0').slice(0, 3)} ${String(i).padStart(6, '0').slice(3)}`, `info${i}@firma${i}.cz`, '[]', 1, t0 + i, t0 + i];
  });
  await insertRows(db, 'contacts', ['id', 'first_name', 'last_name', 'email', 'company_id', 'tags', 'version', 'created_at', 'updated_at'], counts.contacts, (i) => [
    newId(t0 + i),
    pick(FIRST, i),
    `${pick(LAST, Math.floor(i / 12))}`,
    `osoba${i}@example.cz`,
    companyIds[i % companyIds.length],
    '[]',
    1,
    t0 + i,
    t0 + i,
  ]);
  await insertRows(db, 'activities', ['id', 'type', 'subject', 'occurred_at', 'company_id', 'version', 'created_at', 'updated_at'], counts.activities, (i) => [
    newId(t0 + i),
    pick(['call', 'meeting', 'email', 'note'], i),
    `Hovor ${i}`,
    t0 + i * 1000,
    companyIds[i % companyIds.length],
    1,
    t0 + i,
    t0 + i,
  ]);
}

export async function runCrmBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-crm-'));
  const server = await startServer(dataDir);
  try {
    const { cookie, slug, workspaceId } = await signUp(server.base, 'crm');
    await goPro(server.base, cookie, slug);
    const db = createClient({ url: `file:${join(dataDir, 'tenants', `${workspaceId}.db`)}`, timeout: 10_000 });
    const seedStart = performance.now();
    await seedCrm(db);
    await db.execute('ANALYZE');
    // Fold the seed's write-ahead log into the database, as a long-running server would have.
    await db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    rows.push({ metric: `seed ${COMPANIES / 1000}k companies + ${CONTACTS / 1000}k contacts + ${ACTIVITIES / 1000}k activities`, value: round((performance.now() - seedStart) / 1000), unit: 's' });

    // A cursor 90 % of the way through the list sorted by name.
    const deep = await db.execute({ sql: 'SELECT name_key, id FROM companies WHERE deleted_at IS NULL ORDER BY name_key, id LIMIT 1 OFFSET ?', args: [Math.floor(COMPANIES * 0.9)] });
    const deepCursor = encodeCursor(String(deep.rows[0]!['name_key']), String(deep.rows[0]!['id']));
    db.close();

    const api = `${server.base}/api/v1`;
    const headers = { cookie, origin: server.base };
    const queries = ['dvorak', 'zluty kun', 'praha', 'novak', 'moravsky', 'servis', 'info123', 'svoboda'];
    const search = queries.map((q) => ({ method: 'GET' as const, path: `/api/v1/w/${slug}/search?q=${encodeURIComponent(q)}` }));

    // Sanity: both pages are full pages of different companies.
    // (Seeding outlasts the server's keep-alive timeout: a reused idle socket may be closed; retry once.)
    const fetchPage = (q: string) => fetch(`${api}/w/${slug}/companies?limit=50&sort=name${q}`, { headers });
    const get = async (q: string) => ((await (await fetchPage(q).catch(() => fetchPage(q))).json()) as { items: { id: string }[] }).items;
    const [first, deepPage] = [await get(''), await get(`&cursor=${deepCursor}`)];
    if (first.length !== 50 || deepPage.length !== 50 || first[0]!.id === deepPage[0]!.id) throw new Error('the list pages are not what the benchmark expects');

    const health64 = await load({ url: `${api}/health`, connections: 64, headers });
    const list64 = await load({ url: `${api}/w/${slug}/companies?limit=50&sort=name`, connections: 64, headers });
    const deep64 = await load({ url: `${api}/w/${slug}/companies?limit=50&sort=name&cursor=${deepCursor}`, connections: 64, headers });
    const list8 = await load({ url: `${api}/w/${slug}/companies?limit=50&sort=name`, connections: 8, headers });
    const search8 = await load({ url: server.base, connections: 8, headers, requests: search });
    const search64 = await load({ url: server.base, connections: 64, headers, requests: search });
    let n = 0;
    const create64 = await load({
      url: `${api}/w/${slug}/companies`,
      connections: 64,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: `Nová firma ${n++}`, address: { city: 'Brno' } }) }) }],
    });

    const errors = [health64, list64, deep64, list8, search8, search64, create64].reduce((e, r) => e + r.errors + r.non2xx, 0);
    rows.push(
      { metric: '(a) health, 64 conn', value: health64.rps, unit: 'req/s' },
      { metric: '(a) health p50 / p99', value: health64.p99, unit: `ms p99 (p50 ${health64.p50})` },
      { metric: '(b) companies page 1 (50, by name), 64 conn', value: list64.rps, unit: 'req/s' },
      { metric: '(b) page 1 / health throughput', value: round((100 * list64.rps) / health64.rps), unit: '%', target: '≥ 30 %', pass: list64.rps / health64.rps >= 0.3 },
      { metric: '(b) deep page (90 %) via cursor, 64 conn', value: deep64.rps, unit: 'req/s' },
      { metric: '(b) deep page / page 1 throughput', value: round((100 * deep64.rps) / list64.rps), unit: '%', target: '≥ 80 %', pass: deep64.rps / list64.rps >= 0.8 },
      { metric: '(b) page 1 at 8 conn p50', value: list8.p50, unit: 'ms' },
      { metric: '(b) page 1 at 8 conn p99', value: list8.p99, unit: 'ms', target: '≤ 10 ms', pass: list8.p99 <= 10 },
      { metric: '(c) search at 8 conn p50', value: search8.p50, unit: 'ms' },
      { metric: '(c) search at 8 conn p99', value: search8.p99, unit: 'ms', target: '≤ 20 ms', pass: search8.p99 <= 20 },
      { metric: '(c) search, 64 conn', value: search64.rps, unit: 'req/s' },
      { metric: '(d) create company, 64 conn', value: create64.rps, unit: 'req/s', target: '≥ 2000/s', pass: create64.rps >= 2000 },
      { metric: '(d) create p99', value: create64.p99, unit: 'ms' },
      { metric: 'errors + non-2xx across the runs', value: errors, unit: '', target: '0', pass: errors === 0 },
    );
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
