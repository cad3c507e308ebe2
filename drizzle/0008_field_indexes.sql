ALTER TABLE "field_definitions" ADD COLUMN "indexed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD CONSTRAINT "field_definitions_indexed_types" CHECK (not "field_definitions"."indexed" or "field_definitions"."type" in ('number', 'date'));--> statement-breakpoint
-- prop_date again, cheaper and of IMMUTABLE parts only, so that PostgreSQL inlines it into the
-- query. The first version cast text to timestamptz (STABLE), which kept it from being inlined, and
-- checked every value with regular expressions: ~35 µs per row, 3.7–4.7 s for a date filter over
-- 100k contacts (bench/fields.ts). Now the three shapes writers use — a date (2025-03-01), and UTC
-- date-times as the service stores them (2025-03-01T10:00:00Z, 2025-03-01T10:00:00.000Z) — are
-- checked with translate() and integer arithmetic; only other shapes (offsets, other fractions)
-- take the regular expression. The same strings read as the same instants: an ISO-8601 date or
-- date-time, with Z, a ±hh[:]mm offset or none (UTC); anything else (a wrong shape, 2025-02-30) is
-- NULL. `s` below is p ->> k; `z` the length of its zone suffix (0, 1 for Z, 5 or 6 for an offset).
CREATE OR REPLACE FUNCTION prop_date(p jsonb, k text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'string' AND (
        translate(p ->> k, '0123456789', '0000000000') IN ('0000-00-00', '0000-00-00T00:00:00Z', '0000-00-00T00:00:00.000Z')
        OR (p ->> k) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$')
    -- the shape is right: every substr below is digits. Now the ranges.
    THEN CASE WHEN substr(p ->> k, 1, 4)::int >= 1 AND substr(p ->> k, 6, 2)::int BETWEEN 1 AND 12 AND substr(p ->> k, 9, 2)::int BETWEEN 1 AND
        CASE WHEN substr(p ->> k, 6, 2)::int = 2
          THEN CASE WHEN (substr(p ->> k, 1, 4)::int % 4 = 0 AND substr(p ->> k, 1, 4)::int % 100 <> 0) OR substr(p ->> k, 1, 4)::int % 400 = 0 THEN 29 ELSE 28 END
          WHEN substr(p ->> k, 6, 2)::int IN (4, 6, 9, 11) THEN 30
          ELSE 31
        END
      AND (length(p ->> k) = 10 OR (substr(p ->> k, 12, 2)::int <= 23 AND substr(p ->> k, 15, 2)::int <= 59
        AND (substr(p ->> k, 17, 1) <> ':' OR substr(p ->> k, 18, 2)::int <= 59)
        AND CASE
          WHEN substr(p ->> k, length(p ->> k) - 5, 1) IN ('+', '-') AND length(p ->> k) >= 22
            THEN substr(p ->> k, length(p ->> k) - 4, 2)::int <= 14 AND right(p ->> k, 2)::int <= 59
          WHEN substr(p ->> k, length(p ->> k) - 4, 1) IN ('+', '-') AND length(p ->> k) >= 21
            THEN substr(p ->> k, length(p ->> k) - 3, 2)::int <= 14 AND right(p ->> k, 2)::int <= 59
          ELSE true
        END))
      THEN CASE WHEN length(p ->> k) = 10
        THEN make_timestamp(substr(p ->> k, 1, 4)::int, substr(p ->> k, 6, 2)::int, substr(p ->> k, 9, 2)::int, 0, 0, 0) AT TIME ZONE 'UTC'
        -- z: Z → 1; ±hh:mm → 6; ±hhmm → 5; none → 0 (the time part holds no sign, so a sign there starts the zone)
        ELSE (make_timestamp(
              substr(p ->> k, 1, 4)::int, substr(p ->> k, 6, 2)::int, substr(p ->> k, 9, 2)::int,
              substr(p ->> k, 12, 2)::int, substr(p ->> k, 15, 2)::int,
              CASE WHEN substr(p ->> k, 17, 1) = ':'
                THEN substr(p ->> k, 18, length(p ->> k) - 17 - CASE
                  WHEN right(p ->> k, 1) = 'Z' THEN 1
                  WHEN substr(p ->> k, length(p ->> k) - 5, 1) IN ('+', '-') AND length(p ->> k) >= 22 THEN 6
                  WHEN substr(p ->> k, length(p ->> k) - 4, 1) IN ('+', '-') AND length(p ->> k) >= 21 THEN 5
                  ELSE 0 END)::float8
                ELSE 0 END)
            - CASE
                WHEN right(p ->> k, 1) = 'Z' THEN interval '0'
                WHEN substr(p ->> k, length(p ->> k) - 5, 1) IN ('+', '-') AND length(p ->> k) >= 22
                  THEN make_interval(mins => CASE WHEN substr(p ->> k, length(p ->> k) - 5, 1) = '-' THEN -1 ELSE 1 END
                    * (substr(p ->> k, length(p ->> k) - 4, 2)::int * 60 + right(p ->> k, 2)::int))
                WHEN substr(p ->> k, length(p ->> k) - 4, 1) IN ('+', '-') AND length(p ->> k) >= 21
                  THEN make_interval(mins => CASE WHEN substr(p ->> k, length(p ->> k) - 4, 1) = '-' THEN -1 ELSE 1 END
                    * (substr(p ->> k, length(p ->> k) - 3, 2)::int * 60 + right(p ->> k, 2)::int))
                ELSE interval '0'
              END) AT TIME ZONE 'UTC'
        END
      END
    END
  END
$$;
