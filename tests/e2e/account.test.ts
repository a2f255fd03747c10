// Account in Chromium: sign up, open the verification link from the outbox (the banner goes),
// rename yourself, see your devices, change the password (the other device is signed out),
// and delete the workspace through the typed-name dialog. Screenshots: test-output/screenshots/account-*.png.
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, startServer, uniqueEmail, type RunningServer } from './harness.ts';

const PASSWORD = 'violet-harbour-lantern-42';
const NEW_PASSWORD = 'amber-meadow-compass-77';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let control: Client | undefined;
const contexts: BrowserContext[] = [];

const user = { name: 'Tereza Malá', email: uniqueEmail('tereza'), workspaceName: 'Malá studio', slug: '' };
let page: Page;

async function openPage(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  if (!browser || !server) throw new Error('set-up failed');
  const context = await newContext(browser, server.baseUrl, options);
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** The newest link of `kind` mailed to `to`, read from the server's outbox like an inbox. */
async function linkFromOutbox(to: string, kind: string): Promise<string> {
  const rs = await control!.execute({ sql: 'SELECT text FROM email_outbox WHERE "to" = ? AND kind = ? ORDER BY created_at DESC LIMIT 1', args: [to, kind] });
  const text = String(rs.rows[0]?.['text'] ?? '');
  const m = /https?:\/\/\S+(\/verify-email\/[a-z0-9]+\.[a-z0-9]+)/.exec(text);
  if (!m) throw new Error(`no ${kind} link to ${to} in the outbox: ${text}`);
  return m[1]!;
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  control = createClient({ url: `file:${join(server.dataDir, 'control.db')}` });
  page = await openPage();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  control?.close();
  await browser?.close();
  await server?.stop();
});

