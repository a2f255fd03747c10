// The HTML payload of the write-route fuzz, seen in Chromium: a company whose name is markup
// must show up as text on the companies list and the detail page, and never run.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, newContext, startServer, uniqueEmail, type RunningServer } from './harness.ts';

const NAME = '<img src=x onerror="window.__pwned=1">';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;

async function api<T>(method: 'POST', path: string, body: unknown): Promise<T> {
  if (!server) throw new Error('set-up failed');
  const res = await page.request.fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: server.baseUrl },
    data: JSON.stringify(body),
  });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

beforeAll(async () => {
  assertWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.baseUrl);
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('HTML in record names', () => {
  test('a company named with an onerror image is shown as text on the list and the detail page', async () => {
    await page.goto('/login');
    const { workspace } = await api<{ workspace: { slug: string } }>('POST', '/auth/signup', {
      name: 'Eva Fuzzová',
      email: uniqueEmail('fuzz'),
      password: 'quiet-orchard-compass-71',
      workspaceName: 'Fuzz HTML',
    });
    const company = await api<{ id: string; name: string }>('POST', `/w/${workspace.slug}/companies`, { name: NAME });
    expect(company.name).toBe(NAME);

    await page.goto(`/w/${workspace.slug}/companies`);
    await page.getByText(NAME, { exact: true }).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await pwned()).toBeUndefined();

    await page.goto(`/w/${workspace.slug}/companies/${company.id}`);
    await page.getByText(NAME, { exact: true }).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
  });
});
