CREATE TYPE "public"."object_type" AS ENUM('contacts', 'companies', 'deals');--> statement-breakpoint
CREATE TABLE "company_segment_members" (
	"org_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"company_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_segment_members_org_id_segment_id_company_id_pk" PRIMARY KEY("org_id","segment_id","company_id")
);
--> statement-breakpoint
SELECT segment_builder_distribute('company_segment_members');
--> statement-breakpoint
CREATE TABLE "deal_segment_members" (
	"org_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_segment_members_org_id_segment_id_deal_id_pk" PRIMARY KEY("org_id","segment_id","deal_id")
);
--> statement-breakpoint
SELECT segment_builder_distribute('deal_segment_members');
--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "object_type" "object_type" DEFAULT 'contacts' NOT NULL;--> statement-breakpoint
ALTER TABLE "segment_events" ADD COLUMN "object_type" "object_type" DEFAULT 'contacts' NOT NULL;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "object_type" "object_type" DEFAULT 'contacts' NOT NULL;--> statement-breakpoint
ALTER TABLE "company_segment_members" ADD CONSTRAINT "company_segment_members_org_id_segment_id_segments_org_id_id_fk" FOREIGN KEY ("org_id","segment_id") REFERENCES "public"."segments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_segment_members" ADD CONSTRAINT "company_segment_members_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_segment_members" ADD CONSTRAINT "deal_segment_members_org_id_segment_id_segments_org_id_id_fk" FOREIGN KEY ("org_id","segment_id") REFERENCES "public"."segments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_segment_members" ADD CONSTRAINT "deal_segment_members_org_id_deal_id_deals_org_id_id_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_segment_members_org_company_idx" ON "company_segment_members" USING btree ("org_id","company_id");--> statement-breakpoint
CREATE INDEX "deal_segment_members_org_deal_idx" ON "deal_segment_members" USING btree ("org_id","deal_id");