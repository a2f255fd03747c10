// The project timeline rescheduled from the keyboard in Chromium against the real server, on Pro: a
// task focused in the list under the chart moves two days with ArrowRight twice and gets a day
// longer with Shift+ArrowRight (saved through the API, drawn at once, announced, kept after a
// reload), stops at one day when shortened, a refused save (stale version) goes back with a toast,
// and Enter opens the task drawer. Screenshot: test-output/screenshots/timeline-keyboard.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, signUpInBrowser, startServer, type RunningServer } from './harness.ts';

const PASSWORD = 'amber-lighthouse-ledger-58';
const ZONE = 'Europe/Prague';

interface Task {
  id: string;
  title: string;
  startAt: string | null;
  dueAt: string | null;
  version: number;
}

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let slug = '';
let projectId = '';
let design: Task;

async function api<T>(method: string, path: string, data?: unknown): Promise<{ status: number; body: T }> {
  const res = await page.request.fetch(`/api/v1/w/${slug}${path}`, { method, data, headers: { Origin: server!.baseUrl, 'Content-Type': 'application/json' } });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

/** The calendar day of an instant where the browser lives. */
const dayIn = (at: string | null) => (at ? new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(new Date(at)) : null);
const daysOf = async (id: string) => {
  const task = (await api<Task>('GET', `/tasks/${id}`)).body;
  return { start: dayIn(task.startAt), due: dayIn(task.dueAt) };
};
const row = (title: string) => page.getByTestId('timeline-key-task').filter({ hasText: title });
const live = () => page.getByTestId('timeline-keys-live');
let buildId = '';
/** Where Design's bar starts relative to Build's (whose dates stay put), and its width: to see it redrawn. */
const barBox = async (id: string) => {
  const rect = async (of: string) => {
    const bar = page.locator(`.gantt .bar-wrapper[data-id="${of}"] .bar`);
    return { x: Number(await bar.getAttribute('x')), width: Number(await bar.getAttribute('width')) };
  };
  const [mine, anchor] = [await rect(id), await rect(buildId)];
  return { x: Math.round(mine.x - anchor.x), width: Math.round(mine.width) };
};

async function openTimeline() {
  await page.goto(`/w/${slug}/projects/${projectId}/timeline`);
  await page.getByTestId('timeline-chart').waitFor();
  await page.getByTestId('timeline-keys').waitFor();
  await page.getByTestId('timeline-mode-day').click();
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.baseUrl, { timezoneId: ZONE });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  slug = await signUpInBrowser(page, { name: 'Klára Klávesová', emailPrefix: 'timeline-keys', password: PASSWORD, workspaceName: 'Klávesnice s.r.o.' });
  expect((await api('POST', '/billing/plan', { plan: 'pro' })).status).toBe(200);
  const project = await api<{ id: string }>('POST', '/projects', { name: 'Web pro pekárnu', startOn: '2026-11-30', dueOn: '2027-01-31' });
  expect(project.status).toBe(201);
  projectId = project.body.id;
  // Noon UTC is the same calendar day in Prague, whatever zone the test runner has.
  const made = await api<Task>('POST', '/tasks', { projectId, title: 'Design', startAt: '2026-12-01T12:00:00Z', dueAt: '2026-12-04T12:00:00Z' });
  expect(made.status).toBe(201);
  design = made.body;
  const build = await api<Task>('POST', '/tasks', { projectId, title: 'Build <b>fast</b>', startAt: '2026-12-07T12:00:00Z', dueAt: '2026-12-10T12:00:00Z' });
  expect(build.status).toBe(201);
  buildId = build.body.id;
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('rescheduling the timeline from the keyboard', () => {
  test('lists the scheduled tasks with a visible hint of the keys', async () => {
    await openTimeline();
    await expect.poll(() => page.getByTestId('timeline-key-task').count()).toBe(2);
    expect(await page.getByTestId('timeline-keys-hint').innerText()).toContain('Shift+');
    // A title is text in the list and in the bar, never markup.
    await row('Build <b>fast</b>').waitFor();
    expect(await page.locator('.gantt .bar-label b').count()).toBe(0);
  });

  test('ArrowRight twice moves start and due two days later: at once, through the API, after a reload', async () => {
    await openTimeline();
    const before = await barBox(design.id);
    await row('Design').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // Drawn at once and announced, before the server has to answer.
    await expect.poll(async () => (await barBox(design.id)).x).toBeGreaterThan(before.x);
    await expect.poll(() => live().innerText()).toMatch(/^Design moved to 3\s*–\s*6 Dec\.$/);
    await expect.poll(() => daysOf(design.id)).toEqual({ start: '2026-12-03', due: '2026-12-06' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('timeline-key-task');
    expect((await barBox(design.id)).width).toBe(before.width);

    await page.reload();
    await page.getByTestId('timeline-keys').waitFor();
    await expect.poll(() => row('Design').getByTestId('timeline-key-range').innerText()).toMatch(/^3\s*–\s*6 Dec$/);
  });

  test('Shift+ArrowRight lengthens by a day; Shift+ArrowLeft stops at one day', async () => {
    await openTimeline();
    const before = await barBox(design.id);
    await row('Design').focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => (await barBox(design.id)).width).toBeGreaterThan(before.width);
    expect((await barBox(design.id)).x).toBe(before.x);
    await expect.poll(() => live().innerText()).toMatch(/^Design now runs 3\s*–\s*7 Dec\.$/);
    await expect.poll(() => daysOf(design.id)).toEqual({ start: '2026-12-03', due: '2026-12-07' });
    await screenshot(page, 'timeline-keyboard');

    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => daysOf(design.id)).toEqual({ start: '2026-12-03', due: '2026-12-03' });
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => live().innerText()).toBe('Design already lasts a single day.');
    // Back to four days for the next test.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => daysOf(design.id)).toEqual({ start: '2026-12-03', due: '2026-12-07' });
  });

  test('a refused move goes back with an error toast', async () => {
    await openTimeline();
    const before = await barBox(design.id);
    // Someone else edits the task: the page's version is now stale and If-Match fails.
    expect((await api('PATCH', `/tasks/${design.id}`, { estimateMinutes: 60 })).status).toBe(200);
    await row('Design').focus();
    await page.keyboard.press('ArrowLeft');
    await page.locator('[data-sonner-toast]').filter({ hasText: 'The task could not be rescheduled.' }).waitFor();
    await expect.poll(() => live().innerText()).toMatch(/^Design could not be rescheduled and is back at 3\s*–\s*7 Dec\.$/);
    await expect.poll(async () => (await barBox(design.id)).x).toBe(before.x);
    expect(await daysOf(design.id)).toEqual({ start: '2026-12-03', due: '2026-12-07' });
  });

  test('Enter opens the task drawer, as a click does', async () => {
    await openTimeline();
    await row('Design').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('task-dialog').waitFor();
    expect(await page.locator('#task-title').inputValue()).toBe('Design');
    await page.keyboard.press('Escape');
    await page.getByTestId('task-dialog').waitFor({ state: 'detached' });
  });
});
