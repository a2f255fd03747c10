// Projects in Chromium against the real server: on Free the portfolio shows the way to Pro; after
// upgrading, a won deal becomes a project from the deal dialog (company and value carried over),
// its Overview takes milestones, the portfolio lists it, Settings edits it, the workspace settings
// shape the statuses, and the company page shows it on its timeline.
// Screenshots: test-output/screenshots/projects-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, startServer, uniqueEmail, type RunningServer } from './harness.ts';

const PASSWORD = 'amber-lighthouse-ledger-58';

let server: RunningServer | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let page: Page;
let slug = '';
let companyId = '';
let dealId = '';
let projectId = '';

async function openPage(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  if (!browser || !server) throw new Error('set-up failed');
  const context = await newContext(browser, server.baseUrl, options);
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** A JSON call with the page's session, the way the app sends it. */
async function api<T>(method: string, path: string, data?: unknown): Promise<{ status: number; body: T }> {
  const res = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { Origin: server!.baseUrl, 'Content-Type': 'application/json' } });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  page = await openPage();
  await page.goto('/signup');
  await page.locator('#name').fill('Petra Projektová');
  await page.locator('#email').fill(uniqueEmail('projects'));
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#workspaceName').fill('Projekty s.r.o.');
  await page.getByTestId('signup-submit').click();
  await page.waitForURL(/\/w\/[^/]+/);
  slug = /\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)![1]!;
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('projects on Free', () => {
  test('the portfolio says projects are Pro, links to the plan page, and offers no way to create', async () => {
    await page.goto(`/w/${slug}/projects`);
    await page.getByTestId('portfolio-empty').waitFor();
    await expect(page.getByTestId('nav-projects').getByTestId('pro-badge').isVisible()).resolves.toBe(true);
    const callout = page.getByTestId('upgrade-callout');
    await expect(callout.textContent()).resolves.toContain('existing projects');
    await expect(callout.getByTestId('upgrade-callout-link').getAttribute('href')).resolves.toBe(`/w/${slug}/settings/billing`);
    await expect(page.getByTestId('new-project').isDisabled()).resolves.toBe(true);
    expect((await api('POST', `/w/${slug}/projects`, { name: 'Zdarma' })).status).toBe(402);
    await screenshot(page, 'projects-portfolio-free');
  });
});

