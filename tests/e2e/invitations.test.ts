// Invitations in Chromium: the owner invites from the members tab (first refused while their email
// is unverified), the link is read from the server's outbox, a second browser creates its account
// from it and lands in the workspace, and the owner's members page shows them. A third invitation
// on Free explains the limit and links to billing. Screenshots: test-output/screenshots/invitations-*.png.
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, screenshot, startServer, uniqueEmail, type RunningServer } from './harness.ts';

const PASSWORD = 'violet-harbour-lantern-42';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let control: Client | undefined;
const contexts: BrowserContext[] = [];

const owner = { name: 'Olga Horáková', email: uniqueEmail('olga'), workspaceName: 'Horáková & syn', slug: '' };
const invitee = { name: 'Petr Svoboda', email: uniqueEmail('petr') };
let ownerPage: Page;

async function openPage(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  if (!browser || !server) throw new Error('set-up failed');
  const context = await newContext(browser, server.baseUrl, options);
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** The invitation link mailed to `to`, as the invitee would click it. */
async function invitationLink(to: string): Promise<string> {
  const rs = await control!.execute({ sql: 'SELECT text FROM email_outbox WHERE "to" = ? AND kind = ? ORDER BY created_at DESC LIMIT 1', args: [to, 'invitation'] });
  const text = String(rs.rows[0]?.['text'] ?? '');
  const m = /(https?:\/\/\S+\/invite\/\S+)/.exec(text);
  if (!m) throw new Error(`no invitation link to ${to} in the outbox: ${text}`);
  return m[1]!;
}

async function sendInvite(page: Page, email: string) {
  await page.getByTestId('invite-open').click();
  await page.getByTestId('invite-dialog').waitFor();
  await page.locator('#invite-email').fill(email);
  await page.getByTestId('invite-send').click();
}

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  control = createClient({ url: `file:${join(server.dataDir, 'control.db')}` });
  ownerPage = await openPage();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  control?.close();
  await browser?.close();
  await server?.stop();
});

