// The built web app against the real server, in Chromium: sign-up, log-in/out, language, tenant isolation,
// form errors, and a screenshot of every screen in test-output/screenshots/.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  assertWebBuilt,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  uniqueEmail,
  type RunningServer,
} from './harness.ts';

const PASSWORD = 'violet-harbour-lantern-42';

let server: RunningServer | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

// User A, signed up in the first test and reused by the later ones.
const alice = { name: 'Alice Nováková', email: uniqueEmail('alice'), workspaceName: 'Nováková & partneři', slug: '' };
let alicePage: Page;

async function openPage(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  if (!browser || !server) throw new Error('set-up failed');
  const context = await newContext(browser, server.baseUrl, options);
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

async function fillSignup(page: Page, input: { name: string; email: string; password: string; workspaceName: string }) {
  await page.locator('#name').fill(input.name);
  await page.locator('#email').fill(input.email);
  await page.locator('#password').fill(input.password);
  await page.locator('#workspaceName').fill(input.workspaceName);
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

function slugFrom(page: Page): string {
  const match = /\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not in a workspace: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

async function openUserMenu(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('user-menu-content').waitFor();
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  alicePage = await openPage();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('web app', () => {
  test('a visitor is sent to the login page, and can go on to sign up', async () => {
    const page = alicePage;
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByTestId('login-form').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Log in to Tandem');
    await screenshot(page, '01-login');

    await page.getByTestId('to-signup').click();
    await page.waitForURL('**/signup');
    await page.getByTestId('signup-form').waitFor();
    await screenshot(page, '02-signup');
  });

  test('sign-up lands in the new, empty workspace with the onboarding steps', async () => {
    const page = alicePage;
    await fillSignup(page, { ...alice, password: PASSWORD });
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(/\/w\/[^/]+$/);
    alice.slug = slugFrom(page);

    const heading = page.getByTestId('workspace-heading');
    await heading.waitFor();
    expect(await heading.textContent()).toContain(alice.workspaceName);
    expect(await page.getByTestId('workspace-name').textContent()).toBe(alice.workspaceName);
    expect(await page.getByTestId('user-name').textContent()).toBe(alice.name);

    const steps = page.getByTestId('onboarding-steps').locator('li');
    expect(await steps.count()).toBe(3);
    const text = await page.getByTestId('onboarding-steps').innerText();
    expect(text).toContain('Add your first client');
    expect(text).toContain('Import a CSV');
    expect(text).toContain('Invite a colleague');
    await screenshot(page, '03-workspace-home');
  });

  test('the module pages open, and on Free projects carry the Pro badge and an upgrade path', async () => {
    const page = alicePage;
    await page.getByTestId('nav-companies').click();
    await page.getByTestId('module-companies').waitFor();
    expect(await page.getByTestId('nav-companies').getAttribute('aria-current')).toBe('page');
    await screenshot(page, '04-companies-empty');

    await page.getByTestId('nav-projects').click();
    await page.getByTestId('portfolio-empty').waitFor();
    expect(await page.getByTestId('nav-projects').getByTestId('pro-badge').textContent()).toBe('Pro');
    await page.getByTestId('upgrade-callout').waitFor();
    await screenshot(page, '05-projects-pro');
  });

  test('settings rename the workspace, and an empty name is a field error', async () => {
    const page = alicePage;
    await page.getByTestId('nav-settings').click();
    const name = page.locator('#name');
    await name.waitFor();
    expect(await name.inputValue()).toBe(alice.workspaceName);

    await name.fill('   ');
    await page.getByTestId('settings-save').click();
    await page.locator('#name-error').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toContain('name-error');
    expect(await page.locator('#name-error').textContent()).toContain('This field is required.');

    alice.workspaceName = 'Nováková & partneři s.r.o.';
    await name.fill(alice.workspaceName);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-status').getByText('Workspace renamed.').waitFor();
    await page.getByTestId('workspace-name').getByText(alice.workspaceName, { exact: true }).waitFor();
    await screenshot(page, '06-settings');

    await page.reload();
    await page.getByTestId('workspace-name').getByText(alice.workspaceName, { exact: true }).waitFor();
  });

  test('log out goes to the login page, and the workspace then asks to log in', async () => {
    const page = alicePage;
    await page.goto(`/w/${alice.slug}`);
    await openUserMenu(page);
    await screenshot(page, '07-user-menu');
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-form').waitFor();

    await page.goto(`/w/${alice.slug}/settings`);
    await page.waitForURL('**/login');
  });

  test('log in again returns to the workspace', async () => {
    const page = alicePage;
    await logIn(page, alice.email, PASSWORD);
    await page.waitForURL(`**/w/${alice.slug}`);
    await page.getByTestId('workspace-heading').waitFor();
    expect(await page.getByTestId('workspace-name').textContent()).toBe(alice.workspaceName);
  });

  test('the language switch in the user menu turns the app Czech and back, and is remembered', async () => {
    const page = alicePage;
    await openUserMenu(page);
    await page.getByTestId('menu-lang-cs').click();
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-companies').getByText('Firmy', { exact: true }).waitFor();
    await page.getByTestId('nav-contacts').getByText('Kontakty', { exact: true }).waitFor();
    expect(await page.getByTestId('nav-deals').innerText()).toBe('Obchody');
    expect(await page.getByTestId('onboarding-steps').innerText()).toContain('Přidejte prvního klienta');
    expect(await page.locator('html').getAttribute('lang')).toBe('cs');
    await screenshot(page, '08-workspace-home-cs');

    await page.reload();
    await page.getByTestId('nav-companies').getByText('Firmy', { exact: true }).waitFor();

    await openUserMenu(page);
    await page.getByTestId('menu-lang-en').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-companies').getByText('Companies', { exact: true }).waitFor();
    await page.getByTestId('nav-contacts').getByText('Contacts', { exact: true }).waitFor();
  });

  test("a second sign-up makes a second workspace that the first user cannot open", async () => {
    const page = await openPage();
    await page.goto('/signup');
    await fillSignup(page, {
      name: 'Bob Dvořák',
      email: uniqueEmail('bob'),
      password: PASSWORD,
      workspaceName: 'Dvořák Consulting',
    });
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(/\/w\/[^/]+$/);
    const bobSlug = slugFrom(page);
    expect(bobSlug).not.toBe(alice.slug);
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Dvořák Consulting');

    // Alice's switcher lists only her own workspace.
    await alicePage.getByTestId('workspace-switcher').click();
    await alicePage.getByTestId('workspace-menu').waitFor();
    expect(await alicePage.getByTestId(`workspace-option-${alice.slug}`).count()).toBe(1);
    expect(await alicePage.getByTestId(`workspace-option-${bobSlug}`).count()).toBe(0);
    await screenshot(alicePage, '09-workspace-switcher');
    await alicePage.keyboard.press('Escape');

    await alicePage.goto(`/w/${bobSlug}`);
    await alicePage.getByTestId('workspace-not-found').waitFor();
    expect(await alicePage.getByTestId('workspace-not-found').innerText()).toContain('Workspace not found');
    expect(await alicePage.getByText('Dvořák Consulting').count()).toBe(0);
    await screenshot(alicePage, '10-workspace-not-found');

    await alicePage.getByTestId('not-found-home').click();
    await alicePage.waitForURL(`**/w/${alice.slug}`);
  });

  test('a wrong password shows the error message and keeps the user on the login page', async () => {
    const page = await openPage();
    await logIn(page, alice.email, 'not-the-right-password');
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.innerText()).toContain('That email and password do not match.');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, '11-login-wrong-password');
  });

  test('too many failed log-ins show the rate-limit message', async () => {
    if (!server) throw new Error('set-up failed');
    const email = uniqueEmail('erin');
    const headers = { 'Content-Type': 'application/json', Origin: server.baseUrl };
    const signup = await fetch(`${server.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Erin', email, password: PASSWORD, workspaceName: 'Erin Ltd' }),
    });
    expect(signup.status).toBe(201);
    // API.md: the account is locked after 10 failures in 15 minutes.
    for (let i = 0; i < 10; i++) {
      await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email, password: `wrong-${i}-password` }),
      });
    }

    const page = await openPage();
    await logIn(page, email, PASSWORD);
    const error = page.getByTestId('form-error');
    await error.getByText('Too many attempts', { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, '11b-login-rate-limited');
  });

  test('a weak password shows the field error under the password input', async () => {
    const page = await openPage();
    await page.goto('/signup');
    await fillSignup(page, { name: 'Carol', email: uniqueEmail('carol'), password: 'password', workspaceName: 'Carol Co' });
    await page.getByTestId('signup-submit').click();

    const password = page.locator('#password');
    const error = page.locator('#password-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('too common');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toContain('password-error');
    // The message sits right under its input.
    const inputBox = await password.boundingBox();
    const errorBox = await error.boundingBox();
    expect(inputBox && errorBox && errorBox.y > inputBox.y).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/signup');
    await screenshot(page, '12-signup-weak-password');

    // Too short is caught before the request, in the same place.
    await password.fill('short');
    await page.getByTestId('signup-submit').click();
    await page.locator('#password-error').getByText('Use at least 8 characters.').waitFor();
  });

  test('an email that is already registered is reported in the error summary', async () => {
    const page = await openPage();
    await page.goto('/signup');
    await fillSignup(page, { name: 'Alice again', email: alice.email, password: PASSWORD, workspaceName: 'Dupe' });
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('form-error').getByText('An account with this email already exists.', { exact: false }).waitFor();
  });

  test('a Czech browser gets Czech auth pages, with Czech field errors', async () => {
    const page = await openPage({ locale: 'cs-CZ' });
    await page.goto('/signup');
    await page.getByTestId('signup-form').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Založte si pracovní prostor');
    await fillSignup(page, { name: 'Dana', email: uniqueEmail('dana'), password: 'password', workspaceName: 'Dana' });
    await page.getByTestId('signup-submit').click();
    await page.locator('#password-error').getByText('příliš běžné', { exact: false }).waitFor();
    await screenshot(page, '13-signup-cs');

    await page.getByTestId('lang-en').click();
    await page.locator('h1').getByText('Create your workspace').waitFor();
  });

  test('on a phone the sidebar is a drawer', async () => {
    const page = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await logIn(page, alice.email, PASSWORD);
    await page.waitForURL(`**/w/${alice.slug}`);
    await page.getByTestId('workspace-heading').waitFor();
    expect(await page.getByTestId('sidebar').count()).toBe(0);
    await screenshot(page, '14-phone-home');

    await page.getByTestId('open-nav').click();
    await page.getByTestId('sidebar').waitFor();
    await screenshot(page, '15-phone-drawer', { fullPage: false });
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('module-contacts').waitFor();
    await page.getByTestId('sidebar').waitFor({ state: 'detached' });
  });

  test('dark mode follows the system', async () => {
    const page = await openPage({ colorScheme: 'dark' });
    await logIn(page, alice.email, PASSWORD);
    await page.waitForURL(`**/w/${alice.slug}`);
    await page.getByTestId('workspace-heading').waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).not.toBe('rgb(250, 250, 250)');
    await screenshot(page, '16-workspace-home-dark');
    await page.goto('/login');
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, '17-login-dark');
  });
});
