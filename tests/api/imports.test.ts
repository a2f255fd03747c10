import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/domain/imports/import-job.ts';
import type { ImportPreview } from '../../api/domain/imports/preview.ts';
import { encodeWindows1250, ico, utf8WithBom } from '../fixtures/csv-files.ts';
import { addMember, importAndWait, importUrl, listAll, startImport, tenantOf, upload, waitForJob } from './imports-support.ts';
import { call, createHarness, errorOf, json, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

interface Company {
  id: string;
  name: string;
  country: string;
  regNo: string | null;
  vatNo: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  address: { street: string | null; city: string | null; postalCode: string | null };
  tags: string[];
  ownerId: string | null;
  version: number;
  updatedAt: string;
}

let h: Harness;
let alice: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app);
});
afterAll(() => h.close());

const ws = (who: SignedUp, path: string) => `/w/${who.workspace.slug}${path}`;
const get = (who: SignedUp, path: string) => call(h.app, 'GET', ws(who, path), undefined, { cookie: who.cookie });
const post = (who: SignedUp, path: string, body?: unknown) => call(h.app, 'POST', ws(who, path), body, { cookie: who.cookie });

async function createCompany(who: SignedUp, body: Record<string, unknown>): Promise<Company> {
  const res = await post(who, '/companies', body);
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  return json<Company>(res);
}

async function freshWorkspace(): Promise<SignedUp> {
  return signUp(h.app, { workspaceName: `Import ${Math.random().toString(36).slice(2, 7)}` });
}

// What Czech Excel saves as "CSV (oddělený středníkem)": Windows-1250, `;`, CRLF, quotes
// only where needed. Row 3 has a quoted line break, so row numbers differ from line numbers.
const CZECH_EXCEL = [
  'Název firmy;IČO;DIČ;E-mail;Telefon;Ulice;Město;PSČ;Štítky;Poznámka',
  'Žluťoučký kůň s.r.o.;45274649;CZ45274649;info@kun.cz;602 123 456;Náměstí Míru 1;Praha;12000;"vip, Praha";nic',
  '"Dvořák; syn a spol.";27082440;;;;"Dlouhá 5\r\nvchod B";Brno;602 00;;"řekl ""ahoj"""',
  'Špatné IČO a.s.;12345678;;;;;;;;',
  'Chybí PSČ;;;;;;Plzeň;1100;;',
  ';00177041;;;;;;;;bez názvu',
  '',
  'Ěščřžýáíé Ltd.;177041;;ceo@example.cz;+49 30 1234567;;Ústí nad Labem;400 01;sever;',
].join('\r\n');

