// Budget arithmetic on fixed cases: every figure below is worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFigures } from '../../api/domain/projects/figures.ts';
import { tenantDb } from '../../db/tenant/client.ts';
import { addMember } from './imports-support.ts';
import { expectAllNotFound, ok, tenantClient, wsCall } from './records-support.ts';
import { logSql } from './sql-log.ts';
import { createHarness, setPlan, signUp, type Harness, type SignedUp } from './support.ts';
import { book, insertProject, proUser, setRates, type MoneyBody } from './time-support.ts';

interface Report {
  projectId: string;
  currency: string;
  planned: { minutes: number | null; hours: number | null; cost: MoneyBody | null; revenue: MoneyBody | null };
  actual: { minutes: number; hours: number; billableMinutes: number; cost: MoneyBody; timeCost: MoneyBody; expenses: MoneyBody; revenue: MoneyBody };
  remaining: { minutes: number | null; hours: number | null; cost: MoneyBody | null; revenue: MoneyBody | null };
  percentUsed: { hours: number | null; cost: number | null };
  margin: { planned: MoneyBody | null; actual: MoneyBody };
  burn: {
    week: string;
    startsOn: string;
    minutes: number;
    cost: MoneyBody;
    revenue: MoneyBody;
    expenses: MoneyBody;
    cumulative: { minutes: number; cost: MoneyBody; revenue: MoneyBody };
    plan: { minutes: number | null; cost: MoneyBody | null };
  }[];
}

const czk = (amount: number) => ({ amount, currency: 'CZK' });
const eur = (amount: number) => ({ amount, currency: 'EUR' });

let h: Harness;
let owner: SignedUp;
let member: SignedUp;
let project: string;

const report = (w: SignedUp, id: string) => ok<Report>(wsCall(h, w, 'GET', `/projects/${id}/report`));
const expense = (w: SignedUp, projectId: string, date: string, amount: MoneyBody) => ok<{ id: string }>(wsCall(h, w, 'POST', '/expenses', { projectId, date, amount }), 201);

beforeAll(async () => {
  h = createHarness();
  owner = await proUser(h, { name: 'Olga' });
  const m = await signUp(h.app, { name: 'Marek', workspaceName: 'Marek' });
  await addMember(h, owner, m, 'member');
  member = { ...m, workspace: owner.workspace };
  // Owner costs 500 Kč/h and bills 1 200 Kč/h; the member costs 350,50 Kč/h and bills 900 Kč/h.
  await setRates(h, owner, owner.user.id, { costRate: 50_000, billRate: 120_000 });
  await setRates(h, owner, member.user.id, { costRate: 35_050, billRate: 90_000 });
  // Plan: 10 h, 10 000 Kč cost, 15 000 Kč revenue, over ISO weeks 47–49 of 2026.
  project = await insertProject(h, owner, {
    name: 'Redesign',
    budgetMinutes: 600,
    budgetCost: 1_000_000,
    budgetRevenue: 1_500_000,
    startOn: '2026-11-16',
    dueOn: '2026-12-06',
  });
  // W47: 90 min × 1 200 = 1 800 Kč revenue, × 500 = 750 Kč cost.
  await book(h, owner, { projectId: project, date: '2026-11-17', minutes: 90 });
  // W47: 7 min × 900 = 105 Kč; × 350,50 = 40,891 6… → 40,89 Kč.
  await book(h, member, { projectId: project, date: '2026-11-18', minutes: 7 });
  // W48: non-billable 45 min × 350,50 = 262,875 → 262,88 Kč (half-up).
  await book(h, member, { projectId: project, date: '2026-11-24', minutes: 45, billable: false });
  // W48: 20 min at 1 000,01 Kč/h = 333,336 6… → 333,34 Kč; cost 20 × 500 / 60 = 166,666… → 166,67 Kč.
  await book(h, owner, { projectId: project, date: '2026-11-25', minutes: 20, hourlyRate: czk(100_001) });
  await expense(owner, project, '2026-11-26', czk(250_000)); // W48
  await expense(owner, project, '2026-12-01', czk(19_999)); // W49
  // Trashed time and expenses count for nothing.
  const gone = await book(h, owner, { projectId: project, date: '2026-11-25', minutes: 600 });
  await ok(wsCall(h, owner, 'DELETE', `/time-entries/${gone.id}`), 204);
  const goneExpense = await expense(owner, project, '2026-11-25', czk(999_999));
  await ok(wsCall(h, owner, 'DELETE', `/expenses/${goneExpense.id}`), 204);
});
afterAll(() => h.close());

