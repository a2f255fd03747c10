CREATE TABLE `expenses` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`date` text NOT NULL,
	`week` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`category` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `expenses_project_idx` ON `expenses` (`project_id`,`deleted_at`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `expenses_report_idx` ON `expenses` (`project_id`,`deleted_at`,`week`,`amount`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`due_on` text,
	`done` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `milestones_project_idx` ON `milestones` (`project_id`,`deleted_at`,`due_on`,`id`);--> statement-breakpoint
CREATE TABLE `project_members` (
	`project_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`project_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `project_members_user_idx` ON `project_members` (`user_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `project_statuses` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_key` text,
	`description` text,
	`company_id` text,
	`contact_id` text,
	`deal_id` text,
	`status_id` text NOT NULL,
	`manager_id` text,
	`start_on` text,
	`due_on` text,
	`currency` text NOT NULL,
	`budget_minutes` integer,
	`budget_cost` integer,
	`budget_revenue` integer,
	`hourly_rate` integer,
	`fixed_price` integer,
	`tags` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `projects_name_key_idx` ON `projects` (`deleted_at`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `projects_updated_idx` ON `projects` (`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `projects_due_idx` ON `projects` (`deleted_at`,`due_on`,`id`);--> statement-breakpoint
CREATE INDEX `projects_company_idx` ON `projects` (`company_id`,`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `projects_status_idx` ON `projects` (`status_id`,`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `projects_manager_idx` ON `projects` (`manager_id`,`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `projects_deal_idx` ON `projects` (`deal_id`);--> statement-breakpoint
CREATE TABLE `task_dependencies` (
	`task_id` text NOT NULL,
	`depends_on_id` text NOT NULL,
	PRIMARY KEY(`task_id`, `depends_on_id`)
);
--> statement-breakpoint
CREATE INDEX `task_dependencies_on_idx` ON `task_dependencies` (`depends_on_id`);--> statement-breakpoint
CREATE TABLE `time_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`task_id` text,
	`user_id` text NOT NULL,
	`date` text NOT NULL,
	`week` text NOT NULL,
	`minutes` integer NOT NULL,
	`billable` integer DEFAULT true NOT NULL,
	`hourly_rate` integer,
	`cost_rate` integer,
	`revenue_amount` integer DEFAULT 0 NOT NULL,
	`cost_amount` integer DEFAULT 0 NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `time_entries_report_idx` ON `time_entries` (`project_id`,`deleted_at`,`week`,`minutes`,`billable`,`revenue_amount`,`cost_amount`);--> statement-breakpoint
CREATE INDEX `time_entries_project_date_idx` ON `time_entries` (`project_id`,`deleted_at`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `time_entries_user_date_idx` ON `time_entries` (`user_id`,`deleted_at`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `time_entries_task_idx` ON `time_entries` (`task_id`,`deleted_at`);--> statement-breakpoint
CREATE TABLE `timers` (
	`user_id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`task_id` text,
	`note` text,
	`billable` integer DEFAULT true NOT NULL,
	`started_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `tasks` ADD `start_at` integer;--> statement-breakpoint
ALTER TABLE `tasks` ADD `checklist` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `milestone_id` text;--> statement-breakpoint
CREATE INDEX `tasks_project_board_idx` ON `tasks` (`project_id`,`deleted_at`,`status`,`position`,`id`);--> statement-breakpoint
-- Projects join global search like the CRM records (see 0003_search.sql): contentless FTS5
-- kept by triggers. The write path sets name_key itself (czechSortKey), so no trigger for it.
CREATE VIRTUAL TABLE `projects_fts` USING fts5(name, description, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `projects_fts_ai` AFTER INSERT ON `projects` BEGIN
  INSERT INTO projects_fts(rowid, name, description, tags) VALUES (new.rowid, new.name, new.description, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `projects_fts_au` AFTER UPDATE OF name, description, tags ON `projects` BEGIN
  DELETE FROM projects_fts WHERE rowid = old.rowid;
  INSERT INTO projects_fts(rowid, name, description, tags) VALUES (new.rowid, new.name, new.description, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `projects_fts_ad` AFTER DELETE ON `projects` BEGIN
  DELETE FROM projects_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
-- The default workflow (GLOSSARY): the workspace renames and reorders it; the web app
-- translates these ids while their names are unchanged, as for deal stages.
INSERT INTO `project_statuses` (id, name, position, kind, created_at, updated_at) VALUES
  ('preparation', 'Preparation', 1, 'planned', 0, 0),
  ('in_progress', 'In progress', 2, 'active', 0, 0),
  ('review', 'Review', 3, 'active', 0, 0),
  ('done', 'Done', 4, 'done', 0, 0),
  ('on_hold', 'On hold', 5, 'on_hold', 0, 0),
  ('cancelled', 'Cancelled', 6, 'cancelled', 0, 0);
