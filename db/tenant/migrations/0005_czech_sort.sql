-- Czech alphabetical order for names (db/tenant/collation.ts): a sort key column per table,
-- kept by triggers so no write path (API, import, undo) can forget it. Writers that set the
-- key themselves (the API computes it in JS, identically) skip the triggers' extra UPDATEs. The key takes three
-- UPDATE steps because SQLite's parser overflows on a few dozen nested replace() calls. New
-- indexes first, the old ones dropped last (add before remove).
ALTER TABLE `companies` ADD `name_key` text;--> statement-breakpoint
UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(name), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a');--> statement-breakpoint
UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u');--> statement-breakpoint
UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l');--> statement-breakpoint
CREATE TRIGGER `companies_name_key_ai` AFTER INSERT ON `companies` WHEN new.name_key IS NULL BEGIN
  UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.name), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a') WHERE rowid = new.rowid;
  UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u') WHERE rowid = new.rowid;
  UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l') WHERE rowid = new.rowid;
END;--> statement-breakpoint
CREATE TRIGGER `companies_name_key_au` AFTER UPDATE OF name ON `companies` WHEN new.name IS NOT old.name AND new.name_key IS old.name_key BEGIN
  UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.name), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a') WHERE rowid = new.rowid;
  UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u') WHERE rowid = new.rowid;
  UPDATE companies SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l') WHERE rowid = new.rowid;
END;--> statement-breakpoint
ALTER TABLE `contacts` ADD `name_key` text;--> statement-breakpoint
UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(last_name || ' ' || coalesce(first_name, '')), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a');--> statement-breakpoint
UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u');--> statement-breakpoint
UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l');--> statement-breakpoint
CREATE TRIGGER `contacts_name_key_ai` AFTER INSERT ON `contacts` WHEN new.name_key IS NULL BEGIN
  UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.last_name || ' ' || coalesce(new.first_name, '')), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a') WHERE rowid = new.rowid;
  UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u') WHERE rowid = new.rowid;
  UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l') WHERE rowid = new.rowid;
END;--> statement-breakpoint
CREATE TRIGGER `contacts_name_key_au` AFTER UPDATE OF last_name, first_name ON `contacts` WHEN (new.last_name IS NOT old.last_name OR new.first_name IS NOT old.first_name) AND new.name_key IS old.name_key BEGIN
  UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.last_name || ' ' || coalesce(new.first_name, '')), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a') WHERE rowid = new.rowid;
  UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u') WHERE rowid = new.rowid;
  UPDATE contacts SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l') WHERE rowid = new.rowid;
END;--> statement-breakpoint
ALTER TABLE `deals` ADD `title_key` text;--> statement-breakpoint
UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(title), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a');--> statement-breakpoint
UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u');--> statement-breakpoint
UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l');--> statement-breakpoint
CREATE TRIGGER `deals_title_key_ai` AFTER INSERT ON `deals` WHEN new.title_key IS NULL BEGIN
  UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.title), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a') WHERE rowid = new.rowid;
  UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u') WHERE rowid = new.rowid;
  UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l') WHERE rowid = new.rowid;
END;--> statement-breakpoint
CREATE TRIGGER `deals_title_key_au` AFTER UPDATE OF title ON `deals` WHEN new.title IS NOT old.title AND new.title_key IS old.title_key BEGIN
  UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.title), 'ch', 'h~'), 'č', 'c~'), 'Č', 'c~'), 'ř', 'r~'), 'Ř', 'r~'), 'š', 's~'), 'Š', 's~'), 'ž', 'z~'), 'Ž', 'z~'), 'á', 'a'), 'Á', 'a'), 'ä', 'a'), 'Ä', 'a') WHERE rowid = new.rowid;
  UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title_key, 'é', 'e'), 'É', 'e'), 'ě', 'e'), 'Ě', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ö', 'o'), 'Ö', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ů', 'u') WHERE rowid = new.rowid;
  UPDATE deals SET title_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title_key, 'Ů', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ý', 'y'), 'Ý', 'y'), 'ď', 'd'), 'Ď', 'd'), 'ť', 't'), 'Ť', 't'), 'ň', 'n'), 'Ň', 'n'), 'ľ', 'l'), 'Ľ', 'l') WHERE rowid = new.rowid;
END;--> statement-breakpoint
CREATE INDEX `companies_name_key_idx` ON `companies` (`deleted_at`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `companies_owner_key_idx` ON `companies` (`owner_id`,`deleted_at`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_name_key_idx` ON `contacts` (`deleted_at`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_company_key_idx` ON `contacts` (`company_id`,`deleted_at`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_owner_key_idx` ON `contacts` (`owner_id`,`deleted_at`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `deals_title_key_idx` ON `deals` (`deleted_at`,`title_key`,`id`);--> statement-breakpoint
DROP INDEX `companies_name_idx`;--> statement-breakpoint
DROP INDEX `companies_owner_idx`;--> statement-breakpoint
DROP INDEX `contacts_name_idx`;--> statement-breakpoint
DROP INDEX `contacts_company_idx`;--> statement-breakpoint
DROP INDEX `contacts_owner_idx`;--> statement-breakpoint
DROP INDEX `deals_title_idx`;
