import { createClient, type Client } from '@libsql/client';
import { getConnInfo } from '@hono/node-server/conninfo';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serializeClient } from '../db/serialized-client.ts';
import { createLocalProvider } from '../db/tenants/local-provider.ts';
import type { Platform } from './platform.ts';

export interface NodeSettings {
  port: number;
  dataDir: string;
  appOrigin: string | undefined;
  rateLimits: boolean;
}

/** Reads the settings of API.md's Configuration section from the environment. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): NodeSettings {
  return {
    port: Number(env['PORT'] ?? 8787),
    dataDir: resolve(env['DATA_DIR'] ?? './data'),
    appOrigin: env['APP_ORIGIN'] || undefined,
    rateLimits: (env['RATE_LIMITS'] ?? 'on') !== 'off',
  };
}

/**
 * The self-hosted platform: control DB at `<dataDir>/control.db`, one file per workspace
 * under `<dataDir>/tenants/`, all through libSQL's embedded engine.
 */
export function createNodePlatform(settings: Pick<NodeSettings, 'dataDir' | 'appOrigin' | 'rateLimits'>): Platform & { close(): void } {
  mkdirSync(settings.dataDir, { recursive: true });
  const control: Client = serializeClient(createClient({ url: `file:${join(settings.dataDir, 'control.db')}`, timeout: 5000, concurrency: 1 }));
  // WAL lets readers proceed while sign-ups write; the setting persists in the file.
  void control.execute('PRAGMA journal_mode = WAL');
  const tenants = createLocalProvider({ dir: join(settings.dataDir, 'tenants') });
  return {
    config: { ...(settings.appOrigin ? { appOrigin: settings.appOrigin } : {}), rateLimits: settings.rateLimits },
    control: () => control,
    tenants,
    now: () => new Date(),
    clientIp: (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined; // app.request() in tests has no socket
      }
    },
    logger: {
      info: (message, data) => console.log(JSON.stringify({ level: 'info', message, ...data })),
      error: (message, data) => console.error(JSON.stringify({ level: 'error', message, ...data })),
    },
    close() {
      tenants.closeAll();
      control.close();
    },
  };
}
