// A record's custom properties against its tenant's field definitions: a write of a defined property
// must hold a value of the field's type (a "12abc" in a number field is refused with the path, not
// stored), and properties nobody defined yet are reported as proposed definitions with an inferred
// type — never defined silently. Pure: the catalog comes in as an argument.
import type { Catalog, DefinitionType, FieldDefinition } from './catalog.js';
import { parseDate } from './validate.js';

export interface PropertyProblem {
  path: string;
  message: string;
}

/**
 * A defined property's value as stored (select values in their defined spelling, dates as ISO-8601
 * UTC), or a problem. Null removes the property, whatever its type.
 */
export function checkPropertyValue(d: FieldDefinition, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (value === null) return { ok: true, value };
  const fail = (expected: string) => ({ ok: false as const, message: `${d.label} (${d.key}) is a ${d.type.replace('_', '-')} field: expected ${expected}, got ${JSON.stringify(value)}` });
  const allowed = (v: unknown) => (typeof v === 'string' ? (d.values ?? []).find((a) => a === v) ?? (d.values ?? []).find((a) => a.toLowerCase() === v.trim().toLowerCase()) : undefined);
  const list = () => (d.values ?? []).map((v) => JSON.stringify(v)).join(', ');
  switch (d.type) {
    case 'text':
      return typeof value === 'string' ? { ok: true, value } : fail('text');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : fail('a number');
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : fail('true or false');
    case 'date': {
      const iso = typeof value === 'string' ? parseDate(value) : undefined;
      return iso ? { ok: true, value: iso } : fail('an ISO-8601 date such as "2025-03-01" or "2025-03-01T09:30:00Z"');
    }
    case 'single_select': {
      const v = allowed(value);
      return v !== undefined ? { ok: true, value: v } : fail(`one of ${list()}`);
    }
    case 'multi_select': {
      if (!Array.isArray(value)) return fail(`a list of values from ${list()}, e.g. ${JSON.stringify((d.values ?? []).slice(0, 2))}`);
      const out = value.map(allowed);
      if (out.some((v) => v === undefined)) return fail(`a list of values from ${list()}`);
      return { ok: true, value: [...new Set(out as string[])] };
    }
  }
}

/** A definition nobody made yet, inferred from the values written. */
export interface ProposedField {
  key: string;
  type: DefinitionType;
  /** For a select: the distinct values seen. */
  values: string[] | null;
  /** How many records of the write hold the property. */
  records: number;
  /** Why this type: what the values looked like. */
  because: string;
}

const MAX_SELECT_VALUES = 30;

/**
 * Proposes definitions for the properties of `records` the catalog does not define: a type that
 * every value fits (boolean, number, date, a list → multi-select, a few repeated strings → single-
 * select, else text). Reported to the writer, who defines them with POST /v1/fields.
 */
export function proposeFields(catalog: Catalog, records: readonly (Record<string, unknown> | undefined)[]): ProposedField[] {
  const defined = new Set(catalog.definitions.filter((d) => d.object === 'contacts').map((d) => d.key));
  const seen = new Map<string, unknown[]>();
  for (const props of records) {
    for (const [key, value] of Object.entries(props ?? {})) {
      if (defined.has(key) || value === null || value === undefined) continue;
      seen.set(key, [...(seen.get(key) ?? []), value]);
    }
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, values]) => ({ key, records: values.length, ...infer(values) }));
}

function infer(values: unknown[]): Pick<ProposedField, 'type' | 'values' | 'because'> {
  const n = values.length;
  const all = (test: (v: unknown) => boolean) => values.every(test);
  if (all((v) => typeof v === 'boolean')) return { type: 'boolean', values: null, because: `${n} yes/no value${n === 1 ? '' : 's'}` };
  if (all((v) => typeof v === 'number')) return { type: 'number', values: null, because: `${n} number${n === 1 ? '' : 's'}` };
  if (all((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && parseDate(v) !== undefined)) return { type: 'date', values: null, because: `${n} ISO-8601 date${n === 1 ? '' : 's'}` };
  if (all((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
    const distinct = [...new Set((values as string[][]).flat())].sort();
    if (distinct.length > 0 && distinct.length <= MAX_SELECT_VALUES) return { type: 'multi_select', values: distinct, because: `lists of ${distinct.length} distinct value${distinct.length === 1 ? '' : 's'}` };
  }
  if (all((v) => typeof v === 'string')) {
    const distinct = [...new Set(values as string[])].sort();
    // A select when values repeat: a few distinct ones over clearly more records.
    if (distinct.length <= MAX_SELECT_VALUES && n >= 2 * distinct.length && n >= 4) {
      return { type: 'single_select', values: distinct, because: `${n} texts with only ${distinct.length} distinct value${distinct.length === 1 ? '' : 's'}` };
    }
    return { type: 'text', values: null, because: `${n} text${n === 1 ? '' : 's'}` };
  }
  return { type: 'text', values: null, because: `${n} values of mixed types; text reads only the strings among them` };
}
