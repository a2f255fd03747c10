CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`subject` text NOT NULL,
	`body` text,
	`occurred_at` integer NOT NULL,
	`company_id` text,
	`contact_id` text,
	`deal_id` text,
	`project_id` text,
	`author_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `activities_occurred_idx` ON `activities` (`deleted_at`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_company_idx` ON `activities` (`company_id`,`deleted_at`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_contact_idx` ON `activities` (`contact_id`,`deleted_at`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_deal_idx` ON `activities` (`deal_id`,`deleted_at`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_project_idx` ON `activities` (`project_id`,`deleted_at`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_updated_idx` ON `activities` (`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country` text DEFAULT 'CZ' NOT NULL,
	`reg_no` text,
	`vat_no` text,
	`email` text,
	`phone` text,
	`website` text,
	`street` text,
	`city` text,
	`postal_code` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`owner_id` text,
	`import_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `companies_name_idx` ON `companies` (`deleted_at`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `companies_updated_idx` ON `companies` (`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `companies_created_idx` ON `companies` (`deleted_at`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `companies_owner_idx` ON `companies` (`owner_id`,`deleted_at`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `companies_reg_no_idx` ON `companies` (`reg_no`);--> statement-breakpoint
CREATE INDEX `companies_import_idx` ON `companies` (`import_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`first_name` text,
	`last_name` text NOT NULL,
	`email` text,
	`phone` text,
	`title` text,
	`company_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`owner_id` text,
	`import_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `contacts_name_idx` ON `contacts` (`deleted_at`,`last_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_updated_idx` ON `contacts` (`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_created_idx` ON `contacts` (`deleted_at`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_company_idx` ON `contacts` (`company_id`,`deleted_at`,`last_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_owner_idx` ON `contacts` (`owner_id`,`deleted_at`,`last_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_email_idx` ON `contacts` (`email`);--> statement-breakpoint
CREATE INDEX `contacts_import_idx` ON `contacts` (`import_id`);--> statement-breakpoint
CREATE TABLE `deal_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text DEFAULT 'open' NOT NULL,
	`probability` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deals` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`company_id` text,
	`contact_id` text,
	`value_amount` integer,
	`value_currency` text,
	`stage` text NOT NULL,
	`position` text DEFAULT 'a0' NOT NULL,
	`probability` integer,
	`expected_close_on` text,
	`owner_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `deals_stage_idx` ON `deals` (`stage`,`deleted_at`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `deals_company_idx` ON `deals` (`company_id`,`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `deals_owner_idx` ON `deals` (`owner_id`,`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `deals_updated_idx` ON `deals` (`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `deals_title_idx` ON `deals` (`deleted_at`,`title`,`id`);--> statement-breakpoint
CREATE INDEX `deals_close_idx` ON `deals` (`deleted_at`,`expected_close_on`,`id`);--> statement-breakpoint
CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`status` text NOT NULL,
	`total_rows` integer DEFAULT 0 NOT NULL,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`created_count` integer DEFAULT 0 NOT NULL,
	`updated_count` integer DEFAULT 0 NOT NULL,
	`skipped_count` integer DEFAULT 0 NOT NULL,
	`problems` text DEFAULT '[]' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `record_tags` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`tag` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `record_tags_tag_idx` ON `record_tags` (`entity`,`tag`,`entity_id`);--> statement-breakpoint
CREATE INDEX `record_tags_entity_idx` ON `record_tags` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`due_at` integer,
	`done` integer DEFAULT false NOT NULL,
	`assignee_id` text,
	`company_id` text,
	`contact_id` text,
	`deal_id` text,
	`project_id` text,
	`status` text,
	`position` text,
	`estimate_minutes` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `tasks_due_idx` ON `tasks` (`deleted_at`,`done`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_assignee_idx` ON `tasks` (`assignee_id`,`deleted_at`,`done`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_company_idx` ON `tasks` (`company_id`,`deleted_at`,`done`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_contact_idx` ON `tasks` (`contact_id`,`deleted_at`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_deal_idx` ON `tasks` (`deal_id`,`deleted_at`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_updated_idx` ON `tasks` (`deleted_at`,`updated_at`,`id`);