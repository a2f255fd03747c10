// Time tracking and budgets in Chromium against the real server, on Pro: the header timer (start,
// tick, survive a reload, stop books the time), the weekly timesheet typed into with the keyboard,
// the project's Time tab (delete with undo), an expense, and the budget cards and burn chart
// moving with each booking (amber warning past 80 % of the cost plan; Czech formats).
// Screenshots: test-output/screenshots/projects-time-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, signUpInBrowser, startServer, type RunningServer } from './harness.ts';

const PASSWORD = 'amber-lighthouse-ledger-58';

interface TimeEntry {
  id: string;
  minutes: number;
  date: string;
  note: string | null;
}

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let slug = '';
let projectId = '';
let userId = '';
let timerStartedAt = 0;

async function api<T>(method: string, path: string, data?: unknown): Promise<{ status: number; body: T }> {
  const res = await page.request.fetch(`/api/v1/w/${slug}${path}`, { method, data, headers: { Origin: server!.baseUrl, 'Content-Type': 'application/json' } });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

function localDate(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
const today = localDate();
const monday = addDays(today, -((new Date().getDay() + 6) % 7));

const burnLast = async () => Number(await page.getByTestId('burn-chart').getAttribute('data-last-cost'));

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.baseUrl, { timezoneId: 'Europe/Prague' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  slug = await signUpInBrowser(page, { name: 'Tereza Časová', emailPrefix: 'time', password: PASSWORD, workspaceName: 'Hodinky s.r.o.' });
  // Upgrade through the local billing provider (no payment provider configured).
  expect((await api('POST', '/billing/plan', { plan: 'pro' })).status).toBe(200);
  const members = await api<{ items: { userId: string }[] }>('GET', '/members');
  userId = members.body.items[0]!.userId;
  // 500 Kč/h cost, 1 200 Kč/h billing.
  const rates = await api('PATCH', `/members/${userId}`, { costRate: { amount: 50_000, currency: 'CZK' }, billRate: { amount: 120_000, currency: 'CZK' } });
  expect(rates.status).toBe(200);
  const project = await api<{ id: string }>('POST', '/projects', {
    name: 'E-shop Pekárna',
    startOn: addDays(monday, -7),
    dueOn: addDays(monday, 27),
    budget: { hours: 20, cost: { amount: 500_000, currency: 'CZK' }, revenue: { amount: 3_000_000, currency: 'CZK' } },
  });
  expect(project.status).toBe(201);
  projectId = project.body.id;
  expect((await api('POST', '/tasks', { title: 'Košík a platby', projectId })).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('time tracking and the budget', () => {
  test('the overview starts with an empty budget: plan set, nothing spent, no burn yet', async () => {
    await page.goto(`/w/${slug}/projects/${projectId}`);
    await page.getByTestId('budget-hours').waitFor();
    expect(await page.getByTestId('budget-hours-actual').innerText()).toBe('0 h');
    expect(await page.getByTestId('budget-hours').innerText()).toContain('of 20 h planned');
    expect(await page.getByTestId('budget-cost').innerText()).toMatch(/of CZK\s5,000 planned/);
    await page.getByTestId('burn-chart').waitFor();
    expect(await burnLast()).toBe(0);
    await screenshot(page, 'projects-time-budget-empty');
  });

  test('the header timer starts on a project and task, ticks, and keeps running through a reload', async () => {
    await page.getByTestId('timer-open').click();
    await page.getByTestId('timer-project').selectOption({ label: 'E-shop Pekárna' });
    await expect.poll(() => page.getByTestId('timer-task').locator('option').count()).toBeGreaterThan(1);
    await page.getByTestId('timer-task').selectOption({ label: 'Košík a platby' });
    await page.getByTestId('timer-note').fill('Platební brána');
    await screenshot(page, 'projects-time-timer-start', { fullPage: false });
    await page.getByTestId('timer-start').click();
    timerStartedAt = Date.now();
    const elapsed = page.getByTestId('timer-elapsed');
    await elapsed.waitFor();
    const first = await elapsed.innerText();
    await expect.poll(() => elapsed.innerText(), { timeout: 5000 }).not.toBe(first);
    expect(await page.getByTestId('timer-running').innerText()).toContain('E-shop Pekárna');

    await page.reload();
    await page.getByTestId('timer-elapsed').waitFor();
    // Still the same run: seconds since the start, not a fresh 0:00:00.
    await expect.poll(async () => (await page.getByTestId('timer-elapsed').innerText()) !== '0:00:00').toBe(true);
    await screenshot(page, 'projects-time-timer-running', { fullPage: false });
    const timer = await api<{ timer: { note: string } | null }>('GET', '/timer');
    expect(timer.body.timer?.note).toBe('Platební brána');
  });

  test('the weekly timesheet takes hours typed into the days, with totals, and keeps them', async () => {
    await page.getByTestId('nav-timesheet').click();
    await page.waitForURL(/\/timesheet/);
    await page.getByTestId('sheet-empty').waitFor();
    await page.getByTestId('sheet-add-row-empty').click();
    await page.getByTestId('sheet-new-project').selectOption({ label: 'E-shop Pekárna' });
    await page.getByTestId('sheet-add-confirm').click();
    const monCell = page.getByTestId('cell-0-0');
    await monCell.click();
    await monCell.fill('2:30');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByTestId('cell-0-1').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('1,5');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByTestId('row-total-0').innerText()).toBe('4:00');
    await expect.poll(() => page.getByTestId('week-total').innerText()).toBe('4:00');
    expect(await page.getByTestId('day-total-0').innerText()).toBe('2:30');
    // Saved on the server, one entry per day.
    await expect.poll(async () => (await api<{ items: TimeEntry[] }>('GET', `/time-entries?projectId=${projectId}`)).body.items.length).toBe(2);
    await page.reload();
    await page.getByTestId('timesheet-grid').waitFor();
    expect(await page.getByTestId('cell-0-0').inputValue()).toBe('2:30');
    expect(await page.getByTestId('cell-0-1').inputValue()).toBe('1:30');
    // A bad cell is marked and not saved.
    await page.getByTestId('cell-0-2').fill('lots');
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('cell-0-2').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('cell-0-2').fill('');
    await page.keyboard.press('Tab');
    await screenshot(page, 'projects-time-timesheet');
  });

  test('stopping the timer books its time, which shows in the timesheet at once', async () => {
    // A run under 30 seconds books nothing: let it pass a minute's half.
    const wait = 31_000 - (Date.now() - timerStartedAt);
    if (wait > 0) await page.waitForTimeout(wait);
    await page.getByTestId('timer-stop').click();
    await page.locator('[data-sonner-toast]').filter({ hasText: 'Booked 0:01 on E-shop Pekárna.' }).waitFor();
    await expect.poll(() => page.getByTestId('week-total').innerText()).toBe('4:01');
    expect(await page.getByTestId('timer-open').isVisible()).toBe(true);
    expect((await api<{ timer: null }>('GET', '/timer')).body.timer).toBeNull();
  });

  test('the Time tab lists the entries; a delete can be undone', async () => {
    await page.goto(`/w/${slug}/projects/${projectId}/time`);
    await page.getByTestId('time-table').waitFor();
    await expect.poll(() => page.getByTestId('time-row').count()).toBe(3);
    expect(await page.getByTestId('time-table').innerText()).toContain('Platební brána');
    await screenshot(page, 'projects-time-tab');
    await page.getByTestId('time-delete').first().click();
    await expect.poll(() => page.getByTestId('time-row').count()).toBe(2);
    const toast = page.locator('[data-sonner-toast]').filter({ hasText: 'deleted' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('time-row').count()).toBe(3);
    expect((await api<{ items: TimeEntry[] }>('GET', `/time-entries?projectId=${projectId}`)).body.items).toHaveLength(3);
    // Book one more by hand: 30 minutes yesterday.
    await page.getByTestId('time-add').click();
    await page.locator('#entry-duration').fill('0:30');
    await page.locator('#entry-date').fill(addDays(today, -1));
    await page.getByTestId('entry-save').click();
    await expect.poll(() => page.getByTestId('time-row').count()).toBe(4);
  });

  test('the budget cards and the burn chart follow the bookings; an expense pushes the cost past 80 %', async () => {
    await page.goto(`/w/${slug}/projects/${projectId}`);
    await page.getByTestId('burn-chart').waitFor();
    // 4 h 31 min at 500 Kč/h = 2 258,33 Kč; nothing near the 5 000 Kč plan yet.
    await expect.poll(() => page.getByTestId('budget-cost-actual').innerText()).toContain('2,258.33');
    expect(await page.getByTestId('budget-hours-actual').innerText()).toBe('4.5 h');
    expect(await page.getByTestId('budget-cost').getAttribute('data-level')).toBe('ok');
    const burnBefore = await burnLast();
    expect(burnBefore).toBe(225_833);
    await screenshot(page, 'projects-time-budget');

    await page.getByTestId('project-tab-expenses').click();
    await page.getByTestId('expenses-empty').waitFor();
    await screenshot(page, 'projects-time-expenses-empty');
    await page.getByTestId('expense-add').click();
    await page.locator('#expense-amount').fill('1 800,50');
    await page.getByTestId('expense-category').fill('Licence');
    await page.locator('#expense-note').fill('Platební brána – roční licence');
    await page.getByTestId('expense-save').click();
    await page.getByTestId('expense-row').waitFor();
    expect(await page.getByTestId('expense-amount').innerText()).toContain('1,800.50');
    await screenshot(page, 'projects-time-expenses');

    await page.getByTestId('project-tab-overview').click();
    await page.getByTestId('burn-chart').waitFor();
    // 2 258,33 + 1 800,50 = 4 058,83 Kč = 81,2 % of 5 000 Kč: the amber warning.
    await expect.poll(() => page.getByTestId('budget-cost-actual').innerText()).toContain('4,058.83');
    expect(await page.getByTestId('budget-cost').getAttribute('data-level')).toBe('warn');
    expect(await page.getByTestId('budget-cost-percent').innerText()).toBe('81.2 %');
    expect(await page.getByTestId('budget-warnings').innerText()).toContain('Cost: 81.2 % of the budget used.');
    expect(await burnLast()).toBe(405_883);
    await page.getByTestId('burn-hours').click();
    await screenshot(page, 'projects-time-budget-after');
  });

  test('Czech formats: koruny and decimal commas in the budget, the timesheet in Czech', async () => {
    await page.evaluate(() => localStorage.setItem('tandem.locale', 'cs'));
    await page.reload();
    await page.getByTestId('budget-cost').waitFor();
    await expect.poll(() => page.getByTestId('budget-cost-actual').innerText()).toMatch(/4\s058,83\sKč/);
    expect(await page.getByTestId('budget-warnings').innerText()).toContain('Náklady: vyčerpáno 81,2 % rozpočtu.');
    await screenshot(page, 'projects-time-budget-cs');
    await page.goto(`/w/${slug}/timesheet`);
    await page.getByTestId('timesheet-grid').waitFor();
    expect(await page.getByTestId('page-title').innerText()).toBe('Výkaz práce');
    await screenshot(page, 'projects-time-timesheet-cs');
    await page.evaluate(() => localStorage.setItem('tandem.locale', 'en'));
  });

  test('on a phone the timer sits in the header and the timesheet scrolls sideways', async () => {
    const phone = await newContext(browser!, server!.baseUrl, { viewport: { width: 390, height: 844 }, timezoneId: 'Europe/Prague', storageState: await context!.storageState() });
    try {
      const p = await phone.newPage();
      await p.goto(`/w/${slug}/timesheet`);
      await p.getByTestId('timesheet-grid').waitFor();
      await p.getByTestId('header-timer').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await screenshot(p, 'projects-time-timesheet-phone');
    } finally {
      await phone.close();
    }
  });
});
