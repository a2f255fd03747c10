import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
  (t) => [index('record_history_entity_at_id_idx').on(t.entity, t.entityId, t.at, t.id)],
);

// ── Client management (free tier) ───────────────────────────────────────────────
// Every record: UUIDv7 id, `version` for If-Match (bumped on every write), soft delete via
// `deleted_at` (trash, purged after 30 days), integer-ms timestamps. Tags are stored as a
// JSON array on the row for reading and in `record_tags` for indexed filtering.

export const companies = sqliteTable(
  'companies',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Czech alphabetical order of the name, kept by triggers (collation.ts): what `sort=name` reads. */
    nameKey: text('name_key'),
    country: text('country').notNull().default('CZ'),
    regNo: text('reg_no'),
    vatNo: text('vat_no'),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    street: text('street'),
    city: text('city'),
    postalCode: text('postal_code'),
    tags: text('tags').notNull().default('[]'),
    ownerId: text('owner_id'),
    importId: text('import_id'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('companies_name_key_idx').on(t.deletedAt, t.nameKey, t.id),
    index('companies_updated_idx').on(t.deletedAt, t.updatedAt, t.id),
    index('companies_created_idx').on(t.deletedAt, t.createdAt, t.id),
    index('companies_owner_key_idx').on(t.ownerId, t.deletedAt, t.nameKey, t.id),
    index('companies_reg_no_idx').on(t.regNo),
    index('companies_import_idx').on(t.importId),
  ],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    firstName: text('first_name'),
    lastName: text('last_name').notNull(),
    /** Czech alphabetical order of "last first", kept by triggers (collation.ts): what `sort=lastName` reads. */
    nameKey: text('name_key'),
    email: text('email'),
    phone: text('phone'),
    title: text('title'),
    companyId: text('company_id'),
    tags: text('tags').notNull().default('[]'),
    ownerId: text('owner_id'),
    importId: text('import_id'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('contacts_name_key_idx').on(t.deletedAt, t.nameKey, t.id),
    index('contacts_updated_idx').on(t.deletedAt, t.updatedAt, t.id),
    index('contacts_created_idx').on(t.deletedAt, t.createdAt, t.id),
    index('contacts_company_key_idx').on(t.companyId, t.deletedAt, t.nameKey, t.id),
    index('contacts_owner_key_idx').on(t.ownerId, t.deletedAt, t.nameKey, t.id),
    index('contacts_email_idx').on(t.email),
    index('contacts_import_idx').on(t.importId),
  ],
);