describe('GET /w/:ws/projects/:id/report', () => {
  it('sums planned vs actual to the haléř', async () => {
    const r = await report(owner, project);
    expect(r.currency).toBe('CZK');
    expect(r.planned).toEqual({ minutes: 600, hours: 10, cost: czk(1_000_000), revenue: czk(1_500_000) });
    expect(r.actual).toEqual({
      minutes: 162,
      hours: 2.7,
      billableMinutes: 117,
      // 180 000 + 10 500 + 0 + 33 334
      revenue: czk(223_834),
      // 75 000 + 4 089 + 26 288 + 16 667
      timeCost: czk(122_044),
      expenses: czk(269_999),
      cost: czk(392_043),
    });
    expect(r.remaining).toEqual({ minutes: 438, hours: 7.3, cost: czk(607_957), revenue: czk(1_276_166) });
    // 162 / 600 = 27 %; 392 043 / 1 000 000 = 39,2043 % → 39,2 %.
    expect(r.percentUsed).toEqual({ hours: 27, cost: 39.2 });
    expect(r.margin).toEqual({ planned: czk(500_000), actual: czk(223_834 - 392_043) });
  });

  it('burns by ISO week with expenses in the cost, running totals and the plan line spread over the planned weeks', async () => {
    const r = await report(owner, project);
    expect(r.burn).toEqual([
      {
        week: '2026-W47',
        startsOn: '2026-11-16',
        minutes: 97,
        cost: czk(79_089),
        revenue: czk(190_500),
        expenses: czk(0),
        cumulative: { minutes: 97, cost: czk(79_089), revenue: czk(190_500) },
        // 600 / 3 = 200; 1 000 000 / 3 = 333 333,3… → 333 333.
        plan: { minutes: 200, cost: czk(333_333) },
      },
      {
        week: '2026-W48',
        startsOn: '2026-11-23',
        minutes: 65,
        cost: czk(26_288 + 16_667 + 250_000),
        revenue: czk(33_334),
        expenses: czk(250_000),
        cumulative: { minutes: 162, cost: czk(372_044), revenue: czk(223_834) },
        // 2/3 of 1 000 000 = 666 666,6… → 666 667 (half-up).
        plan: { minutes: 400, cost: czk(666_667) },
      },
      {
        week: '2026-W49',
        startsOn: '2026-11-30',
        minutes: 0,
        cost: czk(19_999),
        revenue: czk(0),
        expenses: czk(19_999),
        cumulative: { minutes: 162, cost: czk(392_043), revenue: czk(223_834) },
        plan: { minutes: 600, cost: czk(1_000_000) },
      },
    ]);
  });

  it('moves with every booking: more time, another expense, a correction', async () => {
    const p = await insertProject(h, owner, { name: 'Živý', budgetMinutes: 120, budgetCost: 100_000 });
    expect((await report(owner, p)).percentUsed).toEqual({ hours: 0, cost: 0 });
    const e = await book(h, owner, { projectId: p, minutes: 96 });
    // 96 / 120 = 80 % of the hours; 96 × 500 / 60 = 800 Kč = 80 % of the cost.
    expect((await report(owner, p)).percentUsed).toEqual({ hours: 80, cost: 80 });
    await expense(owner, p, '2026-11-23', czk(20_001));
    expect((await report(owner, p)).percentUsed.cost).toBe(100);
    await ok(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { minutes: 150 }));
    const r = await report(owner, p);
    expect(r.percentUsed).toEqual({ hours: 125, cost: 145 });
    expect(r.remaining.minutes).toBe(-30);
  });

  it('counts a fixed price as the revenue, whatever the hours', async () => {
    const p = await insertProject(h, owner, { name: 'Paušál', fixedPrice: 5_000_000, budgetCost: 2_000_000 });
    await book(h, owner, { projectId: p, minutes: 60 });
    const r = await report(owner, p);
    expect(r.planned.revenue).toEqual(czk(5_000_000));
    expect(r.actual.revenue).toEqual(czk(5_000_000));
    expect(r.actual.cost).toEqual(czk(50_000));
    expect(r.margin).toEqual({ planned: czk(3_000_000), actual: czk(4_950_000) });
  });

  it('without a plan: nulls where a plan is needed, and no burn weeks before anything is booked', async () => {
    const p = await insertProject(h, owner, { name: 'Bez plánu' });
    const r = await report(owner, p);
    expect(r.planned).toEqual({ minutes: null, hours: null, cost: null, revenue: null });
    expect(r.actual).toMatchObject({ minutes: 0, cost: czk(0), revenue: czk(0) });
    expect(r.remaining).toEqual({ minutes: null, hours: null, cost: null, revenue: null });
    expect(r.percentUsed).toEqual({ hours: null, cost: null });
    expect(r.margin).toEqual({ planned: null, actual: czk(0) });
    expect(r.burn).toEqual([]);
    await book(h, owner, { projectId: p, minutes: 30, date: '2026-11-24' });
    await book(h, owner, { projectId: p, minutes: 30, date: '2026-12-08' });
    // The empty week between the bookings is on the axis too.
    expect((await report(owner, p)).burn.map((w) => [w.week, w.minutes, w.plan.minutes])).toEqual([
      ['2026-W48', 30, null],
      ['2026-W49', 0, null],
      ['2026-W50', 30, null],
    ]);
  });

  it('runs as ONE statement that reads the covering indexes, not the tables', async () => {
    const log = await logSql(h, owner.workspace.id);
    log.clear();
    await report(owner, project);
    const reads = log.statements.filter((s) => /time_entries|expenses/.test(s.sql));
    expect(reads).toHaveLength(1);
    const [plan] = await log.plans((sql) => /time_entries/.test(sql));
    expect(plan!.plan).toMatch(/time_entries USING COVERING INDEX time_entries_report_idx/);
    expect(plan!.plan).toMatch(/expenses USING COVERING INDEX expenses_report_idx/);
    expect(plan!.plan).not.toMatch(/SCAN time_entries|SCAN expenses/);
  });

  it('answers 404 for an unknown, trashed or foreign project; read on free', async () => {
    expect((await wsCall(h, owner, 'GET', '/projects/nope/report')).status).toBe(404);
    const p = await insertProject(h, owner, { name: 'Smazaný' });
    await ok(wsCall(h, owner, 'DELETE', `/projects/${p}`), 204);
    expect((await wsCall(h, owner, 'GET', `/projects/${p}/report`)).status).toBe(404);
    const other = await proUser(h, { workspaceName: 'Jinde' });
    await expectAllNotFound(h, other, owner, [{ method: 'GET', path: `/projects/${project}/report` }]);
    // After a downgrade the report still reads.
    const was = await proUser(h, { workspaceName: 'Dříve' });
    const wp = await insertProject(h, was, { budgetMinutes: 60 });
    await book(h, was, { projectId: wp, minutes: 30 });
    await setPlan(h, was.workspace.id, 'free');
    expect((await report(was, wp)).percentUsed.hours).toBe(50);
  });
});

