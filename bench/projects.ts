// Project management benchmark (issue 5): one Pro workspace with 500 projects, 50k tasks,
// 500k time entries (and 25k expenses), seeded with batched raw SQL, then autocannon against
// api/node.ts on loopback: the project report and the portfolio list at 64 connections, the
// timesheet week, and board moves.
import type { Client, InStatement } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../api/lib/ids.ts';
import { keysAfter } from '../api/domain/records/position.ts';
import { addDays, isoWeek } from '../api/domain/time/iso-week.ts';
import { amountFor } from '../api/domain/time/money.ts';
import { createEmbeddedClient } from '../db/embedded-client.ts';
import { czechSortKey } from '../db/tenant/collation.ts';
import { load, quantile, round, signUp, startServer, type Row } from './lib.ts';

const PROJECTS = Number(process.env['BENCH_PROJECTS'] ?? 500);
const TASKS = Number(process.env['BENCH_TASKS'] ?? 50_000);
const ENTRIES = Number(process.env['BENCH_TIME_ENTRIES'] ?? 500_000);
const EXPENSES = Number(process.env['BENCH_EXPENSES'] ?? 25_000);
/** Two years of working days, ending on the Friday of the week the timesheet reads. */
const FIRST_DAY = '2025-01-06';
const DAYS = 728;
const COLUMNS = ['todo', 'doing', 'review', 'done'] as const;
const STATUSES = ['preparation', 'in_progress', 'review', 'done', 'on_hold'];
const NAMES = ['Web', 'E-shop', 'Aplikace', 'Audit', 'Redesign', 'Migrace', 'Kampaň', 'Školení', 'Integrace', 'Údržba'];
const CLIENTS = ['Pekárna Novák', 'Žlutý kůň', 'Moravská strojírna', 'Česká spořitelna', 'Dvořák a syn', 'Brněnské vody', 'Pražská galerie'];

const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