describe('account', () => {
  test('a new account sees the verification banner; the mailed link confirms the email and the banner goes', async () => {
    await page.goto('/signup');
    await page.locator('#name').fill(user.name);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#workspaceName').fill(user.workspaceName);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(/\/w\/[^/]+$/);
    user.slug = decodeURIComponent(/\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)![1]!);

    const banner = page.getByTestId('verify-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(user.email);
    await screenshot(page, 'account-01-verify-banner');

    // Resend works from the banner and says so.
    await banner.getByTestId('resend-verification').click();
    await banner.getByTestId('resend-sent').waitFor();

    await page.goto(await linkFromOutbox(user.email, 'verify_email'));
    await page.locator('[data-testid="verify-email"][data-status="ok"]').waitFor();
    expect(await page.locator('main').innerText()).toContain(`${user.email} is confirmed`);
    await screenshot(page, 'account-02-verified');

    await page.getByTestId('verify-continue').click();
    await page.waitForURL(`**/w/${user.slug}`);
    await page.getByTestId('workspace-heading').waitFor();
    expect(await page.getByTestId('verify-banner').count()).toBe(0);

    // The same link a second time explains itself instead of failing silently.
    await page.goto(await linkFromOutbox(user.email, 'verify_email'));
    await page.locator('[data-testid="verify-email"][data-status="failed"]').waitFor();
    expect(await page.locator('main').innerText()).toMatch(/already been used/);
    // Signed in, the way on leads to the account settings.
    expect(await page.getByTestId('verify-next').getAttribute('href')).toBe('/account');
  });

  test('the user menu opens account settings, where the name changes', async () => {
    await page.goto(`/w/${user.slug}`);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-account').click();
    await page.waitForURL('**/account?from=*');
    await page.getByTestId('profile-form').waitFor();
    expect(await page.getByTestId('account-email').innerText()).toBe(user.email);
    await page.getByTestId('email-verified').waitFor();
    await page.getByTestId('this-device').waitFor();

    const name = page.locator('#profile-name');
    await name.fill('  ');
    await page.getByTestId('profile-save').click();
    await page.locator('#profile-name-error').waitFor();

    user.name = 'Tereza Malá-Veselá';
    await name.fill(user.name);
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-status').getByText('Profile saved.').waitFor();
    await screenshot(page, 'account-03-settings');

    await page.getByTestId('account-back').click();
    await page.waitForURL(`**/w/${user.slug}`);
    await page.getByTestId('user-name').getByText(user.name, { exact: true }).waitFor();
  });

  test('changing the password keeps this device signed in and signs the other one out', async () => {
    const laptop = await openPage();
    await laptop.goto('/login');
    await laptop.locator('#email').fill(user.email);
    await laptop.locator('#password').fill(PASSWORD);
    await laptop.getByTestId('login-submit').click();
    await laptop.waitForURL(/\/w\/[^/]+$/);

    await page.goto('/account');
    const rows = page.getByTestId('session-row');
    await page.getByTestId('sessions-list').waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator('[data-testid="session-row"][data-current="true"]').count()).toBe(1);

    // A wrong current password is a field error, and nothing changes.
    await page.locator('#current-password').fill('not my password');
    await page.locator('#new-password').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.locator('#current-password-error').waitFor();
    expect(await page.locator('#current-password-error').innerText()).toContain('The password is incorrect.');
    await screenshot(page, 'account-04-password-wrong');

    await page.locator('#current-password').fill(PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-status').getByText('Password changed.', { exact: false }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId('sessions-empty').waitFor();
    await screenshot(page, 'account-05-password-changed');

    // The laptop's session is gone: its next navigation lands on the login page.
    await laptop.reload();
    await laptop.waitForURL('**/login');
    // This device is still signed in.
    await page.goto(`/w/${user.slug}`);
    await page.getByTestId('workspace-heading').waitFor();
  });

  test('an email change asks for the password and then says to check the new inbox', async () => {
    await page.goto('/account');
    await page.getByTestId('email-change').click();
    const newEmail = uniqueEmail('tereza.new');
    await page.locator('#new-email').fill(newEmail);
    await page.locator('#email-password').fill(NEW_PASSWORD);
    await page.getByTestId('email-submit').click();
    await page.getByTestId('email-check-inbox').waitFor();
    expect(await page.getByTestId('email-check-inbox').innerText()).toContain(newEmail);
    // Until the link is opened the login stays the old one.
    expect(await page.getByTestId('account-email').innerText()).toBe(user.email);
    await screenshot(page, 'account-06-email-check-inbox');
    expect(await linkFromOutbox(newEmail, 'email_change')).toMatch(/^\/verify-email\//);
  });

  test('the language saved in account settings follows the person to a new device at login', async () => {
    const saved = await page.request.patch('/api/v1/me', { data: { locale: 'cs' }, headers: { Origin: new URL(page.url()).origin } });
    expect(saved.status()).toBe(200);
    const desk = await openPage({ locale: 'en-GB' });
    await desk.goto('/login');
    expect(await desk.evaluate(() => document.documentElement.lang)).toBe('en');
    await desk.locator('#email').fill(user.email);
    await desk.locator('#password').fill(NEW_PASSWORD);
    await desk.getByTestId('login-submit').click();
    await desk.waitForURL(/\/w\/[^/]+$/);
    expect(await desk.evaluate(() => document.documentElement.lang)).toBe('cs');
    expect(await desk.getByTestId('nav-companies').innerText()).toBe('Firmy');
  });

  test('on a phone, in Czech, the account page stacks its sections', async () => {
    const phone = await openPage({ viewport: { width: 390, height: 844 }, locale: 'cs-CZ', isMobile: true, hasTouch: true });
    await phone.goto('/login');
    await phone.locator('#email').fill(user.email);
    await phone.locator('#password').fill(NEW_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.waitForURL(/\/w\/[^/]+$/);
    await phone.goto('/account');
    await phone.getByTestId('profile-form').waitFor();
    expect(await phone.getByTestId('page-title').innerText()).toBe('Nastavení účtu');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(phone, 'account-07-phone-cs');
  });

  test('the owner deletes the workspace by typing its name', async () => {
    await page.goto(`/w/${user.slug}/settings`);
    await page.getByTestId('danger-zone').waitFor();
    await page.getByTestId('delete-workspace').click();
    const dialog = page.getByTestId('delete-workspace-dialog');
    await dialog.waitFor();
    const confirm = dialog.getByTestId('delete-workspace-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await page.locator('#delete-confirm').fill('Mala studio');
    expect(await confirm.isDisabled()).toBe(true);
    await page.locator('#delete-confirm').fill(user.workspaceName);
    expect(await confirm.isDisabled()).toBe(false);
    await screenshot(page, 'account-08-delete-workspace');

    await confirm.click();
    // The only workspace is gone: the account page remains.
    await page.waitForURL('**/account');
    await page.getByTestId('profile-form').waitFor();
    const res = await page.request.get(`/api/v1/w/${user.slug}`);
    expect(res.status()).toBe(404);
  });
});
