// The client-management screens in Chromium against the real server: companies (IČO lookup through a
// local ARES fake), contacts, the journal and follow-ups, global search without diacritics, bulk actions,
// delete with undo, and the trash. Screenshots of each screen go to test-output/screenshots/crm-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aresSubject, startAresFake, type AresFake } from '../support/ares-fake.ts';
import { assertWebBuilt, launchBrowser, newContext, screenshot, startServer, uniqueEmail, type RunningServer } from './harness.ts';

const PASSWORD = 'quiet-orchard-compass-71';

let ares: AresFake | undefined;
let server: RunningServer | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let page: Page;
let slug = '';
let companyUrl = '';

async function openPage(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  if (!browser || !server) throw new Error('set-up failed');
  const context = await newContext(browser, server.baseUrl, options);
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** A JSON API call with the page's session cookie (and the Origin the CSRF check wants). */
async function apiCall<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  if (!server) throw new Error('set-up failed');
  const res = await page.request.fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: server.baseUrl },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

function rowByName(name: string) {
  return page.getByTestId('row').filter({ has: page.getByTestId('row-link').getByText(name, { exact: true }) });
}

beforeAll(async () => {
  assertWebBuilt();
  ares = await startAresFake();
  // ČEZ's IČO, answered by the fake in ARES's documented shape.
  ares.answer('45274649', {
    status: 200,
    body: {
      ...aresSubject,
      ico: '45274649',
      icoId: '45274649',
      obchodniJmeno: 'ČEZ, a. s.',
      dic: 'CZ45274649',
      sidlo: {
        ...(aresSubject['sidlo'] as Record<string, unknown>),
        nazevObce: 'Praha',
        nazevCastiObce: 'Michle',
        nazevMestskehoObvodu: 'Praha 4',
        nazevUlice: 'Duhová',
        cisloDomovni: 1444,
        cisloOrientacni: 2,
        cisloOrientacniPismeno: undefined,
        psc: 14000,
        textovaAdresa: 'Duhová 1444/2, Michle, 14000 Praha 4',
      },
    },
  });
  process.env['ARES_BASE_URL'] = ares.url;
  server = await startServer();
  browser = await launchBrowser();
  page = await openPage();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  await ares?.close();
  delete process.env['ARES_BASE_URL'];
});

