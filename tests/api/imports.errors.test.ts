import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/domain/imports/import-job.ts';
import { importAndWait, importUrl, listAll, upload } from './imports-support.ts';
import { call, createHarness, errorOf, json, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app);
  bob = await signUp(h.app);
});
afterAll(() => h.close());

const GOOD = 'Name;IČO\nAcme;45274649\n';

/** Expects a 400 with these field keys, and that nothing was imported. */
async function rejected(res: Response, fields: Record<string, string | RegExp>): Promise<void> {
  expect(res.status).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe('validation_failed');
  for (const [key, message] of Object.entries(fields)) {
    expect(error.fields?.[key], `${key} in ${JSON.stringify(error.fields)}`).toMatch(message);
  }
}

async function nothingWritten(who: SignedUp): Promise<void> {
  expect(await listAll(h, who, '/companies')).toEqual([]);
  const jobs = await json<{ items: ImportJob[] }>(await call(h.app, 'GET', `/w/${who.workspace.slug}/imports`, undefined, { cookie: who.cookie }));
  expect(jobs.items).toEqual([]);
}

describe('bad files', () => {
  it('rejects an empty body, a blank file and a header without rows', async () => {
    await rejected(await upload(h, alice, importUrl({ entity: 'companies' }), ''), { file: 'The file is empty.' });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies' }), '\r\n\r\n;;\r\n'), { file: 'The file is empty.' });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies' }), 'Name;IČO\r\n'), { file: /no rows to import/ });
    await nothingWritten(alice);
  });

  it('rejects a quote that is never closed, naming its row, even far into the file', async () => {
    const lines = ['Name'];
    for (let i = 0; i < 1200; i++) lines.push(`Firma ${i}`);
    lines.push('"Unclosed, and the rest');
    lines.push('More');
    const res = await upload(h, alice, importUrl({ entity: 'companies' }), lines.join('\n'));
    await rejected(res, { file: /^Row 1202: a quoted field is never closed\.$/ });
    await rejected(await upload(h, alice, '/imports/preview?entity=companies', lines.join('\n')), { file: /Row 1202/ });
    await nothingWritten(alice);
  });

  it('rejects binary files and JSON-wrapped uploads', async () => {
    await rejected(await upload(h, alice, importUrl({ entity: 'companies' }), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08])), { file: /not a CSV/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies' }), GOOD, { contentType: 'application/json' }), { file: /CSV file itself/ });
    await nothingWritten(alice);
  });
});

describe('bad parameters', () => {
  it('requires a known entity and no unknown parameters', async () => {
    await rejected(await upload(h, alice, '/imports', GOOD), { entity: /companies or contacts/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'deals' }), GOOD), { entity: /companies or contacts/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', bogus: '1' }), GOOD), { bogus: 'Unknown field.' });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', mode: 'merge' }), GOOD), { mode: 'Use skip or update.' });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', header: 'yes' }), GOOD), { header: /./ });
    await nothingWritten(alice);
  });

  it('reports every mapping problem at once', async () => {
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', mapping: '{name: 0' }), GOOD), { mapping: /JSON object/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', mapping: '[0, 1]' }), GOOD), { mapping: /JSON object/ });
    const res = await upload(h, alice, importUrl({ entity: 'companies', mapping: { name: 0, regNo: 0, city: 7, firstName: 1, vatNo: 'DIČ', phone: true } }), GOOD);
    await rejected(res, {
      'mapping.regNo': 'Column "Name" is already used for name.',
      'mapping.city': 'The file has columns 0 to 1.',
      'mapping.firstName': 'Unknown field.',
      'mapping.vatNo': 'The file has no column named "DIČ".',
      'mapping.phone': 'Use a column number or a column name.',
    });
    await nothingWritten(alice);
  });

  it('needs the name column (companies) or a last or full name (contacts)', async () => {
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', mapping: { regNo: 1 } }), GOOD), { 'mapping.name': /company name/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies' }), 'Foo;Bar\nA;B\n'), { 'mapping.name': /company name/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'contacts' }), 'Jméno;E-mail\nJan;jan@x.cz\n'), { 'mapping.lastName': /last name/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'contacts' }), 'E-mail;Pozice\njan@x.cz;CEO\n'), { 'mapping.firstName': /first name/, 'mapping.lastName': /last name/ });
    await nothingWritten(alice);
  });

  it('checks the dedupe key against the entity and the mapping', async () => {
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', dedupe: 'email' }), GOOD), { dedupe: /by regNo only/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'contacts', dedupe: 'regNo' }), 'Celé jméno\nJan Novák\n'), { dedupe: /by email only/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', dedupe: 'regNo', mapping: { name: 0 } }), GOOD), { dedupe: /IČO/ });
    await rejected(await upload(h, alice, importUrl({ entity: 'companies', dedupe: 'phone' }), GOOD), { dedupe: /regNo \(companies\)/ });
    await nothingWritten(alice);
  });

  it('validates the job id and list parameters', async () => {
    const long = 'x'.repeat(65);
    expect((await call(h.app, 'GET', `/w/${alice.workspace.slug}/imports/${long}`, undefined, { cookie: alice.cookie })).status).toBe(400);
    await rejected(await call(h.app, 'GET', `/w/${alice.workspace.slug}/imports?limit=0`, undefined, { cookie: alice.cookie }), { limit: /./ });
    expect((await call(h.app, 'GET', `/w/${alice.workspace.slug}/imports/no-such-job`, undefined, { cookie: alice.cookie })).status).toBe(404);
    expect((await call(h.app, 'POST', `/w/${alice.workspace.slug}/imports/no-such-job/undo`, undefined, { cookie: alice.cookie })).status).toBe(404);
  });
});

