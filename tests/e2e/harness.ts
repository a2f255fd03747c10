// Shared set-up for the browser tests: the real server (api/node.ts) on a free port with a fresh data
// directory, and Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface RunningServer {
  baseUrl: string;
  /** The server's DATA_DIR: tests read what it wrote (control.db's email outbox, say). */
  dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Fails early, with the fix in the message, when the web app has not been built. */
export function assertWebBuilt(): void {
  const index = join(repoRoot, 'web', 'build', 'index.html');
  if (!existsSync(index)) {
    throw new Error(`web/build/index.html is missing: run \`npm run build\` before the e2e tests (npm test does it).`);
  }
}

/** Starts `node api/node.ts` and resolves once `GET /api/v1/health` answers 200. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'api', 'node.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`api/node.ts exited with code ${child.exitCode} before becoming healthy:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`api/node.ts did not answer /api/v1/health within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    baseUrl,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\`.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (own cookies and localStorage), English unless told otherwise. */
export function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    ...options,
  });
}

/** Saves a (by default full-page) screenshot to test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let transitions settle so the picture shows the finished screen.
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: options.fullPage ?? true });
}

let counter = 0;
/** A unique email per call, so reruns against one data directory never collide. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.com`;
}

/** Signs up through the form, as a new user would, and returns the new workspace's slug. */
export async function signUpInBrowser(page: Page, who: { name: string; emailPrefix: string; password: string; workspaceName: string }): Promise<string> {
  await page.goto('/signup');
  await page.locator('#name').fill(who.name);
  await page.locator('#email').fill(uniqueEmail(who.emailPrefix));
  await page.locator('#password').fill(who.password);
  await page.locator('#workspaceName').fill(who.workspaceName);
  await page.getByTestId('signup-submit').click();
  await page.waitForURL(/\/w\/[^/]+/);
  return /\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)![1]!;
}