describe('client management', () => {
  test('a new workspace shows an empty companies list that teaches', async () => {
    await page.goto('/signup');
    await page.locator('#name').fill('Petra Svobodová');
    await page.locator('#email').fill(uniqueEmail('petra'));
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#workspaceName').fill('Svobodová obchod');
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(/\/w\/[^/]+$/);
    slug = decodeURIComponent(/\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)?.[1] ?? '');
    expect(slug).not.toBe('');

    await page.getByTestId('nav-companies').click();
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    const text = await empty.innerText();
    expect(text).toContain('Add a company');
    expect(text).toContain('Import a CSV');
    expect(text).toContain('Look up by IČO');
    await screenshot(page, 'crm-companies-empty');
  });

  test('c opens the new-company form; the IČO lookup fills it; a bad postal code is a field error', async () => {
    await page.keyboard.press('c');
    const dialog = page.getByTestId('company-dialog');
    await dialog.waitFor();
    const status = page.getByTestId('ares-status');

    // Not registered (404) and registry down (503): the API's sentence, and the user may type instead.
    await page.getByTestId('company-regNo').fill('25596641');
    await page.getByTestId('ares-lookup').click();
    await status.getByText('No company with IČO 25596641 is registered in ARES', { exact: false }).waitFor();
    expect(await status.innerText()).toContain('enter the details by hand');
    ares?.answer('27082440', { status: 500, body: {} });
    await page.getByTestId('company-regNo').fill('27082440');
    await page.getByTestId('ares-lookup').click();
    await status.getByText('cannot be reached', { exact: false }).waitFor();
    expect(await page.locator('#company-name').inputValue()).toBe('');
    await page.getByTestId('company-regNo').fill('45274649');
    await page.getByTestId('ares-lookup').click();
    await page.getByTestId('ares-status').getByText('Filled in from ARES', { exact: false }).waitFor();
    expect(await page.locator('#company-name').inputValue()).toBe('ČEZ, a. s.');
    expect(await page.locator('#company-vatNo').inputValue()).toBe('CZ45274649');
    expect(await page.locator('#company-city').inputValue()).toContain('Praha');
    await screenshot(page, 'crm-company-form', { fullPage: false });

    // The API's field error appears under the field that caused it (`address.postalCode`).
    await page.locator('#company-postalCode').fill('12');
    await page.getByTestId('company-save').click();
    const error = page.locator('#company-postalCode-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('PSČ');
    expect(await page.locator('#company-postalCode').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'crm-company-form-error', { fullPage: false });

    await page.locator('#company-postalCode').fill('140 00');
    await page.getByTestId('company-save').click();
    await page.waitForURL(/\/companies\/[^/]+$/);
    companyUrl = new URL(page.url()).pathname;
    await page.getByTestId('company-name').getByText('ČEZ, a. s.').waitFor();
    expect(await page.getByTestId('company-facts').innerText()).toContain('IČO 45274649');
  });

  test('a contact is added to the company from its page', async () => {
    await page.getByTestId('add-contact').click();
    await page.getByTestId('contact-dialog').waitFor();
    // The company is already filled in.
    expect(await page.getByTestId('company-picker').inputValue()).toBe('ČEZ, a. s.');
    await page.locator('#contact-firstName').fill('Jan');
    await page.locator('#contact-lastName').fill('Dvořák');
    await page.locator('#contact-email').fill('jan.dvorak@example.cz');
    await page.locator('#contact-title').fill('Nákupčí');
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contact-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('company-contacts').getByText('Jan Dvořák').waitFor();
  });

  test('l then Ctrl+Enter logs a call on the timeline; a follow-up task is added the same way', async () => {
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('l');
    const subject = page.getByTestId('composer-subject');
    await expect.poll(() => subject.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Domluvili jsme dodávku na prosinec');
    await page.getByTestId('composer-body').fill('Chtějí nabídku do pátku.');
    await page.keyboard.press('Control+Enter');
    const call = page.getByTestId('timeline-activity').filter({ hasText: 'Domluvili jsme dodávku na prosinec' });
    await call.waitFor();
    expect(await call.innerText()).toContain('Call');
    expect(await subject.inputValue()).toBe('');

    await page.getByTestId('composer-task').click();
    await page.getByTestId('composer-title').fill('Poslat nabídku');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('timeline-task').filter({ hasText: 'Poslat nabídku' }).waitFor();
    await page.getByTestId('company-tasks').getByText('Poslat nabídku').waitFor();

    // What the page shows is what the API stored.
    const companyId = companyUrl.split('/').pop() ?? '';
    const activities = await apiCall<{ items: { type: string; subject: string; companyId: string }[] }>('GET', `/w/${slug}/activities?companyId=${companyId}`);
    expect(activities.items).toEqual([expect.objectContaining({ type: 'call', subject: 'Domluvili jsme dodávku na prosinec', companyId })]);
    const tasks = await apiCall<{ items: { title: string; dueAt: string | null }[] }>('GET', `/w/${slug}/tasks?companyId=${companyId}`);
    expect(tasks.items).toEqual([expect.objectContaining({ title: 'Poslat nabídku' })]);
    expect(tasks.items[0]?.dueAt).not.toBeNull();
    await screenshot(page, 'crm-company-detail');
  });

  test('an inline edit saves on blur and its history shows on the field', async () => {
    const phone = page.locator('#f-phone');
    await phone.fill('+420 602 123 456');
    await phone.press('Tab');
    await page.getByTestId('field-f-phone').getByLabel('Saved').waitFor();
    await page.getByTestId('history-phone').click();
    const history = page.getByTestId('field-history');
    await history.getByText('+420 602 123 456').waitFor();
    await screenshot(page, 'crm-field-history', { fullPage: false });
    await page.keyboard.press('Escape');
  });

  test('an edit against a stale version is refused: the page loads the other change and says so', async () => {
    const companyId = companyUrl.split('/').pop() ?? '';
    // Someone else changes the city after this page loaded the company.
    await apiCall('PATCH', `/w/${slug}/companies/${companyId}`, { address: { city: 'Praha 4 - Michle' } });
    const city = page.locator('#f-city');
    await city.fill('Praha');
    await city.press('Enter');
    const error = page.locator('#f-city-error');
    await error.getByText('Someone else changed this record meanwhile.', { exact: false }).waitFor();
    await expect.poll(() => city.inputValue()).toBe('Praha 4 - Michle');
    const stored = await apiCall<{ address: { city: string } }>('GET', `/w/${slug}/companies/${companyId}`);
    expect(stored.address.city).toBe('Praha 4 - Michle');
  });

  test('Ctrl+K finds "Dvořák" by typing "dvorak", and Enter opens the contact', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-dialog').waitFor();
    await page.getByTestId('search-input').fill('dvorak');
    const hit = page.getByTestId('search-hit').filter({ hasText: 'Jan Dvořák' });
    await hit.waitFor();
    await screenshot(page, 'crm-search', { fullPage: false });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/contacts\/[^/]+$/);
    await page.getByTestId('contact-name').getByText('Jan Dvořák').waitFor();
    expect(await page.getByTestId('contact-company').innerText()).toContain('ČEZ, a. s.');
    // The call logged on the company page is not linked to Jan; his journal starts empty.
    await page.getByTestId('timeline-empty').waitFor();
    await screenshot(page, 'crm-contact-detail');

    // The same dialog creates: "new contact" + Enter opens the contact form on the contacts list.
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill('new cont');
    await page.getByTestId('search-new-contact').waitFor();
    await expect.poll(() => page.getByTestId('search-new-contact').getAttribute('data-selected')).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.getByTestId('contact-dialog').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/w/${slug}/contacts`);
    await page.keyboard.press('Escape');
    await page.getByTestId('contact-dialog').waitFor({ state: 'detached' });
  });

  test('the companies list: search without accents, sort, bulk tag with shift-click, filter by the tag', async () => {
    const names = ['Žlutý kůň s.r.o.', 'Alfa Stavby a.s.', 'Beta Servis s.r.o.', 'Gama Obchod s.r.o.', 'Delta Logistika s.r.o.'];
    for (const name of names) await apiCall('POST', `/w/${slug}/companies`, { name, address: { city: 'Brno' } });
    for (let i = 1; i <= 60; i++) await apiCall('POST', `/w/${slug}/companies`, { name: `Firma ${String(i).padStart(3, '0')}` });

    await page.goto(`/w/${slug}/companies`);
    await page.getByTestId('companies-table').waitFor();
    await rowByName('Alfa Stavby a.s.').waitFor();
    expect(await page.getByTestId('list-count').innerText()).toContain('more below');
    // Virtualized: far fewer rows in the DOM than loaded.
    expect(await page.getByTestId('row').count()).toBeLessThan(50);
    await screenshot(page, 'crm-companies-list', { fullPage: false });

    await page.getByTestId('list-search').fill('zluty');
    await rowByName('Žlutý kůň s.r.o.').waitFor();
    await expect.poll(() => page.getByTestId('row').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('zluty');
    await page.getByTestId('list-search').fill('');
    await rowByName('Alfa Stavby a.s.').waitFor();

    await page.getByTestId('sort-name').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-name');
    await rowByName('Žlutý kůň s.r.o.').waitFor();
    await page.getByTestId('sort-name').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe(null);

    // Shift-click selects the range Alfa..Firma 001 in Czech name order: Alfa, Beta, ČEZ (from the
    // test before; Č sorts right after C), Delta, Firma 001.
    await rowByName('Alfa Stavby a.s.').getByTestId('row-check').click();
    await rowByName('Firma 001').getByTestId('row-check').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('5 selected');
    await page.getByTestId('bulk-tag').click();
    await page.getByTestId('bulk-tag-input').fill('vip');
    await page.getByTestId('bulk-tag-submit').click();
    await page.getByText('Tag “vip” added to 5 companies.').waitFor();
    await rowByName('Beta Servis s.r.o.').getByText('vip').waitFor();
    await screenshot(page, 'crm-companies-bulk', { fullPage: false });
    await page.getByTestId('bulk-clear').click();

    await page.getByTestId('filter-tag').click();
    await page.getByTestId('filter-tag-menu').getByText('vip', { exact: true }).click();
    await expect.poll(() => page.getByTestId('row').count()).toBe(5);
    expect(new URL(page.url()).searchParams.get('tag')).toBe('vip');
    expect(await page.getByTestId('list-count').innerText()).toBe('5 companies');
    await page.getByTestId('filter-tag-clear').click();
    await expect.poll(() => page.getByTestId('row').count()).toBeGreaterThan(10);

    // The column chooser hides a column, and the choice outlives a reload.
    const header = page.getByTestId('companies-table').getByRole('columnheader');
    await header.filter({ hasText: 'City' }).waitFor();
    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-city').click();
    await page.keyboard.press('Escape');
    await header.filter({ hasText: 'City' }).waitFor({ state: 'detached' });
    expect(await rowByName('Beta Servis s.r.o.').innerText()).not.toContain('Brno');
    await page.reload();
    await rowByName('Beta Servis s.r.o.').waitFor();
    expect(await header.filter({ hasText: 'City' }).count()).toBe(0);
    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-city').click();
    await page.keyboard.press('Escape');
    await rowByName('Beta Servis s.r.o.').getByText('Brno').waitFor();
  });

  test('j/k move and Enter opens; deleting from the page goes to the trash, and Undo brings it back', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const active = page.locator('[data-testid="row"][data-active]');
    expect(await active.getByTestId('row-link').innerText()).toBe('Alfa Stavby a.s.');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/companies\/[^/]+$/);
    await page.getByTestId('company-name').getByText('Alfa Stavby a.s.').waitFor();

    await page.getByTestId('company-actions').click();
    await page.getByTestId('delete-company').click();
    await page.waitForURL(/\/companies$/);
    const toast = page.locator('[data-sonner-toast]').filter({ hasText: 'Company moved to the trash.' });
    await toast.waitFor();
    await page.getByTestId('companies-table').waitFor();
    await rowByName('Beta Servis s.r.o.').waitFor();
    expect(await rowByName('Alfa Stavby a.s.').count()).toBe(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.waitForURL(/\/companies\/[^/]+$/);
    await page.getByTestId('company-name').getByText('Alfa Stavby a.s.').waitFor();
  });

  test('bulk delete removes rows at once, and Undo puts them back', async () => {
    await page.goto(`/w/${slug}/companies?q=firma%2000`);
    await rowByName('Firma 001').waitFor();
    await expect.poll(() => page.getByTestId('row').count()).toBe(9);
    await page.getByTestId('select-all').check();
    await page.getByTestId('bulk-delete').click();
    await page.getByTestId('no-matches').waitFor();
    const toast = page.locator('[data-sonner-toast]').filter({ hasText: '9 companies moved to the trash.' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('row').count()).toBe(9);
    const trash = await apiCall<{ items: unknown[] }>('GET', `/w/${slug}/companies?deleted=true`);
    expect(trash.items).toHaveLength(0);
  });

  test('the trash lists deleted records with the 30-day note, and Restore brings one back', async () => {
    const victim = await apiCall<{ id: string }>('POST', `/w/${slug}/companies`, { name: 'Omega Recyklace s.r.o.' });
    await page.request.fetch(`${server?.baseUrl}/api/v1/w/${slug}/companies/${victim.id}`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json', Origin: server?.baseUrl ?? '' },
    });
    await page.getByTestId('nav-trash').click();
    await page.getByTestId('trash-page').waitFor();
    expect(await page.getByTestId('page-title').innerText()).toBe('Trash');
    expect(await page.getByTestId('trash-page').locator('..').innerText()).toContain('30 days');
    const row = page.getByTestId('trash-row').filter({ hasText: 'Omega Recyklace s.r.o.' });
    await row.waitFor();
    expect(await row.innerText()).toContain('removed for good in 30 days');
    await screenshot(page, 'crm-trash');
    await row.getByTestId('trash-restore').click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('Company Omega Recyklace s.r.o. restored.').waitFor();
    const back = await apiCall<{ deletedAt: string | null }>('GET', `/w/${slug}/companies/${victim.id}`);
    expect(back.deletedAt).toBeNull();
  });

  test('the contacts list shows the contact with its company', async () => {
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contacts-table').waitFor();
    const row = rowByName('Jan Dvořák');
    await row.waitFor();
    expect(await row.innerText()).toContain('ČEZ, a. s.');
    await screenshot(page, 'crm-contacts-list', { fullPage: false });
  });

  test('in Czech the company page speaks Czech, with Czech dates and plurals', async () => {
    await page.evaluate(() => localStorage.setItem('tandem.locale', 'cs'));
    await page.goto(companyUrl);
    await page.getByTestId('company-name').waitFor();
    await page.getByTestId('company-summary').getByText('1 kontakt').waitFor();
    expect(await page.getByTestId('company-details').innerText()).toContain('PSČ');
    await page.getByTestId('timeline-activity').getByText('Hovor:').waitFor();
    expect(await page.getByTestId('timeline').innerText()).toMatch(/termín \d{1,2}\. \d{1,2}\. \d{4}/);
    await screenshot(page, 'crm-company-detail-cs');
    await page.goto(`/w/${slug}/companies`);
    await page.getByTestId('companies-table').waitFor();
    // The count is filled in after the rows arrive: wait for it rather than read it at once.
    await expect.poll(() => page.getByTestId('list-count').innerText()).toMatch(/firem/);
    await page.evaluate(() => localStorage.setItem('tandem.locale', 'en'));
  });

  test('on a phone the companies list becomes cards', async () => {
    const phone = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`/w/${slug}/companies`);
    await phone.getByTestId('companies-table').waitFor();
    await phone.getByTestId('row').first().waitFor();
    expect(await phone.getByRole('columnheader').count()).toBe(0);
    await screenshot(phone, 'crm-companies-phone', { fullPage: false });
    await phone.goto(companyUrl);
    await phone.getByTestId('company-name').waitFor();
    await screenshot(phone, 'crm-company-phone');
  });
});
