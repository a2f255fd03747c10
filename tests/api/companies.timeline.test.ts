import type { Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllNotFound, insertDeal, insertTask, ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

type Item =
  | { kind: 'activity'; at: string; id: string; subject: string; type: string; authorId: string | null; companyId: string | null; contactId: string | null; occurredAt: string }
  | { kind: 'task'; at: string; id: string; title: string; done: boolean; dueAt: string | null; createdAt: string }
  | { kind: 'change'; at: string; id: string; action: string; changes: Record<string, [unknown, unknown]>; actorId: string | null };
interface Page {
  items: Item[];
  nextCursor: string | null;
}
interface Summary {
  contacts: number;
  openDeals: number;
  openDealsValue: { amount: number; currency: string }[];
  openTasks: number;
  overdueTasks: number;
}

let h: Harness;
let alice: SignedUp;
let db: Client;
let company: { id: string };
let other: { id: string };
let contact: { id: string };
/** What the timeline should show, as [kind, id], newest first. */
let expected: [string, string][] = [];

const base = Date.UTC(2026, 2, 1, 8, 0);
const at = (hours: number) => new Date(base + hours * 3_600_000).toISOString();

beforeAll(async () => {
  h = createHarness({ startAt: base });
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  db = await tenantClient(h, alice);
  company = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Acme' }), 201);
  other = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Jiná' }), 201);
  contact = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Jan', lastName: 'Novák', companyId: company.id }), 201);
  const goneContact = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Bývalý', lastName: 'Kontakt', companyId: company.id }), 201);
  const elsewhere = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Cizí', lastName: 'Osoba', companyId: other.id }), 201);

  const log = (body: Record<string, unknown>) => ok<{ id: string }>(wsCall(h, alice, 'POST', '/activities', body), 201);
  const rows: { kind: string; id: string; at: string }[] = [];
  // The company's own journal, one of its contact's entries, and one linked to both (shown once).
  for (let i = 0; i < 8; i++) rows.push({ kind: 'activity', id: (await log({ type: 'call', subject: `Hovor ${i}`, companyId: company.id, occurredAt: at(i * 2) })).id, at: at(i * 2) });
  rows.push({ kind: 'activity', id: (await log({ type: 'meeting', subject: 'Jen s kontaktem', contactId: contact.id, occurredAt: at(3) })).id, at: at(3) });
  rows.push({ kind: 'activity', id: (await log({ type: 'email', subject: 'Obojí', companyId: company.id, contactId: contact.id, occurredAt: at(5) })).id, at: at(5) });
  // Two at the very same moment: ordered by id.
  rows.push({ kind: 'activity', id: (await log({ type: 'note', subject: 'Současně A', companyId: company.id, occurredAt: at(7) })).id, at: at(7) });
  rows.push({ kind: 'activity', id: (await log({ type: 'note', subject: 'Současně B', companyId: company.id, occurredAt: at(7) })).id, at: at(7) });

  // Not shown: another company's journal, a trashed entry, a trashed contact's entry.
  await log({ type: 'call', subject: 'Jiná firma', companyId: other.id, contactId: elsewhere.id, occurredAt: at(4) });
  const trashed = await log({ type: 'call', subject: 'Smazáno', companyId: company.id, occurredAt: at(6) });
  await ok(wsCall(h, alice, 'DELETE', `/activities/${trashed.id}`), 204);
  await log({ type: 'call', subject: 'Bývalý kontakt', contactId: goneContact.id, occurredAt: at(6) });
  await ok(wsCall(h, alice, 'DELETE', `/contacts/${goneContact.id}`), 204);

  // Tasks, placed at their creation.
  for (const [hours, title, extra] of [
    [1, 'Poslat nabídku', { dueAt: base + 48 * 3_600_000 }],
    [9, 'Zavolat zpět', { done: true }],
    [12, 'Smazaný úkol', { deletedAt: base }],
  ] as const) {
    const id = await insertTask(db, { title, companyId: company.id, createdAt: base + hours * 3_600_000, ...extra });
    if (title !== 'Smazaný úkol') rows.push({ kind: 'task', id, at: at(hours) });
  }
  await insertTask(db, { title: 'Jiný úkol', companyId: other.id, createdAt: base + 3_600_000 });

  // Changes to the company (its creation happened at `base`, before everything above).
  h.clock.ms = base + 10 * 3_600_000;
  await ok(wsCall(h, alice, 'PATCH', `/companies/${company.id}`, { name: 'Acme a.s.' }));
  h.clock.ms = base + 11 * 3_600_000;
  await ok(wsCall(h, alice, 'PATCH', `/companies/${other.id}`, { name: 'Jiná 2' }));

  const changes = (await ok<{ items: { id: string; at: string }[] }>(wsCall(h, alice, 'GET', `/companies/${company.id}/history`))).items;
  expect(changes).toHaveLength(2);
  for (const c of changes) rows.push({ kind: 'change', id: c.id, at: c.at });

  rows.sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  expected = rows.map((r) => [r.kind, r.id]);
});
afterAll(() => h.close());

const timeline = (query = '') => ok<Page>(wsCall(h, alice, 'GET', `/companies/${company.id}/timeline${query ? `?${query}` : ''}`));

describe('company timeline', () => {
  it('merges the journal (its own and its contacts’), its tasks and its changes, newest first', async () => {
    const page = await timeline();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((i) => [i.kind, i.id])).toEqual(expected);
    expect(expected).toHaveLength(12 + 2 + 2);
  });

  it('carries each record with its kind and time', async () => {
    const { items } = await timeline();
    const call = items.find((i) => i.kind === 'activity' && i.subject === 'Hovor 3');
    expect(call).toMatchObject({ kind: 'activity', at: at(6), occurredAt: at(6), type: 'call', authorId: alice.user.id, companyId: company.id });
    const task = items.find((i) => i.kind === 'task' && i.title === 'Poslat nabídku');
    expect(task).toEqual(expect.objectContaining({ kind: 'task', at: at(1), createdAt: at(1), done: false, dueAt: at(48) }));
    expect(items.find((i) => i.kind === 'task' && i.title === 'Zavolat zpět')).toMatchObject({ done: true, dueAt: null });
    const rename = items.find((i) => i.kind === 'change' && i.action === 'update');
    expect(rename).toMatchObject({ kind: 'change', at: at(10), actorId: alice.user.id, changes: { name: ['Acme', 'Acme a.s.'] } });
    expect(items.at(-1)).toMatchObject({ kind: 'change', action: 'create', at: at(0) });
  });

  it('pages through the timeline without repeats or gaps, whatever the page size', async () => {
    for (const limit of [1, 2, 3, 5, 7]) {
      const seen: [string, string][] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await timeline(`limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((i): [string, string] => [i.kind, i.id]));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 100);
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
  });

  it('answers 404 for a company in the trash or missing, and 400 for bad paging', async () => {
    const gone = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Koš' }), 201);
    await ok(wsCall(h, alice, 'DELETE', `/companies/${gone.id}`), 204);
    for (const id of [gone.id, 'nope']) {
      for (const path of ['timeline', 'summary']) {
        const res = await wsCall(h, alice, 'GET', `/companies/${id}/${path}`);
        expect(res.status, `${id} ${path}`).toBe(404);
      }
    }
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=bad', 'cursor'],
      ['kind=task', 'kind'],
    ] as const) {
      const res = await wsCall(h, alice, 'GET', `/companies/${company.id}/timeline?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {})).toEqual([field]);
    }
  });
});