describe('per-workspace currency', () => {
  it('a EUR workspace values time at its members’ euro rates and sums in euro cents', async () => {
    const w = await proUser(h, { workspaceName: 'Wien GmbH', currency: 'EUR' });
    // 40 €/h cost, 95 €/h billing.
    await setRates(h, w, w.user.id, { costRate: 4_000, billRate: 9_500 });
    const p = await insertProject(h, w, { name: 'Messe', currency: 'EUR', budgetCost: 10_000 });
    // 50 min × 95 € = 79,166… → 79,17 €; × 40 € = 33,333… → 33,33 €.
    const e = await book(h, w, { projectId: p, minutes: 50 });
    expect(e.revenue).toEqual(eur(7_917));
    expect(e.cost).toEqual(eur(3_333));
    await expense(w, p, '2026-11-24', eur(1_234));
    const r = await report(w, p);
    expect(r.currency).toBe('EUR');
    expect(r.actual).toMatchObject({ revenue: eur(7_917), timeCost: eur(3_333), expenses: eur(1_234), cost: eur(4_567) });
    expect(r.percentUsed.cost).toBe(45.7);
    expect(r.margin.actual).toEqual(eur(3_350));
  });

  it('member rates (in the workspace currency) do not apply to a project kept in another currency', async () => {
    const w = await proUser(h, { workspaceName: 'Brno s.r.o.' });
    await setRates(h, w, w.user.id, { costRate: 50_000, billRate: 120_000 });
    const p = await insertProject(h, w, { name: 'Pro Vídeň', currency: 'EUR', hourlyRate: 8_000 });
    const e = await book(h, w, { projectId: p, minutes: 45 });
    // The project's own EUR rate bills (45 × 80 € = 60 €); no EUR cost rate is known.
    expect(e.hourlyRate).toEqual(eur(8_000));
    expect(e.revenue).toEqual(eur(6_000));
    expect(e.costRate).toBeNull();
    expect(e.cost).toEqual(eur(0));
  });
});