describe('projects on Pro', () => {
  beforeAll(async () => {
    const upgraded = await api<{ plan?: string }>('POST', `/w/${slug}/billing/plan`, { plan: 'pro' });
    expect(upgraded.status).toBe(200);
    companyId = (await api<{ id: string }>('POST', `/w/${slug}/companies`, { name: 'Pekárna Novák s.r.o.' })).body.id;
    const deal = await api<{ id: string }>('POST', `/w/${slug}/deals`, {
      title: 'Nový e-shop pro pekárnu',
      companyId,
      value: { amount: 25_000_000, currency: 'CZK' },
      stage: 'won',
    });
    expect(deal.status).toBe(201);
    dealId = deal.body.id;
  });

  test('a won deal becomes a project from its dialog, with its company and value', async () => {
    await page.goto(`/w/${slug}/deals`);
    await page.getByTestId('deal-card').filter({ hasText: 'Nový e-shop pro pekárnu' }).click();
    await page.getByTestId('deal-dialog').waitFor();
    await page.getByTestId('won-deal-create-project').click();
    await page.waitForURL(/\/projects\/new\?fromDealId=/);
    await page.getByTestId('project-from-deal').waitFor();
    await expect(page.locator('#project-name').inputValue()).resolves.toBe('Nový e-shop pro pekárnu');
    await expect(page.locator('#project-company').inputValue()).resolves.toBe('Pekárna Novák s.r.o.');
    await expect(page.locator('#project-revenue').inputValue()).resolves.toBe('250000');
    await page.locator('#project-hours').fill('120');
    await page.locator('#project-start').fill('2026-12-01');
    await page.locator('#project-due').fill('2027-03-31');
    await page.getByTestId('project-members').getByRole('checkbox').first().check();
    await screenshot(page, 'projects-new-from-deal');
    await page.getByTestId('project-submit').click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectId = /\/projects\/([^/?#]+)$/.exec(new URL(page.url()).pathname)![1]!;
    await page.getByTestId('project-overview').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Nový e-shop pro pekárnu');
    await expect(page.getByTestId('overview-company').textContent()).resolves.toContain('Pekárna Novák s.r.o.');
    await expect(page.getByTestId('overview-team').textContent()).resolves.toContain('Petra Projektová');
    await page.getByTestId('overview-deal').waitFor();

    const project = (await api<{ dealId: string; companyId: string; budget: { hours: number; revenue: { amount: number } }; memberIds: string[] }>('GET', `/w/${slug}/projects/${projectId}`)).body;
    expect(project).toMatchObject({ dealId, companyId, budget: { hours: 120, revenue: { amount: 25_000_000 } } });
    expect(project.memberIds).toHaveLength(1);
  });

  test('the overview takes milestones: add with Enter, check off, status change', async () => {
    await page.getByTestId('milestones-empty').waitFor();
    await page.getByTestId('milestone-name').fill('Návrh schválen');
    await page.getByTestId('milestone-due').fill('2026-12-20');
    await page.getByTestId('milestone-name').press('Enter');
    await page.getByTestId('milestone-row').filter({ hasText: 'Návrh schválen' }).waitFor();
    await page.getByTestId('milestone-name').fill('Spuštění');
    await page.getByTestId('milestone-add').click();
    await expect.poll(() => page.getByTestId('milestone-row').count()).toBe(2);
    await page.getByTestId('milestone-row').filter({ hasText: 'Návrh schválen' }).getByTestId('milestone-done').check();
    await expect.poll(() => page.getByTestId('milestones-progress').textContent()).toBe('1 of 2 done');
    // Milestone writes reach the activity feed at once, newest first, without touching the project's version.
    await expect.poll(() => page.getByTestId('activity-entry').first().textContent()).toContain('marked milestone “Návrh schválen” done');
    await expect.poll(() => page.getByTestId('project-activity').textContent()).toContain('added milestone “Návrh schválen” (due 20 Dec 2026)');
    await page.getByTestId('overview-status').selectOption('in_progress');
    await page.getByText('Status changed to In progress.').waitFor();
    await expect(page.getByTestId('project-header').getByTestId('project-status').textContent()).resolves.toContain('In progress');
    await expect.poll(() => page.getByTestId('activity-entry').first().textContent()).toContain('changed the status');
    const milestones = (await api<{ items: { name: string; done: boolean }[] }>('GET', `/w/${slug}/projects/${projectId}/milestones`)).body.items;
    expect(milestones.map((m) => [m.name, m.done])).toEqual([
      ['Návrh schválen', true],
      ['Spuštění', false],
    ]);
    await screenshot(page, 'projects-overview');
  });

  test('the portfolio lists it with status, manager and due date, and finds it by a word without diacritics', async () => {
    await page.getByTestId('project-back').click();
    await page.getByTestId('portfolio-table').waitFor();
    const row = page.getByTestId('portfolio-row').filter({ hasText: 'Nový e-shop pro pekárnu' });
    await expect(row.textContent()).resolves.toContain('In progress');
    await expect(row.textContent()).resolves.toContain('Pekárna Novák s.r.o.');
    await expect(page.getByTestId('nav-projects').getByTestId('pro-badge').count()).resolves.toBe(0);
    await page.getByTestId('portfolio-search').fill('pekarnu');
    await expect.poll(() => page.url()).toContain('q=pekarnu');
    await expect.poll(() => page.getByTestId('portfolio-row').count()).toBe(1);
    await page.getByTestId('portfolio-search').fill('');
    await page.getByTestId('portfolio-show-done').click();
    await page.getByTestId('portfolio-empty-filtered').waitFor();
    await page.getByTestId('portfolio-show-open').click();
    await page.getByTestId('portfolio-table').waitFor();
    await screenshot(page, 'projects-portfolio');
  });

  test('settings edit the project; the deal dialog now opens it instead', async () => {
    await page.getByTestId('portfolio-link').first().click();
    await page.getByTestId('project-tab-settings').click();
    await page.getByTestId('project-settings').waitFor();
    await page.locator('#project-name').fill('E-shop pekárny');
    await page.locator('#project-rate').fill('1 500');
    await page.getByTestId('project-submit').click();
    await page.getByText('Project saved.').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('E-shop pekárny');
    const saved = (await api<{ name: string; hourlyRate: { amount: number } }>('GET', `/w/${slug}/projects/${projectId}`)).body;
    expect(saved).toMatchObject({ name: 'E-shop pekárny', hourlyRate: { amount: 150_000 } });
    // A bad amount is caught on the field, and nothing is sent.
    await page.locator('#project-cost').fill('hodně');
    await page.getByTestId('project-submit').click();
    await page.getByTestId('project-cost-error').waitFor();
    await screenshot(page, 'projects-settings');
    await page.locator('#project-cost').fill('');

    // The placeholder tabs answer too (their screens come from the time and task work).
    await page.getByTestId('project-tab-board').click();
    await expect.poll(() => page.getByTestId('project-tab-board').getAttribute('aria-current')).toBe('page');

    await page.goto(`/w/${slug}/deals`);
    await page.getByTestId('deal-card').filter({ hasText: 'Nový e-shop pro pekárnu' }).click();
    await page.getByTestId('won-deal-open-project').click();
    await page.waitForURL(new RegExp(`/projects/${projectId}$`));
  });

  test('the workspace settings shape the project statuses', async () => {
    await page.goto(`/w/${slug}/settings`);
    await page.getByTestId('settings-tab-project-statuses').click();
    await page.getByTestId('project-status-settings').waitFor();
    await expect.poll(() => page.getByTestId('status-row').count()).toBe(6);
    await page.getByTestId('new-status-name').fill('Čeká na klienta');
    await page.locator('#new-status-kind').selectOption('on_hold');
    await page.getByTestId('add-status').click();
    await expect.poll(() => page.getByTestId('status-row').count()).toBe(7);
    // The status in use cannot go: the reason is shown on its row.
    await page.getByTestId('status-delete-in_progress').click();
    await page.getByTestId('status-error').waitFor();
    await expect(page.getByTestId('status-error').textContent()).resolves.toContain('Move the 1 project');
    await screenshot(page, 'projects-statuses');
    const statuses = (await api<{ items: { name: string; kind: string }[] }>('GET', `/w/${slug}/project-statuses`)).body.items;
    expect(statuses.at(-1)).toMatchObject({ name: 'Čeká na klienta', kind: 'on_hold' });
  });

  test('the company page starts projects and shows them on its timeline', async () => {
    await page.goto(`/w/${slug}/companies/${companyId}`);
    await page.getByTestId('timeline-project').waitFor();
    await expect(page.getByTestId('timeline-project').textContent()).resolves.toContain('E-shop pekárny');
    await page.getByTestId('company-new-project').click();
    await page.waitForURL(/\/projects\/new\?companyId=/);
    await expect.poll(() => page.locator('#project-company').inputValue()).toBe('Pekárna Novák s.r.o.');
  });

  test('Czech on a phone: the portfolio fits', async () => {
    const phone = await openPage({ viewport: { width: 390, height: 844 }, locale: 'cs-CZ' });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`/w/${slug}/projects`);
    await phone.getByTestId('portfolio-table').waitFor();
    await expect(phone.getByTestId('page-title').textContent()).resolves.toBe('Projekty');
    await expect(phone.getByTestId('portfolio-row').first().textContent()).resolves.toContain('Probíhá');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'projects-portfolio-phone-cs');
  });
});
