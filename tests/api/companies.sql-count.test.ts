// One list request = a constant number of SQL statements: the same for a page of 10 rows as
// for a page of 100, whatever the filters (no per-row queries for tags, company names…).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTenantStatements, insertTask, ok, tenantClient, wsCall, type StatementCounter } from './records-support.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let counter: StatementCounter;
let company: { id: string };
let contact: { id: string };

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  company = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Hlavní', tags: ['T'] }), 201);
  contact = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Jan', lastName: 'Hlavní', companyId: company.id, tags: ['T'] }), 201);
  const db = await tenantClient(h, alice);
  for (let i = 0; i < 120; i++) {
    h.clock.advance(1);
    await ok(wsCall(h, alice, 'POST', '/companies', { name: `Firma ${i}`, tags: ['T', `t${i}`] }), 201);
    await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Jana', lastName: `Kontakt ${i}`, companyId: company.id, tags: ['T'] }), 201);
    await ok(wsCall(h, alice, 'POST', '/activities', { type: 'call', subject: `Hovor ${i}`, companyId: company.id, contactId: contact.id }), 201);
    await ok(wsCall(h, alice, 'PATCH', `/companies/${company.id}`, { website: `https://v${i}.cz` }));
    await insertTask(db, { title: `Úkol ${i}`, companyId: company.id, createdAt: h.clock.ms });
  }
  counter = countTenantStatements(h);
});
afterAll(() => h.close());

async function statements(path: string): Promise<number> {
  counter.reset();
  const page = await ok<{ items: unknown[] }>(wsCall(h, alice, 'GET', path));
  const n = counter.count;
  // The page really held that many rows, or the comparison would prove nothing.
  const limit = Number(/limit=(\d+)/.exec(path)?.[1]);
  expect(page.items.length, path).toBe(limit);
  return n;
}

describe('statements per list request', () => {
  const lists = [
    '/companies?',
    '/companies?tag=t&sort=-updatedAt&',
    '/companies?q=firma&',
    '/contacts?',
    '/contacts?companyId={company}&tag=t&',
    '/contacts?q=kontakt&sort=createdAt&',
    '/activities?',
    '/activities?contactId={contact}&',
    '/companies/{company}/history?',
    '/companies/{company}/timeline?',
  ];

  for (const template of lists) {
    it(`${template.replace(/[?&]$/, '')}: the same for 10 rows as for 100`, async () => {
      const path = template.replace('{company}', company.id).replace('{contact}', contact.id);
      const small = await statements(`${path}limit=10`);
      const large = await statements(`${path}limit=100`);
      expect(large).toBe(small);
      expect(small).toBeGreaterThanOrEqual(1);
      expect(small).toBeLessThanOrEqual(2);
    });
  }

  it('counts statements at all (the counter sees the tenant database)', async () => {
    counter.reset();
    await ok(wsCall(h, alice, 'GET', `/companies/${company.id}/summary`));
    expect(counter.count).toBe(1);
    counter.reset();
    await ok(wsCall(h, alice, 'GET', '/search?q=firma&limit=50'));
    expect(counter.count).toBe(1);
  });
});
