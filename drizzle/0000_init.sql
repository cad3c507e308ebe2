CREATE TYPE "public"."activity_direction" AS ENUM('inbound', 'outbound');--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('email', 'call', 'meeting', 'note');--> statement-breakpoint
CREATE TYPE "public"."deal_stage" AS ENUM('prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost');--> statement-breakpoint
CREATE TYPE "public"."email_event_type" AS ENUM('delivered', 'opened', 'clicked', 'unsubscribed', 'bounced');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('subscribed', 'unsubscribed', 'bounced', 'suppressed');--> statement-breakpoint
CREATE TYPE "public"."lifecycle_stage" AS ENUM('lead', 'marketing_qualified', 'sales_qualified', 'opportunity', 'customer', 'churned');--> statement-breakpoint
CREATE TYPE "public"."segment_status" AS ENUM('active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."segment_type" AS ENUM('static', 'dynamic');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'editor', 'viewer');--> statement-breakpoint
CREATE TABLE "activities" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"contact_id" text NOT NULL,
	"type" "activity_type" NOT NULL,
	"direction" "activity_direction" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activities_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "campaigns_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"industry" text,
	"employee_count" integer,
	"country" text,
	"annual_revenue" bigint,
	CONSTRAINT "companies_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "companies_country_iso2" CHECK ("companies"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "companies_employee_count_nonneg" CHECK ("companies"."employee_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"company_id" text,
	"first_name" text,
	"last_name" text,
	"email" text NOT NULL,
	"phone" text,
	"country" text,
	"language" text,
	"lifecycle_stage" "lifecycle_stage" NOT NULL,
	"owner_id" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"email_status" "email_status" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contacts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "contacts_country_iso2" CHECK ("contacts"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "contacts_language_iso639" CHECK ("contacts"."language" ~ '^[a-z]{2}$'),
	CONSTRAINT "contacts_properties_object" CHECK (jsonb_typeof("contacts"."properties") = 'object')
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"contact_id" text NOT NULL,
	"company_id" text,
	"name" text NOT NULL,
	"stage" "deal_stage" NOT NULL,
	"amount" numeric(14, 2),
	"owner_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "deals_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "deals_amount_nonneg" CHECK ("deals"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "email_events" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"contact_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"type" "email_event_type" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "fit_scores" (
	"org_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"product" text NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "fit_scores_org_id_contact_id_product_pk" PRIMARY KEY("org_id","contact_id","product"),
	CONSTRAINT "fit_scores_score_range" CHECK ("fit_scores"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_members" (
	"org_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segment_members_org_id_segment_id_contact_id_pk" PRIMARY KEY("org_id","segment_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"type" "segment_type" NOT NULL,
	"status" "segment_status" DEFAULT 'active' NOT NULL,
	"rules" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "segments_rules_match_type" CHECK (("segments"."type" = 'dynamic') = ("segments"."rules" is not null))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" "user_role" NOT NULL,
	CONSTRAINT "users_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_events" ADD CONSTRAINT "email_events_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_events" ADD CONSTRAINT "email_events_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fit_scores" ADD CONSTRAINT "fit_scores_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_org_id_segment_id_segments_org_id_id_fk" FOREIGN KEY ("org_id","segment_id") REFERENCES "public"."segments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_org_contact_time_idx" ON "activities" USING btree ("org_id","contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "campaigns_org_sent_idx" ON "campaigns" USING btree ("org_id","sent_at");--> statement-breakpoint
CREATE INDEX "companies_org_industry_idx" ON "companies" USING btree ("org_id","industry");--> statement-breakpoint
CREATE INDEX "companies_org_country_idx" ON "companies" USING btree ("org_id","country");--> statement-breakpoint
CREATE INDEX "contacts_org_company_idx" ON "contacts" USING btree ("org_id","company_id");--> statement-breakpoint
CREATE INDEX "contacts_org_owner_idx" ON "contacts" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE INDEX "contacts_org_created_idx" ON "contacts" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "contacts_org_country_idx" ON "contacts" USING btree ("org_id","country");--> statement-breakpoint
CREATE INDEX "contacts_org_stage_idx" ON "contacts" USING btree ("org_id","lifecycle_stage");--> statement-breakpoint
CREATE INDEX "contacts_org_email_idx" ON "contacts" USING btree ("org_id",lower("email"));--> statement-breakpoint
CREATE INDEX "contacts_tags_gin" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "contacts_properties_gin" ON "contacts" USING gin ("properties" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "deals_org_contact_created_idx" ON "deals" USING btree ("org_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "email_events_org_contact_campaign_idx" ON "email_events" USING btree ("org_id","contact_id","campaign_id","type");--> statement-breakpoint
CREATE INDEX "email_events_org_campaign_type_idx" ON "email_events" USING btree ("org_id","campaign_id","type","contact_id");--> statement-breakpoint
CREATE INDEX "fit_scores_org_product_score_idx" ON "fit_scores" USING btree ("org_id","product","score");--> statement-breakpoint
CREATE INDEX "segment_members_org_contact_idx" ON "segment_members" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_org_slug_uq" ON "segments" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_org_title_uq" ON "segments" USING btree ("org_id",lower("title"));