describe('invitations', () => {
  test('an owner with an unverified email is told to verify first; once verified the invitation goes out', async () => {
    const page = ownerPage;
    await page.goto('/signup');
    await page.locator('#name').fill(owner.name);
    await page.locator('#email').fill(owner.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#workspaceName').fill(owner.workspaceName);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(/\/w\/[^/]+$/);
    owner.slug = decodeURIComponent(/\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)![1]!);

    // The home page's third step leads here with the invite dialog open.
    await page.getByTestId('onboarding-link-invite').click();
    await page.waitForURL(`**/w/${owner.slug}/settings/members?invite=1`);
    await page.getByTestId('invite-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('invite-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('members-list').waitFor();
    expect(await page.getByTestId('members-usage').innerText()).toContain('1 of 2 members on Free');
    await page.getByTestId('members-alone').waitFor();
    await screenshot(page, 'invitations-01-members-alone');

    await sendInvite(page, invitee.email);
    const problem = page.locator('[data-testid="invite-problem"][data-kind="unverified"]');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('Verify your email address first');
    expect(await page.getByTestId('invite-verify-link').getAttribute('href')).toBe(`/account?from=${owner.slug}`);
    await screenshot(page, 'invitations-02-unverified');

    // The verification flow has its own test: here the address is confirmed directly.
    const verified = await control!.execute({ sql: 'UPDATE users SET email_verified_at = ? WHERE email = ?', args: [Date.now(), owner.email] });
    expect(verified.rowsAffected).toBe(1);

    await page.getByTestId('invite-send').click();
    await page.getByTestId('invite-dialog').waitFor({ state: 'detached' });
    const row = page.locator(`[data-testid="invitation-row"][data-email="${invitee.email}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Invited by Olga Horáková');
    await screenshot(page, 'invitations-03-pending');
  });

  test('the invitee opens the mailed link in another browser, creates an account and lands in the workspace', async () => {
    const link = await invitationLink(invitee.email);
    expect(link.startsWith(`${server!.baseUrl}/invite/`)).toBe(true);

    const page = await openPage();
    await page.goto(link);
    await page.locator('[data-testid="invite-page"][data-mode="create"]').waitFor();
    expect(await page.locator('h1').innerText()).toBe(`Join ${owner.workspaceName}`);
    expect(await page.getByTestId('invite-email').innerText()).toBe(invitee.email);
    expect(await page.getByTestId('invite-details').innerText()).toContain('as member');

    // A weak password is refused at the field, and nothing is created yet.
    await page.locator('#name').fill(invitee.name);
    await page.locator('#password').fill('short');
    await page.getByTestId('invite-create').click();
    await page.locator('#password-error').waitFor();
    await screenshot(page, 'invitations-04-accept-form');

    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('invite-create').click();
    await page.waitForURL(`**/w/${owner.slug}`);
    await page.getByTestId('workspace-heading').waitFor();
    await screenshot(page, 'invitations-05-joined');

    // The member sees the team without the admin tools, and the used link explains itself.
    await page.goto(`/w/${owner.slug}/settings/members`);
    await page.getByTestId('members-only-admins').waitFor();
    expect(await page.getByTestId('invite-open').count()).toBe(0);
    await page.getByTestId('leave-open').waitFor();
    await page.goto(link);
    await page.getByTestId('invite-gone').waitFor();
  });

  test('the owner sees the new member; a third invitation on Free points to the billing tab', async () => {
    const page = ownerPage;
    await page.goto(`/w/${owner.slug}/settings/members`);
    const row = page.locator(`[data-testid="member-row"][data-email="${invitee.email}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(invitee.name);
    expect(await row.getByTestId('member-role-select').inputValue()).toBe('member');
    expect(await page.getByTestId('invitation-row').count()).toBe(0);
    expect(await page.getByTestId('members-usage').innerText()).toContain('2 of 2 members on Free');
    await page.getByTestId('members-upgrade-link').waitFor();
    await screenshot(page, 'invitations-06-owner-sees-member');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'invitations-06-owner-sees-member-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    await sendInvite(page, uniqueEmail('third'));
    const problem = page.locator('[data-testid="invite-problem"][data-kind="full"]');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('The Free plan has room for 2 members');
    expect(await page.getByTestId('invite-upgrade-link').getAttribute('href')).toBe(`/w/${owner.slug}/settings/billing`);
    await screenshot(page, 'invitations-07-free-limit');
  });

  test('an invitee who already has an account logs in from the invitation and comes back to accept it', async () => {
    // Room for a third member: the workspace goes Pro (billing has its own tests).
    await control!.execute({ sql: "UPDATE workspaces SET plan = 'pro' WHERE slug = ?", args: [owner.slug] });
    const eva = { name: 'Eva Dvořáková', email: uniqueEmail('eva') };
    const signup = await fetch(`${server!.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server!.baseUrl },
      body: JSON.stringify({ ...eva, password: PASSWORD, workspaceName: 'Eva s.r.o.' }),
    });
    expect(signup.status).toBe(201);

    await ownerPage.goto(`/w/${owner.slug}/settings/members`);
    await ownerPage.getByTestId('invite-open').click();
    await ownerPage.locator('#invite-email').fill(eva.email);
    await ownerPage.getByTestId('invite-role-admin').check();
    await ownerPage.getByTestId('invite-send').click();
    await ownerPage.locator(`[data-testid="invitation-row"][data-email="${eva.email}"]`).waitFor();

    const page = await openPage();
    await page.goto(await invitationLink(eva.email));
    await page.locator('[data-testid="invite-page"][data-mode="log-in"]').waitFor();
    await screenshot(page, 'invitations-08-log-in-first');
    await page.getByTestId('invite-login').click();
    await page.waitForURL('**/login?redirect=*');
    await page.locator('#email').fill(eva.email);
    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();

    await page.locator('[data-testid="invite-page"][data-mode="accept"]').waitFor();
    await page.getByTestId('invite-accept').click();
    await page.waitForURL(`**/w/${owner.slug}`);
    await page.getByTestId('workspace-heading').waitFor();

    await ownerPage.reload();
    const row = ownerPage.locator(`[data-testid="member-row"][data-email="${eva.email}"]`);
    await row.waitFor();
    expect(await row.getByTestId('member-role-select').inputValue()).toBe('admin');
    expect(await ownerPage.getByTestId('members-usage').innerText()).toContain('3 members on Pro');
  });

  test('a removed member is no longer offered as an owner, without reloading the app', async () => {
    const page = ownerPage;
    // The owner picker of a new company, once the member list has arrived (Eva is always in it).
    const ownerOptions = async () => {
      await page.getByTestId('nav-companies').click();
      await page.getByTestId('new-company').click();
      const options = page.locator('#company-owner option');
      await expect.poll(async () => (await options.allInnerTexts()).join('|')).toContain('Eva Dvořáková');
      const texts = (await options.allInnerTexts()).join('|');
      await page.keyboard.press('Escape');
      return texts;
    };
    await page.goto(`/w/${owner.slug}`);
    expect(await ownerOptions()).toContain(invitee.name);

    // In-app navigation only: the member list the pickers fetched earlier stays in memory.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-members').click();
    const row = page.locator(`[data-testid="member-row"][data-email="${invitee.email}"]`);
    await row.getByTestId('member-actions').click();
    await page.getByTestId('member-remove').click();
    await page.getByTestId('member-confirm-confirm').click();
    await row.waitFor({ state: 'detached' });

    expect(await ownerOptions()).not.toContain(invitee.name);
  });
});
