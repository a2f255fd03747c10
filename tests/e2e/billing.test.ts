// The Plan & billing tab in Chromium against the real server with no payment provider (as
// `npm start` runs): the owner upgrades to Pro directly, sees Pro everywhere, and downgrades
// after a confirmation that says nothing is deleted. Screenshots: test-output/screenshots/billing-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, startServer, uniqueEmail, type RunningServer } from './harness.ts';

const PASSWORD = 'amber-lighthouse-ledger-58';

let server: RunningServer | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let page: Page;
let slug = '';

async function openPage(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  if (!browser || !server) throw new Error('set-up failed');
  const context = await newContext(browser, server.baseUrl, options);
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** The workspace's plan as the API reports it, with the page's session. */
async function apiPlan(): Promise<string> {
  const res = await page.request.get(`/api/v1/w/${slug}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { plan: string }).plan;
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  page = await openPage();
  await page.goto('/signup');
  await page.locator('#name').fill('Petra Platná');
  await page.locator('#email').fill(uniqueEmail('billing'));
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#workspaceName').fill('Platná s.r.o.');
  await page.getByTestId('signup-submit').click();
  await page.waitForURL(/\/w\/[^/]+/);
  slug = /\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)![1]!;
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('Plan & billing tab (self-hosted, no payment provider)', () => {
  test('shows Free, the self-hosted note and usage against the Free limits', async () => {
    await page.goto(`/w/${slug}/settings/billing`);
    await page.getByTestId('billing-local-note').waitFor();
    await expect(page.getByTestId('billing-plan').textContent()).resolves.toBe('Free');
    await expect(page.getByTestId('billing-plan-free').getByTestId('billing-plan-current').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('billing-local-note').textContent()).resolves.toContain('switch plans directly');
    await expect(page.getByTestId('billing-meter-members').getByTestId('billing-meter-text').textContent()).resolves.toBe('1 of 2');
    await expect(page.getByTestId('billing-meter-records').getByTestId('billing-meter-text').textContent()).resolves.toBe('0 of 2,500');
    await expect(page.getByTestId('billing-downgrade').count()).resolves.toBe(0);
    await screenshot(page, 'billing-free');
  });

  test('the owner upgrades to Pro from the tab: the plan switches at once and the limits lift', async () => {
    await page.getByTestId('billing-upgrade').click();
    await page.getByText('You are on Pro now').waitFor();
    await expect(page.getByTestId('billing-plan').textContent()).resolves.toBe('Pro');
    await expect(page.getByTestId('billing-plan-pro').getByTestId('billing-plan-current').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('billing-seats').textContent()).resolves.toContain('1 seat');
    await expect(page.getByTestId('billing-meter-members').getByTestId('billing-meter-text').textContent()).resolves.toBe('1 · no limit');
    expect(await apiPlan()).toBe('pro');
    await screenshot(page, 'billing-pro');
  });

  test('downgrading asks first; cancelling keeps Pro, confirming switches to Free and keeps the data', async () => {
    const company = await page.request.post(`/api/v1/w/${slug}/companies`, { data: { name: 'Zůstává s.r.o.' }, headers: { Origin: server!.baseUrl } });
    expect(company.status()).toBe(201);

    await page.getByTestId('billing-downgrade').click();
    const dialog = page.getByTestId('billing-downgrade-dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('Nothing is deleted');
    await screenshot(page, 'billing-downgrade-dialog', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await apiPlan()).toBe('pro');

    await page.getByTestId('billing-downgrade').click();
    await page.getByTestId('billing-downgrade-confirm').click();
    await page.getByText('You are on Free now').waitFor();
    await expect(page.getByTestId('billing-plan').textContent()).resolves.toBe('Free');
    await expect(page.getByTestId('billing-upgrade').isVisible()).resolves.toBe(true);
    expect(await apiPlan()).toBe('free');
    const list = await page.request.get(`/api/v1/w/${slug}/companies`);
    expect(((await list.json()) as { items: { name: string }[] }).items.map((c) => c.name)).toContain('Zůstává s.r.o.');
    await screenshot(page, 'billing-free-again');
  });

  test('reads well in Czech on a phone', async () => {
    const phone = await openPage({ viewport: { width: 390, height: 844 }, locale: 'cs-CZ', storageState: await page.context().storageState() });
    await phone.goto(`/w/${slug}/settings/billing`);
    await phone.getByTestId('billing-local-note').waitFor();
    await expect(phone.getByTestId('billing-plan').textContent()).resolves.toBe('Zdarma');
    await expect(phone.getByTestId('billing-upgrade').textContent()).resolves.toContain('Přejít na Pro');
    await expect(phone.getByTestId('billing-meter-records').getByTestId('billing-meter-text').textContent()).resolves.toMatch(/^1 z 2\s500$/);
    // Nothing wider than the screen.
    await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot(phone, 'billing-phone-cs');
  });
});

describe('where a free limit bites', () => {
  test('at 2,500 records the new-company dialog explains the limit and links to the billing tab', async () => {
    // The workspace is on Free again with one company: import 2,499 more to reach the limit.
    const lines = ['Name', ...Array.from({ length: 2499 }, (_, i) => `Firma ${String(i + 1).padStart(4, '0')}`)];
    const started = await page.request.post(`/api/v1/w/${slug}/imports?entity=companies`, {
      data: lines.join('\n'),
      headers: { Origin: server!.baseUrl, 'Content-Type': 'text/csv' },
    });
    expect(started.status()).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let status = 'running';
    for (let i = 0; i < 200 && status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = ((await (await page.request.get(`/api/v1/w/${slug}/imports/${id}`)).json()) as { status: string }).status;
    }
    expect(status).toBe('done');

    await page.goto(`/w/${slug}/companies`);
    await page.getByTestId('new-company').click();
    await page.locator('#company-name').fill('Jedna navíc');
    await page.getByTestId('company-save').click();
    const callout = page.getByTestId('company-dialog').getByTestId('upgrade-callout');
    await callout.waitFor();
    await expect(callout.textContent()).resolves.toMatch(/2,500|2\s500/);
    await expect(callout.getByTestId('upgrade-callout-link').getAttribute('href')).resolves.toBe(`/w/${slug}/settings/billing`);
    await screenshot(page, 'billing-limit-callout', { fullPage: false });
    const usage = (await (await page.request.get(`/api/v1/w/${slug}`)).json()) as { usage: { records: number } };
    expect(usage.usage.records).toBe(2500);
  });
});
