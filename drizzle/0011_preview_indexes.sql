CREATE INDEX "activities_org_type_time_contact_idx" ON "activities" USING btree ("org_id","type","occurred_at","contact_id");--> statement-breakpoint
-- The tenant's contacts with their sort key and email status in the index itself (drizzle's schema
-- cannot say INCLUDE, so it lives here only): a preview whose predicate is a set of contact ids (a
-- relation, an engagement, a static segment, an OR of those) reads (id, created_at) from this index
-- without visiting the heap, and a semi-join probe by id needs no heap fetch either.
CREATE INDEX "contacts_org_id_cover_idx" ON "contacts" USING btree ("org_id","id") INCLUDE ("created_at","email_status");
