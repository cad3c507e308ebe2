-- Distribution of tables that later migrations create (the rule: drizzle/README.md).
--
-- SELECT segment_builder_distribute('new_table');               -- a tenant table: by org_id, co-located
-- SELECT segment_builder_distribute('new_table', 'reference');  -- no tenant key: a copy on every node
--
-- Call it right after the table's CREATE TABLE and before its foreign keys and unique indexes. On a
-- Citus cluster whose tables are already distributed (npm run db:distribute ran), it distributes the
-- new table so that its foreign keys to distributed tables can be created. Everywhere else it does
-- nothing: on a single PostgreSQL, and on a Citus database that is not distributed yet (then
-- db:distribute takes the table along with the others).
CREATE OR REPLACE FUNCTION segment_builder_distribute(tbl regclass, kind text DEFAULT 'tenant') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF kind NOT IN ('tenant', 'reference') THEN
    RAISE EXCEPTION 'segment_builder_distribute(%): kind must be ''tenant'' or ''reference'', got %', tbl, kind;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'public.contacts'::regclass) THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = tbl) THEN
    RETURN;
  END IF;
  IF kind = 'reference' THEN
    PERFORM create_reference_table(tbl);
  ELSE
    PERFORM create_distributed_table(tbl, 'org_id', colocate_with => 'public.contacts');
  END IF;
END
$$;
