import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../api/lib/csv.ts';
import { ico } from '../fixtures/csv-files.ts';
import { addMember, importAndWait, listAll } from './imports-support.ts';
import { call, createHarness, errorOf, json, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

interface Company {
  id: string;
  name: string;
  tags: string[];
  ownerId: string | null;
}

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let special: Company;
let formula: Company;

const BULK = 2500;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app);
  bob = await signUp(h.app);
  // 2,500 bulk rows plus a few more: past the free plan's record limit.
  await setPlan(h, alice.workspace.id, 'pro');
  await setPlan(h, bob.workspace.id, 'pro');
  const create = async (body: Record<string, unknown>) => {
    const res = await call(h.app, 'POST', `/w/${alice.workspace.slug}/companies`, body, { cookie: alice.cookie });
    if (res.status !== 201) throw new Error(await res.text());
    return json<Company>(res);
  };
  special = await create({
    name: 'Žlutý kůň; s.r.o.',
    regNo: '00177041',
    vatNo: 'CZ00177041',
    email: 'info@kun.cz',
    phone: '602123456',
    website: 'kun.cz',
    address: { street: 'Dlouhá 5\nvchod "B"', city: 'Praha', postalCode: '11000' },
    tags: ['vip', 'Praha'],
  });
  formula = await create({ name: '=HYPERLINK("http://evil")', country: 'DE', phone: '+49 30 1234567', address: { city: ' Berlin' } });
  const lines = ['Název;IČO;Město;Štítky'];
  for (let i = 1; i <= BULK; i++) lines.push(`Hromadná ${String(i).padStart(4, '0')};${ico(100_000 + i)};Brno;hromadne`);
  const job = await importAndWait(h, alice, lines.join('\n'), { entity: 'companies' });
  if (job.createdCount !== BULK) throw new Error(JSON.stringify(job));
});
afterAll(() => h.close());

const exportPath = (who: SignedUp, what: string, query = '') => `/w/${who.workspace.slug}/exports/${what}.csv${query ? `?${query}` : ''}`;

async function download(who: SignedUp, what: string, query = ''): Promise<{ res: Response; bytes: Uint8Array<ArrayBuffer>; chunks: number }> {
  const res = await call(h.app, 'GET', exportPath(who, what, query), undefined, { cookie: who.cookie });
  expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
  const reader = res.body!.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { res, bytes, chunks: parts.length };
}

async function rows(who: SignedUp, what: string, query = ''): Promise<string[][]> {
  const { bytes } = await download(who, what, query);
  return [...parseCsv(new TextDecoder().decode(bytes), ';')].map((r) => r.fields);
}

const COMPANY_HEADER = ['Name', 'Company ID (IČO)', 'VAT ID (DIČ)', 'Email', 'Phone', 'Website', 'Street', 'City', 'Postal code', 'Country', 'Tags', 'Owner', 'Created', 'Updated', 'ID'];