describe('preview', () => {
  it('reads a Windows-1250, semicolon-separated file and guesses the Czech headers', async () => {
    const res = await upload(h, alice, '/imports/preview?entity=companies', encodeWindows1250(CZECH_EXCEL));
    expect(res.status).toBe(200);
    const p = await json<ImportPreview>(res);
    expect(p).toMatchObject({ entity: 'companies', encoding: 'windows-1250', bom: false, delimiter: ';', hasHeader: true, totalRows: 6, dedupeField: 'regNo' });
    expect(p.mapping).toEqual({ name: 0, regNo: 1, vatNo: 2, email: 3, phone: 4, street: 5, city: 6, postalCode: 7, tags: 8 });
    expect(p.columns[9]).toEqual({ index: 9, header: 'Poznámka', field: null });
    expect(p.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(p.rows[0]!.cells[0]).toBe('Žluťoučký kůň s.r.o.');
    expect(p.rows[1]!.cells).toEqual(['Dvořák; syn a spol.', '27082440', '', '', '', 'Dlouhá 5\r\nvchod B', 'Brno', '602 00', '', 'řekl "ahoj"']);
    expect(p.rows[0]!.problems).toBeNull();
    expect(p.rows[1]!.problems).toBeNull();
    expect(p.rows[2]!.problems).toEqual({ regNo: 'IČO must be 8 digits with a valid check digit.' });
    expect(p.rows[3]!.problems).toEqual({ postalCode: 'PSČ must be five digits, like 110 00.' });
    expect(p.rows[4]!.problems).toEqual({ name: 'Enter a name.' });
    // Excel dropped the IČO's leading zeros: they come back, and the number checks out.
    expect(p.rows[5]!.problems).toBeNull();
  });

  it('reads UTF-8 with a BOM, commas and English headers, and a caller’s mapping by header name', async () => {
    const csv = 'Company,Reg No,Web,Notes\r\n"Acme, Inc.",45274649,acme.cz,"multi\nline"\r\n';
    const guessed = await json<ImportPreview>(await upload(h, alice, '/imports/preview?entity=companies', utf8WithBom(csv)));
    expect(guessed).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',', totalRows: 1, mapping: { name: 0, regNo: 1, website: 2 } });
    const mapped = await json<ImportPreview>(await upload(h, alice, `/imports/preview?entity=companies&mapping=${encodeURIComponent(JSON.stringify({ name: 'notes', regNo: 1 }))}`, utf8WithBom(csv)));
    expect(mapped.mapping).toEqual({ name: 3, regNo: 1 });
    expect(mapped.columns.map((c) => c.field)).toEqual([null, 'regNo', null, 'name']);
  });

  it('treats a first row without known headers as data', async () => {
    const p = await json<ImportPreview>(await upload(h, alice, '/imports/preview?entity=companies', 'Acme;45274649\nBeta;27082440\n'));
    expect(p).toMatchObject({ hasHeader: false, totalRows: 2, mapping: {} });
    expect(p.columns.map((c) => c.header)).toEqual(['Column 1', 'Column 2']);
    expect(p.rows[0]!.problems).toEqual({ name: 'Enter a name.' });
  });

  it('writes nothing', async () => {
    const who = await freshWorkspace();
    await upload(h, who, '/imports/preview?entity=companies', encodeWindows1250(CZECH_EXCEL));
    expect(await listAll(h, who, '/companies')).toEqual([]);
    expect((await json<{ items: unknown[] }>(await get(who, '/imports'))).items).toEqual([]);
  });
});

