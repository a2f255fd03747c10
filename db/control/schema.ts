import { sql } from 'drizzle-orm';
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
    /** Hourly rates in the workspace currency's minor units (project costing and billing). */
    costRate: integer('cost_rate'),
    billRate: integer('bill_rate'),
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


/**
 * Pending and past invitations. The link carries `<id>.<secret>`; only the SHA-256 of the
 * secret is stored, as for sessions.
 */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['admin', 'member'] }).notNull(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    acceptedAt: integer('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/** Workspace API keys: `tdm_<id>_<secret>`; the secret's SHA-256 only. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'member'] }).notNull(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    /** Writes made with the key are attributed to the admin who created it. */
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    expiresAt: integer('expires_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/** A workspace's subscription as the billing provider last told us. */
export const billingAccounts = sqliteTable(
  'billing_accounts',
  {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  provider: text('provider', { enum: ['local', 'stripe'] }).notNull(),
  customerId: text('customer_id'),
  subscriptionId: text('subscription_id'),
  /** `active`, `trialing`, `past_due`, `canceled`, `incomplete`… as the provider names them. */
  status: text('status').notNull(),
  seats: integer('seats').notNull().default(1),
  currentPeriodEnd: integer('current_period_end'),
  /** Set by a failed payment; the plan falls back to free once the grace period has passed. */
  pastDueSince: integer('past_due_since'),
  /** Provider timestamp of the newest subscription event applied: older events are ignored. */
  lastEventAt: integer('last_event_at'),
  updatedAt: integer('updated_at').notNull(),
  },
  // Webhooks find the workspace by the provider's customer id.
  (t) => [index('billing_accounts_customer_idx').on(t.customerId)],
);

/** Webhook events already processed, so a replay changes nothing. */
export const billingEvents = sqliteTable('billing_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: integer('received_at').notNull(),
});

/** Every message the app sends, written before delivery so nothing is lost and tests can read links. */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** `verify_email`, `invitation`, `email_change`… */
    kind: text('kind').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('email_outbox_to_idx').on(t.to, t.createdAt),
    // The retry loop (api/mail/retry-outbox.ts) reads only unsent rows, oldest first, every
    // minute: this index holds just those, however many sent ones the table keeps.
    index('email_outbox_unsent_idx').on(t.createdAt).where(sql`${t.sentAt} IS NULL`),
  ],
);

/** One-time links for verifying an address (sign-up or an email change). */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify', 'change_email'] }).notNull(),
    email: text('email').notNull(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId)],
);
