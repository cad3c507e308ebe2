// One root per object type: the table a segment of that type selects from, the alias its predicate
// is written over, and where its static and materialized members live. The compiler, the preview,
// member reads, exports and events read this table instead of naming `contacts c` themselves.
import { type SQL, sql } from 'drizzle-orm';
import type { ObjectType } from '../rules/catalog.js';
import { TABLES } from '../rules/crm.js';

export interface RootSql {
  type: ObjectType;
  /** The object type's table; every row has `org_id` and `id`. */
  table: string;
  /** The alias the compiled predicate reads the root row as (constants we wrote). */
  alias: string;
  /** The member table of segments of this type: (org_id, segment_id, <column>). */
  members: { table: string; column: string };
}

export const ROOTS: Readonly<Record<ObjectType, RootSql>> = {
  contacts: { type: 'contacts', table: TABLES.contacts, alias: 'c', members: { table: TABLES.segmentMembers, column: 'contact_id' } },
  companies: { type: 'companies', table: TABLES.companies, alias: 'k', members: { table: TABLES.companySegmentMembers, column: 'company_id' } },
  deals: { type: 'deals', table: TABLES.deals, alias: 'd', members: { table: TABLES.dealSegmentMembers, column: 'deal_id' } },
};

/** The member table of a segment's object type, as SQL identifiers. */
export function memberTable(objectType: ObjectType): { table: SQL; column: SQL } {
  const m = ROOTS[objectType].members;
  return { table: sql.raw(m.table), column: sql.raw(m.column) };
}