describe('import', () => {
  it('imports a Czech Excel file in the background, with per-row problems by row number', async () => {
    const who = await freshWorkspace();
    const res = await upload(h, who, importUrl({ entity: 'companies' }), encodeWindows1250(CZECH_EXCEL));
    expect(res.status).toBe(202);
    const started = await json<ImportJob>(res);
    expect(res.headers.get('location')).toBe(`/api/v1/w/${who.workspace.slug}/imports/${started.id}`);
    expect(started).toMatchObject({ entity: 'companies', status: 'running', totalRows: 6, createdBy: who.user.id });

    const { job } = await waitForJob(h, who, started.id);
    expect(job).toMatchObject({ status: 'done', totalRows: 6, processedRows: 6, percent: 100, createdCount: 3, updatedCount: 0, skippedCount: 3, problemsTruncated: false, error: null });
    expect(job.problems).toEqual([
      { row: 4, fields: { regNo: 'IČO must be 8 digits with a valid check digit.' }, message: 'IČO must be 8 digits with a valid check digit.' },
      { row: 5, fields: { postalCode: 'PSČ must be five digits, like 110 00.' }, message: 'PSČ must be five digits, like 110 00.' },
      { row: 6, fields: { name: 'Enter a name.' }, message: 'Enter a name.' },
    ]);

    const companies = await listAll<Company>(h, who, '/companies');
    expect(companies.map((c) => c.name)).toEqual(['Dvořák; syn a spol.', 'Ěščřžýáíé Ltd.', 'Žluťoučký kůň s.r.o.']);
    const kun = companies.find((c) => c.regNo === '45274649')!;
    expect(kun).toMatchObject({
      country: 'CZ',
      vatNo: 'CZ45274649',
      email: 'info@kun.cz',
      phone: '+420 602 123 456',
      address: { street: 'Náměstí Míru 1', city: 'Praha', postalCode: '120 00' },
      tags: ['vip', 'Praha'],
      ownerId: who.user.id,
      version: 1,
    });
    expect(companies.find((c) => c.regNo === '27082440')!.address).toEqual({ street: 'Dlouhá 5\r\nvchod B', city: 'Brno', postalCode: '602 00' });
    expect(companies.find((c) => c.name.startsWith('Ěšč'))).toMatchObject({ regNo: '00177041', phone: '+49 30 1234567', address: { city: 'Ústí nad Labem', postalCode: '400 01' } });

    // The rows reached the search index and the tag index like any other write.
    const search = await json<{ items: { id: string }[] }>(await get(who, '/companies?q=zlutoucky'));
    expect(search.items.map((i) => i.id)).toEqual([kun.id]);
    expect((await json<{ items: { id: string }[] }>(await get(who, '/companies?tag=VIP'))).items.map((i) => i.id)).toEqual([kun.id]);
    const db = await tenantOf(h, who);
    const history = await db.execute({ sql: "SELECT action, actor_id FROM record_history WHERE entity = 'company' AND entity_id = ?", args: [kun.id] });
    expect(history.rows.map((r) => [r['action'], r['actor_id']])).toEqual([['create', who.user.id]]);
  });

  it('lists jobs newest first', async () => {
    const who = await freshWorkspace();
    const a = await importAndWait(h, who, 'Name\nA\n', { entity: 'companies' });
    const b = await importAndWait(h, who, 'Name\nB\n', { entity: 'companies' });
    const page1 = await json<{ items: ImportJob[]; nextCursor: string | null }>(await get(who, '/imports?limit=1'));
    expect(page1.items.map((j) => j.id)).toEqual([b.id]);
    const page2 = await json<{ items: ImportJob[]; nextCursor: string | null }>(await get(who, `/imports?limit=1&cursor=${page1.nextCursor}`));
    expect(page2.items.map((j) => j.id)).toEqual([a.id]);
  });

  it('maps an Owner column to members by email, and reports an unknown one', async () => {
    const who = await freshWorkspace();
    const colleague = await signUp(h.app);
    await addMember(h, who, colleague, 'member');
    const csv = `Name;Owner\nOne;${colleague.email.toUpperCase()}\nTwo;stranger@example.cz\nThree;\n`;
    const job = await importAndWait(h, who, csv, { entity: 'companies' });
    expect(job.problems).toEqual([{ row: 3, fields: { ownerEmail: 'No member of this workspace has this email.' }, message: 'No member of this workspace has this email.' }]);
    const companies = await listAll<Company>(h, who, '/companies');
    expect(companies.map((c) => [c.name, c.ownerId])).toEqual([
      ['One', colleague.user.id],
      ['Three', who.user.id],
    ]);
  });

  it('keeps at most 1,000 problems and says the list was cut', async () => {
    const who = await freshWorkspace();
    const lines = ['Name;IČO'];
    for (let i = 0; i < 1200; i++) lines.push(`Bad ${i};12345678`);
    lines.push('Good;177 041');
    const job = await importAndWait(h, who, lines.join('\n'), { entity: 'companies' });
    expect(job).toMatchObject({ status: 'done', totalRows: 1201, createdCount: 1, skippedCount: 1200, problemsTruncated: true });
    expect(job.problems.length).toBe(1000);
    expect(job.problems[0]!.row).toBe(2);
    expect(job.problems[999]!.row).toBe(1001);
    expect((await listAll<Company>(h, who, '/companies')).map((c) => c.regNo)).toEqual(['00177041']);
  });

  it('takes off the apostrophe an export puts before formula-like cells', async () => {
    const who = await freshWorkspace();
    await importAndWait(h, who, "Name;Phone\n'=Ltd;'+420 602 123 456\n", { entity: 'companies' });
    const [c] = await listAll<Company>(h, who, '/companies');
    expect(c).toMatchObject({ name: '=Ltd', phone: '+420 602 123 456' });
  });
});

