CREATE TABLE "field_definitions" (
	"org_id" text NOT NULL,
	"object" text DEFAULT 'contacts' NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"values" text[],
	"synonyms" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_definitions_org_id_object_key_pk" PRIMARY KEY("org_id","object","key"),
	CONSTRAINT "field_definitions_key_format" CHECK ("field_definitions"."key" ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'),
	CONSTRAINT "field_definitions_type" CHECK ("field_definitions"."type" in ('text', 'number', 'boolean', 'date', 'single_select', 'multi_select')),
	CONSTRAINT "field_definitions_values_for_selects" CHECK (("field_definitions"."type" in ('single_select', 'multi_select')) = ("field_definitions"."values" is not null))
);
--> statement-breakpoint
SELECT segment_builder_distribute('field_definitions');
--> statement-breakpoint
ALTER TABLE "field_definitions" ADD CONSTRAINT "field_definitions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "field_definitions_org_label_uq" ON "field_definitions" USING btree ("org_id","object",lower("label"));
--> statement-breakpoint
-- Reading a tenant property as its field's type. A stored value of the wrong shape ("12abc" in a
-- number field, "2025-02-30" in a date field, a list in a text field) reads as missing (NULL); no
-- value a client stored can make a query fail. IMMUTABLE (the date is read with an explicit UTC
-- offset, so no session setting changes it), so they can back expression indexes on hot fields.
CREATE OR REPLACE FUNCTION prop_text(p jsonb, k text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'string' THEN p ->> k END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION prop_number(p jsonb, k text) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(p -> k)
    WHEN 'number' THEN (p ->> k)::numeric
    WHEN 'string' THEN CASE WHEN (p ->> k) ~ '^-?[0-9]{1,15}(\.[0-9]{1,15})?$' THEN (p ->> k)::numeric END
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION prop_boolean(p jsonb, k text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'boolean' THEN (p ->> k)::boolean END
$$;
--> statement-breakpoint
-- "2025-03-01" (midnight UTC), "2025-03-01T09:30[:00[.123]]" (UTC), or with Z / ±hh[:]mm. The
-- calendar check comes first, in its own CASE, so an impossible day never reaches the cast.
CREATE OR REPLACE FUNCTION prop_date(p jsonb, k text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'string'
      AND (p ->> k) ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-4]):?[0-5][0-9])?)?$'
    THEN CASE WHEN substr(p ->> k, 1, 4)::int >= 1
        AND substr(p ->> k, 9, 2)::int <= extract(day FROM make_date(substr(p ->> k, 1, 4)::int, substr(p ->> k, 6, 2)::int, 1) + interval '1 month - 1 day')
      THEN (CASE
        WHEN length(p ->> k) = 10 THEN (p ->> k) || 'T00:00:00Z'
        WHEN (p ->> k) ~ '(Z|[+-][0-9:]{4,5})$' THEN p ->> k
        ELSE (p ->> k) || 'Z'
      END)::timestamptz
    END
  END
$$;
--> statement-breakpoint
-- A multi-select holds a JSON list; its string elements are its values (anything else reads as none).
CREATE OR REPLACE FUNCTION prop_text_array(p jsonb, k text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'array'
    THEN ARRAY(SELECT e ->> 0 FROM jsonb_array_elements(p -> k) e WHERE jsonb_typeof(e) = 'string')
    ELSE '{}'::text[]
  END
$$;
