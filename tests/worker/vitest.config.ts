import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { API_TOKEN, CONTROL_TOKEN, GROUP, GROUP_TOKEN, ORG } from './global-setup.ts';

const here = import.meta.dirname;
const root = join(here, '..', '..');

// The Worker (api/worker.ts, configured by wrangler.toml) inside workerd. Its databases are
// real libsql files behind the local Hrana server that global-setup.ts starts; nothing leaves
// 127.0.0.1.
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: join(root, 'wrangler.toml') },
      miniflare: {
        bindings: {
          CONTROL_DB_URL: inject('controlDbUrl'),
          CONTROL_DB_TOKEN: CONTROL_TOKEN,
          TURSO_API_URL: inject('tursoApiUrl'),
          TURSO_ORG: ORG,
          TURSO_GROUP: GROUP,
          TURSO_API_TOKEN: API_TOKEN,
          TURSO_GROUP_TOKEN: GROUP_TOKEN,
          TENANT_DB_URL_TEMPLATE: inject('tenantDbUrlTemplate'),
          APP_ORIGIN: '',
          RATE_LIMITS: 'off',
        },
      },
    })),
  ],
  test: {
    name: 'worker',
    root: here,
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 30_000,
    // The SPA checks need `npm run build` first (`npm test` runs it); without it they skip.
    provide: { webBuilt: existsSync(join(root, 'web', 'build', 'index.html')) },
  },
});
