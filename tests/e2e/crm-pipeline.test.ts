// The deal board, My tasks, the CSV import wizard and the CSV export in Chromium against the real
// server: drag and keyboard moves with column sums, a task checked off and undone, a Windows-1250
// semicolon file imported (and undone), and the exported file read back. Screenshots: crm-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, startServer, uniqueEmail, type RunningServer } from './harness.ts';

const PASSWORD = 'violet-harbour-lantern-42';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let slug = '';
let stages: { id: string; name: string; kind: string }[] = [];
let companyId = '';

interface Deal {
  id: string;
  title: string;
  stage: string;
  value: { amount: number; currency: string } | null;
}

/** Calls the API with the browser context's session cookie (as the app itself would). */
async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  if (!server) throw new Error('set-up failed');
  const res = await context.request.fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: { Origin: server.baseUrl, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

/** Whitespace as Intl writes it in Czech (no-break and narrow spaces) made plain, for comparing. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function column(stageId: string): Locator {
  return page.locator(`[data-testid="stage-column"][data-stage-id="${stageId}"]`);
}

async function expectColumn(stageId: string, count: string, sum: string | null) {
  const col = column(stageId);
  await expect.poll(async () => plain(await col.getByTestId('stage-count').textContent())).toBe(count);
  if (sum === null) expect(await col.getByTestId('stage-sum').count()).toBe(0);
  else await expect.poll(async () => plain(await col.getByTestId('stage-sum').textContent())).toBe(sum);
}

/** IČO with a valid mod-11 check digit for seven leading digits. */
function ico(first7: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(first7[i]) * (8 - i);
  return `${first7}${(11 - (sum % 11)) % 10}`;
}

// Windows-1250 bytes of the Czech letters; everything else in the test file is ASCII.
const CP1250: Record<string, number> = {
  á: 0xe1, č: 0xe8, ď: 0xef, é: 0xe9, ě: 0xec, í: 0xed, ň: 0xf2, ó: 0xf3, ř: 0xf8, š: 0x9a, ť: 0x9d, ú: 0xfa, ů: 0xf9, ý: 0xfd, ž: 0x9e,
  Á: 0xc1, Č: 0xc8, Ď: 0xcf, É: 0xc9, Ě: 0xcc, Í: 0xcd, Ň: 0xd2, Ó: 0xd3, Ř: 0xd8, Š: 0x8a, Ť: 0x8d, Ú: 0xda, Ů: 0xd9, Ý: 0xdd, Ž: 0x8e,
};

function windows1250(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      const byte = CP1250[ch];
      if (byte === undefined) throw new Error(`no Windows-1250 byte for ${ch}`);
      return byte;
    }),
  );
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  // A Czech browser: the app starts in Czech, with Czech money, dates and plurals.
  context = await newContext(browser, server.baseUrl, { locale: 'cs-CZ', timezoneId: 'Europe/Prague' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();

  const signup = await call<{ workspace: { slug: string } }>('POST', '/auth/signup', {
    email: uniqueEmail('petra'),
    password: PASSWORD,
    name: 'Petra Svobodová',
    workspaceName: 'Svobodová obchod',
  });
  expect(signup.status).toBe(201);
  slug = signup.body.workspace.slug;
  const list = await call<{ items: typeof stages }>('GET', `/w/${slug}/deal-stages`);
  stages = list.body.items;
  expect(stages.filter((s) => s.kind === 'open').length).toBeGreaterThanOrEqual(3);
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('deals, tasks, import and export', () => {
  test('the empty board teaches, and a deal is created in the dialog with a company picked by typing', async () => {
    const [first] = stages;
    if (!first) throw new Error('no stages');
    const company = await call<{ id: string }>('POST', `/w/${slug}/companies`, { name: 'Žlutý kůň s.r.o.' });
    expect(company.status).toBe(201);
    companyId = company.body.id;

    await page.goto(`/w/${slug}/deals`);
    await page.getByTestId('deals-empty').waitFor();
    expect(await page.getByTestId('deals-empty').innerText()).toContain('Zatím žádné obchody');
    expect(await page.getByTestId('stage-column').count()).toBe(stages.length);
    await screenshot(page, 'crm-deals-empty');

    // `c` opens the new-deal dialog from the keyboard.
    await page.keyboard.press('c');
    const dialog = page.getByTestId('deal-dialog');
    await dialog.waitFor();
    // An empty title is a field error, and nothing is sent.
    await page.getByTestId('deal-submit').click();
    await page.locator('#deal-title-error').waitFor();
    expect(await page.locator('#deal-title').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#deal-title').fill('Rekonstrukce kanceláří');
    // The company picker works from the keyboard: type without diacritics, arrow down, Enter.
    await page.locator('#deal-company').fill('zluty');
    await page.getByTestId('company-picker-options').getByText('Žlutý kůň s.r.o.').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#deal-company').inputValue()).toBe('Žlutý kůň s.r.o.');
    expect(await dialog.count()).toBe(1);
    await page.locator('#deal-value').fill('12,5x');
    await page.getByTestId('deal-submit').click();
    await page.locator('#deal-value-error').getByText('Zadejte částku', { exact: false }).waitFor();
    await page.locator('#deal-value').fill('125 000');
    await page.locator('#deal-close').fill('2026-12-15');
    await screenshot(page, 'crm-deal-dialog', { fullPage: false });
    await page.getByTestId('deal-submit').click();
    await dialog.waitFor({ state: 'detached' });

    const card = column(first.id).getByTestId('deal-card').filter({ hasText: 'Rekonstrukce kanceláří' });
    await card.waitFor();
    await card.getByText('Žlutý kůň s.r.o.').waitFor();
    await expectColumn(first.id, '1 obchod', '125 000 Kč');
    const deals = await call<{ items: (Deal & { companyId: string })[] }>('GET', `/w/${slug}/deals`);
    expect(deals.body.items).toHaveLength(1);
    expect(deals.body.items[0]).toMatchObject({ title: 'Rekonstrukce kanceláří', stage: first.id, companyId: company.body.id, value: { amount: 12_500_000, currency: 'CZK' } });
  });

  test('a card dragged to the next stage moves there, and the column counts and sums follow', async () => {
    const [first, second] = stages;
    if (!first || !second) throw new Error('no stages');
    const other = await call<Deal>('POST', `/w/${slug}/deals`, { title: 'Servis tiskáren', stage: second.id, value: { amount: 5_000_000, currency: 'CZK' } });
    expect(other.status).toBe(201);
    await page.reload();
    await expectColumn(second.id, '1 obchod', '50 000 Kč');

    const card = column(first.id).getByTestId('deal-card').filter({ hasText: 'Rekonstrukce kanceláří' });
    const from = await card.boundingBox();
    const to = await column(second.id).getByTestId('stage-cards').boundingBox();
    if (!from || !to) throw new Error('board not laid out');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 20 });
    await page.mouse.up();

    await column(second.id).getByTestId('deal-card').filter({ hasText: 'Rekonstrukce kanceláří' }).waitFor();
    await expectColumn(second.id, '2 obchody', '175 000 Kč');
    await expectColumn(first.id, '0 obchodů', null);
    await expect
      .poll(async () => (await call<{ items: Deal[] }>('GET', `/w/${slug}/deals?stage=${second.id}`)).body.items.map((d) => d.title).sort())
      .toEqual(['Rekonstrukce kanceláří', 'Servis tiskáren']);
    await screenshot(page, 'crm-deals-board');

    // After a reload the server's figures say the same.
    await page.reload();
    await expectColumn(second.id, '2 obchody', '175 000 Kč');
  });

  test('with the keyboard a card is picked up with Space, carried to the next stage with Tab and dropped with Space', async () => {
    const [, second, third] = stages;
    if (!second || !third) throw new Error('no stages');
    const card = column(second.id).locator('[data-testid="deal-card"]', { hasText: 'Servis tiskáren' });
    await card.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');

    await column(third.id).getByTestId('deal-card').filter({ hasText: 'Servis tiskáren' }).waitFor();
    await expectColumn(third.id, '1 obchod', '50 000 Kč');
    await expectColumn(second.id, '1 obchod', '125 000 Kč');
    // Focus stays on the card that was moved, so the next move can follow.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('deal-card');
    await expect.poll(async () => (await call<Deal>('GET', `/w/${slug}/deals/${(await call<{ items: Deal[] }>('GET', `/w/${slug}/deals?q=servis`)).body.items[0]?.id}`)).body.stage).toBe(third.id);

    // Enter opens the focused card.
    await column(third.id).getByTestId('deal-card').filter({ hasText: 'Servis tiskáren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('deal-dialog').waitFor();
    expect(await page.locator('#deal-title').inputValue()).toBe('Servis tiskáren');
    expect(await page.locator('#deal-value').inputValue()).toBe('50000');
    // Editing the value changes the column's sum.
    await page.locator('#deal-value').fill('60 000,50');
    await page.locator('#deal-value').press('Enter');
    await page.getByTestId('deal-dialog').waitFor({ state: 'detached' });
    await expectColumn(third.id, '1 obchod', '60 000,50 Kč');
  });

  test('quick-add puts a deal on top of a column, and search narrows the board', async () => {
    const [first] = stages;
    if (!first) throw new Error('no stages');
    await page.getByTestId(`quick-add-open-${first.id}`).click();
    await page.locator(`#quick-add-${first.id}`).fill('Nový web pro pekárnu');
    await page.keyboard.press('Enter');
    await column(first.id).getByTestId('deal-card').filter({ hasText: 'Nový web pro pekárnu' }).waitFor();
    await expectColumn(first.id, '1 obchod', null);

    await page.getByTestId('deal-search').fill('tiskaren');
    await expect.poll(() => page.getByTestId('deal-card').count()).toBe(1);
    expect(await page.getByTestId('deal-card').innerText()).toContain('Servis tiskáren');
    expect(new URL(page.url()).searchParams.get('q')).toBe('tiskaren');
    await page.getByTestId('deal-filters-clear').click();
    await expect.poll(() => page.getByTestId('deal-card').count()).toBe(3);
  });

  test('the list view shows the same deals, sortable by title', async () => {
    await page.getByTestId('view-list').click();
    await page.getByTestId('deal-list').waitFor();
    await expect.poll(() => page.getByTestId('deal-row').count()).toBe(3);
    const titles = async () => (await page.getByTestId('deal-row').locator('td:first-child button').allInnerTexts()).map(plain);
    await page.getByTestId('sort-title').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('title');
    await expect.poll(titles).toEqual(['Nový web pro pekárnu', 'Rekonstrukce kanceláří', 'Servis tiskáren']);
    await page.getByTestId('sort-title').click();
    await expect.poll(titles).toEqual(['Servis tiskáren', 'Rekonstrukce kanceláří', 'Nový web pro pekárnu']);
    expect(await page.getByTestId('sort-title').locator('..').getAttribute('aria-sort')).toBe('descending');
    await screenshot(page, 'crm-deals-list');
    await page.getByTestId('view-board').click();
    await page.getByTestId('deal-board').waitFor();
  });

  test('a move the server refuses is rolled back, with a message saying so', async () => {
    const [first, second] = stages;
    if (!first || !second) throw new Error('no stages');
    // Someone else trashes the deal while it is still on this board.
    const id = (await call<{ items: Deal[] }>('GET', `/w/${slug}/deals?q=pekarnu`)).body.items[0]?.id;
    expect((await call('DELETE', `/w/${slug}/deals/${id}`)).status).toBe(204);

    await column(first.id).getByTestId('deal-card').filter({ hasText: 'Nový web pro pekárnu' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.getByText('Obchod se nepodařilo přesunout', { exact: false }).waitFor();
    await column(first.id).getByTestId('deal-card').filter({ hasText: 'Nový web pro pekárnu' }).waitFor();
    expect(await column(second.id).getByTestId('deal-card').filter({ hasText: 'Nový web pro pekárnu' }).count()).toBe(0);
    await expectColumn(first.id, '1 obchod', null);
    await expectColumn(second.id, '1 obchod', '125 000 Kč');
    await screenshot(page, 'crm-deals-move-failed', { fullPage: false });

    await page.reload();
    await expectColumn(first.id, '0 obchodů', null);
  });

  test('stage settings refuse to delete a stage that still holds deals, with the reason in Czech', async () => {
    const [, second] = stages;
    if (!second) throw new Error('no stages');
    await page.getByTestId('manage-stages').click();
    await page.getByTestId('stage-settings').waitFor();
    await page.getByTestId(`stage-delete-${second.id}`).click();
    const error = page.getByTestId('stage-error');
    await error.waitFor();
    expect(plain(await error.textContent())).toContain('Nejdřív přesuňte 1 obchod');

    // Rename a stage from the keyboard.
    const input = page.locator(`#stage-name-${second.id}`);
    await input.fill('Jednání');
    await input.press('Enter');
    await column(second.id).getByTestId('stage-name').getByText('Jednání').waitFor();
    await screenshot(page, 'crm-stage-settings', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.getByTestId('stage-settings').waitFor({ state: 'detached' });
  });

  test('a task due today shows under Today on the home page; checking it off can be undone', async () => {
    const yesterday = new Date(Date.now() - 36 * 3600_000).toISOString();
    const deal = (await call<{ items: Deal[] }>('GET', `/w/${slug}/deals?q=rekonstrukce`)).body.items[0];
    const overdue = await call('POST', `/w/${slug}/tasks`, { title: 'Poslat nabídku Žlutému koni', dueAt: yesterday, companyId, dealId: deal?.id });
    expect(overdue.status).toBe(201);

    await page.goto(`/w/${slug}`);
    await page.getByTestId('my-tasks').waitFor();
    await page.getByTestId('task-group-overdue').getByText('Poslat nabídku Žlutému koni').waitFor();
    expect(await page.getByTestId('task-group-overdue').locator('h3').innerText()).toContain('Po termínu');
    // The task links to its company and deal by name.
    await page.getByTestId('task-group-overdue').getByTestId('task-link-companies').getByText('Žlutý kůň s.r.o.').waitFor();
    await page.getByTestId('task-group-overdue').getByTestId('task-link-deals').getByText('Rekonstrukce kanceláří').waitFor();

    await page.getByTestId('task-title-input').fill('Zavolat panu Dvořákovi');
    await page.getByTestId('task-add').click();
    const today = page.getByTestId('task-group-today');
    const item = today.getByTestId('task-item').filter({ hasText: 'Zavolat panu Dvořákovi' });
    await item.waitFor();
    expect(await today.locator('h3').innerText()).toContain('Dnes');
    // Given a date only, the task shows no made-up time (in this zone or another, see the phone test).
    expect(await item.getByTestId('task-due').count()).toBe(0);
    await screenshot(page, 'crm-home-tasks');

    const taskId = await item.getAttribute('data-task-id');
    await item.getByTestId('task-check').click();
    await item.waitFor({ state: 'detached' });
    await expect.poll(async () => (await call<{ done: boolean }>('GET', `/w/${slug}/tasks/${taskId}`)).body.done).toBe(true);

    await page.getByRole('button', { name: 'Zpět' }).click();
    await today.getByTestId('task-item').filter({ hasText: 'Zavolat panu Dvořákovi' }).waitFor();
    await expect.poll(async () => (await call<{ done: boolean }>('GET', `/w/${slug}/tasks/${taskId}`)).body.done).toBe(false);

    // The deal link opens the deal on the board.
    await page.getByTestId('task-group-overdue').getByTestId('task-link-deals').click();
    await page.getByTestId('deal-dialog').waitFor();
    expect(await page.locator('#deal-title').inputValue()).toBe('Rekonstrukce kanceláří');
    expect(new URL(page.url()).searchParams.get('deal')).toBeNull();
    await page.keyboard.press('Escape');
    await page.getByTestId('deal-dialog').waitFor({ state: 'detached' });

    await page.goto(`/w/${slug}`);
    await page.getByTestId('home-all-tasks').click();
    await page.getByTestId('tasks-page').getByText('Zavolat panu Dvořákovi').waitFor();
    await screenshot(page, 'crm-tasks');
  });

  let importPage: Page;

  test('a Windows-1250 file with semicolons is imported through the wizard, with a row problem reported', async () => {
    importPage = page;
    const csv = windows1250(
      [
        'Název;IČO;Město;E-mail',
        `Pekárna Šťastný s.r.o.;${ico('2707435')};Brno;info@pekarna-stastny.cz`,
        `Účetnictví Řezníček;${ico('4524478')};Ostrava;`,
        `"Kovárna Čermák; syn";${ico('6194720')};Plzeň;kovarna@example.cz`,
        'Chybná firma;12345678;Praha;',
      ].join('\r\n') + '\r\n',
    );

    // The home page's first steps are real links: "Add your first client" opens the new-company dialog.
    await page.goto(`/w/${slug}`);
    await page.getByTestId('onboarding-link-add-client').click();
    await page.getByTestId('company-dialog').waitFor();
    expect(new URL(page.url()).searchParams.get('new')).toBeNull();
    await page.keyboard.press('Escape');
    await page.getByTestId('company-dialog').waitFor({ state: 'detached' });

    await page.goto(`/w/${slug}`);
    await page.getByTestId('onboarding-link-import-csv').click();
    await page.getByTestId('import-wizard').waitFor();
    await page.getByTestId('import-file-input').setInputFiles({ name: 'firmy.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByTestId('import-file-name').getByText('firmy.csv', { exact: false }).waitFor();
    await screenshot(page, 'crm-import-file');
    await page.getByTestId('import-continue').click();

    await page.getByTestId('import-mapping-step').waitFor();
    const detected = plain(await page.getByTestId('import-detected').innerText());
    expect(detected).toContain('Windows-1250');
    expect(detected).toContain('středníky');
    expect(detected).toContain('4 řádky');
    const selects = page.getByTestId('mapping-select');
    expect(await selects.nth(0).inputValue()).toBe('name');
    expect(await selects.nth(1).inputValue()).toBe('regNo');
    expect(await selects.nth(2).inputValue()).toBe('city');
    expect(await selects.nth(3).inputValue()).toBe('email');
    const rows = page.getByTestId('preview-row');
    expect(await rows.nth(0).innerText()).toContain('Pekárna Šťastný s.r.o.');
    expect(await rows.nth(2).innerText()).toContain('Kovárna Čermák; syn');
    expect(await rows.nth(3).innerText()).toContain('IČO musí mít 8 číslic a platnou kontrolní číslici.');
    await screenshot(page, 'crm-import-mapping');

    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-run-step"][data-status="done"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-created').innerText()).toBe('3');
    expect(await page.getByTestId('import-skipped').innerText()).toBe('1');
    expect(plain(await page.getByTestId('import-problems').innerText())).toContain('Řádek 5 IČO musí mít 8 číslic');
    expect(await page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
    await screenshot(page, 'crm-import-summary');

    const found = await call<{ items: { name: string; regNo: string; address: { city: string } }[] }>('GET', `/w/${slug}/companies?q=reznicek`);
    expect(found.body.items.map((c) => c.name)).toEqual(['Účetnictví Řezníček']);
    const all = await call<{ items: { name: string }[] }>('GET', `/w/${slug}/companies?limit=50`);
    expect(all.body.items.map((c) => c.name).sort()).toEqual(['Kovárna Čermák; syn', 'Pekárna Šťastný s.r.o.', 'Účetnictví Řezníček', 'Žlutý kůň s.r.o.']);
  });

  test('Export CSV downloads the companies of the current filter', async () => {
    const other = await context.newPage();
    await other.goto(`/w/${slug}/companies?q=pekarna`);
    const button = other.getByTestId('export-companies');
    await button.waitFor();
    const [download] = await Promise.all([other.waitForEvent('download'), button.click()]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^companies-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r\n/);
    expect(lines[0]).toContain('Název');
    expect(lines.slice(1).join('\n')).toContain('Pekárna Šťastný s.r.o.');
    // The filter applied: only the bakery, not the other three.
    expect(lines).toHaveLength(2);
    await screenshot(other, 'crm-companies-export');
    await other.close();
  });

  test('Export CSV on the deals page downloads the pipeline', async () => {
    const other = await context.newPage();
    await other.goto(`/w/${slug}/deals`);
    const button = other.getByTestId('export-deals');
    await button.waitFor();
    const [download] = await Promise.all([other.waitForEvent('download'), button.click()]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = text.slice(1).trim().split(/\r\n/);
    expect(lines[0]).toContain('Fáze');
    const deals = await call<{ items: { title: string }[] }>('GET', `/w/${slug}/deals?limit=200`);
    expect(lines).toHaveLength(deals.body.items.length + 1);
    for (const d of deals.body.items) expect(text).toContain(d.title);
    await other.close();
  });

  test('"Undo this import" removes what the import created', async () => {
    await importPage.bringToFront();
    await importPage.getByTestId('import-undo').click();
    await importPage.locator('[data-testid="import-run-step"][data-status="undone"]').waitFor();
    await importPage.getByTestId('import-undone').waitFor();
    const all = await call<{ items: { name: string }[] }>('GET', `/w/${slug}/companies?limit=50`);
    expect(all.body.items.map((c) => c.name)).toEqual(['Žlutý kůň s.r.o.']);
  });

  test('on a phone (dark, English) the board scrolls sideways and My tasks stays usable', async () => {
    if (!browser || !server) throw new Error('set-up failed');
    const phone = await newContext(browser, server.baseUrl, {
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      colorScheme: 'dark',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await phone.addCookies(await context.cookies());
      const p = await phone.newPage();
      await p.goto(`/w/${slug}/deals`);
      await p.getByTestId('deal-board').waitFor();
      await p.getByTestId('deal-card').first().waitFor();
      // English money: the same sums in the other language.
      expect(plain(await p.locator(`[data-stage-kind]`).filter({ hasText: 'Servis' }).getByTestId('stage-sum').innerText())).toBe('CZK 60,000.50');
      const overflow = await p.getByTestId('deal-board').evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(overflow).toBe(true);
      const pageOverflow = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(pageOverflow).toBe(false);
      await screenshot(p, 'crm-deals-phone', { fullPage: false });
      await p.goto(`/w/${slug}/tasks`);
      const task = p.getByTestId('task-item').filter({ hasText: 'Zavolat panu Dvořákovi' });
      await task.waitFor();
      // Made in Prague with a date only, the task shows no time in London either.
      expect(await task.innerText()).not.toMatch(/\d:\d\d/);
      await screenshot(p, 'crm-tasks-phone', { fullPage: false });
    } finally {
      await phone.close();
    }
  });
});
