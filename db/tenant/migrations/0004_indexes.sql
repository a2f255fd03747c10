CREATE INDEX `record_history_entity_at_id_idx` ON `record_history` (`entity`,`entity_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `deals_contact_idx` ON `deals` (`contact_id`,`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
DROP INDEX `record_history_entity_idx`;
