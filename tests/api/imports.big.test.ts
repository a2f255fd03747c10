import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api/domain/imports/import-job.ts';
import { companiesCsv, ico } from '../fixtures/csv-files.ts';
import { startImport, tenantOf, waitForJob } from './imports-support.ts';
import { call, createHarness, json, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

const ROWS = 100_000;

let h: Harness;
let alice: SignedUp;
let csv: string;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app);
  await setPlan(h, alice.workspace.id, 'pro'); // 100k rows: far past the free plan's limits
  csv = companiesCsv(ROWS);
});
afterAll(() => h.close());

async function counts() {
  const db = await tenantOf(h, alice);
  const rs = await db.execute(
    "SELECT (SELECT count(*) FROM companies) AS companies, (SELECT count(*) FROM record_tags WHERE entity = 'company') AS tags, (SELECT count(*) FROM record_history WHERE entity = 'company') AS history",
  );
  return { companies: Number(rs.rows[0]!['companies']), tags: Number(rs.rows[0]!['tags']), history: Number(rs.rows[0]!['history']) };
}

async function timed(params: Record<string, string>): Promise<{ job: ImportJob; percents: number[]; ms: number }> {
  const started = performance.now();
  const job = await startImport(h, alice, csv, params);
  const result = await waitForJob(h, alice, job.id, 300_000);
  return { ...result, ms: performance.now() - started };
}

describe(`a ${ROWS.toLocaleString('en')}-row file`, () => {
  let first: ImportJob;

  it('imports every row with progress reaching 100 %', async () => {
    console.log(`import file: ${ROWS} rows, ${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB`);
    const { job, percents, ms } = await timed({ entity: 'companies', dedupe: 'regNo', mode: 'skip' });
    console.log(`import 100k new companies: ${(ms / 1000).toFixed(1)} s, ${Math.round(ROWS / (ms / 1000))} rows/s`);
    first = job;
    expect(job).toMatchObject({ status: 'done', totalRows: ROWS, processedRows: ROWS, percent: 100, createdCount: ROWS, updatedCount: 0, skippedCount: 0, problems: [] });
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(await counts()).toEqual({ companies: ROWS, tags: 2 * ROWS, history: ROWS });

    const hit = await json<{ items: { name: string; regNo: string; tags: string[] }[] }>(
      await call(h.app, 'GET', `/w/${alice.workspace.slug}/companies?q=${ico(77_777)}`, undefined, { cookie: alice.cookie }),
    );
    expect(hit.items).toMatchObject([{ name: 'Firma 77777 s.r.o.', regNo: ico(77_777), tags: ['import', 'liché'] }]);
  }, 300_000);

  it('importing it again with dedupe skip adds nothing', async () => {
    const { job, ms } = await timed({ entity: 'companies', dedupe: 'regNo', mode: 'skip' });
    console.log(`re-import 100k duplicates (skip): ${(ms / 1000).toFixed(1)} s, ${Math.round(ROWS / (ms / 1000))} rows/s`);
    expect(job).toMatchObject({ status: 'done', processedRows: ROWS, createdCount: 0, skippedCount: ROWS });
    expect((await counts()).companies).toBe(ROWS);
  }, 300_000);

  it('undo removes all 100k rows with their tags and history', async () => {
    const started = performance.now();
    const res = await call(h.app, 'POST', `/w/${alice.workspace.slug}/imports/${first.id}/undo`, undefined, { cookie: alice.cookie });
    const ms = performance.now() - started;
    console.log(`undo 100k created companies: ${(ms / 1000).toFixed(1)} s, ${Math.round(ROWS / (ms / 1000))} rows/s`);
    expect(res.status).toBe(200);
    expect(await counts()).toEqual({ companies: 0, tags: 0, history: 0 });
  }, 300_000);
});