describe('projectFigures()', () => {
  it('computes a page of projects in ONE statement, matching the reports', async () => {
    const log = await logSql(h, owner.workspace.id);
    const client = await tenantClient(h, owner);
    const fixed = await insertProject(h, owner, { name: 'Pevná cena', fixedPrice: 1_000_000, budgetMinutes: 60 });
    await book(h, owner, { projectId: fixed, minutes: 45 });
    const empty = await insertProject(h, owner, { name: 'Prázdný' });
    log.clear();
    const figures = await projectFigures(tenantDb(client), [
      { id: project, currency: 'CZK' },
      { id: fixed, currency: 'CZK' },
      { id: empty, currency: 'CZK' },
      { id: 'missing', currency: 'CZK' },
    ]);
    expect(log.statements).toHaveLength(1);
    const [plan] = await log.plans();
    // The page reads the trigger-kept totals by primary key, never the entries themselves.
    expect(plan!.plan).toMatch(/SEARCH t USING INDEX sqlite_autoindex_project_totals_1 \(project_id=\?\)/);
    expect(plan!.plan).not.toMatch(/time_entries|expenses/);
    expect(figures.get(project)).toEqual({
      actual: { minutes: 162, cost: czk(392_043), revenue: czk(223_834), expenses: czk(269_999) },
      percentUsed: { hours: 27, cost: 39.2 },
      margin: czk(223_834 - 392_043),
    });
    expect(figures.get(fixed)).toEqual({
      actual: { minutes: 45, cost: czk(37_500), revenue: czk(1_000_000), expenses: czk(0) },
      percentUsed: { hours: 75, cost: null },
      margin: czk(962_500),
    });
    const zero = { actual: { minutes: 0, cost: czk(0), revenue: czk(0), expenses: czk(0) }, percentUsed: { hours: null, cost: null }, margin: czk(0) };
    expect(figures.get(empty)).toEqual(zero);
    expect(figures.get('missing')).toEqual(zero);
    expect((await projectFigures(tenantDb(client), [])).size).toBe(0);
  });

  it('feeds the project API’s figures', async () => {
    const got = await ok<{ figures: { actual: { minutes: number; cost: MoneyBody } } }>(wsCall(h, owner, 'GET', `/projects/${project}`));
    expect(got.figures.actual.minutes).toBe(162);
    expect(got.figures.actual.cost).toEqual(czk(392_043));
  });
});

