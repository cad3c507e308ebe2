// Number bounds: "more than 500", "at least 1,000", "between 50 and 200", "100 or more", "10+",
// "of 9 or 10", "under $500k"; and counts of related rows: "more than one", "multiple", "a", "no".
import type { CountBound } from '../../rules/grammar.js';
import { readNumber } from './numbers.js';
import type { Parse } from './state.js';
import { COMPARATORS, OR_LESS, OR_MORE } from './vocabulary.js';

export type Bound =
  | { operator: 'gt' | 'gte' | 'lt' | 'lte' | 'eq'; value: number; end: number; explicit: boolean }
  | { operator: 'between'; value: [number, number]; end: number; explicit: true }
  | { operator: 'in'; value: number[]; end: number; explicit: true };

/** Words after a spoken "N plus" that keep it a bound. */
const PLUS_BEFORE = new Set(['or', 'and', 'on', 'for', 'in', 'across', 'who', 'that', 'which', 'with', 'fit', 'score', 'scores', 'points', 'employees', 'staff', 'people', 'deals', 'activities', 'calls', 'meetings', 'emails']);

const WEAK = new Set([':', 'is', 'of', '=', '==', 'equals', 'exactly', 'equal']);

/** A bound at i. `explicit` is false for a bare number ("500 employees", "of 9"). */
export function readBound(p: Parse, i: number): Bound | undefined {
  let j = i;
  if (p.is(j, 'between|from')) {
    const lo = readNumber(p.tokens, j + 1);
    if (lo && p.is(lo.end, 'and|to|-|–')) {
      const hi = readNumber(p.tokens, lo.end + 1);
      // "between 5 and 20 million": the first number shares the second's scale word.
      const low = hi?.scale && !lo.scale && lo.value * hi.scale <= hi.value ? lo.value * hi.scale : lo.value;
      if (hi && low <= hi.value) return { operator: 'between', value: [low, hi.value], end: hi.end, explicit: true };
    }
    if (p.is(j, 'between')) return undefined;
  }
  let cmp = p.phrase(j, COMPARATORS);
  let weak = cmp ? WEAK.has(p.w(j)) : false;
  if (cmp) {
    j = cmp.end;
    // "is over 5", "of at least 7", "is between 5 and 8"
    const again = weak ? p.phrase(j, COMPARATORS) : undefined;
    if (again && !WEAK.has(p.w(j))) {
      cmp = again;
      weak = false;
      j = again.end;
    } else if (again && p.is(j, 'exactly')) {
      // "an NPS of exactly 0", "is exactly 5"
      cmp = again;
      j = again.end;
    } else if (weak && p.is(j, 'between')) {
      const b = readBound(p, j);
      return b?.operator === 'between' ? b : undefined;
    }
  }
  const n = readNumber(p.tokens, j);
  if (!n) return undefined;
  j = n.end;
  let operator = cmp?.value ?? 'eq';
  if (n.plus) operator = 'gte';
  // "ninety plus", "80 plus on crm" (said aloud): at least; not "80 plus partners" (a second audience).
  if (operator === 'eq' && p.tokens[j]?.norm === 'plus' && (!p.tokens[j + 1] || p.tokens[j + 1]!.kind === 'punct' || PLUS_BEFORE.has(p.tokens[j + 1]!.norm))) {
    return { operator: 'gte', value: n.value, end: j + 1, explicit: true };
  }
  if (operator === 'eq' && orMore(p, j)) {
    operator = OR_MORE.has(p.w(j + 1)) ? 'gte' : 'lte';
    return { operator, value: n.value, end: j + 2, explicit: true };
  }
  if (operator === 'eq' && p.is(j, 'or|,')) {
    const values = [n.value];
    let k = j;
    while (p.is(k, 'or|,')) {
      // "a nine or a ten": the article before a number said as a word.
      const article = p.tokens[k + 1]?.norm;
      const at = (article === 'a' || article === 'an') && p.tokens[k + 2]?.kind === 'word' ? k + 2 : k + 1;
      const next = readNumber(p.tokens, at);
      if (!next) break;
      values.push(next.value);
      k = next.end;
    }
    if (values.length > 1) return { operator: 'in', value: values, end: k, explicit: true };
  }
  // "50-250", "of 0-6", "is 10 to 20": a weak comparator ("of", "is") does not stop a range.
  if (operator === 'eq' && p.is(j, 'to|-|–') && (!cmp || weak)) {
    const hi = readNumber(p.tokens, j + 1);
    if (hi && hi.value >= n.value) return { operator: 'between', value: [n.value, hi.value], end: hi.end, explicit: true };
  }
  return { operator, value: n.value, end: j, explicit: !!cmp && !weak ? true : n.plus };
}

/** "or more" / "and up" after a number ("and more than …" starts a new clause). */
function orMore(p: Parse, j: number): boolean {
  return p.is(j, 'or|and') && (OR_MORE.has(p.w(j + 1)) || OR_LESS.has(p.w(j + 1))) && !p.is(j + 2, 'than');
}

/** "N or more" written after the noun: "a dozen activities or more". */
export function trailingOrMore(p: Parse, j: number): { operator: 'gte' | 'lte'; end: number } | undefined {
  if (!orMore(p, j)) return undefined;
  if (OR_MORE.has(p.w(j + 1))) return { operator: 'gte', end: j + 2 };
  if (OR_LESS.has(p.w(j + 1))) return { operator: 'lte', end: j + 2 };
  return undefined;
}

export interface Quantity {
  count: CountBound | null;
  end: number;
}

/** How many related rows: "a", "any", "more than one", "at least 3", "two or more", "multiple". */
export function readQuantity(p: Parse, i: number): Quantity | undefined {
  if (p.is(i, 'multiple|several|many')) {
    p.assume(`read "${p.w(i)}" as 2 or more`);
    return { count: { operator: 'gte', value: 2 }, end: i + 1 };
  }
  if (p.is(i, 'a|an|any|some') && !readNumber(p.tokens, i)) return { count: null, end: i + 1 };
  const b = readBound(p, i);
  if (!b || b.operator === 'between' || b.operator === 'in') return undefined;
  if (b.operator === 'eq' && !b.explicit && b.value === 1 && !p.is(i, 'exactly')) return { count: null, end: b.end };
  if (!Number.isInteger(b.value)) return undefined;
  return { count: { operator: b.operator, value: b.value }, end: b.end };
}
