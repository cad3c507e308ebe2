CREATE INDEX "activities_org_time_contact_idx" ON "activities" USING btree ("org_id","occurred_at","contact_id");--> statement-breakpoint
CREATE INDEX "deals_org_company_idx" ON "deals" USING btree ("org_id","company_id");--> statement-breakpoint
CREATE INDEX "deals_org_owner_idx" ON "deals" USING btree ("org_id","owner_id");