async function insertRows(db: Client, table: string, cols: string[], total: number, row: (i: number) => unknown[]): Promise<void> {
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

interface Seeded {
  projectIds: string[];
  /** Task ids of each project, for board moves. */
  taskIds: string[][];
}

/** Fills one tenant database with the benchmark's projects, tasks, time entries and expenses. */
export async function seedProjects(db: Client, userId: string): Promise<Seeded> {
  const t0 = Date.UTC(2025, 0, 1);
  // 200 people booking about 24 entries (40 h) a week each.
  const users = [userId, ...Array.from({ length: 199 }, (_, i) => `bench-user-${i}`)];
  const projectIds: string[] = [];
  await insertRows(
    db,
    'projects',
    ['id', 'name', 'name_key', 'status_id', 'manager_id', 'start_on', 'due_on', 'currency', 'budget_minutes', 'budget_cost', 'budget_revenue', 'hourly_rate', 'tags', 'version', 'created_at', 'updated_at'],
    PROJECTS,
    (i) => {
      const id = newId(t0 + i);
      projectIds.push(id);
      const name = `${pick(NAMES, i)} ${pick(CLIENTS, Math.floor(i / NAMES.length))} ${i}`;
      const start = addDays(FIRST_DAY, (i * 7) % 364);
      return [id, name, czechSortKey(name), pick(STATUSES, i), userId, start, addDays(start, 180 + (i % 200)), 'CZK', 60_000 + (i % 50) * 600, 50_000_000, 120_000_000, i % 3 === 0 ? 150_000 : null, '[]', 1, t0 + i, t0 + i];
    },
  );
  const perProject = Math.max(1, Math.floor(TASKS / PROJECTS));
  const perColumn = Math.ceil(perProject / COLUMNS.length);
  const keys = keysAfter(null, perColumn);
  const taskIds: string[][] = projectIds.map(() => []);
  await insertRows(db, 'tasks', ['id', 'title', 'done', 'project_id', 'status', 'position', 'estimate_minutes', 'assignee_id', 'checklist', 'version', 'created_at', 'updated_at'], TASKS, (i) => {
    const id = newId(t0 + i);
    const p = Math.floor(i / perProject) % PROJECTS;
    const k = i % perProject;
    taskIds[p]!.push(id);
    const column = COLUMNS[Math.floor(k / perColumn)] ?? 'done';
    return [id, `Úkol ${i}`, column === 'done' ? 1 : 0, projectIds[p], column, keys[k % perColumn], 60 + (i % 8) * 30, pick(users, i), '[]', 1, t0 + i, t0 + i];
  });
  await insertRows(
    db,
    'time_entries',
    ['id', 'project_id', 'task_id', 'user_id', 'date', 'week', 'minutes', 'billable', 'hourly_rate', 'cost_rate', 'revenue_amount', 'cost_amount', 'version', 'created_at', 'updated_at'],
    ENTRIES,
    (i) => {
      const p = i % PROJECTS;
      const tasks = taskIds[p]!;
      const date = addDays(FIRST_DAY, Math.floor((i / ENTRIES) * DAYS));
      const minutes = 15 + ((i * 37) % 16) * 15;
      const billable = i % 5 !== 0;
      const rate = p % 3 === 0 ? 150_000 : 120_000;
      const cost = 50_000;
      return [
        newId(t0 + i),
        projectIds[p],
        i % 4 === 0 ? null : tasks[i % tasks.length],
        users[(i * 31) % users.length],
        date,
        isoWeek(date),
        minutes,
        billable ? 1 : 0,
        rate,
        cost,
        billable ? amountFor(minutes, rate) : 0,
        amountFor(minutes, cost),
        1,
        t0 + i,
        t0 + i,
      ];
    },
  );
  await insertRows(db, 'expenses', ['id', 'project_id', 'date', 'week', 'amount', 'currency', 'category', 'version', 'created_at', 'updated_at'], EXPENSES, (i) => {
    const date = addDays(FIRST_DAY, Math.floor((i / EXPENSES) * DAYS));
    return [newId(t0 + i), projectIds[i % PROJECTS], date, isoWeek(date), 10_000 + (i % 100) * 1_000, 'CZK', pick(['Cestovné', 'Licence', 'Subdodávka'], i), 1, t0 + i, t0 + i];
  });
  return { projectIds, taskIds };
}

export async function runProjectsBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-projects-'));
  const server = await startServer(dataDir);
  try {
    const { cookie, slug, workspaceId } = await signUp(server.base, 'projects');
    const control = createEmbeddedClient(join(dataDir, 'control.db'), { timeout: 10_000 });
    await control.execute({ sql: "UPDATE workspaces SET plan = 'pro' WHERE id = ?", args: [workspaceId] });
    const me = await control.execute({ sql: 'SELECT user_id FROM memberships WHERE workspace_id = ?', args: [workspaceId] });
    const userId = String(me.rows[0]!['user_id']);
    await control.execute({ sql: 'UPDATE memberships SET cost_rate = 50000, bill_rate = 120000 WHERE workspace_id = ?', args: [workspaceId] });
    control.close();

    // A second connection to the file the server has open: fine in WAL mode.
    const db = createEmbeddedClient(join(dataDir, 'tenants', `${workspaceId}.db`), { timeout: 10_000 });
    const seedStart = performance.now();
    const { projectIds, taskIds } = await seedProjects(db, userId);
    await db.execute('ANALYZE');
    await db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    rows.push({
      metric: `seed ${PROJECTS} projects + ${TASKS / 1000}k tasks + ${ENTRIES / 1000}k time entries + ${EXPENSES / 1000}k expenses`,
      value: round((performance.now() - seedStart) / 1000),
      unit: 's',
    });

    const api = `${server.base}/api/v1/w/${slug}`;
    const headers = { cookie, origin: server.base };
    // Sanity: the figures are real (an idle keep-alive socket may have closed during the seed: retry once).
    const get = (path: string) => fetch(`${api}${path}`, { headers }).catch(() => fetch(`${api}${path}`, { headers }));
    const report = (await (await get(`/projects/${projectIds[7]}/report`)).json()) as { actual: { minutes: number }; burn: unknown[] };
    if (!(report.actual.minutes > 0) || report.burn.length < 10) throw new Error(`the report is not what the benchmark expects: ${JSON.stringify(report).slice(0, 200)}`);
    const portfolio = (await (await get('/projects?limit=50')).json()) as { items: { figures: { actual: { minutes: number } } }[] };
    if (portfolio.items.length !== 50 || !portfolio.items.every((p) => p.figures.actual.minutes > 0)) throw new Error('the portfolio page is not what the benchmark expects');

    // Single-request costs first (no queueing): what one request takes on an idle server.
    const lat = async (n: number, path: (i: number) => string) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const res = await get(path(i));
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path(i)} answered ${res.status}`);
        ms.push(performance.now() - t);
      }
      return ms;
    };
    const reportOne = await lat(200, (i) => `/projects/${projectIds[(i * 13) % PROJECTS]}/report`);
    const listOne = await lat(100, () => '/projects?limit=50');
    const weeks = Array.from({ length: 20 }, (_, i) => isoWeek(addDays(FIRST_DAY, DAYS - 7 * (i + 1))));
    const sheetOne = await lat(100, (i) => `/timesheet?week=${weeks[i % weeks.length]}`);
    const sheetSample = (await (await get(`/timesheet?week=${weeks[0]}`)).json()) as { totals: { minutes: number }; rows: unknown[] };

    // What any request costs at 64 connections on this machine: the floor under the targets below.
    const health64 = await load({ url: `${server.base}/api/v1/health`, connections: 64 });
    // …and a signed-in workspace read of one row (session, membership, tenant DB): the floor for any /w route.
    const timer64 = await load({ url: `${api}/timer`, connections: 64, headers });
    const reports = projectIds.map((id) => ({ method: 'GET' as const, path: `/api/v1/w/${slug}/projects/${id}/report` }));
    const report64 = await load({ url: server.base, connections: 64, headers, requests: reports });
    const list64 = await load({ url: `${api}/projects?limit=50`, connections: 64, headers });
    const sheet8 = await load({ url: server.base, connections: 8, headers, requests: weeks.map((w) => ({ method: 'GET' as const, path: `/api/v1/w/${slug}/timesheet?week=${w}` })) });

    // Board moves: a card to the top of another column, one at a time, then 8 at once.
    let moves = 0;
    const moveOne: number[] = [];
    let moveErrors = 0;
    for (let i = 0; i < 200; i++) {
      const tasks = taskIds[(i * 7) % PROJECTS]!;
      const t = performance.now();
      const res = await fetch(`${api}/tasks/${tasks[(i * 11) % tasks.length]}/move`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ status: COLUMNS[i % COLUMNS.length] }),
      });
      await res.arrayBuffer();
      if (res.status === 404) break; // the board module is not there
      if (res.status !== 200) moveErrors++;
      moveOne.push(performance.now() - t);
    }
    const move8 =
      moveOne.length > 0
        ? await load({
            url: server.base,
            connections: 8,
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            requests: [
              {
                setupRequest: (req) => {
                  const n = moves++;
                  const tasks = taskIds[(n * 17) % PROJECTS]!;
                  return { ...req, path: `/api/v1/w/${slug}/tasks/${tasks[(n * 5) % tasks.length]}/move`, body: JSON.stringify({ status: COLUMNS[n % COLUMNS.length] }) };
                },
              },
            ],
          })
        : null;

    const errors = [timer64, report64, list64, sheet8, ...(move8 ? [move8] : [])].reduce((e, r) => e + r.errors + r.non2xx, 0) + moveErrors;
    rows.push(
      { metric: '(ref) health, 64 conn', value: health64.rps, unit: 'req/s' },
      { metric: '(ref) health, 64 conn p99', value: health64.p99, unit: 'ms' },
      { metric: '(ref) GET /timer (session + workspace + 1 row), 64 conn', value: timer64.rps, unit: 'req/s' },
      { metric: '(ref) GET /timer, 64 conn p99', value: timer64.p99, unit: 'ms' },
      { metric: '(a) project report, 1 at a time p50', value: round(quantile(reportOne, 0.5), 2), unit: 'ms' },
      { metric: '(a) project report, 1 at a time p99', value: round(quantile(reportOne, 0.99), 2), unit: 'ms' },
      { metric: '(a) project report, 64 conn', value: report64.rps, unit: 'req/s' },
      { metric: '(a) project report, 64 conn p50', value: report64.p50, unit: 'ms' },
      { metric: '(a) project report, 64 conn p99', value: report64.p99, unit: 'ms', target: '≤ 25 ms', pass: report64.p99 <= 25 },
      { metric: '(b) portfolio page (50 + figures), 1 at a time p50', value: round(quantile(listOne, 0.5), 2), unit: 'ms' },
      { metric: '(b) portfolio page, 1 at a time p99', value: round(quantile(listOne, 0.99), 2), unit: 'ms' },
      { metric: '(b) portfolio page, 64 conn', value: list64.rps, unit: 'req/s' },
      { metric: '(b) portfolio page, 64 conn p50', value: list64.p50, unit: 'ms' },
      { metric: '(b) portfolio page, 64 conn p99', value: list64.p99, unit: 'ms', target: '≤ 25 ms', pass: list64.p99 <= 25 },
      { metric: `(c) timesheet week (${sheetSample.rows.length} rows, ${round(sheetSample.totals.minutes / 60, 0)} h), 1 at a time p50`, value: round(quantile(sheetOne, 0.5), 2), unit: 'ms' },
      { metric: '(c) timesheet week, 1 at a time p99', value: round(quantile(sheetOne, 0.99), 2), unit: 'ms' },
      { metric: '(c) timesheet week, 8 conn', value: sheet8.rps, unit: 'req/s' },
      { metric: '(c) timesheet week, 8 conn p99', value: sheet8.p99, unit: 'ms' },
    );
    if (move8) {
      rows.push(
        { metric: '(d) board move, 1 at a time p50', value: round(quantile(moveOne, 0.5), 2), unit: 'ms' },
        { metric: '(d) board move, 1 at a time p99', value: round(quantile(moveOne, 0.99), 2), unit: 'ms' },
        { metric: '(d) board move, 8 conn', value: move8.rps, unit: 'req/s' },
        { metric: '(d) board move, 8 conn p99', value: move8.p99, unit: 'ms' },
      );
    } else {
      rows.push({ metric: '(d) board move: POST /tasks/{id}/move not available', value: 0, unit: '' });
    }
    rows.push({ metric: 'errors + non-2xx across the runs', value: errors, unit: '', target: '0', pass: errors === 0 });
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
