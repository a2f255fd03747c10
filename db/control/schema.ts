
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Timestamps are integer milliseconds since the epoch: cheap to compare in SQL for expiry
// and throttling windows; the API turns them into ISO strings at the edge.

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Lower-cased and trimmed, so uniqueness is case-insensitive. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  locale: text('locale'),
  emailVerifiedAt: integer('email_verified_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const passwordCredentials = sqliteTable('password_credentials', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without a migration. */
  hash: text('hash').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token's secret half; the secret itself is never stored. */
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** Sliding expiry: refreshed at most hourly, the session dies 30 days after it. */
    lastVerifiedAt: integer('last_verified_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  plan: text('plan', { enum: ['free', 'pro'] }).notNull().default('free'),
  country: text('country').notNull().default('CZ'),
  currency: text('currency').notNull().default('CZK'),
  /** Number of tenant migrations applied to this workspace's database. */
  schemaVersion: integer('schema_version').notNull().default(0),
  /** `ready`, `migrating` (lock held since migrationLockedAt) or `failed` (see migrationError). */
  migrationStatus: text('migration_status', { enum: ['ready', 'migrating', 'failed'] })
    .notNull()
    .default('ready'),
  migrationLockedAt: integer('migration_locked_at'),
  migrationError: text('migration_error'),
  /** Which tenant provider holds the database (`local`, `turso`) and where. */
  dbProvider: text('db_provider').notNull(),
  dbLocation: text('db_location').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'member'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** One row per failed login, keyed `account:<email>` or `ip:<address>`; old rows are pruned. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at)],
);

