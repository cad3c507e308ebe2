CREATE TABLE "segment_versions" (
	"org_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"type" "segment_type" NOT NULL,
	"rules" jsonb,
	"change" text NOT NULL,
	"restored_from" integer,
	"changed_by_key_id" text,
	"changed_by_role" "user_role",
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "segment_versions_org_id_segment_id_number_pk" PRIMARY KEY("org_id","segment_id","number")
);
--> statement-breakpoint
SELECT segment_builder_distribute('segment_versions');
--> statement-breakpoint
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_org_id_segment_id_segments_org_id_id_fk" FOREIGN KEY ("org_id","segment_id") REFERENCES "public"."segments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Segments that existed before the history did: their current definition is their first version.
INSERT INTO "segment_versions" ("org_id", "segment_id", "number", "title", "type", "rules", "change", "changed_at")
SELECT "org_id", "id", 1, "title", "type", "rules", 'created', "created_at" FROM "segments";
