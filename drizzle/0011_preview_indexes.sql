-- Indexes for exact previews at 1M contacts (issue 15; README "Preview latency at 100k and 1M").
--
-- btree_gin lets a GIN index lead with the tenant: a tenant's "has tag vip" or "plan is pro" is one
-- GIN scan of its own entries. The GIN indexes over every tenant's tags and properties had to be
-- ANDed with a bitmap of the tenant's whole id range (0.45-0.54x at 100k contacts with the new ones;
-- neutral at 1M, where the tenant is most of the table). They replace the old ones.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "contacts_org_tags_gin" ON "contacts" USING gin ("org_id","tags");--> statement-breakpoint
CREATE INDEX "contacts_org_properties_gin" ON "contacts" USING gin ("org_id","properties" jsonb_path_ops);--> statement-breakpoint
DROP INDEX "contacts_tags_gin";--> statement-breakpoint
DROP INDEX "contacts_properties_gin";--> statement-breakpoint
-- A typed time window ("a meeting in the last 30 days") walked the untyped time index and fetched
-- every row of the window from the heap to test its type: 616k buffers at 1M contacts.
CREATE INDEX "activities_org_type_time_contact_idx" ON "activities" USING btree ("org_id","type","occurred_at","contact_id");--> statement-breakpoint
-- The tenant's contacts with their sort key and email status in the index itself (drizzle's schema
-- cannot say INCLUDE, so it lives here only): a preview whose predicate is a set of contact ids (a
-- relation, an engagement, a static segment, an OR of those) reads (id, created_at) from this index
-- without visiting the heap, and a semi-join probe by id needs no heap fetch either.
CREATE INDEX "contacts_org_id_cover_idx" ON "contacts" USING btree ("org_id","id") INCLUDE ("created_at","email_status");
