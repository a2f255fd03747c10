// Projects: create (defaults, every field, from a won deal, from a company), change with
// history and If-Match, trash and restore, the portfolio list (sorts, filters, keyset pages,
// statements per page), search and the company timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { czechSortKey } from '../../db/tenant/collation.ts';
import { addMember, caller, historyOf, tenantRows, type Caller } from './crm-support.ts';
import { proUser, wonDeal, type Page, type Project } from './projects-support.ts';
import { countTenantStatements } from './records-support.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let a: Caller;
let colleague: SignedUp;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ user: alice, call: a } = await proUser(h));
  colleague = await signUp(h.app, { name: 'Karel Kolega' });
  await addMember(h, alice.workspace.id, colleague.user.id, 'member');
});
afterAll(() => h.close());

describe('creating a project', () => {
  it('fills the defaults: first status, managed by the caller, workspace currency, no budget, zero figures', async () => {
    const res = await a('POST', '/projects', { name: '  Redesign webu  ' });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const p = (await res.json()) as Project;
    expect(p).toMatchObject({
      name: 'Redesign webu',
      description: null,
      companyId: null,
      contactId: null,
      dealId: null,
      statusId: 'preparation',
      status: { id: 'preparation', name: 'Preparation', kind: 'planned' },
      managerId: alice.user.id,
      memberIds: [],
      startOn: null,
      dueOn: null,
      currency: 'CZK',
      budget: { hours: null, cost: null, revenue: null },
      hourlyRate: null,
      fixedPrice: null,
      tags: [],
      version: 1,
      deletedAt: null,
    });
    expect(p.figures.actual.minutes).toBe(0);
    expect(p.figures.margin).toEqual({ amount: 0, currency: 'CZK' });
    const got = await a('GET', `/projects/${p.id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(await got.json()).toEqual(p);
    // The Czech sort key is written with the row (no trigger keeps it for projects).
    const [row] = await tenantRows(h, alice.workspace.id, 'SELECT name_key FROM projects WHERE id = ?', [p.id]);
    expect(row?.['name_key']).toBe(czechSortKey('Redesign webu'));
    const history = await historyOf(h, alice.workspace.id, 'project', p.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', actorId: alice.user.id });
    expect(history[0]!.changes['name']).toEqual([null, 'Redesign webu']);
  });

  it('stores every field: links with the company name, members, dates, budget in minor units, tags', async () => {
    const company = await a.ok<{ id: string }>('POST', '/companies', { name: 'Žlutý kůň s.r.o.' });
    const contact = await a.ok<{ id: string }>('POST', '/contacts', { firstName: 'Jana', lastName: 'Dvořáková', companyId: company.id });
    const p = await a.ok<Project>('POST', '/projects', {
      name: 'Aplikace pro sklad',
      description: 'Skladová evidence s čtečkami.',
      companyId: company.id,
      contactId: contact.id,
      statusId: 'in_progress',
      managerId: colleague.user.id,
      memberIds: [colleague.user.id, alice.user.id, colleague.user.id],
      startOn: '2026-12-01',
      dueOn: '2027-03-31',
      budget: { hours: 120.5, cost: { amount: 30_000_000, currency: 'czk' }, revenue: { amount: 45_000_000, currency: 'CZK' } },
      hourlyRate: { amount: 150_000, currency: 'CZK' },
      fixedPrice: null,
      tags: ['Sklad', 'mobil', 'sklad'],
    });
    expect(p).toMatchObject({
      description: 'Skladová evidence s čtečkami.',
      companyId: company.id,
      companyName: 'Žlutý kůň s.r.o.',
      contactId: contact.id,
      status: { id: 'in_progress', name: 'In progress', kind: 'active' },
      managerId: colleague.user.id,
      memberIds: [alice.user.id, colleague.user.id].sort(),
      startOn: '2026-12-01',
      dueOn: '2027-03-31',
      budget: { hours: 120.5, cost: { amount: 30_000_000, currency: 'CZK' }, revenue: { amount: 45_000_000, currency: 'CZK' } },
      hourlyRate: { amount: 150_000, currency: 'CZK' },
      tags: ['Sklad', 'mobil'],
    });
    const [row] = await tenantRows(h, alice.workspace.id, 'SELECT budget_minutes, budget_cost FROM projects WHERE id = ?', [p.id]);
    expect({ ...row }).toMatchObject({ budget_minutes: 7230, budget_cost: 30_000_000 });
    const members = await tenantRows(h, alice.workspace.id, 'SELECT user_id FROM project_members WHERE project_id = ? ORDER BY user_id', [p.id]);
    expect(members.map((m) => m['user_id'])).toEqual([alice.user.id, colleague.user.id].sort());
    expect(await a.ok<Project>('GET', `/projects/${p.id}`)).toEqual(p);
  });

  it('starts from a won deal: its title, company, contact and value as planned revenue, linked back to the deal', async () => {
    const deal = await wonDeal(a);
    const p = await a.ok<Project>('POST', '/projects', { fromDealId: deal.dealId });
    expect(p).toMatchObject({
      name: deal.title,
      companyId: deal.companyId,
      contactId: deal.contactId,
      dealId: deal.dealId,
      currency: 'CZK',
      budget: { hours: null, cost: null, revenue: { amount: 12_500_000, currency: 'CZK' } },
    });
    // What the body says wins over the deal; a deal in euros makes a euro project.
    const euro = await wonDeal(a, { amount: 800_000, currency: 'EUR' });
    const other = await a.ok<Project>('POST', '/projects', { fromDealId: euro.dealId, name: 'Vlastní název', contactId: null });
    expect(other).toMatchObject({ name: 'Vlastní název', contactId: null, companyId: euro.companyId, currency: 'EUR', budget: { revenue: { amount: 800_000, currency: 'EUR' } } });
    // The won deal's projects are one filter away (the deal page links to them).
    const list = await a.ok<Page<Project>>('GET', `/projects?dealId=${deal.dealId}`);
    expect(list.items.map((x) => x.id)).toEqual([p.id]);
  });

  it('starts from a company and shows up on the company’s timeline', async () => {
    const company = await a.ok<{ id: string }>('POST', '/companies', { name: 'Timeline a.s.' });
    h.clock.advance(1000);
    const p = await a.ok<Project>('POST', '/projects', { name: 'Intranet', companyId: company.id, dueOn: '2027-01-15' });
    const timeline = await a.ok<Page<{ kind: string; id: string; name?: string; status?: { name: string }; dueOn?: string }>>('GET', `/companies/${company.id}/timeline`);
    const entry = timeline.items.find((i) => i.kind === 'project');
    expect(entry).toMatchObject({ id: p.id, name: 'Intranet', dueOn: '2027-01-15', status: { name: 'Preparation' } });
    // Newest first: the project (created later) comes before the company's own creation.
    expect(timeline.items[0]).toMatchObject({ kind: 'project', id: p.id });
    expect((await a('DELETE', `/projects/${p.id}`)).status).toBe(204);
    const after = await a.ok<Page<{ kind: string }>>('GET', `/companies/${company.id}/timeline`);
    expect(after.items.some((i) => i.kind === 'project')).toBe(false);
  });
});

describe('changing a project', () => {
  it('applies a partial change: members replaced, budget merged, history per field, version bumped', async () => {
    const p = await a.ok<Project>('POST', '/projects', {
      name: 'Migrace dat',
      memberIds: [alice.user.id],
      budget: { hours: 10, cost: { amount: 1000, currency: 'CZK' } },
    });
    h.clock.advance(60_000);
    const res = await a('PATCH', `/projects/${p.id}`, { memberIds: [colleague.user.id], budget: { hours: 12 }, status: 'review', dueOn: '2027-02-01' }, { 'If-Match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    const changed = (await res.json()) as Project;
    expect(changed).toMatchObject({
      memberIds: [colleague.user.id],
      budget: { hours: 12, cost: { amount: 1000, currency: 'CZK' }, revenue: null },
      statusId: 'review',
      status: { kind: 'active', name: 'Review' },
      dueOn: '2027-02-01',
      version: 2,
    });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(p.updatedAt));
    const history = await historyOf(h, alice.workspace.id, 'project', p.id);
    expect(history[1]).toMatchObject({ action: 'update', actorId: alice.user.id });
    expect(Object.keys(history[1]!.changes).sort()).toEqual(['budget', 'dueOn', 'memberIds', 'statusId']);
    expect(history[1]!.changes['memberIds']).toEqual([[alice.user.id], [colleague.user.id]]);
    // The history route serves the same entries, newest first.
    const served = await a.ok<Page<{ action: string; changes: Record<string, unknown> }>>('GET', `/projects/${p.id}/history`);
    expect(served.items.map((e) => e.action)).toEqual(['update', 'create']);
  });

  it('writes nothing (and keeps the version) when nothing changes', async () => {
    const p = await a.ok<Project>('POST', '/projects', { name: 'Beze změny', tags: ['a'] });
    const same = await a.ok<Project>('PATCH', `/projects/${p.id}`, { name: 'Beze změny', tags: ['a'], memberIds: [] });
    expect(same.version).toBe(1);
    expect(await historyOf(h, alice.workspace.id, 'project', p.id)).toHaveLength(1);
  });

  it('re-keys the Czech sort key on rename', async () => {
    const p = await a.ok<Project>('POST', '/projects', { name: 'Alfa' });
    await a.ok('PATCH', `/projects/${p.id}`, { name: 'Čtvrtletní report' });
    const [row] = await tenantRows(h, alice.workspace.id, 'SELECT name_key FROM projects WHERE id = ?', [p.id]);
    expect(row?.['name_key']).toBe(czechSortKey('Čtvrtletní report'));
  });

  it('trashes and restores; a project whose status was deleted meanwhile returns in the first status', async () => {
    const status = await a.ok<{ id: string }>('POST', '/project-statuses', { name: 'Čeká na klienta', kind: 'on_hold' });
    const p = await a.ok<Project>('POST', '/projects', { name: 'Do koše', statusId: status.id });
    expect((await a('DELETE', `/projects/${p.id}`, undefined, { 'If-Match': '"1"' })).status).toBe(204);
    expect((await a('GET', `/projects/${p.id}`)).status).toBe(404);
    const trash = await a.ok<Page<Project>>('GET', '/projects?deleted=true');
    expect(trash.items.map((x) => x.id)).toContain(p.id);
    expect((await a('DELETE', `/project-statuses/${status.id}`)).status).toBe(204);
    const back = await a.ok<Project>('POST', `/projects/${p.id}/restore`, undefined, 200);
    expect(back).toMatchObject({ deletedAt: null, statusId: 'preparation', version: 3 });
    const history = await historyOf(h, alice.workspace.id, 'project', p.id);
    expect(history.map((e) => e.action)).toEqual(['create', 'delete', 'restore']);
    expect(history[2]!.changes).toEqual({ statusId: [status.id, 'preparation'] });
  });
});

describe('the portfolio list', () => {
  let ws: SignedUp;
  let c: Caller;
  const names = ['Cihelna', 'Čokoládovna', 'Chata', 'Hrad', 'Alej', 'Zámek', 'Dům'];
  beforeAll(async () => {
    ({ user: ws, call: c } = await proUser(h, { name: 'Portfolio Owner' }));
    await addMember(h, ws.workspace.id, colleague.user.id, 'member');
    const company = await c.ok<{ id: string }>('POST', '/companies', { name: 'Klient' });
    for (const [i, name] of names.entries()) {
      h.clock.advance(1000);
      await c.ok('POST', '/projects', {
        name,
        dueOn: i % 3 === 0 ? null : `2027-0${(i % 9) + 1}-10`,
        statusId: i % 2 === 0 ? 'in_progress' : 'done',
        managerId: i === 1 ? colleague.user.id : ws.user.id,
        memberIds: i === 2 ? [colleague.user.id] : [],
        companyId: i === 3 ? company.id : null,
        tags: i === 4 ? ['Priorita'] : [],
        description: i === 5 ? 'Oprava střechy a věží' : null,
      });
    }
  });

  it('sorts by name in Czech order and pages by keyset without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/projects?sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page<Project> = await c.ok<Page<Project>>('GET', q);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    // CH after H, Č after C (Czech alphabet).
    expect(seen).toEqual(['Alej', 'Cihelna', 'Čokoládovna', 'Dům', 'Hrad', 'Chata', 'Zámek']);
    const desc = await c.ok<Page<Project>>('GET', '/projects?sort=-name&limit=50');
    expect(desc.items.map((p) => p.name)).toEqual([...seen].reverse());
  });

  it('sorts by due date with undated projects last, and newest change first by default', async () => {
    const due = await c.ok<Page<Project>>('GET', '/projects?sort=dueOn&limit=3');
    const rest = await c.ok<Page<Project>>('GET', `/projects?sort=dueOn&limit=50&cursor=${due.nextCursor}`);
    const all = [...due.items, ...rest.items];
    const dated = all.filter((p) => p.dueOn !== null).map((p) => p.dueOn!);
    expect(dated).toEqual([...dated].sort());
    expect(all.slice(dated.length).every((p) => p.dueOn === null)).toBe(true);
    expect(all).toHaveLength(names.length);
    const recent = await c.ok<Page<Project>>('GET', '/projects');
    expect(recent.items[0]!.name).toBe('Dům');
  });

  it('filters by status, status kind, manager, member, company, tag and words without diacritics', async () => {
    const ids = async (q: string) => (await c.ok<Page<Project>>('GET', `/projects?sort=name&${q}`)).items.map((p) => p.name);
    expect(await ids('status=done')).toEqual(['Čokoládovna', 'Hrad', 'Zámek']);
    expect(await ids('kind=planned,active')).toEqual(['Alej', 'Cihelna', 'Dům', 'Chata']);
    expect(await ids(`managerId=${colleague.user.id}`)).toEqual(['Čokoládovna']);
    expect(await ids(`memberId=${colleague.user.id}`)).toEqual(['Chata']);
    const withCompany = await c.ok<Page<Project>>('GET', '/projects?sort=name');
    const companyId = withCompany.items.find((p) => p.name === 'Hrad')!.companyId!;
    expect(await ids(`companyId=${companyId}`)).toEqual(['Hrad']);
    expect(await ids('tag=priorita')).toEqual(['Alej']);
    expect(await ids('q=strech')).toEqual(['Zámek']);
    expect(await ids('q=coko')).toEqual(['Čokoládovna']);
    expect(await ids('q=%22%22')).toEqual([]);
  });

  it('costs the same number of statements for 2 rows as for 7 (status, company, members and figures per page, not per row)', async () => {
    const counter = countTenantStatements(h);
    // Prime the workspace (connections, migrations check) before counting.
    await c.ok('GET', '/projects?limit=1');
    counter.reset();
    await c.ok('GET', '/projects?limit=2');
    const small = counter.count;
    counter.reset();
    await c.ok('GET', '/projects?limit=50');
    expect(counter.count).toBe(small);
  });
});

describe('search', () => {
  it('finds projects among companies, contacts and deals, without diacritics, and forgets trashed ones', async () => {
    const { call: c } = await proUser(h, { name: 'Searcher' });
    const company = await c.ok<{ id: string }>('POST', '/companies', { name: 'Vodárna Písek' });
    const p = await c.ok<Project>('POST', '/projects', { name: 'Přípojka vodárna', companyId: company.id });
    const hits = await c.ok<{ items: { type: string; id: string; title: string; subtitle: string | null }[] }>('GET', '/search?q=pripojka');
    expect(hits.items).toEqual([expect.objectContaining({ type: 'project', id: p.id, title: 'Přípojka vodárna', subtitle: 'Vodárna Písek' })]);
    const both = await c.ok<{ items: { type: string }[] }>('GET', '/search?q=vodarna');
    expect(both.items.map((x) => x.type).sort()).toEqual(['company', 'project']);
    expect((await c('DELETE', `/projects/${p.id}`)).status).toBe(204);
    expect((await c.ok<{ items: unknown[] }>('GET', '/search?q=pripojka')).items).toEqual([]);
  });
});

describe('who may', () => {
  it('lets a plain member create and change projects (projects:write is for every role)', async () => {
    const member = caller(h, colleague, alice.workspace.slug);
    const p = await member.ok<Project>('POST', '/projects', { name: 'Od člena' });
    expect(p.managerId).toBe(colleague.user.id);
    expect((await member.ok<Project>('PATCH', `/projects/${p.id}`, { name: 'Od člena 2' })).name).toBe('Od člena 2');
  });
});
