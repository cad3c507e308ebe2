-- How many of a tenant's contacts carry each tag, country and language (src/db/schema.ts,
-- contactValueCounts): the tenant's values read these rows instead of a distinct over every contact.
CREATE TABLE "contact_value_counts" (
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"contacts" integer NOT NULL,
	CONSTRAINT "contact_value_counts_org_id_kind_value_pk" PRIMARY KEY("org_id","kind","value")
);
--> statement-breakpoint
SELECT segment_builder_distribute('contact_value_counts');
--> statement-breakpoint
ALTER TABLE "contact_value_counts" ADD CONSTRAINT "contact_value_counts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Recounts one tenant from its contacts (the generator, fixture imports, `npm run facts:rebuild`);
-- returns the number of rows written. Writes through the service add deltas instead
-- (src/db/value-counts.ts), in the transaction of the write, as its last statement. The lock (until
-- the caller commits) makes a recount safe beside those writes: it waits for the writes that already
-- changed counts, so the contacts it reads include theirs, and a write that adds its deltas after it
-- waits for the recount, then adds them to a count that did not include it.
CREATE OR REPLACE FUNCTION segment_builder_rebuild_value_counts(org text) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  n bigint;
BEGIN
  LOCK TABLE contact_value_counts IN EXCLUSIVE MODE;
  DELETE FROM contact_value_counts WHERE org_id = org;
  INSERT INTO contact_value_counts (org_id, kind, value, contacts)
  SELECT org, v.kind, v.value, count(*)::int
  FROM contacts c
  CROSS JOIN LATERAL (
    SELECT DISTINCT 'tag' AS kind, t AS value FROM unnest(c.tags) AS t
    UNION ALL SELECT 'country', c.country WHERE c.country IS NOT NULL
    UNION ALL SELECT 'language', c.language WHERE c.language IS NOT NULL
  ) v
  WHERE c.org_id = org
  GROUP BY v.kind, v.value;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$fn$;
--> statement-breakpoint
-- Existing data: every tenant's counts, so the values are exact from the first read.
SELECT segment_builder_rebuild_value_counts(id) FROM orgs;