describe('CSV exports of a project', () => {
  const csv = async (w: SignedUp, path: string) => {
    const res = await wsCall(h, w, 'GET', path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    return text.slice(1).split('\r\n').filter((l) => l !== '');
  };

  it('exports the time for invoicing, oldest day first, amounts as Czech decimals', async () => {
    const lines = await csv(owner, `/exports/projects/${project}/time.csv?lang=cs`);
    expect(lines[0]).toBe('Datum;Osoba;E-mail;Projekt;Úkol;Poznámka;Minuty;Hodiny;Fakturovatelné;Prodejní sazba;Částka;Náklad;Měna;ID');
    const rows = lines.slice(1).map((l) => l.split(';'));
    expect(rows.map((r) => [r[0], r[1], r[6], r[7], r[8], r[9], r[10], r[11], r[12]])).toEqual([
      ['2026-11-17', 'Olga', '90', '1,50', 'ano', '1200,00', '1800,00', '750,00', 'CZK'],
      ['2026-11-18', 'Marek', '7', '0,12', 'ano', '900,00', '105,00', '40,89', 'CZK'],
      ['2026-11-24', 'Marek', '45', '0,75', 'ne', '900,00', '0,00', '262,88', 'CZK'],
      ['2026-11-25', 'Olga', '20', '0,33', 'ano', '1000,01', '333,34', '166,67', 'CZK'],
    ]);
    const en = await csv(owner, `/exports/projects/${project}/time.csv?dateFrom=2026-11-24`);
    expect(en[0]!.startsWith('Date;Person;Email;Project;Task;Note;Minutes;Hours;Billable;Billing rate;Amount;Cost;Currency;ID')).toBe(true);
    expect(en.slice(1).map((l) => l.split(';')[10])).toEqual(['0.00', '333.34']);
  });

  it('exports the expenses', async () => {
    const lines = await csv(owner, `/exports/projects/${project}/expenses.csv?lang=cs`);
    expect(lines[0]).toBe('Datum;Projekt;Kategorie;Poznámka;Částka;Měna;ID');
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 6))).toEqual([
      ['2026-11-26', 'Redesign', '', '', '2500,00', 'CZK'],
      ['2026-12-01', 'Redesign', '', '', '199,99', 'CZK'],
    ]);
  });

  it('streams past one database page (1,000 rows) without losing or repeating a row', async () => {
    const p = await insertProject(h, owner, { name: 'Velký' });
    const db = await tenantClient(h, owner);
    const values: string[] = [];
    const args: (string | number)[] = [];
    for (let i = 0; i < 1203; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      values.push(`(?, ?, ?, ?, '2026-W06', 1, 1, 0, 0, 1, 0, 0)`);
      args.push(`te-${String(i).padStart(5, '0')}`, p, owner.user.id, `2026-02-${day}`);
    }
    await db.execute({
      sql: `INSERT INTO time_entries (id, project_id, user_id, date, week, minutes, billable, revenue_amount, cost_amount, version, created_at, updated_at) VALUES ${values.join(',')}`,
      args,
    });
    const lines = await csv(owner, `/exports/projects/${p}/time.csv`);
    const ids = lines.slice(1).map((l) => l.split(';').at(-1));
    expect(ids).toHaveLength(1203);
    expect(new Set(ids).size).toBe(1203);
    const dates = lines.slice(1).map((l) => l.split(';')[0]!);
    expect([...dates].sort()).toEqual(dates);
  });

  it('answers 404 for another workspace’s or a trashed project, and 400 for bad ranges', async () => {
    const other = await proUser(h, { workspaceName: 'Cizinec' });
    await expectAllNotFound(h, other, owner, [
      { method: 'GET', path: `/exports/projects/${project}/time.csv` },
      { method: 'GET', path: `/exports/projects/${project}/expenses.csv` },
    ]);
    const p = await insertProject(h, owner, { name: 'Do koše' });
    await ok(wsCall(h, owner, 'DELETE', `/projects/${p}`), 204);
    expect((await wsCall(h, owner, 'GET', `/exports/projects/${p}/time.csv`)).status).toBe(404);
    expect((await wsCall(h, owner, 'GET', `/exports/projects/${project}/time.csv?dateFrom=včera`)).status).toBe(400);
  });
});
