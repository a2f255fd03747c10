// The API keys tab in Chromium against the real server: create a key, see and copy its secret once,
// use it from outside the browser, revoke it with a confirmation, in English, in Czech and on a phone.
// Screenshots go to test-output/screenshots/api-keys-*.png.
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

/** A request the way an integration makes it: no cookie, only the key. */
function withKey(secret: string, path: string): Promise<Response> {
  if (!server) throw new Error('set-up failed');
  return fetch(`${server.baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${secret}` } });
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  page = await openPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
  await page.goto('/signup');
  await page.locator('#name').fill('Klára Klíčová');
  await page.locator('#email').fill(uniqueEmail('keys'));
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#workspaceName').fill('Klíčová s.r.o.');
  await page.getByTestId('signup-submit').click();
  await page.waitForURL(/\/w\/[^/]+/);
  slug = /\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)![1]!;
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('API keys tab', () => {
  let secret = '';

  test('starts empty, creates a key and shows its secret once, with a working copy button', async () => {
    await page.goto(`/w/${slug}/settings/api-keys`);
    await page.getByTestId('api-keys-empty').waitFor();
    await screenshot(page, 'api-keys-empty');

    await page.getByTestId('api-key-create').click();
    const dialog = page.getByTestId('api-key-dialog');
    await dialog.waitFor();
    // Empty name: a sentence next to the field, nothing sent.
    await page.getByTestId('api-key-submit').click();
    await expect(page.getByTestId('api-key-name-error').textContent()).resolves.toContain('required');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('api-key-name');

    await page.locator('#api-key-name').fill('Zapier');
    await page.getByTestId('api-key-expiry').selectOption('d90');
    await screenshot(page, 'api-keys-create');
    await page.getByTestId('api-key-submit').click();

    const secretBox = page.getByTestId('api-key-secret');
    await secretBox.waitFor();
    secret = await secretBox.inputValue();
    expect(secret).toMatch(/^tdm_[0-9a-f-]{36}_[a-z2-7]{32}$/);
    await expect(page.getByTestId('api-key-secret-panel').textContent()).resolves.toContain('You won’t see this key again');
    await page.getByTestId('api-key-copy').click();
    // The label flips after the asynchronous clipboard write: wait for it rather than read at once.
    await page.getByTestId('api-key-copy').filter({ hasText: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);
    await screenshot(page, 'api-keys-secret');

    // The key works from outside the browser, as a member-role key.
    expect((await withKey(secret, `/w/${slug}/companies`)).status).toBe(200);
    expect((await withKey(secret, '/me')).status).toBe(401);

    await page.getByTestId('api-key-done').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Zapier' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Member');
    expect(text).toContain('Klára Klíčová');
    expect(text).toContain('Active');
    // The page shows the secret nowhere once the dialog is closed, not even after a reload.
    expect(await page.content()).not.toContain(secret.slice(-32));
    await page.reload();
    await page.getByTestId('api-keys-table').waitFor();
    expect(await page.content()).not.toContain(secret.slice(-32));
    // Used a moment ago: the list says so.
    await expect(page.getByTestId('api-key-row').filter({ hasText: 'Zapier' }).textContent()).resolves.not.toContain('Not used yet');
    await screenshot(page, 'api-keys-list');
  });

  test('revokes only after confirmation, and the key stops working at once', async () => {
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Zapier' });
    await row.getByTestId('api-key-revoke').click();
    const confirm = page.getByTestId('api-key-revoke-dialog');
    await confirm.waitFor();
    await screenshot(page, 'api-keys-revoke');
    // Cancel leaves it alone.
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect((await withKey(secret, `/w/${slug}/companies`)).status).toBe(200);

    await row.getByTestId('api-key-revoke').click();
    await page.getByTestId('api-key-revoke-confirm').click();
    await confirm.waitFor({ state: 'detached' });
    await expect(row.getByTestId('api-key-status').textContent()).resolves.toContain('Revoked');
    await expect(row.getByTestId('api-key-revoke').count()).resolves.toBe(0);
    expect((await withKey(secret, `/w/${slug}/companies`)).status).toBe(401);
  });

  test('speaks Czech and fits a phone', async () => {
    await page.evaluate(() => localStorage.setItem('tandem.locale', 'cs'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/w/${slug}/settings/api-keys`);
    const cards = page.getByTestId('api-keys-cards');
    await cards.waitFor();
    await expect(cards.textContent()).resolves.toContain('Zrušen');
    await expect(page.getByRole('heading', { name: 'API klíče' }).count()).resolves.toBeGreaterThan(0);
    // Nothing wider than the screen.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'api-keys-phone-cs');
    await page.evaluate(() => localStorage.setItem('tandem.locale', 'en'));
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
