import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/domain/imports/import-job.ts';
import type { ImportPreview } from '../../api/domain/imports/preview.ts';
import { encodeWindows1250 } from '../fixtures/csv-files.ts';
import { importAndWait, listAll, upload } from './imports-support.ts';
import { call, createHarness, json, signUp, type Harness, type SignedUp } from './support.ts';

interface Contact {
  id: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  tags: string[];
  ownerId: string | null;
  version: number;
  updatedAt: string;
}

let h: Harness;

beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

async function workspaceWithCompanies(): Promise<{ who: SignedUp; acme: string; beta: string }> {
  const who = await signUp(h.app);
  const make = async (body: Record<string, unknown>) => {
    const res = await call(h.app, 'POST', `/w/${who.workspace.slug}/companies`, body, { cookie: who.cookie });
    if (res.status !== 201) throw new Error(await res.text());
    return (await json<{ id: string }>(res)).id;
  };
  return { who, acme: await make({ name: 'Acme s.r.o.', regNo: '45274649' }), beta: await make({ name: 'Beta a.s.' }) };
}

const CONTACTS = [
  'Jméno;Příjmení;E-mail;Telefon;Pozice;Firma;IČO firmy;Štítky',
  'Jan;Novák;jan@acme.cz;602 111 222;Ředitel;;45274649;vip',
  'Eva;Svobodová;EVA@beta.cz;;;Beta a.s.;;',
  'Petr;Dvořák;petr@x.cz;;;Neznámá s.r.o.;;',
  'Bez;E-mailu;not-an-email;;;;;',
  'Karel;;karel@x.cz;;;;;',
  'Zdeněk;Šťastný;;;;;177041;',
].join('\r\n');

