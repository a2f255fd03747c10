CREATE TABLE `project_totals` (
	`project_id` text PRIMARY KEY NOT NULL,
	`minutes` integer DEFAULT 0 NOT NULL,
	`revenue` integer DEFAULT 0 NOT NULL,
	`cost` integer DEFAULT 0 NOT NULL,
	`expenses` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `expenses_trash_idx` ON `expenses` (`deleted_at`) WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `milestones_trash_idx` ON `milestones` (`deleted_at`) WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `time_entries_trash_idx` ON `time_entries` (`deleted_at`) WHERE deleted_at IS NOT NULL;--> statement-breakpoint
-- Kept by triggers so no write path (API, timer, timesheet cells, restore, purge) can forget it:
-- only live rows (deleted_at IS NULL) count, and a move between projects moves the amounts.
INSERT INTO project_totals (project_id, minutes, revenue, cost, expenses)
SELECT project_id, sum(minutes), sum(revenue), sum(cost), sum(expenses) FROM (
  SELECT project_id, minutes, revenue_amount AS revenue, cost_amount AS cost, 0 AS expenses FROM time_entries WHERE deleted_at IS NULL
  UNION ALL
  SELECT project_id, 0, 0, 0, amount FROM expenses WHERE deleted_at IS NULL
) GROUP BY project_id;
--> statement-breakpoint
CREATE TRIGGER `time_entries_totals_ai` AFTER INSERT ON `time_entries` WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO project_totals (project_id, minutes, revenue, cost) VALUES (new.project_id, new.minutes, new.revenue_amount, new.cost_amount)
    ON CONFLICT (project_id) DO UPDATE SET minutes = minutes + excluded.minutes, revenue = revenue + excluded.revenue, cost = cost + excluded.cost;
END;
--> statement-breakpoint
CREATE TRIGGER `time_entries_totals_au` AFTER UPDATE OF project_id, minutes, revenue_amount, cost_amount, deleted_at ON `time_entries` BEGIN
  UPDATE project_totals SET minutes = minutes - old.minutes, revenue = revenue - old.revenue_amount, cost = cost - old.cost_amount
   WHERE project_id = old.project_id AND old.deleted_at IS NULL;
  INSERT INTO project_totals (project_id, minutes, revenue, cost)
  SELECT new.project_id, new.minutes, new.revenue_amount, new.cost_amount WHERE new.deleted_at IS NULL
    ON CONFLICT (project_id) DO UPDATE SET minutes = minutes + excluded.minutes, revenue = revenue + excluded.revenue, cost = cost + excluded.cost;
END;
--> statement-breakpoint
CREATE TRIGGER `time_entries_totals_ad` AFTER DELETE ON `time_entries` WHEN old.deleted_at IS NULL BEGIN
  UPDATE project_totals SET minutes = minutes - old.minutes, revenue = revenue - old.revenue_amount, cost = cost - old.cost_amount WHERE project_id = old.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER `expenses_totals_ai` AFTER INSERT ON `expenses` WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO project_totals (project_id, expenses) VALUES (new.project_id, new.amount)
    ON CONFLICT (project_id) DO UPDATE SET expenses = expenses + excluded.expenses;
END;
--> statement-breakpoint
CREATE TRIGGER `expenses_totals_au` AFTER UPDATE OF project_id, amount, deleted_at ON `expenses` BEGIN
  UPDATE project_totals SET expenses = expenses - old.amount WHERE project_id = old.project_id AND old.deleted_at IS NULL;
  INSERT INTO project_totals (project_id, expenses)
  SELECT new.project_id, new.amount WHERE new.deleted_at IS NULL
    ON CONFLICT (project_id) DO UPDATE SET expenses = expenses + excluded.expenses;
END;
--> statement-breakpoint
CREATE TRIGGER `expenses_totals_ad` AFTER DELETE ON `expenses` WHEN old.deleted_at IS NULL BEGIN
  UPDATE project_totals SET expenses = expenses - old.amount WHERE project_id = old.project_id;
END;
