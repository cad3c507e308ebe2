-- The tenant's contacts that cannot be emailed (unsubscribed, bounced, suppressed, or subscribed
-- without an address; src/rules/reachability.ts), with their status: the reviewer's preview reads
-- the reach of an id set from this index alone instead of every match's contact row (issue 15/16).
CREATE INDEX "contacts_org_unreachable_idx" ON "contacts" USING btree ("org_id","email_status","id") WHERE "contacts"."email_status" <> 'subscribed' or "contacts"."email" = '';