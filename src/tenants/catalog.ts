// Loads a tenant's catalog: the built-in fields plus the tenant's own field definitions
// (field_definitions). src/tenants/values.ts reads the definitions in the same statement as the
// tenant's other values, so a request sees one consistent snapshot, cached with them (briefly, and
// invalidated by the field API on every change). Inside a transaction, pass its handle: the
// definitions are then read on that connection and see the transaction's own writes.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { buildCatalog, type Catalog, type DefinitionObject, type DefinitionType, type FieldDefinition } from '../rules/catalog.js';

/** A JSON list of the tenant's definitions, in creation order (what the catalog lists them in). */
export function definitionsJson(orgId: string): SQL {
  return sql`coalesce((select json_agg(json_build_object(
      'object', object, 'key', key, 'label', label, 'type', type, 'values', values,
      'synonyms', synonyms, 'description', description) order by created_at, key)
    from field_definitions where org_id = ${orgId}), '[]'::json)`;
}

export interface DefinitionRow {
  object: string;
  key: string;
  label: string;
  type: string;
  values: string[] | null;
  synonyms: string[];
  description: string | null;
}

/** A row as the rule engine's definition (the table's checks guarantee type and object). */
export function toDefinition(r: DefinitionRow): FieldDefinition {
  return {
    object: r.object as DefinitionObject,
    key: r.key,
    label: r.label,
    type: r.type as DefinitionType,
    values: r.values,
    synonyms: r.synonyms,
    description: r.description,
  };
}

export async function loadFieldDefinitions(db: Executor, orgId: string): Promise<FieldDefinition[]> {
  const [row] = await db.execute<{ definitions: DefinitionRow[] }>(sql`select ${definitionsJson(orgId)} as definitions`);
  return row!.definitions.map(toDefinition);
}

export async function loadTenantCatalog(db: Executor, orgId: string): Promise<Catalog> {
  return buildCatalog(await loadFieldDefinitions(db, orgId));
}
