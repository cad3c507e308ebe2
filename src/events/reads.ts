// Which of a contact's own columns a contact segment's rules can read, so that a contact write
// re-evaluates only the segments a change of those columns can move (issue 15: a write at 1M).
//
// Conservative by construction: anything whose result does not depend on the contact's columns
// alone — a relation ("has a deal …"), an engagement, a segment membership, a condition relative to
// the clock ("in the last 30 days") or a field this module does not know — reads everything, so the
// segment is re-evaluated on every write exactly as before.
import { BUILTIN_CONTACT_FIELDS } from '../rules/catalog.js';

/** A contact write's changed columns (SQL names: `email`, `company_id`, `properties`, …). */
export type ChangedColumns = ReadonlySet<string>;

/** `'all'`: the rules may read anything (or the clock); otherwise the contact columns they read. */
export type ReadColumns = 'all' | Set<string>;

const COLUMN_OF = new Map(
  BUILTIN_CONTACT_FIELDS.flatMap((f) => (f.column.kind !== 'column' ? [] : [[f.key, f.scope === 'company' ? 'company_id' : f.column.name] as const])),
);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRelative = (v: unknown): boolean => isObject(v) && typeof v.amount === 'number' && typeof v.unit === 'string';

/** The contact columns a stored contact rule tree reads (see the module comment for `'all'`). */
export function contactColumnsRead(tree: unknown): ReadColumns {
  const out = new Set<string>();
  const visit = (n: unknown): boolean => {
    if (!isObject(n)) return false;
    if (n.type === 'group') return Array.isArray(n.children) && n.children.every(visit);
    if (n.type !== 'condition' || typeof n.field !== 'string' || isRelative(n.value)) return false;
    const column = n.field.startsWith('properties.') ? 'properties' : COLUMN_OF.get(n.field);
    if (!column) return false;
    out.add(column);
    return true;
  };
  return visit(tree) ? out : 'all';
}

/** Whether a write that changed `changed` can move a contact in or out of a segment with these rules. */
export function mayMove(tree: unknown, changed: ChangedColumns): boolean {
  const reads = contactColumnsRead(tree);
  return reads === 'all' || [...reads].some((c) => changed.has(c));
}