describe('GET /w/:ws/exports/companies.csv', () => {
  it('is a download Czech Excel opens: UTF-8 BOM, semicolons, CRLF, quoted where needed', async () => {
    const { res, bytes } = await download(alice, 'companies');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const today = h.platform.now().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="companies-${today}.csv"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith(`${COMPANY_HEADER.join(';')}\r\n`)).toBe(true);
    expect(text).toContain('"Žlutý kůň; s.r.o.";00177041;CZ00177041;info@kun.cz;\'+420 602 123 456;kun.cz;"Dlouhá 5\nvchod ""B""";Praha;110 00;CZ;vip, Praha;');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('has every company, one row each, in name order, with apostrophes before formula-like cells', async () => {
    const all = await rows(alice, 'companies');
    expect(all[0]).toEqual(COMPANY_HEADER);
    expect(all.length).toBe(1 + BULK + 2);
    const byId = new Map(all.slice(1).map((r) => [r[14], r]));
    expect(byId.get(special.id)!.slice(0, 12)).toEqual([
      'Žlutý kůň; s.r.o.',
      '00177041',
      'CZ00177041',
      'info@kun.cz',
      "'+420 602 123 456",
      'kun.cz',
      'Dlouhá 5\nvchod "B"',
      'Praha',
      '110 00',
      'CZ',
      'vip, Praha',
      alice.email,
    ]);
    expect(byId.get(formula.id)!.slice(0, 10)).toEqual(["'=HYPERLINK(\"http://evil\")", '', '', '', "'+49 30 1234567", '', '', 'Berlin', '', 'DE']);
    const listed = await listAll<Company>(h, alice, '/companies');
    expect(all.slice(1).map((r) => r[14])).toEqual(listed.map((c) => c.id));
  });

  it('streams page by page instead of building the file in memory', async () => {
    const { chunks, bytes } = await download(alice, 'companies');
    // BOM+header, then one chunk per page of 1,000.
    expect(chunks).toBe(1 + Math.ceil((BULK + 2) / 1000));
    expect(bytes.length).toBeGreaterThan(100_000);
  });

  it('honours the list filters and sort', async () => {
    const ids = async (query: string) => (await rows(alice, 'companies', query)).slice(1).map((r) => r[14]);
    expect(await ids('tag=VIP')).toEqual([special.id]);
    expect(await ids('q=zluty')).toEqual([special.id]);
    expect((await ids('tag=hromadne')).length).toBe(BULK);
    expect(await ids(`ownerId=${bob.user.id}`)).toEqual([]);
    expect(await ids('updatedSince=2999-01-01T00:00:00Z')).toEqual([]);
    const newestFirst = await ids('sort=-createdAt');
    const listed = await listAll<Company>(h, alice, '/companies', { sort: '-createdAt' });
    expect(newestFirst).toEqual(listed.map((c) => c.id));
    expect(newestFirst.at(-1)).toBe(special.id);

    const trashed = await call(h.app, 'DELETE', `/w/${alice.workspace.slug}/companies/${formula.id}`, undefined, { cookie: alice.cookie });
    expect(trashed.status).toBe(204);
    try {
      expect(await ids('deleted=true')).toEqual([formula.id]);
      expect(await ids('')).not.toContain(formula.id);
    } finally {
      await call(h.app, 'POST', `/w/${alice.workspace.slug}/companies/${formula.id}/restore`, undefined, { cookie: alice.cookie });
    }
  });

  it('speaks Czech when asked', async () => {
    const [header] = await rows(alice, 'companies', 'lang=cs&tag=vip');
    expect(header).toEqual(['Název', 'IČO', 'DIČ', 'E-mail', 'Telefon', 'Web', 'Ulice', 'Město', 'PSČ', 'Země', 'Štítky', 'Vlastník', 'Vytvořeno', 'Změněno', 'ID']);
  });

  it('round-trips: exported, imported into another workspace and exported again, the rows are the same', async () => {
    await addMember(h, bob, alice, 'member');
    const { bytes } = await download(alice, 'companies', 'lang=cs');
    const job = await importAndWait(h, bob, bytes, { entity: 'companies' });
    expect(job).toMatchObject({ status: 'done', createdCount: BULK + 2, problems: [] });
    const comparable = (r: string[]) => r.slice(0, 12);
    const original = (await rows(alice, 'companies')).map(comparable);
    const copy = (await rows(bob, 'companies')).map(comparable);
    expect(copy).toEqual(original);
  });

  it('rejects bad parameters with 400 and fields', async () => {
    for (const [query, field] of [
      ['sort=bogus', 'sort'],
      ['lang=de', 'lang'],
      ['limit=10', 'limit'],
      ['updatedSince=yesterday', 'updatedSince'],
    ] as const) {
      const res = await call(h.app, 'GET', exportPath(alice, 'companies', query), undefined, { cookie: alice.cookie });
      expect(res.status, query).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {}), query).toContain(field);
    }
  });

  it('is 404 for another workspace and 401 without a session', async () => {
    const other = await call(h.app, 'GET', `/w/${alice.workspace.slug}/exports/companies.csv`, undefined, { cookie: (await signUp(h.app)).cookie });
    expect(other.status).toBe(404);
    expect((await errorOf(other)).code).toBe('not_found');
    expect((await call(h.app, 'GET', `/w/${alice.workspace.slug}/exports/contacts.csv`)).status).toBe(401);
  });
});