describe('contacts import', () => {
  it('previews with Czech headers and company links checked', async () => {
    const { who } = await workspaceWithCompanies();
    const p = await json<ImportPreview>(await upload(h, who, '/imports/preview?entity=contacts', encodeWindows1250(CONTACTS)));
    expect(p).toMatchObject({ encoding: 'windows-1250', delimiter: ';', totalRows: 6, dedupeField: 'email' });
    expect(p.mapping).toEqual({ firstName: 0, lastName: 1, email: 2, phone: 3, title: 4, company: 5, companyRegNo: 6, tags: 7 });
    expect(p.rows.map((r) => r.problems)).toEqual([
      null,
      null,
      { company: 'No company named “Neznámá s.r.o.” in this workspace. Import the companies first, or leave the cell empty.' },
      { email: 'Enter a valid email address.' },
      { lastName: 'Enter a last name.' },
      { companyRegNo: 'No company with IČO 00177041 in this workspace. Import the companies first, or leave the cell empty.' },
    ]);
  });

  it('links contacts to companies by IČO or name and reports the rest by row', async () => {
    const { who, acme, beta } = await workspaceWithCompanies();
    const job = await importAndWait(h, who, encodeWindows1250(CONTACTS), { entity: 'contacts' });
    expect(job).toMatchObject({ status: 'done', totalRows: 6, createdCount: 2, skippedCount: 4 });
    expect(job.problems.map((p) => [p.row, Object.keys(p.fields)])).toEqual([
      [4, ['company']],
      [5, ['email']],
      [6, ['lastName']],
      [7, ['companyRegNo']],
    ]);
    const contacts = await listAll<Contact>(h, who, '/contacts');
    expect(contacts).toMatchObject([
      { firstName: 'Jan', lastName: 'Novák', email: 'jan@acme.cz', phone: '+420 602 111 222', title: 'Ředitel', companyId: acme, companyName: 'Acme s.r.o.', tags: ['vip'], ownerId: who.user.id },
      { firstName: 'Eva', lastName: 'Svobodová', email: 'EVA@beta.cz', companyId: beta, companyName: 'Beta a.s.' },
    ]);
    const byCompany = await json<{ items: Contact[] }>(await call(h.app, 'GET', `/w/${who.workspace.slug}/contacts?companyId=${acme}`, undefined, { cookie: who.cookie }));
    expect(byCompany.items.map((c) => c.lastName)).toEqual(['Novák']);
    const search = await json<{ items: Contact[] }>(await call(h.app, 'GET', `/w/${who.workspace.slug}/contacts?q=svobodova`, undefined, { cookie: who.cookie }));
    expect(search.items.map((c) => c.lastName)).toEqual(['Svobodová']);
  });

  it('splits a full-name column: the last word is the last name, and both are required as on POST', async () => {
    const who = await signUp(h.app);
    const csv = 'Name,Email\nJan Amos Komenský,jan@x.cz\nMadonna,m@x.cz\n';
    const p = await json<ImportPreview>(await upload(h, who, '/imports/preview?entity=contacts', csv));
    expect(p.mapping).toEqual({ fullName: 0, email: 1 });
    const job = await importAndWait(h, who, csv, { entity: 'contacts' });
    expect(job.problems).toEqual([{ row: 3, fields: { firstName: 'Enter a first name.' }, message: 'Enter a first name.' }]);
    const contacts = await listAll<Contact>(h, who, '/contacts');
    expect(contacts.map((c) => [c.firstName, c.lastName])).toEqual([['Jan Amos', 'Komenský']]);
  });

  it('dedupes by email without regard to case, in update mode, and undo puts it back', async () => {
    const { who, beta } = await workspaceWithCompanies();
    const created = await call(h.app, 'POST', `/w/${who.workspace.slug}/contacts`, { firstName: 'Eva', lastName: 'Stará', email: 'eva@beta.cz', tags: ['old'] }, { cookie: who.cookie });
    expect(created.status).toBe(201);
    const eva = await json<Contact>(created);
    const csv = 'Jméno;Příjmení;E-mail;Firma;Pozice;Štítky\nEva;Svobodová;EVA@BETA.CZ;Beta a.s.;Obchod;new\nIva;Nová;nova@x.cz;;;\nIva;Nová podruhé;NOVA@x.cz;;Šéfka;\n';
    const job = await importAndWait(h, who, csv, { entity: 'contacts', dedupe: 'email', mode: 'update' });
    expect(job).toMatchObject({ createdCount: 1, updatedCount: 2, skippedCount: 0 });
    const updated = await json<Contact>(await call(h.app, 'GET', `/w/${who.workspace.slug}/contacts/${eva.id}`, undefined, { cookie: who.cookie }));
    expect(updated).toMatchObject({ firstName: 'Eva', lastName: 'Svobodová', email: 'eva@beta.cz', companyId: beta, title: 'Obchod', tags: ['old', 'new'], version: eva.version + 1 });
    const all = await listAll<Contact>(h, who, '/contacts');
    expect(all.map((c) => [c.lastName, c.email, c.title])).toEqual([
      ['Nová podruhé', 'nova@x.cz', 'Šéfka'],
      ['Svobodová', 'eva@beta.cz', 'Obchod'],
    ]);

    const undo = await call(h.app, 'POST', `/w/${who.workspace.slug}/imports/${job.id}/undo`, undefined, { cookie: who.cookie });
    expect(undo.status).toBe(200);
    expect((await json<ImportJob>(undo)).status).toBe('undone');
    const after = await listAll<Contact>(h, who, '/contacts');
    expect(after.map((c) => ({ ...c, version: 0, updatedAt: '' }))).toEqual([{ ...eva, version: 0, updatedAt: '' }]);
  });

  it('dedupe skip leaves the existing contact as it was', async () => {
    const who = await signUp(h.app);
    const created = await json<Contact>(await call(h.app, 'POST', `/w/${who.workspace.slug}/contacts`, { firstName: 'Alena', lastName: 'Původní', email: 'a@x.cz' }, { cookie: who.cookie }));
    const job = await importAndWait(h, who, 'Jméno;Příjmení;E-mail\nJan;Jiný;A@X.CZ\nJan;Další;b@x.cz\n', { entity: 'contacts', dedupe: 'email' });
    expect(job).toMatchObject({ createdCount: 1, skippedCount: 1 });
    expect(await json<Contact>(await call(h.app, 'GET', `/w/${who.workspace.slug}/contacts/${created.id}`, undefined, { cookie: who.cookie }))).toEqual(created);
  });
});