describe('body limits', () => {
  it('takes files far over the 1 MB JSON limit on the upload routes only', async () => {
    const who = await signUp(h.app);
    const lines = ['Name;City'];
    for (let i = 0; i < 60_000; i++) lines.push(`Firma číslo ${i};Praha`);
    const csv = lines.join('\n');
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const preview = await upload(h, who, '/imports/preview?entity=companies', csv);
    expect(preview.status).toBe(200);
    expect((await json<{ totalRows: number }>(preview)).totalRows).toBe(60_000);
    const big = await call(h.app, 'POST', `/w/${who.workspace.slug}/companies`, { name: 'x', website: 'y'.repeat(1024 * 1024) }, { cookie: who.cookie });
    expect(big.status).toBe(413);
  }, 60_000);

  it('refuses more than 50 MB with 413', async () => {
    const body = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x41);
    const res = await upload(h, alice, importUrl({ entity: 'companies' }), body);
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('50 MB') });
    await nothingWritten(alice);
  }, 60_000);
});

describe('CSRF', () => {
  it('accepts text/csv and application/octet-stream from the app’s own origin', async () => {
    const who = await signUp(h.app);
    for (const contentType of ['text/csv', 'text/csv; charset=windows-1250', 'application/octet-stream']) {
      const res = await upload(h, who, '/imports/preview?entity=companies', GOOD, { contentType });
      expect(res.status, contentType).toBe(200);
    }
  });

  it('refuses what a cross-site form can send, other origins, and CSV bodies on other routes', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await upload(h, alice, importUrl({ entity: 'companies' }), GOOD, { contentType });
      expect(res.status, contentType).toBe(403);
    }
    for (const origin of ['https://evil.example', null]) {
      const res = await upload(h, alice, importUrl({ entity: 'companies' }), GOOD, { origin });
      expect(res.status, String(origin)).toBe(403);
    }
    const other = await call(h.app, 'POST', `/w/${alice.workspace.slug}/companies`, undefined, { cookie: alice.cookie, rawBody: 'name\nx', contentType: 'text/csv' });
    expect(other.status).toBe(403);
    const job = await importAndWait(h, bob, GOOD, { entity: 'companies' });
    const undoAsCsv = await call(h.app, 'POST', `/w/${bob.workspace.slug}/imports/${job.id}/undo`, undefined, { cookie: bob.cookie, rawBody: 'x', contentType: 'text/csv' });
    expect(undoAsCsv.status).toBe(403);
    await nothingWritten(alice);
  });
});

describe('tenant isolation', () => {
  it('answers 404 for another workspace’s job on every job route, and changes nothing', async () => {
    const job = await importAndWait(h, bob, 'Name\nBob Co\n', { entity: 'companies' });
    const asAlice = (method: string, path: string) => call(h.app, method, `/w/${alice.workspace.slug}${path}`, undefined, { cookie: alice.cookie });
    for (const res of [await asAlice('GET', `/imports/${job.id}`), await asAlice('POST', `/imports/${job.id}/undo`)]) {
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    const inBobsWorkspace = await call(h.app, 'GET', `/w/${bob.workspace.slug}/imports/${job.id}`, undefined, { cookie: alice.cookie });
    expect(inBobsWorkspace.status).toBe(404);
    const uploadThere = await upload(h, { ...bob, cookie: alice.cookie }, importUrl({ entity: 'companies' }), GOOD);
    expect(uploadThere.status).toBe(404);
    const listed = await json<{ items: ImportJob[] }>(await call(h.app, 'GET', `/w/${alice.workspace.slug}/imports`, undefined, { cookie: alice.cookie }));
    expect(listed.items.map((j) => j.id)).not.toContain(job.id);
    expect((await json<ImportJob>(await call(h.app, 'GET', `/w/${bob.workspace.slug}/imports/${job.id}`, undefined, { cookie: bob.cookie }))).status).toBe('done');
    expect((await listAll<{ name: string }>(h, bob, '/companies')).map((c) => c.name)).toContain('Bob Co');
  });

  it('needs a session', async () => {
    const res = await upload(h, alice, importUrl({ entity: 'companies' }), GOOD, { cookie: null });
    expect(res.status).toBe(401);
  });
});
