import { czechSortKey } from '../../db/tenant/collation.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, historyOf, tenantRows, type Caller } from './crm-support.ts';
import { logSql } from './sql-log.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

interface Money {
  amount: number;
  currency: string;
}
interface Deal {
  id: string;
  title: string;
  companyId: string | null;
  contactId: string | null;
  companyName: string | null;
  contactName: string | null;
  value: Money | null;
  stage: string;
  position: string;
  probability: number | null;
  expectedCloseOn: string | null;
  ownerId: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}
interface Page {
  items: Deal[];
  nextCursor: string | null;
}
interface Column {
  stage: { id: string; name: string; kind: string; position: number };
  count: number;
  totals: Money[];
  items: Deal[];
  nextCursor: string | null;
}
interface Board {
  columns: Column[];
}

/** Byte-wise order, the way SQLite compares the stored keys. */
const byteLess = (x: string, y: string) => Buffer.compare(Buffer.from(x), Buffer.from(y)) < 0;

let h: Harness;
let alice: SignedUp;
let a: Caller;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  alice = await signUp(h.app);
  a = caller(h, alice);
});
afterAll(() => h.close());

describe('deal CRUD', () => {
  it('creates a deal with defaults: first open stage and its probability, owned by the caller, on top of the column', async () => {
    const first = await a.ok<Deal>('POST', '/deals', { title: 'First' });
    expect(first).toMatchObject({ title: 'First', stage: 'lead', probability: 10, ownerId: alice.user.id, value: null, tags: [], version: 1, deletedAt: null });
    const res = await a('POST', '/deals', { title: '  Second  ' });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const second = (await res.json()) as Deal;
    expect(second.title).toBe('Second');
    expect(byteLess(second.position, first.position)).toBe(true);
    const got = await a('GET', `/deals/${second.id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(await got.json()).toEqual(second);
  });

  it('stores every field: money in minor units, links with their names, tags, dates', async () => {
    const company = await a.ok<{ id: string }>('POST', '/companies', { name: 'Žlutý kůň s.r.o.' });
    const contact = await a.ok<{ id: string }>('POST', '/contacts', { firstName: 'Jan', lastName: 'Dvořák', companyId: company.id });
    const deal = await a.ok<Deal>('POST', '/deals', {
      title: 'Nový web',
      companyId: company.id,
      contactId: contact.id,
      value: { amount: 1_250_000, currency: 'czk' },
      stage: 'proposal',
      probability: 65,
      expectedCloseOn: '2026-12-31',
      tags: ['Web', 'web', ' Priority '],
    });
    expect(deal).toMatchObject({
      companyId: company.id,
      companyName: 'Žlutý kůň s.r.o.',
      contactId: contact.id,
      contactName: 'Jan Dvořák',
      value: { amount: 1_250_000, currency: 'CZK' },
      stage: 'proposal',
      probability: 65,
      expectedCloseOn: '2026-12-31',
      tags: ['Web', 'Priority'],
    });
    const history = await historyOf(h, alice.workspace.id, 'deal', deal.id);
    expect(history).toHaveLength(1);
    expect(history[0]!.changes['value']).toEqual([null, { amount: 1_250_000, currency: 'CZK' }]);
    expect(history[0]!.changes['stage']).toEqual([null, 'proposal']);
  });

  it('moves the probability along with the stage unless it was set by hand, and records both', async () => {
    const deal = await a.ok<Deal>('POST', '/deals', { title: 'Follows stage' });
    expect(deal.probability).toBe(10);
    const moved = await a.ok<Deal>('PATCH', `/deals/${deal.id}`, { stage: 'negotiation' }, 200, { 'If-Match': '"1"' });
    expect(moved).toMatchObject({ stage: 'negotiation', probability: 75, version: 2 });
    const custom = await a.ok<Deal>('PATCH', `/deals/${deal.id}`, { probability: 80 });
    expect(custom.probability).toBe(80);
    const won = await a.ok<Deal>('PATCH', `/deals/${deal.id}`, { stage: 'won' });
    expect(won.probability).toBe(80);
    const explicit = await a.ok<Deal>('PATCH', `/deals/${deal.id}`, { stage: 'lost', probability: 0 });
    expect(explicit.probability).toBe(0);
    const history = await historyOf(h, alice.workspace.id, 'deal', deal.id);
    expect(history.map((r) => r.changes)).toEqual([
      expect.objectContaining({ title: [null, 'Follows stage'] }),
      { stage: ['lead', 'negotiation'], probability: [10, 75] },
      { probability: [75, 80] },
      { stage: ['negotiation', 'won'] },
      { stage: ['won', 'lost'], probability: [80, 0] },
    ]);
  });

  it('changes value, tags and links; an unchanged patch writes nothing', async () => {
    const deal = await a.ok<Deal>('POST', '/deals', { title: 'Edit me', value: { amount: 100, currency: 'EUR' }, tags: ['a'] });
    const patched = await a.ok<Deal>('PATCH', `/deals/${deal.id}`, { value: null, tags: ['b', 'c'], expectedCloseOn: '2027-01-15' });
    expect(patched).toMatchObject({ value: null, tags: ['b', 'c'], expectedCloseOn: '2027-01-15', version: 2 });
    const same = await a.ok<Deal>('PATCH', `/deals/${deal.id}`, { tags: ['b', 'c'], title: 'Edit me' });
    expect(same.version).toBe(2);
    const tagRows = await tenantRows(h, alice.workspace.id, "SELECT tag FROM record_tags WHERE entity = 'deal' AND entity_id = ? ORDER BY tag", [deal.id]);
    expect(tagRows.map((r) => r['tag'])).toEqual(['b', 'c']);
  });

  it('trashes and restores with history; restore puts the card on top of its column', async () => {
    const deal = await a.ok<Deal>('POST', '/deals', { title: 'Bin me', stage: 'qualified' });
    await a.ok<Deal>('POST', '/deals', { title: 'Newer card', stage: 'qualified' });
    expect((await a('DELETE', `/deals/${deal.id}`)).status).toBe(204);
    expect((await a('GET', `/deals/${deal.id}`)).status).toBe(404);
    expect((await a.ok<Page>('GET', '/deals?deleted=true')).items.map((d) => d.id)).toContain(deal.id);
    const restored = await a.ok<Deal>('POST', `/deals/${deal.id}/restore`, undefined, 200);
    expect(restored).toMatchObject({ deletedAt: null, stage: 'qualified', version: 3 });
    const board = await a.ok<Board>('GET', '/deals/board');
    expect(board.columns.find((c) => c.stage.id === 'qualified')!.items[0]!.id).toBe(deal.id);
    expect((await historyOf(h, alice.workspace.id, 'deal', deal.id)).map((r) => r.action)).toEqual(['create', 'delete', 'restore']);
  });
});

describe('deal lists', () => {
  let h2: Harness;
  let o: Caller;
  let owner: SignedUp;
  let other: SignedUp;
  const all: Deal[] = [];
  let companyId: string;
  let contactId: string;

  async function walk(query: string, limit: number): Promise<Deal[]> {
    const out: Deal[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page: Page = await o.ok<Page>('GET', `/deals?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(out.map((d) => d.id)).size).toBe(out.length);
    return out;
  }
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const by = (key: (d: Deal) => string | number) => (x: Deal, y: Deal) => cmp(key(x), key(y)) || cmp(x.id, y.id);

  beforeAll(async () => {
    h2 = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
    owner = await signUp(h2.app);
    other = await signUp(h2.app);
    await addMember(h2, owner.workspace.id, other.user.id, 'member');
    o = caller(h2, owner);
    companyId = (await o.ok<{ id: string }>('POST', '/companies', { name: 'Acme' })).id;
    contactId = (await o.ok<{ id: string }>('POST', '/contacts', { firstName: 'Eva', lastName: 'Malá' })).id;
    const titles = ['Řízení skladu', 'alpha', 'Beta', 'beta', 'Čistírna', 'Zeta', 'omega', 'Omega'];
    const closes = ['2026-12-01', null, '2026-11-30', '2026-12-01', null, '2027-02-01'];
    for (let i = 0; i < 19; i++) {
      if (i % 4 === 0) h2.clock.advance(1000);
      all.push(
        await o.ok<Deal>('POST', '/deals', {
          title: `${titles[i % titles.length]} ${i % 3}`,
          expectedCloseOn: closes[i % closes.length],
          stage: ['lead', 'qualified', 'proposal'][i % 3],
          companyId: i % 5 === 0 ? companyId : null,
          contactId: i % 6 === 0 ? contactId : null,
          ownerId: i % 2 ? other.user.id : owner.user.id,
          tags: i % 4 === 0 ? ['VIP'] : [],
        }),
      );
    }
    for (const d of all.filter((_, i) => i % 3 === 1)) {
      h2.clock.advance(500);
      all[all.indexOf(d)] = await o.ok<Deal>('PATCH', `/deals/${d.id}`, { probability: 33 });
    }
  });
  afterAll(() => h2.close());

  it('pages through every sort without repeats or gaps (undated deals last by expectedCloseOn)', async () => {
    const sorts: [string, (d: Deal) => string | number][] = [
      ['title', (d) => czechSortKey(d.title)],
      ['updatedAt', (d) => Date.parse(d.updatedAt)],
      ['createdAt', (d) => Date.parse(d.createdAt)],
      ['expectedCloseOn', (d) => d.expectedCloseOn ?? '~'],
    ];
    for (const [sort, key] of sorts) {
      const expected = [...all].sort(by(key)).map((d) => d.id);
      expect((await walk(`sort=${sort}`, 3)).map((d) => d.id), sort).toEqual(expected);
      expect((await walk(`sort=-${sort}`, 4)).map((d) => d.id), `-${sort}`).toEqual([...expected].reverse());
    }
    // Default: most recently changed first.
    expect((await o.ok<Page>('GET', '/deals?limit=3')).items.map((d) => d.id)).toEqual(
      [...all].sort(by((d) => Date.parse(d.updatedAt))).reverse().slice(0, 3).map((d) => d.id),
    );
  });

  it('filters by stage, company, contact, owner, tag, updatedSince and full text without diacritics', async () => {
    const ids = async (q: string) => (await walk(`sort=title&${q}`, 200)).map((d) => d.id).sort();
    const expect$ = (f: (d: Deal) => boolean) => all.filter(f).map((d) => d.id).sort();
    expect(await ids('stage=qualified')).toEqual(expect$((d) => d.stage === 'qualified'));
    expect(await ids(`companyId=${companyId}`)).toEqual(expect$((d) => d.companyId === companyId));
    expect(await ids(`contactId=${contactId}`)).toEqual(expect$((d) => d.contactId === contactId));
    expect(await ids(`ownerId=${other.user.id}`)).toEqual(expect$((d) => d.ownerId === other.user.id));
    expect(await ids('tag=vip')).toEqual(expect$((d) => d.tags.includes('VIP')));
    expect(await ids('tag=VIP&stage=lead')).toEqual(expect$((d) => d.tags.includes('VIP') && d.stage === 'lead'));
    expect(await ids('q=rizeni')).toEqual(expect$((d) => d.title.startsWith('Řízení')));
    expect(await ids('q=cist')).toEqual(expect$((d) => d.title.startsWith('Čistírna')));
    expect(await ids('q=vip')).toEqual(expect$((d) => d.tags.includes('VIP')));
    expect(await ids(`q=${encodeURIComponent('?!')}`)).toEqual([]);
    const since = all.map((d) => Date.parse(d.updatedAt)).sort((x, y) => y - x)[2]!;
    expect(await ids(`updatedSince=${new Date(since).toISOString()}`)).toEqual(expect$((d) => Date.parse(d.updatedAt) >= since));
  });

  it('sorts a stage by board position, continuing where the board column stops', async () => {
    const board = await o.ok<Board>('GET', '/deals/board');
    const lead = board.columns.find((c) => c.stage.id === 'lead')!;
    const list = await walk('stage=lead&sort=position', 2);
    expect(list.map((d) => d.id)).toEqual(lead.items.map((d) => d.id));
  });

  it('answers each list in one statement on an index', async () => {
    const log = await logSql(h2, owner.workspace.id);
    for (const q of ['sort=title', 'sort=-updatedAt', 'sort=updatedAt', 'sort=createdAt', 'sort=-createdAt', 'sort=expectedCloseOn', 'sort=-expectedCloseOn', 'sort=position&stage=lead', `sort=-updatedAt&companyId=${companyId}`, `sort=-updatedAt&ownerId=${owner.user.id}`]) {
      const first = await o.ok<Page>('GET', `/deals?${q}&limit=2`);
      log.clear();
      await o.ok<Page>('GET', `/deals?${q}&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
      expect(log.statements.length, q).toBe(1);
      const plan = (await log.plans())[0]!.plan;
      const lines = plan.split('\n').filter((l) => /^(SCAN|SEARCH) deals\b/.test(l));
      expect(lines.length, plan).toBeGreaterThan(0);
      for (const l of lines) expect(l, `${q}\n${plan}`).toMatch(/USING (COVERING )?INDEX/);
      const sorts = plan.split('\n').filter((l) => l.includes('TEMP B-TREE'));
      expect(sorts.length, `${q}\n${plan}`).toBeLessThanOrEqual(1);
      if (sorts.length) expect(plan.split('\n').at(-1), `${q}\n${plan}`).toContain('TEMP B-TREE');
    }
  });
});

describe('the pipeline board', () => {
  let h3: Harness;
  let owner: SignedUp;
  let o: Caller;

  beforeAll(async () => {
    h3 = createHarness();
    owner = await signUp(h3.app);
    o = caller(h3, owner);
  });
  afterAll(() => h3.close());

  it('shows every stage in order with counts and per-currency totals, empty stages too', async () => {
    const make = (title: string, stage: string, value: Money | null, extra: Record<string, unknown> = {}) =>
      o.ok<Deal>('POST', '/deals', { title, stage, value, ...extra });
    await make('a', 'lead', { amount: 1_000_00, currency: 'CZK' });
    await make('b', 'lead', { amount: 2_500_50, currency: 'CZK' });
    await make('c', 'lead', { amount: 99_99, currency: 'EUR' });
    await make('d', 'lead', null);
    await make('e', 'proposal', { amount: 0, currency: 'USD' });
    const trashed = await make('f', 'lead', { amount: 5_000_000_00, currency: 'CZK' });
    expect((await o('DELETE', `/deals/${trashed.id}`)).status).toBe(204);

    const board = await o.ok<Board>('GET', '/deals/board');
    expect(board.columns.map((c) => c.stage.id)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    const lead = board.columns[0]!;
    expect(lead.count).toBe(4);
    expect(lead.totals).toEqual([
      { currency: 'CZK', amount: 3_500_50 },
      { currency: 'EUR', amount: 99_99 },
    ]);
    expect(lead.items.map((d) => d.title)).toEqual(['d', 'c', 'b', 'a']);
    expect(lead.nextCursor).toBeNull();
    expect(board.columns[2]).toMatchObject({ count: 1, totals: [{ currency: 'USD', amount: 0 }] });
    expect(board.columns[1]).toMatchObject({ count: 0, totals: [], items: [], nextCursor: null });
  });

  it('filters the board by owner and tag like the list', async () => {
    const member = await signUp(h3.app);
    await addMember(h3, owner.workspace.id, member.user.id, 'member');
    await o.ok<Deal>('POST', '/deals', { title: 'theirs', ownerId: member.user.id, tags: ['Hot'], value: { amount: 7, currency: 'CZK' } });
    const byOwner = await o.ok<Board>('GET', `/deals/board?ownerId=${member.user.id}`);
    expect(byOwner.columns[0]).toMatchObject({ count: 1, totals: [{ currency: 'CZK', amount: 7 }] });
    expect(byOwner.columns[0]!.items.map((d) => d.title)).toEqual(['theirs']);
    const byTag = await o.ok<Board>('GET', '/deals/board?tag=hot');
    expect(byTag.columns.reduce((n, c) => n + c.count, 0)).toBe(1);
    const byText = await o.ok<Board>('GET', `/deals/board?q=${encodeURIComponent('THEIR')}`);
    expect(byText.columns.flatMap((c) => c.items.map((d) => d.title))).toEqual(['theirs']);
    expect(byText.columns[0]).toMatchObject({ count: 1, totals: [{ currency: 'CZK', amount: 7 }] });
    const nothing = await o.ok<Board>('GET', `/deals/board?q=${encodeURIComponent('?!')}`);
    expect(nothing.columns.every((c) => c.count === 0 && c.items.length === 0)).toBe(true);
    expect(nothing.columns).toHaveLength(6);
  });

  it('sends the first 50 cards of a column and a cursor for the rest, in two statements', async () => {
    for (let i = 0; i < 55; i++) await o.ok<Deal>('POST', '/deals', { title: `bulk ${i}`, stage: 'won', value: { amount: 1, currency: 'CZK' } });
    const log = await logSql(h3, owner.workspace.id);
    log.clear();
    const board = await o.ok<Board>('GET', '/deals/board');
    expect(log.statements.length).toBe(2);
    for (const { plan } of await log.plans()) {
      for (const l of plan.split('\n').filter((x) => /^(SCAN|SEARCH) deals\b/.test(x))) {
        expect(l, plan).toMatch(/USING (COVERING )?INDEX/);
      }
    }
    const won = board.columns.find((c) => c.stage.id === 'won')!;
    expect(won.count).toBe(55);
    expect(won.totals).toEqual([{ currency: 'CZK', amount: 55 }]);
    expect(won.items).toHaveLength(50);
    expect(won.items[0]!.title).toBe('bulk 54');
    const rest = await o.ok<Page>('GET', `/deals?stage=won&sort=position&cursor=${encodeURIComponent(won.nextCursor!)}`);
    expect(rest.items.map((d) => d.title)).toEqual(['bulk 4', 'bulk 3', 'bulk 2', 'bulk 1', 'bulk 0']);
  });
});

describe('moving cards', () => {
  let h4: Harness;
  let owner: SignedUp;
  let o: Caller;

  beforeAll(async () => {
    h4 = createHarness();
    owner = await signUp(h4.app);
    o = caller(h4, owner);
  });
  afterAll(() => h4.close());

  const column = async (stage: string) => (await o.ok<Board>('GET', '/deals/board')).columns.find((c) => c.stage.id === stage)!.items;
  const titles = async (stage: string) => (await column(stage)).map((d) => d.title);

  it('puts a card after one neighbour, before another, or on top; within and across columns', async () => {
    const [x, y, z] = [await o.ok<Deal>('POST', '/deals', { title: 'x', stage: 'qualified' }), await o.ok<Deal>('POST', '/deals', { title: 'y', stage: 'qualified' }), await o.ok<Deal>('POST', '/deals', { title: 'z', stage: 'qualified' })];
    expect(await titles('qualified')).toEqual(['z', 'y', 'x']);
    await o.ok<Deal>('POST', `/deals/${z.id}/move`, { stage: 'qualified', afterId: x.id }, 200);
    expect(await titles('qualified')).toEqual(['y', 'x', 'z']);
    await o.ok<Deal>('POST', `/deals/${z.id}/move`, { stage: 'qualified', beforeId: x.id }, 200);
    expect(await titles('qualified')).toEqual(['y', 'z', 'x']);
    await o.ok<Deal>('POST', `/deals/${x.id}/move`, { stage: 'qualified' }, 200);
    expect(await titles('qualified')).toEqual(['x', 'y', 'z']);
    const moved = await o.ok<Deal>('POST', `/deals/${y.id}/move`, { stage: 'proposal' }, 200);
    expect(moved).toMatchObject({ stage: 'proposal', probability: 50, version: 2 });
    expect(await titles('qualified')).toEqual(['x', 'z']);
    expect(await titles('proposal')).toEqual(['y']);
    const history = await historyOf(h4, owner.workspace.id, 'deal', y.id);
    expect(history.at(-1)!.changes).toEqual({ stage: ['qualified', 'proposal'], probability: [25, 50] });
    // Reordering within a column leaves no history (only the stage change did).
    expect((await historyOf(h4, owner.workspace.id, 'deal', z.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('lands right after afterId even when a neighbour moved in between meanwhile', async () => {
    const [p, q, r] = [await o.ok<Deal>('POST', '/deals', { title: 'p', stage: 'lost' }), await o.ok<Deal>('POST', '/deals', { title: 'q', stage: 'lost' }), await o.ok<Deal>('POST', '/deals', { title: 'r', stage: 'lost' })];
    expect(await titles('lost')).toEqual(['r', 'q', 'p']);
    // The client saw r, q adjacent and drops p between them; someone else already put a card there.
    const s = await o.ok<Deal>('POST', '/deals', { title: 's', stage: 'lost' });
    await o.ok<Deal>('POST', `/deals/${s.id}/move`, { stage: 'lost', afterId: r.id }, 200);
    await o.ok<Deal>('POST', `/deals/${p.id}/move`, { stage: 'lost', afterId: r.id, beforeId: q.id }, 200);
    expect(await titles('lost')).toEqual(['r', 'p', 's', 'q']);
  });

  it('honours If-Match and changes nothing on a stale version', async () => {
    const d = await o.ok<Deal>('POST', '/deals', { title: 'guarded', stage: 'negotiation' });
    const res = await o('POST', `/deals/${d.id}/move`, { stage: 'won' }, { 'If-Match': '"0"' });
    expect(res.status).toBe(409);
    expect((await o.ok<Deal>('GET', `/deals/${d.id}`)).stage).toBe('negotiation');
    const ok = await o('POST', `/deals/${d.id}/move`, { stage: 'won' }, { 'If-Match': '"1"' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
  });

  it('ends 20 concurrent moves into one column in one total order with distinct positions', async () => {
    const anchor = await o.ok<Deal>('POST', '/deals', { title: 'anchor', stage: 'negotiation' });
    const tail = await o.ok<Deal>('POST', '/deals', { title: 'tail', stage: 'negotiation' });
    await o.ok<Deal>('POST', `/deals/${tail.id}/move`, { stage: 'negotiation', afterId: anchor.id }, 200);
    const cards: Deal[] = [];
    for (let i = 0; i < 20; i++) cards.push(await o.ok<Deal>('POST', '/deals', { title: `m${i}`, stage: 'lead' }));
    // Everyone drops their card right after the anchor (or, every third, right before the tail) at once.
    const answers = await Promise.all(
      cards.map((c, i) => o(`POST`, `/deals/${c.id}/move`, i % 3 ? { stage: 'negotiation', afterId: anchor.id, beforeId: tail.id } : { stage: 'negotiation', beforeId: tail.id })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = await tenantRows(h4, owner.workspace.id, "SELECT id, title, position FROM deals WHERE stage = 'negotiation' AND deleted_at IS NULL ORDER BY position, id");
    const positions = rows.map((r) => String(r['position']));
    expect(new Set(positions).size).toBe(positions.length);
    for (let i = 1; i < positions.length; i++) expect(byteLess(positions[i - 1]!, positions[i]!)).toBe(true);
    const order = rows.map((r) => String(r['title']));
    expect(order).toHaveLength(22);
    expect(order.indexOf('anchor')).toBeLessThan(order.indexOf('tail'));
    // All twenty landed between the anchor and the tail.
    const between = order.slice(order.indexOf('anchor') + 1, order.indexOf('tail'));
    expect(between.sort()).toEqual(cards.map((c) => c.title).sort());
    // The board shows the same order the database holds.
    expect(await titles('negotiation')).toEqual(order);
  });

  it('repairs columns whose cards share a position (written without one) when a card lands between them', async () => {
    const cards: Deal[] = [];
    for (const t of ['t1', 't2', 't3']) cards.push(await o.ok<Deal>('POST', '/deals', { title: t, stage: 'proposal' }));
    const ids = cards.map((c) => c.id);
    // As rows written with the column default would be: every card at 'a0'.
    await tenantRows(h4, owner.workspace.id, "UPDATE deals SET position = 'a0' WHERE stage = 'proposal'");
    const before = await titles('proposal'); // ties broken by id
    const newcomer = await o.ok<Deal>('POST', '/deals', { title: 'between', stage: 'lead' });
    const sorted = [...ids].sort();
    const firstTied = cards.find((c) => c.id === sorted[0])!;
    await o.ok<Deal>('POST', `/deals/${newcomer.id}/move`, { stage: 'proposal', afterId: firstTied.id }, 200);
    const after = await titles('proposal');
    const expected = [...before];
    expected.splice(before.indexOf(firstTied.title) + 1, 0, 'between');
    expect(after).toEqual(expected);
    const positions = (await column('proposal')).map((d) => d.position);
    expect(new Set(positions).size).toBe(positions.length);
  });
});
