// Shared pieces of relation clauses (deals, activities): the relation's noun, its enum values and
// comparisons on its fields ("stage is X or Y", "amount over 5000", "owned by Sara").
import { relation as findRelation, type RelationName } from '../../../rules/catalog.js';
import type { Condition } from '../../../rules/grammar.js';
import { readBound } from '../bounds.js';
import type { Sense } from '../lexicon.js';
import { cond } from '../nodes.js';
import type { Parse } from '../state.js';
import { readList } from './lists.js';

type RelValue = Extract<Sense, { kind: 'relValue' }>;

export function noun(p: Parse, i: number, rel: RelationName): number | undefined {
  const found = p.sense(i, 'relation', (s) => s.relation === rel);
  return found?.match.end;
}

/** Values of one field of the relation at i, as a list. */
export function relValues(p: Parse, i: number, rel: RelationName, field: string, filter: (v: string) => boolean = () => true) {
  return readList(p, i, (k) => p.sense(k, 'relValue', (s: RelValue) => s.relation === rel && s.field === field && filter(s.value)));
}

export function inList(field: string, values: string[], negated = false): Condition {
  if (values.length === 1) return cond(field, negated ? 'neq' : 'eq', values[0]!);
  return cond(field, negated ? 'not_in' : 'in', values);
}

/** "<field word> [is|is not|over…] <value>" on a field of the relation. */
export function relFieldComparison(p: Parse, i: number, rel: RelationName): { conditions: Condition[]; end: number } | undefined {
  const def = findRelation(rel)!;
  for (const { sense, match } of p.senses(i, 'relField', (s) => s.relation === rel)) {
    const field = def.fields.find((f) => f.key === sense.field)!;
    let j = match.end;
    if (field.type === 'number') {
      const b = readBound(p, j);
      if (b) return { conditions: [cond(field.key, b.operator, b.value)], end: b.end };
      continue;
    }
    if (field.type === 'date') {
      const when = p.dates.read(j);
      if (when?.conditions.length) return { conditions: when.conditions.map((c) => cond(field.key, c.operator, c.value)), end: when.end };
      continue;
    }
    let negated = false;
    if (p.is(j, 'is', 'not') || p.is(j, "isn't")) {
      negated = true;
      j += p.is(j, "isn't") ? 1 : 2;
    } else if (p.is(j, 'is|=|:|of|in')) j += 1;
    if (field.references === 'users') {
      const owners = readList(p, j, (k) => p.sense(k, 'value', (s) => s.field === 'owner'));
      if (owners) return { conditions: [inList(field.key, owners.items.map((o) => o.sense.value), negated)], end: owners.end };
      continue;
    }
    const list = relValues(p, j, rel, field.key);
    if (list) return { conditions: [inList(field.key, list.items.map((it) => it.sense.value), negated)], end: list.end };
  }
  return undefined;
}

/** "owned by Sara", "assigned to Eddie" on a related row. */
export function ownedBy(p: Parse, i: number, field = 'owner'): { conditions: Condition[]; end: number } | undefined {
  if (!p.is(i, 'owned|assigned|managed|handled', 'by|to')) return undefined;
  const owners = readList(p, i + 2, (k) => p.sense(k, 'value', (s) => s.field === 'owner'));
  if (!owners) return undefined;
  return { conditions: [inList(field, owners.items.map((o) => o.sense.value))], end: owners.end };
}
