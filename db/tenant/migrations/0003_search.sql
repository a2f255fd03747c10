-- Full-text search: one contentless FTS5 index per searchable entity, rowid = the record's
-- rowid, kept in step by triggers so no write path can forget it. unicode61 with
-- remove_diacritics 2 folds "Dvořák" to "dvorak"; prefix indexes make type-ahead cheap.
-- Phone numbers are indexed as typed and as national digits, so "602123" finds "+420 602 123 456".
CREATE VIRTUAL TABLE `companies_fts` USING fts5(name, ids, email, phone, city, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `companies_fts_ai` AFTER INSERT ON `companies` BEGIN
  INSERT INTO companies_fts(rowid, name, ids, email, phone, city, tags) VALUES (new.rowid, new.name, coalesce(new.reg_no, '') || ' ' || coalesce(new.vat_no, ''), new.email, coalesce(new.phone, '') || ' ' || replace(replace(coalesce(new.phone, ''), '+420', ''), ' ', ''), new.city, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `companies_fts_au` AFTER UPDATE OF name, reg_no, vat_no, email, phone, city, tags ON `companies` BEGIN
  DELETE FROM companies_fts WHERE rowid = old.rowid;
  INSERT INTO companies_fts(rowid, name, ids, email, phone, city, tags) VALUES (new.rowid, new.name, coalesce(new.reg_no, '') || ' ' || coalesce(new.vat_no, ''), new.email, coalesce(new.phone, '') || ' ' || replace(replace(coalesce(new.phone, ''), '+420', ''), ' ', ''), new.city, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `companies_fts_ad` AFTER DELETE ON `companies` BEGIN
  DELETE FROM companies_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `contacts_fts` USING fts5(name, email, phone, title, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_ai` AFTER INSERT ON `contacts` BEGIN
  INSERT INTO contacts_fts(rowid, name, email, phone, title, tags) VALUES (new.rowid, coalesce(new.first_name, '') || ' ' || new.last_name, new.email, coalesce(new.phone, '') || ' ' || replace(replace(coalesce(new.phone, ''), '+420', ''), ' ', ''), new.title, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_au` AFTER UPDATE OF first_name, last_name, email, phone, title, tags ON `contacts` BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.rowid;
  INSERT INTO contacts_fts(rowid, name, email, phone, title, tags) VALUES (new.rowid, coalesce(new.first_name, '') || ' ' || new.last_name, new.email, coalesce(new.phone, '') || ' ' || replace(replace(coalesce(new.phone, ''), '+420', ''), ' ', ''), new.title, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_ad` AFTER DELETE ON `contacts` BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `deals_fts` USING fts5(title, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `deals_fts_ai` AFTER INSERT ON `deals` BEGIN
  INSERT INTO deals_fts(rowid, title, tags) VALUES (new.rowid, new.title, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `deals_fts_au` AFTER UPDATE OF title, tags ON `deals` BEGIN
  DELETE FROM deals_fts WHERE rowid = old.rowid;
  INSERT INTO deals_fts(rowid, title, tags) VALUES (new.rowid, new.title, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `deals_fts_ad` AFTER DELETE ON `deals` BEGIN
  DELETE FROM deals_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
-- The default pipeline; each workspace renames and reorders it (the web app translates these
-- ids while their names are unchanged).
INSERT INTO `deal_stages` (id, name, position, kind, probability, created_at, updated_at) VALUES
  ('lead', 'Lead', 1, 'open', 10, 0, 0),
  ('qualified', 'Qualified', 2, 'open', 25, 0, 0),
  ('proposal', 'Proposal', 3, 'open', 50, 0, 0),
  ('negotiation', 'Negotiation', 4, 'open', 75, 0, 0),
  ('won', 'Won', 5, 'won', 100, 0, 0),
  ('lost', 'Lost', 6, 'lost', 0, 0, 0);
