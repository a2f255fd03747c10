// Starts, in Node, what the Worker under test talks to over HTTP: the Hrana server holding
// the control DB and every tenant DB, and the Turso Platform API fake whose created databases
// become Hrana databases. Their URLs reach the Worker as bindings (vitest.config.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startHranaServer } from '../support/hrana-server.ts';
import { startTursoPlatformFake } from '../support/turso-platform-fake.ts';

export const CONTROL_TOKEN = 'control-token-for-tests';
export const GROUP_TOKEN = 'group-token-for-tests';
export const API_TOKEN = 'platform-token-for-tests';
export const ORG = 'tandem-test';
export const GROUP = 'tenants';

declare module 'vitest' {
  export interface ProvidedContext {
    controlDbUrl: string;
    tursoApiUrl: string;
    tenantDbUrlTemplate: string;
    webBuilt: boolean;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-worker-'));
  const hrana = await startHranaServer({
    dir,
    authTokens: [CONTROL_TOKEN, GROUP_TOKEN],
    ...(process.env['HRANA_LOG'] ? { log: (line: string) => console.log(`[hrana] ${line}`) } : {}),
  });
  const turso = await startTursoPlatformFake({
    org: ORG,
    groups: [GROUP],
    apiToken: API_TOKEN,
    onCreate: (name) => void hrana.createDatabase(name),
    onDelete: (name) => hrana.deleteDatabase(name),
  });
  project.provide('controlDbUrl', hrana.createDatabase('control'));
  project.provide('tursoApiUrl', turso.url);
  project.provide('tenantDbUrlTemplate', `${hrana.origin}/{name}/`);
  return async () => {
    await turso.close();
    await hrana.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