describe('dedupe', () => {
  it('mode skip leaves existing companies alone and skips repeats within the file', async () => {
    const who = await freshWorkspace();
    const existing = await createCompany(who, { name: 'Stará firma', regNo: ico(1), phone: '602000001' });
    const csv = `Název;IČO;Telefon\nNová jména;${ico(1)};777 000 001\nDalší;${ico(2)};\nDalší znovu;${ico(2)};\nBez IČO;;\nBez IČO;;\n`;
    const job = await importAndWait(h, who, csv, { entity: 'companies', dedupe: 'regNo', mode: 'skip' });
    expect(job).toMatchObject({ status: 'done', createdCount: 3, updatedCount: 0, skippedCount: 2, problems: [] });
    const after = await json<Company>(await get(who, `/companies/${existing.id}`));
    expect(after).toEqual(existing);
    const names = (await listAll<Company>(h, who, '/companies')).map((c) => c.name);
    expect(names).toEqual(['Bez IČO', 'Bez IČO', 'Další', 'Stará firma']);
  });

  it('mode update writes the non-empty cells, adds tags, counts unchanged rows as skipped', async () => {
    const who = await freshWorkspace();
    const a = await createCompany(who, { name: 'Alfa', regNo: ico(10), email: 'alfa@old.cz', phone: '602000010', address: { city: 'Praha' }, tags: ['stará'] });
    const b = await createCompany(who, { name: 'Beta', regNo: ico(11) });
    const csv = [
      'Název;IČO;E-mail;Telefon;Město;Štítky',
      `Alfa Nová;${ico(10)};;777 000 010;Brno;nová`,
      `Beta;${ico(11)};;;;`,
      `Gama;${ico(12)};gama@x.cz;;;`,
      `Gama 2;${ico(12)};;;Ostrava;`,
    ].join('\n');
    const job = await importAndWait(h, who, csv, { entity: 'companies', dedupe: 'regNo', mode: 'update' });
    expect(job).toMatchObject({ status: 'done', createdCount: 1, updatedCount: 2, skippedCount: 1 });
    const alfa = await json<Company>(await get(who, `/companies/${a.id}`));
    expect(alfa).toMatchObject({ name: 'Alfa Nová', email: 'alfa@old.cz', phone: '+420 777 000 010', address: { city: 'Brno' }, tags: ['stará', 'nová'], version: a.version + 1 });
    expect(await json<Company>(await get(who, `/companies/${b.id}`))).toEqual(b);
    const gama = (await listAll<Company>(h, who, '/companies')).find((c) => c.regNo === ico(12))!;
    expect(gama).toMatchObject({ name: 'Gama 2', email: 'gama@x.cz', address: { city: 'Ostrava' } });
    expect((await json<{ items: { id: string }[] }>(await get(who, '/companies?tag=nov%C3%A1'))).items.map((i) => i.id)).toEqual([a.id]);
  });

  it('matches across chunks: a repeat 600 rows later updates the company the import created', async () => {
    const who = await freshWorkspace();
    const lines = ['Name;RegNo;City', `First;${ico(5000)};Praha`];
    for (let i = 1; i <= 600; i++) lines.push(`Filler ${i};${ico(6000 + i)};`);
    lines.push(`Second;${ico(5000)};Brno`);
    const job = await importAndWait(h, who, lines.join('\n'), { entity: 'companies', dedupe: 'regNo', mode: 'update' });
    expect(job).toMatchObject({ createdCount: 601, updatedCount: 1, skippedCount: 0 });
    const match = await json<{ items: Company[] }>(await get(who, `/companies?q=${ico(5000)}`));
    expect(match.items.map((c) => [c.name, c.address.city])).toEqual([['Second', 'Brno']]);
  });
});

