// A project's Board, List and Timeline tabs in Chromium against the real server, on Pro: tasks added
// with quick add, a card dragged to another column and one reordered with the keyboard (order kept
// after a reload), the task drawer (estimate, dates, checklist, dependency), the list sorted, and the
// timeline with bars, the today line, dependency arrows, the broken-dependency warning and a drag
// that reschedules. Screenshots: test-output/screenshots/projects-board-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, signUpInBrowser, startServer, type RunningServer } from './harness.ts';

const PASSWORD = 'amber-lighthouse-ledger-58';

interface Task {
  id: string;
  title: string;
  status: string;
  done: boolean;
  startAt: string | null;
  dueAt: string | null;
  estimateMinutes: number | null;
  checklist: { title: string; done: boolean }[];
  dependsOn: string[];
}
interface Board {
  columns: { status: string; items: Task[] }[];
}

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let slug = '';
let projectId = '';

async function api<T>(method: string, path: string, data?: unknown): Promise<{ status: number; body: T }> {
  const res = await page.request.fetch(`/api/v1/w/${slug}${path}`, { method, data, headers: { Origin: server!.baseUrl, 'Content-Type': 'application/json' } });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

const column = (status: string) => page.locator(`[data-testid="task-column"][data-status="${status}"]`);
const cardTitles = (status: string) => column(status).getByTestId('task-card-title').allInnerTexts();
async function serverOrder(status: string): Promise<string[]> {
  const board = (await api<Board>('GET', `/projects/${projectId}/board`)).body;
  return board.columns.find((c) => c.status === status)!.items.map((t) => t.title);
}
const byTitle = async (title: string) => (await api<Board>('GET', `/projects/${projectId}/board`)).body.columns.flatMap((c) => c.items).find((t) => t.title === title)!;

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.baseUrl);
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  slug = await signUpInBrowser(page, { name: 'Tomáš Plánovač', emailPrefix: 'board', password: PASSWORD, workspaceName: 'Plánování s.r.o.' });
  expect((await api('POST', '/billing/plan', { plan: 'pro' })).status).toBe(200);
  const project = await api<{ id: string }>('POST', '/projects', { name: 'Web pro pekárnu', startOn: '2026-11-30', dueOn: '2027-01-31' });
  expect(project.status).toBe(201);
  projectId = project.body.id;
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('the board', () => {
  test('starts empty with a way to add the first task, then takes tasks with quick add', async () => {
    await page.goto(`/w/${slug}/projects/${projectId}/board`);
    await page.getByTestId('board-empty').waitFor();
    await page.getByTestId('board-empty-add').click();
    const input = page.locator('#task-quick-add-todo');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('task-quick-add-todo');
    for (const title of ['Wireframes', 'Design', 'Build']) {
      await input.fill(title);
      await input.press('Enter');
      await column('todo').getByTestId('task-card').filter({ hasText: title }).waitFor();
    }
    // New cards go on top.
    await expect.poll(() => cardTitles('todo')).toEqual(['Build', 'Design', 'Wireframes']);
    await expect(column('todo').getByTestId('column-count').innerText()).resolves.toBe('3 tasks');
    expect(await serverOrder('todo')).toEqual(['Build', 'Design', 'Wireframes']);
  });

  test('a card dragged to another column moves there and stays after a reload', async () => {
    // The quick-added order is the server's too.
    await page.reload();
    await expect.poll(() => cardTitles('todo')).toEqual(['Build', 'Design', 'Wireframes']);
    const card = column('todo').getByTestId('task-card').filter({ hasText: 'Design' });
    const from = await card.boundingBox();
    const to = await column('doing').getByTestId('column-cards').boundingBox();
    if (!from || !to) throw new Error('board not laid out');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 20 });
    await page.mouse.up();

    await column('doing').getByTestId('task-card').filter({ hasText: 'Design' }).waitFor();
    await expect.poll(() => column('doing').getByTestId('column-count').innerText()).toBe('1 task');
    await expect.poll(async () => (await byTitle('Design')).status).toBe('doing');
    await page.reload();
    await expect.poll(() => cardTitles('doing')).toEqual(['Design']);
    await expect.poll(() => cardTitles('todo')).toEqual(['Build', 'Wireframes']);
  });

  test('a card reordered with the keyboard keeps its place after a reload', async () => {
    await column('todo').getByTestId('task-card').filter({ hasText: 'Wireframes' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await expect.poll(() => cardTitles('todo')).toEqual(['Wireframes', 'Build']);
    await expect.poll(() => serverOrder('todo')).toEqual(['Wireframes', 'Build']);
    await page.reload();
    await expect.poll(() => cardTitles('todo')).toEqual(['Wireframes', 'Build']);
    await screenshot(page, 'projects-board-board');
  });

  test('the task drawer sets estimate, dates, a checklist and a dependency', async () => {
    await column('todo').getByTestId('task-card').filter({ hasText: 'Build' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('task-dialog');
    await dialog.waitFor();
    await page.locator('#task-estimate').fill('12,5x');
    await page.getByTestId('task-submit').click();
    await page.locator('#task-estimate-error').waitFor();
    await page.locator('#task-estimate').fill('12.5');
    await page.locator('#task-start').fill('2026-12-01');
    await page.locator('#task-due').fill('2026-12-04');
    await page.getByTestId('task-new-item').fill('Homepage');
    await page.getByTestId('task-new-item').press('Enter');
    await page.getByTestId('task-new-item').fill('Checkout');
    await page.getByTestId('task-new-item').press('Enter');
    await page.getByTestId('task-checklist').getByRole('checkbox').first().check();
    const design = await byTitle('Design');
    await page.getByTestId('task-add-dependency').selectOption(design.id);
    await page.getByTestId('task-dependencies').getByText('Design').waitFor();
    await screenshot(page, 'projects-board-task-dialog', { fullPage: false });
    await page.getByTestId('task-submit').click();
    await dialog.waitFor({ state: 'detached' });

    const build = await byTitle('Build');
    expect(build).toMatchObject({ estimateMinutes: 750, dependsOn: [design.id] });
    expect(build.checklist).toEqual([
      expect.objectContaining({ title: 'Homepage', done: true }),
      expect.objectContaining({ title: 'Checkout', done: false }),
    ]);
    expect(build.startAt).not.toBeNull();
    const card = column('todo').getByTestId('task-card').filter({ hasText: 'Build' });
    await expect.poll(() => card.innerText()).toContain('1/2');
    await expect.poll(() => column('todo').getByTestId('column-estimate').innerText()).toBe('12.5 h');
  });
});

describe('the list', () => {
  test('shows the same tasks, sortable by title with the sort in the URL', async () => {
    await page.getByTestId('project-tab-list').click();
    await page.getByTestId('task-list').waitFor();
    await expect.poll(() => page.getByTestId('task-row').count()).toBe(3);
    const titles = async () => (await page.getByTestId('task-row').locator('td:first-child button').allInnerTexts()).map((s) => s.trim());
    await page.getByTestId('sort-title').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('title');
    await expect.poll(titles).toEqual(['Build', 'Design', 'Wireframes']);
    await page.getByTestId('sort-title').click();
    await expect.poll(titles).toEqual(['Wireframes', 'Design', 'Build']);
    await screenshot(page, 'projects-board-list');
  });
});

describe('the timeline', () => {
  test('draws bars, the today line and dependency arrows, and warns about a broken dependency', async () => {
    const design = await byTitle('Design');
    // Design ends after Build starts: Build's dependency on it is broken.
    expect((await api('PATCH', `/tasks/${design.id}`, { startAt: '2026-11-30T08:00:00Z', dueAt: '2026-12-03T16:00:00Z' })).status).toBe(200);
    await api('POST', `/projects/${projectId}/milestones`, { name: 'Spuštění', dueOn: '2026-12-18' });
    await page.getByTestId('project-tab-timeline').click();
    await page.getByTestId('timeline-chart').waitFor();
    await expect.poll(() => page.locator('.gantt .bar-wrapper').count()).toBe(3); // two tasks, one milestone
    expect(await page.locator('.gantt .arrow').count()).toBe(1);
    expect(await page.locator('.gantt-container .current-highlight').count()).toBe(1);
    await page.getByTestId('timeline-violation').getByText('“Build” starts before “Design” is due.').waitFor();
    await page.getByTestId('timeline-unscheduled').getByText('Wireframes').waitFor();
    expect(await page.locator('.gantt .bar-wrapper.bar-violated').count()).toBe(1);
    await screenshot(page, 'projects-board-timeline');
  });

  test('dragging a bar reschedules the task and the warning goes away', async () => {
    const build = await byTitle('Build');
    const before = Date.parse(build.startAt!);
    await page.getByTestId('timeline-mode-day').click();
    const bar = page.locator(`.gantt .bar-wrapper[data-id="${build.id}"] .bar`);
    await bar.scrollIntoViewIfNeeded();
    const box = await bar.boundingBox();
    if (!box) throw new Error('bar not drawn');
    const columnWidth = await page.evaluate(() => {
      const cell = document.querySelector('.gantt-container .lower-text');
      return cell ? cell.getBoundingClientRect().width / 0.8 : 45;
    });
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + columnWidth * 1.5, y, { steps: 8 });
    await page.mouse.move(box.x + box.width / 2 + columnWidth * 5, y, { steps: 12 });
    await page.mouse.up();

    await expect.poll(async () => Date.parse((await byTitle('Build')).startAt!) > before, { timeout: 10_000 }).toBe(true);
    const after = await byTitle('Build');
    // Still a four-day task, now starting after Design is due.
    expect(Date.parse(after.dueAt!) - Date.parse(after.startAt!)).toBe(build.dueAt && build.startAt ? Date.parse(build.dueAt) - Date.parse(build.startAt) : 0);
    await page.getByTestId('timeline-no-violations').waitFor();
    await screenshot(page, 'projects-board-timeline-rescheduled');
  });
});
