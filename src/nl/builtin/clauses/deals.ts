// Deals: "no deal", "an open deal worth more than 20000", "won in the last 6 months", "in
// negotiation", "more than one deal", "deals closed before 2026", "a deal owned by Sara".
import { relation as findRelation } from '../../../rules/catalog.js';
import type { Condition, CountBound } from '../../../rules/grammar.js';
import { readBound, readQuantity, trailingOrMore } from '../bounds.js';
import { cond, relation } from '../nodes.js';
import type { Clause, Parse } from '../state.js';
import { inList, noun, ownedBy, relFieldComparison, relValues } from './relations.js';

const CLOSED = () => {
  const stage = findRelation('deals')!.fields.find((f) => f.key === 'stage')!;
  const synonyms = stage.valueSynonyms ?? {};
  return [synonyms.won!, synonyms.lost!];
};
const open = (): Condition => cond('stage', 'not_in', CLOSED());

interface DealState {
  where: Condition[];
  /** Which date a bare time expression is about: closed_at after won/lost/closed, else created_at. */
  dateField: 'created_at' | 'closed_at';
  count: CountBound | null;
  said: boolean;
}

export function deal(p: Parse, i: number): Clause | undefined {
  const s: DealState = { where: [], dateField: 'created_at', count: null, said: false };
  let j = i;
  const q = readQuantity(p, j);
  if (q) {
    s.count = q.count;
    j = q.end;
  }
  j = adjectives(p, j, s);
  const n = noun(p, j, 'deals');
  if (n !== undefined) {
    j = n;
    s.said = true;
  } else if (p.is(j, 'a|an|any|one')) {
    const m = noun(p, j + 1, 'deals');
    if (m !== undefined && s.where.length) {
      j = m;
      s.said = true;
    }
  }
  if (!s.said && (q || s.where.length === 0)) return stageOnly(p, i);
  const before = j;
  j = modifiers(p, j, s);
  // "won" alone must say when or how much: "won in the last 6 months".
  if (!s.said && j === before) return undefined;
  const more = trailingOrMore(p, j);
  if (more && s.count) {
    s.count = { operator: more.operator, value: s.count.value };
    j = more.end;
  }
  return { node: relation('deals', true, s.where, s.count), end: j };
}

/** What is said of a deal without its noun ("won", "in negotiation", "worth over 10k"), for "all my deals are …". */
export function dealPredicate(p: Parse, k: number): { where: Condition[]; end: number } | undefined {
  const s: DealState = { where: [], dateField: 'created_at', count: null, said: true };
  const end = modifiers(p, adjectives(p, k, s), s);
  return s.where.length ? { where: s.where, end } : undefined;
}

/** open / closed / won / lost / a stage, before the noun. */
function adjectives(p: Parse, j: number, s: DealState): number {
  for (;;) {
    if (p.is(j, 'open|active|ongoing|pending')) {
      s.where.push(open());
      j += 1;
    } else if (p.is(j, 'closed', 'won|lost') || p.is(j, 'won|lost')) {
      const two = p.is(j, 'closed');
      s.where.push(cond('stage', 'eq', p.w(j + (two ? 1 : 0)) === 'won' ? CLOSED()[0]! : CLOSED()[1]!));
      s.dateField = 'closed_at';
      j += two ? 2 : 1;
      if (p.is(j, 'a|an|any')) j += 1;
    } else if (p.is(j, 'closed')) {
      s.where.push(cond('stage', 'in', CLOSED()));
      s.dateField = 'closed_at';
      j += 1;
    } else {
      const stages = relValues(p, j, 'deals', 'stage');
      if (!stages) return j;
      s.where.push(inList('stage', stages.items.map((it) => it.sense.value)));
      j = stages.end;
    }
  }
}

/** What follows the noun: worth…, in <stage>, still open, won/created/closed <when>, owned by. */
function modifiers(p: Parse, j: number, s: DealState): number {
  for (;;) {
    const start = j;
    let k = p.skip(j, ['that', 'which', 'is', 'are', 'was', 'were', 'been', 'currently']);
    if (p.is(k, 'still|currently')) k += 1;
    if (p.is(k, 'open|active|ongoing')) {
      s.where.push(open());
      j = k + 1;
    } else if (p.is(k, 'worth|valued|totaling|totalling|amounting|sized') || p.is(k, 'with', 'a|an', 'value|amount') || p.is(k, 'of')) {
      let m = k + (p.is(k, 'with') ? 3 : 1);
      m = p.skip(m, ['at', 'to', 'of']);
      const b = readBound(p, m);
      if (!b) break;
      s.where.push(cond('amount', b.operator, b.value));
      j = b.end;
    } else if (p.is(k, 'in|at') && relValues(p, p.skip(k + 1, ['the']), 'deals', 'stage')) {
      const stages = relValues(p, p.skip(k + 1, ['the']), 'deals', 'stage')!;
      s.where.push(inList('stage', stages.items.map((it) => it.sense.value)));
      j = p.is(stages.end, 'stage|phase') ? stages.end + 1 : stages.end;
    } else if (p.is(k, 'won|lost|closed|created|opened|started|added')) {
      const verb = p.w(k);
      const when = p.dates.read(k + 1);
      if (verb === 'won' || verb === 'lost') s.where.push(cond('stage', 'eq', verb === 'won' ? CLOSED()[0]! : CLOSED()[1]!));
      const field = verb === 'won' || verb === 'lost' || verb === 'closed' ? 'closed_at' : 'created_at';
      if (when?.conditions.length) s.where.push(...when.conditions.map((c) => cond(field, c.operator, c.value)));
      else if (verb === 'closed') s.where.push(cond('stage', 'in', CLOSED()));
      else if (verb !== 'won' && verb !== 'lost') break;
      j = when ? when.end : k + 1;
    } else {
      const owned = ownedBy(p, k);
      const cmp = owned ?? relFieldComparison(p, k, 'deals');
      if (cmp) {
        s.where.push(...cmp.conditions);
        j = cmp.end;
      } else {
        const b = readBound(p, k);
        const when = b ? undefined : p.dates.read(k);
        if (b?.explicit && b.operator !== 'in') {
          s.where.push(cond('amount', b.operator, b.value));
          j = b.end;
        } else if (when?.conditions.length) {
          s.where.push(...when.conditions.map((c) => cond(s.dateField, c.operator, c.value)));
          j = when.end;
        } else break;
      }
    }
    if (j === start) break;
  }
  return j;
}

/** "in negotiation", "at the proposal stage", "negotiation": a deal in that stage. */
function stageOnly(p: Parse, i: number): Clause | undefined {
  const k = p.is(i, 'in|at') ? p.skip(i + 1, ['the']) : i;
  const stages = relValues(p, k, 'deals', 'stage', (v) => !CLOSED().includes(v));
  if (!stages) return undefined;
  const end = p.is(stages.end, 'stage|phase') ? stages.end + 1 : stages.end;
  return { node: relation('deals', true, [inList('stage', stages.items.map((it) => it.sense.value))]), end };
}