describe('undo', () => {
  it('restores the exact previous state: created rows gone, updated fields back, tags and search too', async () => {
    const who = await freshWorkspace();
    const a = await createCompany(who, { name: 'Alfa', regNo: ico(20), email: 'alfa@x.cz', address: { street: 'Stará 1', city: 'Praha' }, tags: ['a'] });
    const b = await createCompany(who, { name: 'Beta', regNo: ico(21), phone: '602000021' });
    const untouched = await createCompany(who, { name: 'Mimo', regNo: ico(22) });
    const before = await listAll<Company>(h, who, '/companies');
    const csv = [
      'Name;RegNo;Email;Street;City;Tags',
      `Alfa Renamed;${ico(20)};new@x.cz;;Brno;b`,
      `Beta;${ico(21)};beta@x.cz;;;`,
      `Beta again;${ico(21)};;;Plzeň;`,
      `New One;${ico(23)};;;;novy`,
      'New Two;;;;;',
    ].join('\n');
    const job = await importAndWait(h, who, csv, { entity: 'companies', dedupe: 'regNo', mode: 'update' });
    expect(job).toMatchObject({ createdCount: 2, updatedCount: 3 });
    expect((await listAll<Company>(h, who, '/companies')).length).toBe(5);

    const res = await post(who, `/imports/${job.id}/undo`);
    expect(res.status).toBe(200);
    expect(await json<ImportJob>(res)).toMatchObject({ id: job.id, status: 'undone' });

    const after = await listAll<Company>(h, who, '/companies');
    const strip = (c: Company) => ({ ...c, version: 0, updatedAt: '' });
    expect(after.map(strip)).toEqual(before.map(strip));
    expect(after.find((c) => c.id === untouched.id)).toEqual(untouched);
    expect(after.find((c) => c.id === a.id)!.version).toBe(a.version + 2);
    expect(after.find((c) => c.id === b.id)!.version).toBe(b.version + 2);
    expect((await json<{ items: unknown[] }>(await get(who, '/companies?tag=b'))).items).toEqual([]);
    expect((await json<{ items: unknown[] }>(await get(who, '/companies?tag=novy'))).items).toEqual([]);
    expect((await json<{ items: unknown[] }>(await get(who, '/companies?q=renamed'))).items).toEqual([]);
    expect((await json<{ items: { id: string }[] }>(await get(who, '/companies?q=alfa'))).items.map((i) => i.id)).toEqual([a.id]);

    const db = await tenantOf(h, who);
    const orphans = await db.execute(
      "SELECT (SELECT count(*) FROM record_tags WHERE entity = 'company' AND entity_id NOT IN (SELECT id FROM companies)) AS tags, (SELECT count(*) FROM record_history WHERE entity = 'company' AND entity_id NOT IN (SELECT id FROM companies)) AS history",
    );
    expect(orphans.rows[0]).toMatchObject({ tags: 0, history: 0 });
    // History tells the story: created, changed by the import, changed back by the undo.
    const history = await db.execute({ sql: "SELECT action, changes FROM record_history WHERE entity = 'company' AND entity_id = ? ORDER BY id", args: [a.id] });
    expect(history.rows.map((r) => r['action'])).toEqual(['create', 'update', 'update']);
    expect(JSON.parse(String(history.rows[2]!['changes']))).toEqual({ name: ['Alfa Renamed', 'Alfa'], email: ['new@x.cz', 'alfa@x.cz'], city: ['Brno', 'Praha'], tags: [['a', 'b'], ['a']] });

    const again = await post(who, `/imports/${job.id}/undo`);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('conflict');
    expect((await json<ImportJob>(await get(who, `/imports/${job.id}`))).status).toBe('undone');
  });

  it('keeps a field someone edited after the import, reverting the rest', async () => {
    const who = await freshWorkspace();
    const a = await createCompany(who, { name: 'Alfa', regNo: ico(30), email: 'old@x.cz', phone: '602000030' });
    const job = await importAndWait(h, who, `Name;RegNo;Email;Phone\nAlfa;${ico(30)};new@x.cz;777000030\n`, { entity: 'companies', dedupe: 'regNo', mode: 'update' });
    const edit = await call(h.app, 'PATCH', ws(who, `/companies/${a.id}`), { email: 'mine@x.cz' }, { cookie: who.cookie });
    expect(edit.status).toBe(200);
    expect((await post(who, `/imports/${job.id}/undo`)).status).toBe(200);
    expect(await json<Company>(await get(who, `/companies/${a.id}`))).toMatchObject({ email: 'mine@x.cz', phone: '+420 602 000 030' });
  });

  it('removes created rows even after they were edited or trashed', async () => {
    const who = await freshWorkspace();
    const job = await importAndWait(h, who, 'Name\nEdited\nTrashed\n', { entity: 'companies' });
    const [edited, trashed] = await listAll<Company>(h, who, '/companies');
    await call(h.app, 'PATCH', ws(who, `/companies/${edited!.id}`), { name: 'Edited later' }, { cookie: who.cookie });
    await call(h.app, 'DELETE', ws(who, `/companies/${trashed!.id}`), undefined, { cookie: who.cookie });
    expect((await post(who, `/imports/${job.id}/undo`)).status).toBe(200);
    expect(await listAll(h, who, '/companies')).toEqual([]);
    expect(await listAll(h, who, '/companies', { deleted: 'true' })).toEqual([]);
  });

  it('is allowed to whoever started the import and to admins, not to other members', async () => {
    const who = await freshWorkspace();
    const member = await signUp(h.app);
    const admin = await signUp(h.app);
    await addMember(h, who, member, 'member');
    await addMember(h, who, admin, 'admin');
    const job = await importAndWait(h, who, 'Name\nA\n', { entity: 'companies' });
    const asMember = await call(h.app, 'POST', ws(who, `/imports/${job.id}/undo`), undefined, { cookie: member.cookie });
    expect(asMember.status).toBe(403);
    expect((await listAll(h, who, '/companies')).length).toBe(1);
    const asAdmin = await call(h.app, 'POST', ws(who, `/imports/${job.id}/undo`), undefined, { cookie: admin.cookie });
    expect(asAdmin.status).toBe(200);

    const own = await json<ImportJob>(await upload(h, { ...who, cookie: member.cookie }, importUrl({ entity: 'companies' }), 'Name\nB\n'));
    await waitForJob(h, who, own.id);
    expect((await call(h.app, 'POST', ws(who, `/imports/${own.id}/undo`), undefined, { cookie: member.cookie })).status).toBe(200);
  });

  it('answers 409 while the import is still running', async () => {
    const who = await freshWorkspace();
    await setPlan(h, who.workspace.id, 'pro'); // 5,000 rows: past the free plan's limit
    const lines = ['Name'];
    for (let i = 0; i < 5000; i++) lines.push(`Firma ${i}`);
    const job = await startImport(h, who, lines.join('\n'), { entity: 'companies' });
    const res = await post(who, `/imports/${job.id}/undo`);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toContain('still running');
    const done = await waitForJob(h, who, job.id);
    expect(done.job.createdCount).toBe(5000);
  });
});

describe('a job whose process died', () => {
  it('is reported failed once it has not moved for 5 minutes, and can then be undone', async () => {
    const who = await freshWorkspace();
    const db = await tenantOf(h, who);
    const old = h.clock.ms - 10 * 60_000;
    await db.execute({
      sql: "INSERT INTO import_jobs (id, entity, status, total_rows, processed_rows, created_count, created_by, created_at, updated_at) VALUES ('job-stuck', 'companies', 'running', 1000, 500, 500, ?, ?, ?)",
      args: [who.user.id, old, old],
    });
    await db.execute({ sql: "INSERT INTO companies (id, name, import_id, created_at, updated_at) VALUES ('c-stuck', 'Half imported', 'job-stuck', ?, ?)", args: [old, old] });
    const job = await json<ImportJob>(await get(who, '/imports/job-stuck'));
    expect(job).toMatchObject({ status: 'failed', processedRows: 500, percent: 50 });
    expect(job.error).toContain('stopped before it finished');
    expect((await post(who, '/imports/job-stuck/undo')).status).toBe(200);
    expect(await listAll(h, who, '/companies')).toEqual([]);
  });
});
