// Deleting a deal stage that still holds deals, in Chromium against the real server: the refusal
// on the row offers “Move the deals and delete…”, the dialog is worked from the keyboard, a target
// that vanished meanwhile is an error inside the dialog, and the deals end up on the board in the
// chosen column. Screenshots: stage-move-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, startServer, uniqueEmail, type RunningServer } from './harness.ts';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let slug = '';

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

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const column = (stageId: string) => page.locator(`[data-testid="stage-column"][data-stage-id="${stageId}"]`);

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.baseUrl);
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  const signup = await call<{ workspace: { slug: string } }>('POST', '/auth/signup', {
    email: uniqueEmail('stage-move'),
    password: 'amber-orchard-compass-77',
    name: 'Eva Malá',
    workspaceName: 'Malá agentura',
  });
  expect(signup.status).toBe(201);
  slug = signup.body.workspace.slug;
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('deleting a stage that holds deals', () => {
  test('moves its deals to another stage and deletes it, through the dialog', async () => {
    const demo = await call<{ id: string }>('POST', `/w/${slug}/deal-stages`, { name: 'Demo' });
    const spare = await call<{ id: string }>('POST', `/w/${slug}/deal-stages`, { name: 'Spare' });
    expect([demo.status, spare.status]).toEqual([201, 201]);
    const dealIds: string[] = [];
    for (const title of ['Website relaunch', 'Brand workshop']) {
      const deal = await call<{ id: string }>('POST', `/w/${slug}/deals`, { title, stage: demo.body.id });
      expect(deal.status).toBe(201);
      dealIds.push(deal.body.id);
    }
    expect((await call('POST', `/w/${slug}/deals`, { title: 'Already proposed', stage: 'proposal' })).status).toBe(201);

    await page.goto(`/w/${slug}/deals`);
    await column(demo.body.id).waitFor();
    await page.getByTestId('manage-stages').click();
    await page.getByTestId('stage-settings').waitFor();
    const rows = await page.getByTestId('stage-row').count();

    // The refusal names the reason and puts focus on the way out.
    await page.getByTestId(`stage-delete-${demo.body.id}`).click();
    await page.getByTestId('stage-error').waitFor();
    expect(await page.getByTestId('stage-error').textContent()).toContain('Move the 2 deals');
    const open = page.getByTestId(`stage-move-open-${demo.body.id}`);
    await expect.poll(() => open.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    const dialog = page.getByTestId('stage-move');
    await dialog.waitFor();
    expect(plain(await dialog.textContent())).toContain('2 deals are in this stage.');
    const select = page.getByTestId('stage-move-target');
    // The select has focus, the stage before the doomed one is chosen, the doomed one is no option.
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await select.inputValue()).toBe('negotiation');
    expect(await select.locator('option').allTextContents()).not.toContain('Demo');

    // A target deleted meanwhile: the dialog stays, says so and keeps the deals where they were.
    await select.selectOption(spare.body.id);
    expect((await call('DELETE', `/w/${slug}/deal-stages/${spare.body.id}`)).status).toBe(204);
    await page.getByTestId('stage-move-confirm').click();
    await page.getByTestId('stage-move-error').waitFor();
    expect(await page.getByTestId('stage-move-error').textContent()).toContain('no longer there');
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'stage-move-error', { fullPage: false });

    // Choose Proposal and confirm from the keyboard (Tab past Cancel to the button).
    // The vanished target is no option any more; the select asks for a choice instead.
    await expect.poll(() => select.locator('option:not([disabled])').count()).toBe(rows - 2);
    expect(await select.inputValue()).toBe('');
    expect(await page.getByTestId('stage-move-error').count()).toBe(1);
    await select.selectOption('proposal');
    await select.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('stage-move-confirm');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Deals moved to “Proposal”, stage “Demo” deleted.').waitFor();
    await expect.poll(() => page.getByTestId('stage-row').count()).toBe(rows - 2);
    await screenshot(page, 'stage-move-done', { fullPage: false });

    // Escape closes the settings; the board shows the deals at the end of Proposal.
    await page.keyboard.press('Escape');
    await page.getByTestId('stage-settings').waitFor({ state: 'detached' });
    expect(await column(demo.body.id).count()).toBe(0);
    await expect.poll(async () => plain(await column('proposal').getByTestId('stage-count').textContent())).toBe('3 deals');
    const titles = await column('proposal').getByTestId('deal-card').allTextContents();
    expect(titles[0]).toContain('Already proposed');
    for (const id of dealIds) {
      expect((await call<{ stage: string }>('GET', `/w/${slug}/deals/${id}`)).body.stage).toBe('proposal');
    }
  });
});
