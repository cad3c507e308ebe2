ALTER TYPE "public"."segment_event_type" ADD VALUE 'segment.handoff';--> statement-breakpoint
ALTER TABLE "segment_events" ALTER COLUMN "contact_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "segment_events" ADD COLUMN "payload" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "segment_events_handoff_page_uq" ON "segment_events" USING btree ("org_id",("payload"->>'handoffId'),(("payload"->>'page')::int)) WHERE "segment_events"."payload" is not null;--> statement-breakpoint
ALTER TABLE "segment_events" ADD CONSTRAINT "segment_events_handoff_shape" CHECK (("segment_events"."type"::text = 'segment.handoff') = ("segment_events"."payload" is not null) and ("segment_events"."contact_id" is null) = ("segment_events"."payload" is not null));