describe('company summary', () => {
  it('counts live contacts, open deals with their value per currency, and open and overdue tasks', async () => {
    const s0 = await ok<Summary>(wsCall(h, alice, 'GET', `/companies/${company.id}/summary`));
    expect(s0).toEqual({ contacts: 1, openDeals: 0, openDealsValue: [], openTasks: 1, overdueTasks: 0 });

    const now = h.clock.ms;
    await insertDeal(db, { title: 'A', companyId: company.id, stage: 'lead', amount: 1_250_000, currency: 'CZK', createdAt: now });
    await insertDeal(db, { title: 'B', companyId: company.id, stage: 'proposal', amount: 750_000, currency: 'CZK', createdAt: now });
    await insertDeal(db, { title: 'C', companyId: company.id, stage: 'negotiation', amount: 10_000, currency: 'EUR', createdAt: now });
    await insertDeal(db, { title: 'D', companyId: company.id, stage: 'qualified', createdAt: now });
    await insertDeal(db, { title: 'Won', companyId: company.id, stage: 'won', amount: 99, currency: 'CZK', createdAt: now });
    await insertDeal(db, { title: 'Lost', companyId: company.id, stage: 'lost', amount: 99, currency: 'CZK', createdAt: now });
    await insertDeal(db, { title: 'Trashed', companyId: company.id, stage: 'lead', amount: 99, currency: 'CZK', createdAt: now, deletedAt: now });
    await insertDeal(db, { title: 'Other', companyId: other.id, stage: 'lead', amount: 99, currency: 'CZK', createdAt: now });
    await insertTask(db, { title: 'Po termínu', companyId: company.id, dueAt: now - 1, createdAt: now });
    await insertTask(db, { title: 'Hotovo po termínu', companyId: company.id, dueAt: now - 1, done: true, createdAt: now });
    await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Druhý', lastName: 'Kontakt', companyId: company.id }), 201);

    expect(await ok<Summary>(wsCall(h, alice, 'GET', `/companies/${company.id}/summary`))).toEqual({
      contacts: 2,
      openDeals: 4,
      openDealsValue: [
        { amount: 2_000_000, currency: 'CZK' },
        { amount: 10_000, currency: 'EUR' },
      ],
      openTasks: 2,
      overdueTasks: 1,
    });
  });

  it('answers 404 to another workspace, for the timeline and the summary', async () => {
    const bob = await signUp(h.app, { workspaceName: 'Beta' });
    await expectAllNotFound(h, bob, alice, [
      { method: 'GET', path: `/companies/${company.id}/timeline` },
      { method: 'GET', path: `/companies/${company.id}/summary` },
    ]);
  });
});
