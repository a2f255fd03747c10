import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// A tenant database *is* the workspace: no table here carries a workspace id.
// The schema starts with what every later module needs; companies, contacts and the
// rest arrive with their own migrations.

/** Workspace-level preferences that belong with the data (default currency, fiscal settings…). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Field-level history of every record: who changed what from what to what, and when. */
export const recordHistory = sqliteTable(
  'record_history',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete', 'restore'] }).notNull(),
    /** JSON: `{ field: [from, to] }`. */
    changes: text('changes').notNull(),
    actorId: text('actor_id'),
    at: integer('at').notNull(),
  },
  (t) => [index('record_history_entity_idx').on(t.entity, t.entityId, t.at)],
);