export const activities = sqliteTable(
  'activities',
  {
    id: text('id').primaryKey(),
    type: text('type', { enum: ['call', 'meeting', 'email', 'note'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    occurredAt: integer('occurred_at').notNull(),
    companyId: text('company_id'),
    contactId: text('contact_id'),
    dealId: text('deal_id'),
    projectId: text('project_id'),
    authorId: text('author_id'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('activities_occurred_idx').on(t.deletedAt, t.occurredAt, t.id),
    index('activities_company_idx').on(t.companyId, t.deletedAt, t.occurredAt, t.id),
    index('activities_contact_idx').on(t.contactId, t.deletedAt, t.occurredAt, t.id),
    index('activities_deal_idx').on(t.dealId, t.deletedAt, t.occurredAt, t.id),
    index('activities_project_idx').on(t.projectId, t.deletedAt, t.occurredAt, t.id),
    index('activities_updated_idx').on(t.deletedAt, t.updatedAt, t.id),
  ],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    dueAt: integer('due_at'),
    done: integer('done', { mode: 'boolean' }).notNull().default(false),
    assigneeId: text('assignee_id'),
    companyId: text('company_id'),
    contactId: text('contact_id'),
    dealId: text('deal_id'),
    projectId: text('project_id'),
    status: text('status'),
    position: text('position'),
    estimateMinutes: integer('estimate_minutes'),
    /** When work is planned to start (ms), for the project timeline; the bar ends at dueAt. */
    startAt: integer('start_at'),
    /** JSON array of `{ id, title, done }`: the task's checklist. */
    checklist: text('checklist').notNull().default('[]'),
    milestoneId: text('milestone_id'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('tasks_due_idx').on(t.deletedAt, t.done, t.dueAt, t.id),
    index('tasks_assignee_idx').on(t.assigneeId, t.deletedAt, t.done, t.dueAt, t.id),
    index('tasks_company_idx').on(t.companyId, t.deletedAt, t.done, t.dueAt, t.id),
    index('tasks_contact_idx').on(t.contactId, t.deletedAt, t.dueAt, t.id),
    index('tasks_deal_idx').on(t.dealId, t.deletedAt, t.dueAt, t.id),
    index('tasks_updated_idx').on(t.deletedAt, t.updatedAt, t.id),
    // The project board: a project's columns in card order.
    index('tasks_project_board_idx').on(t.projectId, t.deletedAt, t.status, t.position, t.id),
  ],
);

export const dealStages = sqliteTable('deal_stages', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Fractional-free ordering: stages are few, so positions are renumbered on reorder. */
  position: integer('position').notNull(),
  kind: text('kind', { enum: ['open', 'won', 'lost'] }).notNull().default('open'),
  probability: integer('probability'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const deals = sqliteTable(
  'deals',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** Czech alphabetical order of the title, kept by triggers (collation.ts): what `sort=title` reads. */
    titleKey: text('title_key'),
    companyId: text('company_id'),
    contactId: text('contact_id'),
    /** Money as integer minor units + ISO 4217 currency; never floating point. */
    valueAmount: integer('value_amount'),
    valueCurrency: text('value_currency'),
    stage: text('stage').notNull(),
    /** Order of the card within its stage column on the board. */
    position: text('position').notNull().default('a0'),
    probability: integer('probability'),
    expectedCloseOn: text('expected_close_on'),
    ownerId: text('owner_id'),
    tags: text('tags').notNull().default('[]'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('deals_stage_idx').on(t.stage, t.deletedAt, t.position, t.id),
    index('deals_company_idx').on(t.companyId, t.deletedAt, t.updatedAt, t.id),
    index('deals_contact_idx').on(t.contactId, t.deletedAt, t.updatedAt, t.id),
    index('deals_owner_idx').on(t.ownerId, t.deletedAt, t.updatedAt, t.id),
    index('deals_updated_idx').on(t.deletedAt, t.updatedAt, t.id),
    index('deals_title_key_idx').on(t.deletedAt, t.titleKey, t.id),
    index('deals_close_idx').on(t.deletedAt, t.expectedCloseOn, t.id),
  ],
);

/** One row per (record, tag): what the `tag` filter reads through its index. */
export const recordTags = sqliteTable(
  'record_tags',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    tag: text('tag').notNull(),
  },
  (t) => [index('record_tags_tag_idx').on(t.entity, t.tag, t.entityId), index('record_tags_entity_idx').on(t.entity, t.entityId)],
);

export const importJobs = sqliteTable('import_jobs', {
  id: text('id').primaryKey(),
  entity: text('entity', { enum: ['companies', 'contacts'] }).notNull(),
  status: text('status', { enum: ['pending', 'running', 'done', 'failed', 'undone'] }).notNull(),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  createdCount: integer('created_count').notNull().default(0),
  updatedCount: integer('updated_count').notNull().default(0),
  skippedCount: integer('skipped_count').notNull().default(0),
  /** JSON array of `{ row, message }`, capped. */
  problems: text('problems').notNull().default('[]'),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

// ---- Project management (Pro) ----------------------------------------------------------
// Money is integer minor units in the project's currency (the workspace's by default);
// planned hours are stored as minutes so that nothing is ever fractional.

/** The project workflow; the workspace renames and reorders it (like deal stages). */
export const projectStatuses = sqliteTable('project_statuses', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  /** What the status means for the portfolio: still being planned, running, paused, finished or dropped. */
  kind: text('kind', { enum: ['planned', 'active', 'on_hold', 'done', 'cancelled'] }).notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const projects = sqliteTable(
  'projects',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Czech alphabetical order of the name (collation.ts), what `sort=name` reads. */
    nameKey: text('name_key'),
    description: text('description'),
    companyId: text('company_id'),
    contactId: text('contact_id'),
    /** The won deal the project was started from, if any. */
    dealId: text('deal_id'),
    statusId: text('status_id').notNull(),
    managerId: text('manager_id'),
    startOn: text('start_on'),
    dueOn: text('due_on'),
    currency: text('currency').notNull(),
    budgetMinutes: integer('budget_minutes'),
    budgetCost: integer('budget_cost'),
    budgetRevenue: integer('budget_revenue'),
    /** Billing rate per hour for this project's time (else the member's billRate). */
    hourlyRate: integer('hourly_rate'),
    /** Fixed-price projects earn this, whatever the hours. */
    fixedPrice: integer('fixed_price'),
    tags: text('tags').notNull().default('[]'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('projects_name_key_idx').on(t.deletedAt, t.nameKey, t.id),
    index('projects_updated_idx').on(t.deletedAt, t.updatedAt, t.id),
    index('projects_due_idx').on(t.deletedAt, t.dueOn, t.id),
    index('projects_company_idx').on(t.companyId, t.deletedAt, t.updatedAt, t.id),
    index('projects_status_idx').on(t.statusId, t.deletedAt, t.updatedAt, t.id),
    index('projects_manager_idx').on(t.managerId, t.deletedAt, t.updatedAt, t.id),
    index('projects_deal_idx').on(t.dealId),
  ],
);

export const projectMembers = sqliteTable(
  'project_members',
  {
    projectId: text('project_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId, t.projectId)],
);

export const milestones = sqliteTable(
  'milestones',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    name: text('name').notNull(),
    dueOn: text('due_on'),
    done: integer('done', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('milestones_project_idx').on(t.projectId, t.deletedAt, t.dueOn, t.id),
    // The trash purge's range: only trashed rows are in it, so it costs nothing to keep.
    index('milestones_trash_idx').on(t.deletedAt).where(sql`deleted_at IS NOT NULL`),
  ],
);

/** Finish-to-start: `taskId` should start only after `dependsOnId` is finished. */
export const taskDependencies = sqliteTable(
  'task_dependencies',
  {
    taskId: text('task_id').notNull(),
    dependsOnId: text('depends_on_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.dependsOnId] }), index('task_dependencies_on_idx').on(t.dependsOnId)],
);

export const timeEntries = sqliteTable(
  'time_entries',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    taskId: text('task_id'),
    userId: text('user_id').notNull(),
    /** Calendar day `YYYY-MM-DD` the work was done on. */
    date: text('date').notNull(),
    /** ISO week `YYYY-Www` of `date`, for the burn chart's grouping in SQL. */
    week: text('week').notNull(),
    minutes: integer('minutes').notNull(),
    billable: integer('billable', { mode: 'boolean' }).notNull().default(true),
    /** Billing rate per hour (minor units), resolved when written: entry → project → member. */
    hourlyRate: integer('hourly_rate'),
    /** The member's cost rate per hour when written, so later rate changes don't rewrite history. */
    costRate: integer('cost_rate'),
    /** minutes × rate / 60, rounded half-up to minor units per entry (what reports sum). */
    revenueAmount: integer('revenue_amount').notNull().default(0),
    costAmount: integer('cost_amount').notNull().default(0),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    // Covers the project report: sums by week without touching the table.
    index('time_entries_report_idx').on(t.projectId, t.deletedAt, t.week, t.minutes, t.billable, t.revenueAmount, t.costAmount),
    index('time_entries_project_date_idx').on(t.projectId, t.deletedAt, t.date, t.id),
    index('time_entries_user_date_idx').on(t.userId, t.deletedAt, t.date, t.id),
    index('time_entries_task_idx').on(t.taskId, t.deletedAt),
    index('time_entries_trash_idx').on(t.deletedAt).where(sql`deleted_at IS NOT NULL`),
  ],
);

/** The one running timer of each user (a row exists only while it runs). */
export const timers = sqliteTable('timers', {
  userId: text('user_id').primaryKey(),
  projectId: text('project_id').notNull(),
  taskId: text('task_id'),
  note: text('note'),
  billable: integer('billable', { mode: 'boolean' }).notNull().default(true),
  startedAt: integer('started_at').notNull(),
});

export const expenses = sqliteTable(
  'expenses',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    date: text('date').notNull(),
    week: text('week').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    category: text('category'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('expenses_project_idx').on(t.projectId, t.deletedAt, t.date, t.id),
    index('expenses_report_idx').on(t.projectId, t.deletedAt, t.week, t.amount),
    index('expenses_trash_idx').on(t.deletedAt).where(sql`deleted_at IS NOT NULL`),
  ],
);

/**
 * Running totals of each project's live time and expenses, kept by triggers on time_entries and
 * expenses (migration 0007): the portfolio reads 50 rows here instead of summing every entry.
 */
export const projectTotals = sqliteTable('project_totals', {
  projectId: text('project_id').primaryKey(),
  minutes: integer('minutes').notNull().default(0),
  revenue: integer('revenue').notNull().default(0),
  cost: integer('cost').notNull().default(0),
  expenses: integer('expenses').notNull().default(0),
});
