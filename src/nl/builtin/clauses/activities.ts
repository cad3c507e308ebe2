// Activities: "haven't been contacted in 60 days", "at least 3 activities in the last 90 days",
// "an inbound call since 2026-09-01", "no activity ever", "had a meeting", "called us", "inactive".
import type { Condition, CountBound } from '../../../rules/grammar.js';
import { readQuantity, trailingOrMore } from '../bounds.js';
import { cond, relation } from '../nodes.js';
import type { Clause, Parse } from '../state.js';
import { inList, noun, relFieldComparison, relValues } from './relations.js';

/** What "contacted" means: we reached them — an outbound email, call or meeting (notes are internal). */
function contacted(p: Parse, said: string): Condition[] {
  p.assume(`read "${said}" as an outbound email, call or meeting (notes do not count)`);
  return [cond('direction', 'eq', 'outbound'), cond('type', 'in', ['email', 'call', 'meeting'])];
}

const CONTACT_VERBS: [string[], string][] = [
  [['contacted'], 'contacted'], [['reached', 'out', 'to'], 'contacted'], [['reached', 'out'], 'contacted'], [['reached'], 'contacted'],
  [['touched'], 'contacted'], [['reach', 'out', 'to'], 'contacted'],
  [['called'], 'call'], [['emailed'], 'email'], [['met', 'with'], 'meeting'], [['met'], 'meeting'], [['phoned'], 'call'],
];

export function activity(p: Parse, i: number): Clause | undefined {
  return inactive(p, i) ?? verbForm(p, i) ?? nounForm(p, i);
}

function nounForm(p: Parse, i: number): Clause | undefined {
  let j = i;
  let count: CountBound | null = null;
  const q = readQuantity(p, j);
  if (q) {
    count = q.count;
    j = q.end;
  }
  const where: Condition[] = [];
  const direction = relValues(p, j, 'activities', 'direction');
  if (direction) {
    where.push(inList('direction', direction.items.map((it) => it.sense.value)));
    j = direction.end;
  }
  // A type is a noun by itself ("calls", "a meeting"), except "email", which needs a direction or "activity".
  const types = relValues(p, j, 'activities', 'type', (v) => v !== 'email' || !!direction || noun(p, j + 1, 'activities') !== undefined);
  if (types) {
    where.push(inList('type', types.items.map((it) => it.sense.value)));
    j = types.end;
  }
  const n = noun(p, j, 'activities');
  if (n !== undefined) j = n;
  else if (!types) return undefined;
  return finish(p, j, where, count, true);
}

function verbForm(p: Parse, i: number): Clause | undefined {
  const verb = p.phrase(i, CONTACT_VERBS);
  if (!verb) return undefined;
  let j = verb.end;
  let where: Condition[];
  if (verb.value === 'contacted') where = contacted(p, p.text(i, verb.end));
  else {
    // "called us" / "emailed us": they reached us; "called" alone: we called them.
    const inbound = p.is(j, 'us');
    if (p.is(j, 'us')) j += 1;
    where = [cond('type', 'eq', verb.value)];
    if (verb.value !== 'meeting') where.push(cond('direction', 'eq', inbound ? 'inbound' : 'outbound'));
  }
  return finish(p, j, where, null, true);
}

/** "inactive", "inactive for 90 days": no activity of any kind (in the window). */
function inactive(p: Parse, i: number): Clause | undefined {
  if (!p.is(i, 'inactive|dormant')) return undefined;
  const when = p.dates.read(i + 1);
  p.assume(`read "${p.text(i, when?.end ?? i + 1)}" as no activity of any kind${when ? ' in that time' : ''}`);
  return { node: relation('activities', false, (when?.conditions ?? []).map((c) => cond('occurred_at', c.operator, c.value))), end: when?.end ?? i + 1 };
}

/** Words between an activity and its date: "a call logged in May", "a meeting that took place this week". */
const LINKS = new Set(['logged', 'recorded', 'held', 'happened', 'occurred', 'took', 'taken', 'place', 'made', 'done', 'completed', 'booked',
  'scheduled', 'entered', 'added', 'created', 'had', 'that', 'which', 'was', 'were', 'been', 'has', 'have', 'is', 'are']);
/** Adverbs that add nothing to an activity: "emailed directly", "phoned personally". */
const ADVERBS = new Set(['directly', 'personally', 'manually', 'individually', 'ourselves', 'themselves']);

/** The window, "or more", and comparisons on activity fields after the noun or verb. */
function finish(p: Parse, j: number, where: Condition[], count: CountBound | null, has: boolean): Clause {
  for (;;) {
    if (ADVERBS.has(p.w(j))) {
      j += 1;
      continue;
    }
    const when = p.dates.read(p.skip(j, LINKS));
    if (when) {
      where.push(...when.conditions.map((c) => cond('occurred_at', c.operator, c.value)));
      j = when.end;
      continue;
    }
    const more = trailingOrMore(p, j);
    if (more && count) {
      count = { operator: more.operator, value: count.value };
      j = more.end;
      continue;
    }
    const cmp = relFieldComparison(p, p.skip(j, ['with', 'of', 'whose']), 'activities');
    if (cmp) {
      where.push(...cmp.conditions);
      j = cmp.end;
      continue;
    }
    break;
  }
  return { node: relation('activities', has, where, count), end: j };
}