describe('GET /w/:ws/exports/contacts.csv', () => {
  it('exports contacts with their company’s name and IČO, filtered like the list, and round-trips', async () => {
    const who = await signUp(h.app);
    const post = async (path: string, body: Record<string, unknown>) => {
      const res = await call(h.app, 'POST', `/w/${who.workspace.slug}${path}`, body, { cookie: who.cookie });
      if (res.status !== 201) throw new Error(await res.text());
      return json<{ id: string }>(res);
    };
    const acme = await post('/companies', { name: 'Acme s.r.o.', regNo: '45274649' });
    const beta = await post('/companies', { name: 'Beta; a "spol."' });
    await post('/contacts', { firstName: 'Jan', lastName: 'Novák', email: 'jan@acme.cz', phone: '602111222', title: 'CEO', companyId: acme.id, tags: ['vip'] });
    await post('/contacts', { firstName: 'Eva', lastName: 'Dvořáková', companyId: beta.id });
    await post('/contacts', { firstName: '-Minus', lastName: 'Samostatný' });

    const all = await rows(who, 'contacts');
    expect(all[0]).toEqual(['First name', 'Last name', 'Email', 'Phone', 'Title', 'Company', 'Company ID (IČO)', 'Tags', 'Owner', 'Created', 'Updated', 'ID']);
    expect(all.slice(1).map((r) => r.slice(0, 9))).toEqual([
      ['Eva', 'Dvořáková', '', '', '', 'Beta; a "spol."', '', '', who.email],
      ['Jan', 'Novák', 'jan@acme.cz', "'+420 602 111 222", 'CEO', 'Acme s.r.o.', '45274649', 'vip', who.email],
      ["'-Minus", 'Samostatný', '', '', '', '', '', '', who.email],
    ]);
    expect((await rows(who, 'contacts', `companyId=${acme.id}`)).slice(1).map((r) => r[1])).toEqual(['Novák']);
    expect((await rows(who, 'contacts', 'q=dvorakova')).slice(1).map((r) => r[1])).toEqual(['Dvořáková']);
    const [czech] = await rows(who, 'contacts', 'lang=cs');
    expect(czech!.slice(0, 7)).toEqual(['Jméno', 'Příjmení', 'E-mail', 'Telefon', 'Pozice', 'Firma', 'IČO firmy']);

    // Into a fresh workspace: companies first, then contacts link to them again by IČO or name.
    const copy = await signUp(h.app);
    await addMember(h, copy, who, 'member');
    await importAndWait(h, copy, (await download(who, 'companies')).bytes, { entity: 'companies' });
    const job = await importAndWait(h, copy, (await download(who, 'contacts', 'lang=cs')).bytes, { entity: 'contacts' });
    expect(job).toMatchObject({ createdCount: 3, problems: [] });
    const comparable = (r: string[]) => r.slice(0, 9);
    expect((await rows(copy, 'contacts')).map(comparable)).toEqual(all.map(comparable));
  });
});

describe('GET /w/:ws/exports/deals.csv', () => {
  it('exports deals with company, stage name and value as a decimal, filtered like the list', async () => {
    const post = async (body: Record<string, unknown>) => {
      const res = await call(h.app, 'POST', `/w/${bob.workspace.slug}/deals`, body, { cookie: bob.cookie });
      if (res.status !== 201) throw new Error(await res.text());
      return json<{ id: string }>(res);
    };
    const firm = json<{ id: string }>(await call(h.app, 'POST', `/w/${bob.workspace.slug}/companies`, { name: 'Dvořák a syn' }, { cookie: bob.cookie }));
    const big = await post({ title: 'Rekonstrukce kanceláří', companyId: (await firm).id, value: { amount: 12500050, currency: 'CZK' }, stage: 'proposal', expectedCloseOn: '2026-12-15' });
    await post({ title: 'Servis tiskáren', stage: 'lead' });

    const all = await rows(bob, 'deals', '&sort=title');
    expect(all[0]).toEqual(['Title', 'Company', 'Contact', 'Value', 'Currency', 'Stage', 'Probability (%)', 'Expected close', 'Tags', 'Owner', 'Created', 'Updated', 'ID']);
    expect(all.slice(1).map((r) => r[0])).toEqual(['Rekonstrukce kanceláří', 'Servis tiskáren']);
    expect(all[1]!.slice(0, 8)).toEqual(['Rekonstrukce kanceláří', 'Dvořák a syn', '', '125000.50', 'CZK', 'Proposal', '50', '2026-12-15']);
    expect(all[1]![12]).toBe(big.id);

    const cs = await rows(bob, 'deals', '&lang=cs&stage=proposal');
    expect(cs[0]![3]).toBe('Hodnota');
    expect(cs.slice(1).map((r) => r[3])).toEqual(['125000,50']);
    expect((await call(h.app, 'GET', `/w/${bob.workspace.slug}/exports/deals.csv?sort=nonsense`, undefined, { cookie: bob.cookie })).status).toBe(400);
    const stranger = await signUp(h.app);
    expect((await call(h.app, 'GET', `/w/${bob.workspace.slug}/exports/deals.csv`, undefined, { cookie: stranger.cookie })).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the import, export and ARES routes', async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(await call(h.app, 'GET', '/openapi.json'));
    for (const [path, method] of [
      ['/w/{ws}/imports/preview', 'post'],
      ['/w/{ws}/imports', 'post'],
      ['/w/{ws}/imports', 'get'],
      ['/w/{ws}/imports/{id}', 'get'],
      ['/w/{ws}/imports/{id}/undo', 'post'],
      ['/w/{ws}/exports/companies.csv', 'get'],
      ['/w/{ws}/exports/contacts.csv', 'get'],
      ['/w/{ws}/ares/{ico}', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
