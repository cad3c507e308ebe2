// The one relation recognizer: deals, activities, fit scores and email events, read as
//
//   [verb] [quantity] [of our|the] [qualifiers] noun [modifiers]
//
// over the phrase data of relation-phrases.ts and the catalog's own words. Qualifiers are the
// relation's enum values and adjectives ("open", "inbound", "crm", "high"); modifiers are chosen by
// the field's type: a time window for the relation's date (or the date a participle chose: "won in
// May" is the close date), a bound for its number ("worth over 50k", "scoring 75+"), enum values
// ("in negotiation", "whose stage is …"), an owner ("owned by Sara", "that Sara owns", "with no
// owner"), "in that period" (the window said last), "or more". "latest / most recent / last X was …"
// is read exactly where the grammar can say it (a window on the newest row) and not at all
// otherwise. A reading returns its conditions, the words it consumed (start to end) and its
// assumptions; it changes nothing in the parse, so the longest reading can win without undoing.
import { relation as findRelation, type RelationDef, type RelationName } from '../../../rules/catalog.js';
import type { Condition, CountBound, Node } from '../../../rules/grammar.js';
import { canonicalOperator, operatorSpec } from '../../../rules/operators.js';
import { readBound, trailingOrMore } from '../bounds.js';
import { COMPARATORS, NEGATIONS, PEOPLE_NOUNS } from '../vocabulary.js';
import type { DateCondition, When } from '../dates.js';
import { readNumber } from '../numbers.js';
import { all, cond, group, relation } from '../nodes.js';
import { AGAIN, ALL_TIME, BUT_NOT, type PhraseTable, SUPERLATIVES, DISTINCT, EACH_OF, EARLIER, EARLIEST, INTO_STAGE, LATEST, NONE_SINCE, type Reading, RELATION_PHRASES, type RelationPhrases, SAME_WINDOW, SEVERAL, SUMS, type Where } from '../relation-phrases.js';
import type { Clause, Parse, WindowedRows } from '../state.js';
import { readList, usesAnd } from './lists.js';

/** What one reading found: the rows' conditions and how many of them. */
interface Rows {
  rel: RelationDef;
  phrases: RelationPhrases;
  where: Condition[];
  count: CountBound | null;
  /** "one or two calls": at least `low` and at most `high`. */
  range?: [number, number];
  /** The date field a time window is about now. */
  date: string | undefined;
  /** Something named the rows: a noun, a noun-like value ("calls"), or a verb that says them. */
  named: boolean;
  none: boolean;
  latest: boolean;
  /** "their first deal", "earliest activity": the oldest row. */
  earliest?: boolean;
  /** "in each of the last 2 months": one row in every one of these windows (calendar periods). */
  eachWindow?: DateCondition[][];
  /** The noun was plural ("deals"): "deals totaling over 100k" is a sum, which no condition says. */
  plural?: boolean;
  distinct: boolean;
  needsMore: boolean;
  usualWindow?: { amount: number; unit: 'days' | 'weeks' | 'months' };
  /** Values of one field joined by "and": one row for each. */
  each?: string[];
  eachField?: string;
  /** "for every product": one row for each of the tenant's values. */
  everyValue: boolean;
  window?: DateCondition[];
  /** "… but not in the last 3 months": rows exist, none in this window. */
  notIn?: DateCondition[];
  /** Where a noun-like value ("calls") ended: it names the rows when no noun follows. */
  nounFieldOnly?: number;
  /** A level was said ("high", "low"): "low for payments" names a fit score without its noun. */
  leveled?: boolean;
  /** The condition a level said, which a number in parentheses after it restates ("high payments fit (80 or more)"). */
  level?: Condition;
  /** Named only by a weak noun ("score"): needs a qualifier or what follows. */
  weak?: boolean;
  notes: string[];
  /** The conditions phrases' readings added (a verb's "outbound"), which words said later may contradict. */
  fromReading?: Condition[];
  /** The note a phrase's own reading added ("read "contacted" as an outbound email, call or meeting"), replaced when a channel narrows it. */
  readingNote?: string;
}

/** Words a reading can start with (besides numbers and the relations' own words in the lexicon). */
const FIRST_WORDS = new Set<string>([
  ...RELATION_PHRASES.flatMap((r) => [...r.verbs, ...r.before, ...(r.kindNouns ?? [])].map(([words]) => words[0]!)),
  ...RELATION_PHRASES.flatMap((r) => Object.keys(r.number?.levels ?? {})),
  ...LATEST.map(([words]) => words[0]!), ...EARLIEST.map(([words]) => words[0]!), ...SUPERLATIVES.map(([words]) => words[0]!), ...SEVERAL.map(([words]) => words[0]!), ...COMPARATORS.map(([words]) => words[0]!),
  ...DISTINCT, ...AGAIN.map(([words]) => words[0]!), ...SAME_WINDOW.map(([words]) => words[0]!), 'none', 'nothing', 'it', "it's", 'a', 'an', 'any', 'some', 'their', 'the', 'its', 'his', 'her', 'in', 'at', 'exactly', 'between', 'from',
]);

const EARLIEST_FIRST = new Set(EARLIEST.map(([words]) => words[0]!));

/** The first words of every relation's kind nouns ("opens", "wins"): only there is one looked for. */
const KIND_FIRST = new Set(RELATION_PHRASES.flatMap((r) => (r.kindNouns ?? []).map(([words]) => words[0]!)));

/** Whether any relation reading can start at i: most words cannot, and are passed over at once. */
function canStart(p: Parse, i: number): boolean {
  const t = p.tokens[i];
  if (!t) return false;
  if (t.kind === 'number' || FIRST_WORDS.has(t.norm) || readNumber(p.tokens, i)) return true;
  return (p.lattice[i] ?? []).some((m) => m.senses.some((s) => s.kind === 'relation' || s.kind === 'relValue' || s.kind === 'relField'));
}

export function relationClause(p: Parse, i: number): Clause | undefined {
  if (!canStart(p, i)) return undefined;
  const more = p.lastRows ? afterWindowed(p, i, p.lastRows) : undefined;
  if (more) return more;
  const w = p.tokens[i]!.norm;
  const same = p.lastWindow && w !== 'then' ? sameWindowFirst(p, i, p.lastWindow) : undefined;
  if (same) return same;
  const top = SUPERLATIVE_FIRST.has(w) ? superlative(p, i) : undefined;
  if (top) return top;
  // "exactly one deal and it is won": a row of the last relation with what is said of it.
  if ((w === 'it' || w === 'that' || w === "it's") && p.lastRelation) {
    const j = w === "it's" ? i + 1 : p.is(i + 1, 'one') ? (p.is(i + 2, 'is|was') ? i + 3 : undefined) : p.is(i + 1, "is|was|'s") ? i + 2 : undefined;
    const said = j !== undefined ? predicate(p, j, p.lastRelation) : undefined;
    if (said && said.end > j!) {
      return { node: relation(p.lastRelation, true, said.where), end: said.end, assumptions: [...said.notes, `read "${p.text(i, said.end)}" as one of them being so`] };
    }
  }
  // "won a deal and also have one still open", "another one that is lost": one more row of the last relation.
  if ((w === 'one' || w === 'another') && p.lastRelation && !p.is(i + 1, 'of|or|and|,')) {
    const at = w === 'another' && p.is(i + 1, 'one') ? i + 2 : i + 1;
    const j = p.skip(at, ['that', 'which', 'is', 'was', "that's", 'thats']);
    const said = predicate(p, j, p.lastRelation);
    if (said && said.end > j && said.where.length) {
      const noun = findRelation(p.lastRelation)?.noun ?? p.lastRelation;
      return { node: relation(p.lastRelation, true, said.where), end: said.end, assumptions: [...said.notes, `read "${p.text(i, said.end)}" as ${noun === 'activity' ? 'an' : 'a'} ${noun} that is so (it may be the same one)`] };
    }
  }
  const some = p.lastRelation ? someOfThem(p, i, p.lastRelation) : undefined;
  if (some) return some;
  if ((w === 'none' || w === 'nothing') && p.lastRelation) {
    const none = noneOfThem(p, i, p.lastRelation);
    if (none) return none;
  }
  // "opportunities owned by Sara": a people noun that starts the description is who they are (the
  // lifecycle stage), not the rows of a relation that shares the word (deals).
  if ((i === 0 || (i === 1 && p.is(0, 'all|the|our|every'))) && p.sense(i, 'value', (s) => s.field === 'lifecycle_stage')) return undefined;
  // "contacts who are (already) an opportunity": what they are, a lifecycle stage, not a deal they have.
  const article = p.tokens[i]?.norm === 'a' || p.tokens[i]?.norm === 'an' ? i + 1 : i;
  if (BEING.has(p.tokens[i - 1]?.norm ?? '') && p.sense(article, 'value', (s) => s.field === 'lifecycle_stage')) return undefined;
  const pair = adjectivePair(p, i);
  if (pair) return pair;
  let best: Clause | undefined;
  for (const phrases of RELATION_PHRASES) {
    const c = readRelation(p, i, phrases);
    if (c && (!best || c.end > best.end)) best = c;
  }
  if (best) best = sharedWindow(p, i, best) ?? bothInWindow(p, best) ?? best;
  return best ?? (p.lastRelation ? elided(p, i, p.lastRelation) : undefined) ?? boundForValue(p, i);
}

/** The first words of the relations' adjectives ("open", "won"): only there is a pair of them looked for. */
const ADJECTIVE_FIRST = new Set(RELATION_PHRASES.flatMap((r) => r.before.map(([words]) => words[0]!)));

/**
 * "both a won and a lost deal", "an open or a won deal": two adjectives of one relation sharing its
 * noun (and what follows it) are two rows, AND-ed or OR-ed as said — not the second adjective alone
 * with the first left open, nor the first taken for another relation ("an open …" is no email open).
 */
function adjectivePair(p: Parse, i: number): Clause | undefined {
  // (A gate on the tokens themselves: most words are no adjective of a relation.)
  let k = p.tokens[i]?.norm === 'both' || p.tokens[i]?.norm === 'either' ? i + 1 : i;
  if (p.tokens[k]?.norm === 'a' || p.tokens[k]?.norm === 'an') k += 1;
  if (!ADJECTIVE_FIRST.has(p.tokens[k]?.norm ?? '')) return undefined;
  const joins = (t: { norm: string } | undefined) => t?.norm === 'and' || t?.norm === 'or';
  if (!joins(p.tokens[k + 1]) && !joins(p.tokens[k + 2])) return undefined;
  for (const phrases of RELATION_PHRASES) {
    const first = p.phrase(k, phrases.before);
    const conj = first ? p.tokens[first.end]?.norm : undefined;
    if (!first || (conj !== 'and' && conj !== 'or')) continue;
    const at = first.end + 1;
    const m = p.tokens[at]?.norm === 'a' || p.tokens[at]?.norm === 'an' ? at + 1 : at;
    if (!ADJECTIVE_FIRST.has(p.tokens[m]?.norm ?? '')) continue;
    const second = p.phrase(m, phrases.before);
    if (!second) continue;
    const rows = readRelation(p, at, phrases);
    if (!rows || rows.node.type !== 'relation' || !rows.node.has || rows.end <= second.end) continue;
    // ("an open and a won deal in 2026": a window on the close date a won deal chose says nothing of an open one.)
    if ((first.value.date ?? '') !== (second.value.date ?? '') && rows.refs?.lastWindow?.length) continue;
    const said = (where: Where) => where.map(([field, operator, value]) => JSON.stringify(cond(field, operator, value)));
    const theirs = new Set(said(second.value.where));
    const kept = (rows.node.where?.children ?? []).filter((c) => !theirs.has(JSON.stringify(c)));
    if (kept.length !== (rows.node.where?.children.length ?? 0) - theirs.size) continue;
    const mine = relation(phrases.relation, true, [...first.value.where.map(([field, operator, value]) => cond(field, operator, value)), ...(kept as Condition[])], rows.node.count);
    const noun = rows.node.relation === 'activities' ? 'activity' : rows.node.relation === 'deals' ? 'deal' : 'row';
    return {
      node: group(conj === 'and' ? 'and' : 'or', [mine, rows.node]),
      end: rows.end,
      assumptions: [...(rows.assumptions ?? []), `read "${p.text(i, rows.end)}" as ${conj === 'and' ? 'two' : 'either of two'} ${noun}s: ${p.text(k, first.end)} ${conj} ${p.text(m, second.end)}`],
      refs: rows.refs,
    };
  }
  return undefined;
}

/**
 * "no activity or deal in the last 60 days", "a call or a meeting since July": a bare noun, "or" /
 * "and", then rows of another relation with a window: the window is said of both (said), and a
 * negation before them covers the pair.
 */
function sharedWindow(p: Parse, i: number, first: Clause): Clause | undefined {
  const a = first.node;
  // (Only a bare noun: "an open deal or a meeting in October" keeps the window on the meeting.)
  if (a.type !== 'relation' || !a.has || a.count || a.where || first.end - i > 3 || !p.is(first.end, 'or|and')) return undefined;
  const own = RELATION_PHRASES.find((r) => r.relation === a.relation)!;
  const k = p.skip(first.end + 1, ['a', 'an', 'any']);
  let second: Clause | undefined;
  for (const phrases of RELATION_PHRASES) {
    if (phrases.relation === a.relation) continue;
    const c = readRelation(p, k, phrases);
    if (c && (!second || c.end > second.end)) second = c;
  }
  const window = second?.refs?.lastWindow;
  if (!second || second.node.type !== 'relation' || !second.node.has || !window?.length || !own.date) return undefined;
  const mine = relation(a.relation, true, window.map((c) => cond(own.date!, c.operator, c.value)));
  return {
    node: group(p.is(first.end, 'and') ? 'and' : 'or', [mine, second.node]),
    end: second.end,
    assumptions: [...(first.assumptions ?? []), ...(second.assumptions ?? []), `read the time window of "${p.text(i, second.end)}" as said of both`],
    refs: second.refs,
  };
}

/**
 * "an inbound call and an outbound email, both within the last 90 days": two rows joined by "and", then
 * "both" (or "each") and a window: the window is said of each row (said).
 */
function bothInWindow(p: Parse, first: Clause): Clause | undefined {
  const a = first.node;
  // (A gate on the tokens themselves, like canStart: most rows have no "and … both" after them.)
  if (a.type !== 'relation' || !a.has || a.count || p.tokens[first.end]?.norm !== 'and') return undefined;
  if (!p.tokens.slice(first.end + 2, first.end + 16).some((t) => t.norm === 'both' || t.norm === 'each')) return undefined;
  const k = p.skip(first.end + 1, ['a', 'an', 'any']);
  let second: Clause | undefined;
  for (const phrases of RELATION_PHRASES) {
    const c = readRelation(p, k, phrases);
    if (c && (!second || c.end > second.end)) second = c;
  }
  const b = second ? (p.is(second.end, ',') ? second.end + 1 : second.end) : -1;
  if (!second || second.node.type !== 'relation' || !second.node.has || second.node.count || !p.is(b, 'both|each')) return undefined;
  const when = p.dates.read(b + 1);
  if (!when?.conditions.length) return undefined;
  const rows = [a, second.node];
  // (Each row takes the window on its own date, and only where it has no time of its own yet; a relation
  // whose date depends on what was said of it — a deal won, created, closed — is left to its own reading.)
  const phrasesOf = rows.map((n) => RELATION_PHRASES.find((r) => r.relation === n.relation));
  if (phrasesOf.some((r) => r?.dated.length)) return undefined;
  const dates = phrasesOf.map((r) => r?.date);
  if (dates.some((d, n) => !d || rows[n]!.where?.children.some((c) => c.type === 'condition' && c.field === d))) return undefined;
  const nodes = rows.map((n, m) => relation(n.relation, true, [...((n.where?.children ?? []) as Condition[]), ...when.conditions.map((c) => cond(dates[m]!, c.operator, c.value))]));
  return {
    node: group('and', nodes),
    end: when.end,
    assumptions: [...(first.assumptions ?? []), ...(second.assumptions ?? []), `read "${p.text(b, when.end)}" as said of each of them`],
    refs: second.refs,
  };
}

/**
 * "85 or better on crm", "… but under 20 for payments": a bound, then the value of a relation with one
 * row per value (fit scores: one per product) after "for" / "on" / "in": that row's number is so.
 */
function boundForValue(p: Parse, i: number): Clause | undefined {
  const t = p.tokens[i];
  if (!t || (t.kind !== 'number' && !COMPARATOR_FIRST.has(t.norm))) return undefined;
  const b = readBound(p, i);
  if (!b || !b.explicit || typeof b.value !== 'number' || b.operator === 'eq' || !p.is(b.end, 'for|on|in')) return undefined;
  for (const phrases of RELATION_PHRASES) {
    if (!phrases.perRow || !phrases.number) continue;
    const value = p.sense(b.end + 1, 'relValue', (s) => s.relation === phrases.relation && s.field === phrases.perRow);
    if (!value) continue;
    let end = value.match.end;
    // "on crm fit", "for analytics scores": the noun may follow.
    const noun = p.sense(end, 'relation', (s) => s.relation === phrases.relation);
    if (noun) end = noun.match.end;
    else if (phrases.weakNouns?.has(p.w(end))) end += 1;
    const where = [cond(phrases.perRow, 'eq', value.sense.value), cond(phrases.number.field, b.operator as 'gt', b.value)];
    return { node: relation(phrases.relation, true, where), end, assumptions: [`read "${p.text(i, end)}" as ${article(findRelation(phrases.relation)!.noun)} for ${value.sense.label} with ${phrases.number.field} ${p.text(i, b.end)}`], refs: { lastRelation: phrases.relation } };
  }
  return undefined;
}
const COMPARATOR_FIRST = new Set(['over', 'above', 'under', 'below', 'at', 'more', 'less', 'fewer', 'greater', 'higher', 'lower', 'between', '>', '<', '>=', '<=', 'min', 'max', 'minimum', 'maximum']);

/**
 * "inbound activity in the last 90 days but no outbound in that period": a qualifier of the last
 * relation's rows without a noun names rows of that relation again (the noun is left out, not missing).
 */
function elided(p: Parse, i: number, name: RelationName): Clause | undefined {
  // Only where a value of that relation starts (a lookup, not a read).
  const phrases = RELATION_PHRASES.find((r) => r.relation === name)!;
  // Or an adjective of its rows before "one": "a won deal and also an open one".
  const adjective = () => {
    if (p.tokens[i + 1]?.norm !== 'one' && p.tokens[i + 1]?.norm !== 'ones') return false;
    const before = p.phrase(i, phrases.before);
    return !!before && p.is(before.end, 'one|ones');
  };
  if (!(p.lattice[i] ?? []).some((m) => m.senses.some((s) => s.kind === 'relValue' && s.relation === name)) && !adjective()) return undefined;
  const rows = start(phrases);
  const j = qualifiers(p, i, rows);
  if (j === i || !rows.where.length || rows.nounFieldOnly !== undefined || rows.each || p.sense(j, 'relation')) return undefined;
  rows.named = true;
  // "inbound calls in May but no outbound in that period": the rows before, with what is said now in place.
  const last = p.lastRows?.relation === name ? p.lastRows.where.filter((c) => !rows.where.some((w) => w.field === c.field)) : [];
  rows.where.push(...last);
  // "no inbound ones in that period": the word for the rows left out, then what is said of them.
  const end = modifiers(p, p.is(j, 'one|ones') ? j + 1 : j, rows);
  const node = build(p, i, end, rows);
  if (!node) return undefined;
  rows.notes.push(`read "${p.text(i, j)}" as ${last.length ? 'the same' : p.text(i, j)} ${rows.rel.label.toLowerCase()}${last.length ? ` but ${p.text(i, j)}` : ', like the ones before'}`);
  return { node, end, assumptions: rows.notes, refs: { lastRelation: name } };
}

/** What is said of every row without its noun ("won", "in negotiation", "worth over 10k", "calls", "above 70"). */
export function predicate(p: Parse, k: number, name: RelationName): { where: Condition[]; notes: string[]; end: number } | undefined {
  const phrases = RELATION_PHRASES.find((r) => r.relation === name)!;
  const rows = start(phrases);
  rows.named = true;
  let j = qualifiers(p, k, rows);
  j = modifiers(p, j, rows);
  if (rows.nounFieldOnly !== undefined && rows.nounFieldOnly > j) j = rows.nounFieldOnly;
  const noun = p.sense(j, 'relation', (s) => s.relation === name);
  if (noun) j = noun.match.end;
  return rows.where.length ? { where: rows.where, notes: rows.notes, end: j } : undefined;
}

function start(phrases: RelationPhrases): Rows {
  return {
    rel: findRelation(phrases.relation)!,
    phrases,
    where: [],
    count: null,
    date: phrases.date,
    named: false,
    none: false,
    latest: false,
    distinct: false,
    needsMore: false,
    everyValue: false,
    notes: [],
  };
}

function readRelation(p: Parse, i: number, phrases: RelationPhrases): Clause | undefined {
  const found = rowsAt(p, i, phrases);
  if (!found) return undefined;
  const node = build(p, i, found.end, found.rows);
  if (!node) return undefined;
  const { rows } = found;
  const window = rows.window;
  const field = window && rows.where.find((c) => c.value === window[0]?.value && c.operator === window[0]?.operator)?.field;
  const lastRows = window && field ? { relation: rows.rel.name, where: rows.where.filter((c) => c.field !== field), field, window } : undefined;
  return { node, end: found.end, assumptions: rows.notes, refs: window ? { lastWindow: window, lastRows, lastRelation: rows.rel.name } : { lastRelation: rows.rel.name } };
}

const SUPERLATIVE_FIRST = new Set(['the', 'their', 'its', 'his', 'her', ...SUPERLATIVES.map(([words]) => words[0]!)]);

/**
 * "their biggest deal is over 100k", "lowest fit score under 20": the largest row is over a bound
 * exactly when some row is; under a bound, when there is a row and none is at or over it. Said.
 */
function superlative(p: Parse, i: number): Clause | undefined {
  const j = p.skip(i, ['the', 'their', 'its', 'his', 'her']);
  const sup = p.phrase(j, SUPERLATIVES);
  if (!sup) return undefined;
  const noun = p.sense(sup.end, 'relation');
  const phrases = noun ? RELATION_PHRASES.find((r) => r.relation === noun.sense.relation) : undefined;
  if (!noun || !phrases?.measure) return undefined;
  let k = noun.match.end;
  if (p.is(k, 'amount|value|size|score|scores')) k += 1;
  k = p.skip(k, ['is', 'was', 'are', 'were', 'of']);
  const b = readBound(p, k);
  if (!b || typeof b.value !== 'number' || !['gt', 'gte', 'lt', 'lte'].includes(b.operator)) return undefined;
  const name = phrases.relation;
  const field = phrases.measure;
  const op = b.operator as 'gt' | 'gte' | 'lt' | 'lte';
  const up = op === 'gt' || op === 'gte';
  const said = p.text(i, b.end);
  const rowNoun = findRelation(name)!.noun;
  if ((sup.value === 'max') === up) {
    return { node: relation(name, true, [cond(field, op, b.value)]), end: b.end, assumptions: [`read "${said}" as ${article(rowNoun)} with ${field} ${OP_WORDS[op]} ${b.value} (the ${sup.value === 'max' ? 'largest' : 'smallest'} is, exactly when one is)`] };
  }
  // The largest under X: a row, and none at or over X. The smallest over X: a row, and none at or under X.
  const opposite = { gt: 'lte', gte: 'lt', lt: 'gte', lte: 'gt' } as const;
  const node = all([relation(name, true, []), relation(name, false, [cond(field, opposite[op], b.value)])]);
  return { node, end: b.end, assumptions: [`read "${said}" as every ${rowNoun} with ${field} ${OP_WORDS[op]} ${b.value}, and at least one`] };
}
const OP_WORDS = { gt: 'over', gte: 'at least', lt: 'under', lte: 'at most' } as const;

/** "…, and in that period no inbound calls": the window said last, said before the rows it applies to. */
function sameWindowFirst(p: Parse, i: number, window: readonly DateCondition[]): Clause | undefined {
  const same = p.phrase(i, SAME_WINDOW);
  if (!same) return undefined;
  let j = p.is(same.end, ',') ? same.end + 1 : same.end;
  const none = p.is(j, 'no');
  if (none) j += 1;
  let best: { rows: Rows; end: number } | undefined;
  for (const phrases of RELATION_PHRASES) {
    const found = rowsAt(p, j, phrases);
    if (found && found.rows.date && !found.rows.window && (!best || found.end > best.end)) best = found;
  }
  if (!best) return undefined;
  const { rows } = best;
  rows.where.push(...window.map((c) => cond(rows.date!, c.operator, c.value)));
  const node = build(p, j, best.end, rows);
  if (!node) return undefined;
  return {
    node: none ? { type: 'group', op: 'and', negate: true, children: [node] } : node,
    end: best.end,
    assumptions: [...rows.notes, `read "${p.text(i, same.end)}" as the same time window`],
    refs: { lastRelation: rows.rel.name },
  };
}

/**
 * "5 or more activities since July, and at least 2 of them calls": a count of the rows said before
 * (their window too) that are also so.
 */
function someOfThem(p: Parse, i: number, name: RelationName): Clause | undefined {
  // A gate on the tokens first, like canStart: most positions have no "of them" just ahead.
  const t = p.tokens;
  let k = i + 1;
  while (k < i + 4 && !(t[k]?.norm === 'of' && /^(them|those|these)$/.test(t[k + 1]?.norm ?? ''))) k += 1;
  if (k === i + 4) return undefined;
  const b = readBound(p, i);
  if (!b || typeof b.value !== 'number' || !Number.isInteger(b.value) || !['gt', 'gte', 'lt', 'lte', 'eq'].includes(b.operator)) return undefined;
  if (!p.is(b.end, 'of', 'them|those|these')) return undefined;
  const j = p.skip(b.end + 2, ['are', 'were', 'being', 'was']);
  const said = predicate(p, j, name);
  if (!said || said.end <= j) return undefined;
  const last = p.lastRows?.relation === name ? p.lastRows : undefined;
  const window = last ? last.window.map((c) => cond(last.field, c.operator, c.value)) : [];
  const where = [...(last?.where ?? []), ...window];
  for (const c of said.where) if (!where.some((w) => JSON.stringify(w) === JSON.stringify(c))) where.push(c);
  const operator = b.operator === 'eq' && !b.explicit ? 'gte' : (b.operator as CountBound['operator']);
  const words = operator === 'eq' ? 'exactly' : OP_WORDS[operator];
  const notes = [...said.notes, `read "${p.text(i, said.end)}" as ${words} ${b.value} of those ${findRelation(name)!.label.toLowerCase()}${last ? ' (in the same window)' : ''}`];
  if (b.value === 1 && operator === 'gte') return { node: relation(name, true, where), end: said.end, assumptions: notes };
  return { node: relation(name, true, where, { operator, value: b.value }), end: said.end, assumptions: notes };
}

/** "with open deals but none won (yet)", "nothing lost": no row of the last relation with what is said of it. */
function noneOfThem(p: Parse, i: number, name: RelationName): Clause | undefined {
  let j = i + 1;
  if (p.is(j, 'of', 'them|those|these')) j += 2;
  const said = predicate(p, j, name);
  if (!said || said.end <= j) return undefined;
  const rel = findRelation(name)!;
  return { node: relation(name, false, said.where), end: said.end, assumptions: [...said.notes, `read "${p.text(i, said.end)}" as no ${rel.noun} like that`] };
}


/**
 * "no activity in the past 60 days but at least one before that": a row like the last relation's,
 * before its window (with the negated window, the last activity was more than 60 days ago).
 */
function afterWindowed(p: Parse, i: number, last: WindowedRows): Clause | undefined {
  const w = p.tokens[i]?.norm ?? '';
  return AGAIN_FIRST.has(w) ? againIn(p, i, last) : earlierOne(p, i, w, last);
}
const AGAIN_FIRST = new Set(AGAIN.map(([words]) => words[0]!));

function earlierOne(p: Parse, i: number, w: string, last: WindowedRows): Clause | undefined {
  let j = w === 'at' ? (p.is(i + 1, 'least', 'one') ? i + 3 : undefined) : w === 'one' || w === 'some' || w === 'any' ? i + 1 : undefined;
  if (j === undefined) return undefined;
  if (p.is(j, 'ones') || p.sense(j, 'relation', (s) => s.relation === last.relation)) j += 1;
  const said = p.phrase(j, EARLIER);
  if (!said) return undefined;
  const before = beforeWindow(last.window);
  if (!before) return undefined;
  const node = relation(last.relation, true, [...last.where, cond(last.field, before.operator, before.value)]);
  return { node, end: said.end, assumptions: [`read "${p.text(i, said.end)}" as at least one before that time window`] };
}

/**
 * "… crm fit and a payments fit (both) above 70": the second value of a one-value-per-row field with
 * the relation's noun again makes the reading a row for each value (`each`), so a bound after both
 * applies to both. Only when the first said exactly one value and nothing else yet.
 */
function anotherRow(p: Parse, k: number, rows: Rows): { end: number } | undefined {
  const field = rows.phrases.perRow!;
  const first = rows.where.filter((c) => c.field === field);
  if (first.length !== 1 || first[0]!.operator !== 'eq' || rows.where.length !== 1) return undefined;
  const at = p.skip(k, ['a', 'an', 'the', 'their', 'its']);
  const value = p.sense(at, 'relValue', (s) => s.relation === rows.rel.name && s.field === field);
  if (!value || value.sense.value === first[0]!.value) return undefined;
  const noun = p.sense(value.match.end, 'relation', (s) => s.relation === rows.rel.name);
  const end = noun ? (p.is(noun.match.end, 'score|scores') ? noun.match.end + 1 : noun.match.end) : rows.phrases.weakNouns?.has(p.w(value.match.end)) ? value.match.end + 1 : undefined;
  if (end === undefined) return undefined;
  rows.where = [];
  rows.each = [first[0]!.value as string, value.sense.value];
  rows.eachField = field;
  rows.notes.push(`read "${p.text(k - 1, end)}" with the one before as ${article(rows.rel.noun)} for each of them`);
  return { end: p.is(end, 'both') ? end + 1 : end };
}

/** "in each of the last 2 months": the N calendar periods before the current one, oldest first. */
function eachPeriod(p: Parse, k: number): { windows: DateCondition[][]; end: number } | undefined {
  // A gate on the token itself, like canStart: most modifiers are something else.
  const first = p.tokens[k]?.norm;
  if (first !== 'in' && first !== 'during' && first !== 'for' && first !== 'each' && first !== 'every' && first !== 'all') return undefined;
  let j = first === 'in' || first === 'during' || first === 'for' ? k + 1 : k;
  if (j > k && !p.is(j, 'each|every|all')) return undefined;
  const lead = p.phrase(j, EACH_OF);
  if (!lead) return undefined;
  j = lead.end;
  if (!p.is(j, 'last|past|previous')) return namedPeriods(p, j);
  const n = readNumber(p.tokens, j + 1);
  if (!n || !Number.isInteger(n.value) || n.value < 2 || n.value > 24) return undefined;
  const unit = PERIODS[p.w(n.end)];
  if (!unit) return undefined;
  const a = p.asOf;
  const start = unit === 'week'
    ? new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate() - ((a.getUTCDay() + 6) % 7)))
    : new Date(Date.UTC(a.getUTCFullYear(), unit === 'quarter' ? a.getUTCMonth() - (a.getUTCMonth() % 3) : a.getUTCMonth(), 1));
  const back = (d: Date, m: number) =>
    unit === 'week' ? new Date(d.getTime() - m * 7 * 86_400_000) : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - m * (unit === 'quarter' ? 3 : 1), 1));
  const windows: DateCondition[][] = [];
  for (let m = n.value; m >= 1; m--) windows.push([{ operator: 'gte', value: back(start, m).toISOString() }, { operator: 'lt', value: back(start, m - 1).toISOString() }]);
  return { windows, end: n.end + 1 };
}
/**
 * "in August, September and October", "during Q2 or Q3": three or more named periods (or two after a
 * comma), each right after the one before, are one window from the first start to the last end.
 * Periods with a gap between them are not joined: the date reader's own reading stands.
 */
function periodList(p: Parse, k: number): When | undefined {
  const at = p.tokens[k]?.norm;
  if ((at !== 'in' && at !== 'during') || !p.is(p.dates.period(k + 1)?.next ?? -1, ',')) return undefined;
  const periods: { start: Date; end: Date }[] = [];
  let end = k + 1;
  for (let at = k + 1; ; ) {
    const period = p.dates.period(at);
    if (!period) break;
    if (periods.length && periods.at(-1)!.end.getTime() !== period.start.getTime()) return undefined;
    periods.push(period);
    end = period.next;
    const sep = p.is(end, ',') && p.is(end + 1, 'and|or|&') ? 2 : p.is(end, ',|and|or|&') ? 1 : 0;
    if (!sep) break;
    at = end + sep;
  }
  if (periods.length < 2) return undefined;
  return { conditions: [{ operator: 'gte', value: periods[0]!.start.toISOString() }, { operator: 'lt', value: periods.at(-1)!.end.toISOString() }], end };
}

/**
 * "the other two products", "the other products", "the remaining ones": the per-row field's values
 * (products) other than those the description named before k; a number said must be how many
 * those are. Said.
 */
function otherValues(p: Parse, k: number, rows: Rows): number | undefined {
  const at = p.is(k, 'the') ? k + 1 : k;
  if (!p.is(at, 'other|remaining')) return undefined;
  const field = rows.phrases.perRow!;
  const n = readNumber(p.tokens, at + 1);
  const end = n ? n.end : at + 1;
  if (!p.is(end, 'products|product|ones')) return undefined;
  const named = new Set<string>();
  for (let i = 0; i < k; i++) {
    for (const m of p.lattice[i] ?? []) for (const s of m.senses) if (s.kind === 'relValue' && s.relation === rows.rel.name && s.field === field) named.add(s.value);
  }
  const all = p.tenant.products;
  const rest = all.filter((v) => !named.has(v));
  if (!named.size || !rest.length || (n && n.value !== rest.length)) return undefined;
  rows.where.push(rest.length === 1 ? cond(field, 'eq', rest[0]!) : cond(field, 'in', rest));
  rows.notes.push(`read "${p.text(k, end + 1)}" as ${rest.join(' and ')}`);
  return end + 1;
}

/** "in each of August, September and October", "in every one of Q2 and Q3": a list of two or more named periods. */
function namedPeriods(p: Parse, j: number): { windows: DateCondition[][]; end: number } | undefined {
  const windows: DateCondition[][] = [];
  let end = j;
  for (let k = j; ; ) {
    // One period at a time: "September and October" read as one window would be a range.
    const period = p.dates.period(k);
    if (!period) break;
    windows.push([{ operator: 'gte', value: period.start.toISOString() }, { operator: 'lt', value: period.end.toISOString() }]);
    end = period.next;
    const sep = p.is(end, ',') && p.is(end + 1, 'and|&') ? 2 : p.is(end, ',|and|&') ? 1 : 0;
    if (!sep) break;
    k = end + sep;
  }
  return windows.length >= 2 ? { windows, end } : undefined;
}
const PERIODS: Record<string, 'week' | 'month' | 'quarter'> = { weeks: 'week', months: 'month', quarters: 'quarter', wks: 'week', mos: 'month' };

/** "meetings in September and again in October": a row like the last relation's, in the window said now. */
function againIn(p: Parse, i: number, last: WindowedRows): Clause | undefined {
  const said = p.phrase(i, AGAIN);
  if (!said) return undefined;
  const when = p.dates.read(said.end);
  if (!when?.conditions.length) return undefined;
  const node = relation(last.relation, true, [...last.where, ...when.conditions.map((c) => cond(last.field, c.operator, c.value))]);
  return { node, end: when.end, assumptions: [`read "${p.text(i, when.end)}" as one more like it in that time`], refs: { lastWindow: when.conditions, lastRows: { ...last, window: when.conditions } } };
}

/** The time before a window starts: the last 60 days → more than 60 days ago; since X or [X, Y) → before X. */
function beforeWindow(window: readonly DateCondition[]): { operator: 'more_than_ago' | 'lt'; value: DateCondition['value'] } | undefined {
  const rolling = window.find((c) => c.operator === 'within_last');
  if (rolling) return { operator: 'more_than_ago', value: rolling.value };
  const from = window.find((c) => c.operator === 'gte');
  return from ? { operator: 'lt', value: from.value } : undefined;
}

function rowsAt(p: Parse, i: number, phrases: RelationPhrases): { rows: Rows; end: number } | undefined {
  // "last touched more than 6 months ago", "last contacted in May": the newest row, said before the verb.
  const latest = p.phrase(i, LATEST);
  const after = latest ? p.phrase(latest.end, phrases.verbs) : undefined;
  if (latest && after?.value.names && !p.dates.read(i)?.conditions.length) {
    const found = readRows(p, latest.end, phrases, after, true);
    if (found) return found;
  }
  const said = p.phrase(i, phrases.verbs);
  const verb = theyDid(p, i, said?.value.afterWho && !p.is(i - 1, 'who|that|which|they|both|also') ? undefined : said);
  // A word that is a verb and a noun ("clicks", "opens"): the longer of the two readings.
  const asNoun = verb ? readRows(p, i, phrases, undefined) : undefined;
  const asVerb = readRows(p, i, phrases, verb);
  return asVerb && (!asNoun || asVerb.end >= asNoun.end) ? asVerb : asNoun;
}

/**
 * "contacts who called in the last month", "leads that emailed": the contact is the one who called —
 * their call (inbound), not any call "called" alone is read as ("contacts we called"), nor the outbound
 * email "emailed" alone is.
 */
function theyDid(p: Parse, i: number, verb: { value: Reading; end: number } | undefined): { value: Reading; end: number } | undefined {
  if (verb?.value.theirs && p.is(i - 1, 'who|that|which')) return { value: verb.value.theirs, end: verb.end };
  if (!verb || !verb.value.assume?.includes('(outbound)') || !p.is(i - 1, 'who|that|which')) return verb;
  const where = verb.value.where.map(([field, op, value]) => (field === 'direction' ? ([field, op, 'inbound'] as const) : ([field, op, value] as const)));
  const kind = verb.value.assume.replace(/^as (an? \w+) .*$/, '$1');
  return { value: { ...verb.value, where, assume: `as ${kind} they ${kind.includes('email') ? 'sent' : 'made'} (inbound)` }, end: verb.end };
}

function readRows(p: Parse, i: number, phrases: RelationPhrases, verb: { value: Reading; end: number } | undefined, latestFirst = false): { rows: Rows; end: number } | undefined {
  const rows = start(phrases);
  if (latestFirst) rows.latest = true;
  let j = i;
  let verbAt: number | undefined;
  if (verb) {
    apply(p, rows, verb.value, i, verb.end);
    verbAt = j;
    j = verb.end;
    // "clicked in at least 3 different campaigns", "opened across 2 of our emails": how many follows.
    if (p.is(j, 'in|across') && (readNumber(p.tokens, j + 1) || p.is(j + 1, 'at|multiple|several')) && !p.dates.read(j)?.conditions.length) j += 1;
  }
  const latestAt = p.skip(j, ['their', 'the', 'its', 'his', 'her']);
  // "called last week" is a window, not the newest call.
  const dated = !!p.dates.read(latestAt)?.conditions.length;
  const latest = dated ? undefined : p.phrase(latestAt, LATEST);
  // "their first deal", "the earliest activity": the oldest row (never "first" before a window, "the first week").
  // (The word at latestAt was just read for LATEST: looked at again, not counted again.)
  const earliest = latest || dated || !EARLIEST_FIRST.has(p.tokens[latestAt]?.norm ?? '') ? undefined : p.phrase(latestAt, EARLIEST);
  let amountEnd: number | undefined;
  if (latest) {
    rows.latest = true;
    j = latest.end;
  } else if (earliest) {
    rows.earliest = true;
    j = earliest.end;
  } else if (phrases.measure && (amountEnd = amountBefore(p, j, rows)) !== undefined) {
    j = amountEnd;
  } else if (verb && p.is(j, 'no') && !rows.none && !p.is(j + 1, 'longer|one|later|earlier|more|less|fewer')) {
    // "sent us no email", "booked no meetings": none of those rows. After a negation ("never called no
    // calls", said aloud) the "no" repeats it: one negation, the one before the verb, said.
    const concord = verbAt !== undefined && [p.tokens[verbAt - 1]?.norm, p.tokens[verbAt - 2]?.norm].some((w) => NEGATIONS.has(w ?? ''));
    if (concord) rows.notes.push(`read the "no" of "${p.text(verbAt! - (NEGATIONS.has(p.tokens[verbAt! - 1]?.norm ?? '') ? 1 : 2), j + 1)} …" as repeating the negation (none), not a second one`);
    else rows.none = true;
    j += 1;
  } else if (!(verb && phrases.number && p.phrase(verbAt!, phrases.number.words))) {
    const q = quantity(p, j, rows);
    if (q !== undefined) {
      j = q;
      // "2 of our emails", "one of the calls"
      if (p.is(j, 'of')) j = p.skip(j + 1, ['our', 'the', 'their', 'your', 'those', 'these', 'its']);
      else if (p.is(j, 'single')) j += 1;
    } else if (verbAt !== undefined) j = p.skip(j, ['our', 'the', 'their', 'your']);
  }
  j = qualifiers(p, j, rows);
  const beforeNoun = j;
  j = noun(p, j, rows, verbAt !== undefined);
  if (j === beforeNoun && rows.nounFieldOnly === undefined && !rows.named) return j === i ? bare(p, i, rows) : undefined;
  if (j === beforeNoun && rows.nounFieldOnly !== undefined) j = rows.nounFieldOnly;
  if (j === i) return undefined;
  // A noun after "won" names the rows: "won a deal", "lost deals".
  if (j > beforeNoun) rows.needsMore = false;
  rows.plural = j > beforeNoun && /s$/.test(p.w(j - 1)) && rows.count === null;
  const afterNoun = j;
  j = modifiers(p, j, rows);
  if (rows.needsMore && j === afterNoun) return undefined;
  if (rows.usualWindow && !rows.window && rows.date) {
    rows.where.push(cond(rows.date, 'within_last', rows.usualWindow));
    rows.notes.push(`read "${p.text(i, j)}" as in the last ${rows.usualWindow.amount} ${rows.usualWindow.unit} (no time was said; say one to change it)`);
  }
  if (rows.weak && j === afterNoun && !rows.where.length) return undefined;
  // "email activity" is logged emails here; a marketer may mean campaign opens and clicks. Said.
  if (rows.rel.name === 'activities' && rows.where.some((c) => c.field === 'type' && c.value === 'email') && /\bemail activit/i.test(p.text(i, j))) {
    rows.notes.push(`read "email activity" as logged email activities, not campaign email events (say "opened or clicked any campaign" for those)`);
  }
  return { rows, end: j };
}

/** A value that says the relation by itself: "in negotiation", "negotiation". */
function bare(p: Parse, i: number, rows: Rows): { rows: Rows; end: number } | undefined {
  const spec = rows.phrases.bare;
  if (!spec) return undefined;
  const k = p.is(i, 'in|at') ? p.skip(i + 1, ['the']) : i;
  const list = readList(p, k, (m) => p.sense(m, 'relValue', (s) => s.relation === rows.rel.name && s.field === spec.field && !spec.except?.includes(s.value)), rows.notes, false, true);
  if (!list) return undefined;
  const values = [...new Set(list.items.map((it) => it.sense.value))];
  rows.where.push(inList(spec.field, values));
  const end = p.is(list.end, 'stage|phase') ? list.end + 1 : list.end;
  // "negotiation or proposal stage deals north of 25k": the noun after the values names the same rows.
  const noun = p.sense(end, 'relation', (s) => s.relation === rows.rel.name);
  if (noun) {
    rows.named = true;
    return { rows, end: modifiers(p, noun.match.end, rows) };
  }
  return { rows, end };
}

/** Applies a phrase's reading. */
function apply(p: Parse, rows: Rows, reading: Reading, from: number, to: number): void {
  const said = conditions(reading.where);
  rows.where.push(...said);
  rows.fromReading = [...(rows.fromReading ?? []), ...said];
  if (reading.date) rows.date = reading.date;
  if (reading.names) rows.named = true;
  if (reading.none) rows.none = true;
  if (reading.needsMore) rows.needsMore = true;
  if (reading.usualWindow) rows.usualWindow = reading.usualWindow;
  if (reading.assume) rows.notes.push((rows.readingNote = `read "${p.text(from, to)}" ${reading.assume}`));
}

/** A phrase's conditions as rule conditions. */
export function conditions(where: Where): Condition[] {
  return where.map(([field, operator, value]) => cond(field, operator, value));
}

/** How many rows: "a", "any", "at least 3", "five or more", "3+", "fewer than 2", "one or two", "multiple". */
function quantity(p: Parse, i: number, rows: Rows): number | undefined {
  const several = p.phrase(i, SEVERAL);
  if (several) {
    rows.count = { operator: 'gte', value: several.value };
    rows.notes.push(`read "${p.text(i, several.end)}" as ${several.value} or more`);
    return several.end;
  }
  if (p.is(i, 'a|an|any|some') && !readNumber(p.tokens, i)) return i + 1;
  // "both of their deals are open", "both deals open" ("both" is read before the clause, as a filler): two at least, said.
  const before = p.is(i - 1, 'their|the') ? (p.is(i - 2, 'of') ? i - 3 : i - 2) : i - 1;
  if (p.is(before, 'both') && p.sense(i, 'relation', (s) => s.relation === rows.rel.name) && !readNumber(p.tokens, i)) {
    rows.count = { operator: 'gte', value: 2 };
    rows.notes.push(`read "${p.text(before, i + 1)}" as at least 2 of them`);
    return i;
  }
  if (rows.phrases.number && boundIsTheNumber(p, i, rows)) return undefined;
  const b = readBound(p, i);
  // "touched more than 6 months ago": a length of time, not how many rows.
  if (!b || moneyOrScaled(p, i, b.end) || p.is(b.end, 'day|days|week|weeks|month|months|year|years|quarter|quarters')) return undefined;
  if (b.operator === 'between' || b.operator === 'in') {
    const values = b.operator === 'between' ? b.value : b.value;
    const low = Math.min(...values);
    const high = Math.max(...values);
    // "one or two", "2-3": a range, only when the numbers are consecutive or a between.
    if (!Number.isInteger(low) || !Number.isInteger(high) || (b.operator === 'in' && high - low !== values.length - 1)) return undefined;
    rows.range = [low, high];
    return b.end;
  }
  if (!Number.isInteger(b.value)) return undefined;
  if (b.operator === 'eq' && !b.explicit && b.value === 1 && !p.is(i, 'exactly')) return b.end;
  rows.count = { operator: b.operator, value: b.value };
  return b.end;
}

/**
 * "a 10k–20k deal", "a 50,000 deal", "a $5k+ deal": an amount said before the noun is the rows' measure,
 * not how many there are — when it is money or scaled, follows "a", or is in the thousands. Where it ends.
 */
function amountBefore(p: Parse, j: number, rows: Rows): number | undefined {
  const measure = rows.phrases.measure;
  const at = p.is(j, 'a|an') ? j + 1 : j;
  const t = p.tokens[at];
  if (!measure || !t || (t.kind !== 'number' && !p.is(at, 'between'))) return undefined;
  // ("1, 2, 3 …": a list of numbers is no amount; not read at each of its positions.)
  if (p.tokens[at + 1]?.norm === ',' || p.tokens[at + 1]?.norm === 'or') return undefined;
  const b = readBound(p, at);
  if (!b || b.operator === 'in') return undefined;
  const values = b.operator === 'between' ? b.value : [b.value];
  if (!(moneyOrScaled(p, at, b.end) || at > j || values.every((v) => v >= 1000))) return undefined;
  const after = qualifierEnd(p, b.end, rows);
  if (!p.sense(after, 'relation', (s) => s.relation === rows.rel.name)) return undefined;
  if (b.operator === 'between') rows.where.push(cond(measure, 'between', [Math.min(...b.value), Math.max(...b.value)]));
  else {
    rows.where.push(cond(measure, b.operator, b.value));
    if (b.operator === 'eq') rows.notes.push(`read "${p.text(at, b.end)}" as ${article(rows.rel.noun)} of exactly ${b.value.toLocaleString('en-US')} (say "over ${p.text(at, b.end)}" for more)`);
  }
  return b.end;
}

/** "closed-won >$10k", "3k deals": money, or a number with a scale, is an amount, never how many rows. */
export function moneyOrScaled(p: Parse, from: number, to: number): boolean {
  // ("30k+ deals": the scale before the "+" of at least.)
  return p.tokens.slice(from, to).some((t) => t.kind === 'number' && /[$€£¥]|\d\s*[kmb]\+?$/i.test(t.text));
}

/** "85+ fit", "80+ crm score": a bound right before the noun is the score, not a count. */
function boundIsTheNumber(p: Parse, i: number, rows: Rows): boolean {
  if (rows.phrases.perRow === undefined) return false;
  const b = readBound(p, i);
  if (!b || !b.explicit || b.operator === 'in') return false;
  const after = qualifierEnd(p, b.end, rows);
  if (countsRows(p, b, after, rows)) return false;
  return !!p.sense(after, 'relation', (s) => s.relation === rows.rel.name) || rows.phrases.weakNouns?.has(p.w(after)) === true;
}

/**
 * Whether a bound before the noun at `after` counts rows: "at least two fit scores" counts them,
 * "85+ fit", "80+ crm score" is the score. A contact has one row per value at most (one fit score per
 * product), so a bound above that many is the score even before a plural ("80+ fit scores").
 */
function countsRows(p: Parse, b: { value: number | number[] }, after: number, rows: Rows): boolean {
  const most = rows.phrases.perRow === 'product' ? p.tenant.products.length : Infinity;
  return typeof b.value === 'number' && b.value <= most && pluralNoun(p, after, rows.rel);
}

/** Whether the noun at k is plural ("fit scores", "scores"): the last word of the relation's phrase. */
function pluralNoun(p: Parse, k: number, rel: RelationDef): boolean {
  const n = p.sense(k, 'relation', (s) => s.relation === rel.name);
  let last = n ? p.w(n.match.end - 1) : p.w(k);
  if (n && p.is(n.match.end, 'score|scores')) last = p.w(n.match.end);
  return /s$/.test(last);
}




/** Where qualifiers starting at k end (without applying them). */
function qualifierEnd(p: Parse, k: number, rows: Rows): number {
  const probe = start(rows.phrases);
  return qualifiers(p, k, probe);
}

/** Adjectives, enum values and levels before the noun. */
function qualifiers(p: Parse, j: number, rows: Rows): number {
  const { phrases, rel } = rows;
  for (;;) {
    if (DISTINCT.has(p.w(j))) {
      rows.distinct = true;
      j += 1;
      continue;
    }
    const adj = p.phrase(j, phrases.before);
    if (adj) {
      apply(p, rows, adj.value, j, adj.end);
      j = adj.end;
      if (p.is(j, 'a|an|any')) j += 1;
      continue;
    }
    const level = phrases.number?.levels?.[p.w(j)];
    if (level && phrases.number) {
      rows.leveled = true;
      rows.level = cond(phrases.number.field, level[0], level[1]);
      rows.where.push(rows.level);
      rows.notes.push(`read "${p.text(j, j + (p.is(j + 1, 'fit') ? 2 : 1))}" as ${article(rel.noun)} ${level[0] === 'gte' ? 'of at least' : 'below'} ${level[1]}`);
      j += 1;
      continue;
    }
    if (phrases.number && phrases.perRow !== undefined) {
      const b = readBound(p, j);
      if (b?.explicit && b.operator !== 'in') {
        const after = qualifierEnd(p, b.end, rows);
        if (!countsRows(p, b, after, rows) && (p.sense(after, 'relation', (s) => s.relation === rel.name) || phrases.weakNouns?.has(p.w(after)))) {
          rows.where.push(boundCondition(phrases.number.field, b));
          j = b.end;
          continue;
        }
      }
    }
    const values = enumValues(p, j, rows);
    if (values) {
      // "a proposal-stage deal", "negotiation phase deals"
      j = p.is(values.end, 'stage|phase') && !p.sense(values.end, 'relation') ? values.end + 1 : values.end;
      if (rows.nounFieldOnly === values.end && j > values.end) rows.nounFieldOnly = j;
      continue;
    }
    return j;
  }
}

/** A list of one enum field's values ("inbound", "calls or meetings", "crm and payments"). */
function enumValues(p: Parse, j: number, rows: Rows): { end: number } | undefined {
  const { rel, phrases } = rows;
  for (const field of rel.fields) {
    if (field.type !== 'enum') continue;
    // ("a deal in negotiation or in proposal": the preposition said again.)
    const list = readList(p, j, (k) => p.sense(k, 'relValue', (s) => s.relation === rel.name && s.field === field.key), rows.notes, false, true);
    if (!list) continue;
    const values = [...new Set(list.items.map((it) => it.sense.value))];
    if (phrases.nounField?.field === field.key) {
      // A type is a noun by itself ("calls", "a meeting"), except the ones that need another word ("email").
      const alone = values.every((v) => !phrases.nounField!.notAlone?.includes(v));
      if (alone || rows.where.length || rows.named || p.sense(list.end, 'relation', (s) => s.relation === rel.name)) rows.nounFieldOnly = list.end;
      else return undefined;
    }
    // A row has one value of each field: "crm and payments scores", "a meeting and a call" mean a row for each.
    if (values.length > 1 && rows.each === undefined && (usesAnd(list) || p.is(j - 1, 'both'))) {
      rows.each = values;
      rows.eachField = field.key;
      rows.notes.push(`read "${p.text(j, list.end)}" as ${article(rel.noun)} for each of them`);
    } else {
      // "never reached out inbound": a value said after the verb that contradicts the verb's own reading
      // (outbound) replaces that reading; the words said win over what the verb is usually taken to mean.
      const reading = rows.fromReading ?? [];
      if (reading.some((c) => c.field === field.key && !values.some((v) => (Array.isArray(c.value) ? c.value : [c.value]).includes(v)))) {
        rows.where.splice(0, rows.where.length, ...rows.where.filter((c) => !reading.includes(c)));
        if (rows.readingNote) rows.notes.splice(0, rows.notes.length, ...rows.notes.filter((n) => n !== rows.readingNote));
        rows.fromReading = [];
      }
      rows.where.push(values.length === 1 ? cond(field.key, 'eq', values[0]!) : cond(field.key, 'in', values));
    }
    return { end: list.end };
  }
  return undefined;
}

/** Words that may stand before a weak noun without naming another kind of score. */
const WEAK_NOUN_LEADS = new Set(['a', 'an', 'the', 'their', 'its', 'any', 'with', 'whose', 'fit', 'no', 'every', 'each', 'all', 'of', 'and', 'or', 'has', 'have', 'are', 'is', 'two', 'three', 'least', 'more', 'than', 'some', 'high', 'low']);

/** The noun: the catalog's, a noun-like value already read, or the relation's extra nouns. */
function noun(p: Parse, j: number, rows: Rows, afterVerb: boolean): number {
  const { rel, phrases } = rows;
  const kindNoun =
    (phrases.kindNouns && KIND_FIRST.has(p.tokens[j]?.norm ?? '') ? p.phrase(j, phrases.kindNouns) : undefined) ??
    // ("more than 1 open since August": after a count, the singular is the rows' kind too.)
    // ("at least 2 open ones", "2 open deals": the kind word is an adjective of another noun then.)
    ((rows.latest || (rows.count !== null && p.tokens[j - 1]?.kind === 'number' && !['ones', 'one', 'deals', 'deal'].includes(p.tokens[j + 1]?.norm ?? ''))) && phrases.latestKindNouns ? p.phrase(j, phrases.latestKindNouns) : undefined);
  if (kindNoun) {
    apply(p, rows, kindNoun.value, j, kindNoun.end);
    return kindNoun.end;
  }
  // "closed-won business", "won business this year": after a stage, "business" is the deals.
  if (rel.name === 'deals' && p.tokens[j]?.norm === 'business' && rows.where.some((c) => c.field === 'stage')) {
    rows.named = true;
    return j + 1;
  }
  // "called at least 3 times", "clicked more than 2 times this year": a verb with a count of times.
  if (afterVerb && (rows.count || rows.range) && p.is(j, 'times|x')) {
    rows.named = true;
    // "clicked twice" is at least twice as often as exactly; said ("exactly twice" stays exact).
    const said = p.tokens[j - 1]?.text.toLowerCase();
    if ((said === 'twice' || said === 'thrice') && rows.count?.operator === 'eq' && !p.is(j - 2, 'exactly|only|just')) {
      rows.count = { operator: 'gte', value: rows.count.value };
      rows.notes.push(`read "${said}" as at least ${rows.count.value} times (say "exactly ${said}" for exactly)`);
    }
    return j + 1;
  }
  // "opened an email in September and clicked one", "a call in May and another one in June": "one"
  // stands for the row just said.
  if (afterVerb && p.lastRelation === rel.name && p.is(j, 'one') && !p.is(j + 1, 'of|or|and|more')) {
    rows.named = true;
    return j + 1;
  }
  // "no won deals but at least 2 open ones": "ones" after a count and a qualifier is the rows just said.
  if (p.lastRelation === rel.name && p.tokens[j]?.norm === 'ones' && (rows.count || rows.range) && rows.where.length) {
    rows.named = true;
    return j + 1;
  }
  const found = p.sense(j, 'relation', (s) => s.relation === rel.name);
  if (found) {
    // "emails" is an email event only after an email verb ("opened 3 emails"); "email events" is always one.
    if (rel.name === 'email_events' && !afterVerb && found.match.end - found.match.start < 2) return j;
    rows.named = true;
    p.use(found.match, found.sense, rows.notes);
    let end = found.match.end;
    if (rel.name === 'fit_scores' && p.is(end, 'score|scores')) end += 1;
    return end;
  }
  // "high fit for crm but low for payments": a level and a product say the row without its noun.
  if (rows.leveled && phrases.perRow && p.is(j, 'for|on|in') && p.sense(j + 1, 'relValue', (s) => s.relation === rel.name && s.field === phrases.perRow)) {
    rows.named = true;
    return j;
  }
  if (phrases.nouns && (!phrases.nouns.afterVerb || afterVerb) && phrases.nouns.words.has(p.w(j))) {
    rows.named = true;
    return j + 1;
  }
  if (phrases.weakNouns?.has(p.w(j)) || (phrases.weakNouns && p.is(j, 'product|products'))) {
    // "score" alone is a fit score next to a product or a bound; otherwise it needs what follows.
    const qualified = rows.where.length > 0 || rows.each !== undefined;
    // "lead score", "credit score": a word of its own before the noun names another score, which
    // this CRM does not have; it is left unread (and so refused or reported), never a fit score.
    if (!qualified && j > 0 && p.tokens[j - 1]?.kind === 'word' && !WEAK_NOUN_LEADS.has(p.w(j - 1))) return j;
    rows.named = true;
    if (!qualified) {
      rows.weak = true;
      rows.notes.push(`read "${p.text(j, j + 1)}" as ${article(rows.rel.noun)}`);
    }
    return j + 1;
  }
  return j;
}

/** What follows the noun, each chosen by the field's type, in any order. */
function modifiers(p: Parse, j: number, rows: Rows): number {
  const { rel, phrases } = rows;
  let andAt: number | undefined;
  // After "deals:", what the commas separate is said of the rows.
  let listed = false;
  for (let round = 0; round < 12; round++) {
    if (andAt !== undefined && j > andAt + 1) andAt = undefined;
    let k = j;
    while (phrases.adverbs?.has(p.w(k))) k += 1;
    // "(ignore deals under $5,000)", ", not counting calls from them": those rows are not the ones meant.
    const leftOut = round > 0 || j > 0 ? ignoredRows(p, k, rows) : undefined;
    if (leftOut !== undefined) {
      j = leftOut;
      continue;
    }
    // "deals: open, > 25k", "activities: calls, last 30 days": a filter written as the rows' noun and a colon.
    if (round === 0 && p.tokens[k]?.norm === ':') {
      k += 1;
      listed = true;
    } else if (listed && p.w(k) === ',' && !p.is(k + 1, 'and|or|but')) k += 1;
    // "calls >= 3", "lost deals: >= 2", "open deals: exactly 2": a count typed right after the plural rows (or their
    // colon) is how many. A plain whole number under 100: "deals > 25k" stays an amount.
    const typed = p.tokens[k]?.norm ?? '';
    const plural = rows.plural || (rows.nounFieldOnly === j && /s$/.test(p.tokens[j - 1]?.norm ?? ''));
    // ("deals(won) ≥ 2": after the rows' qualifier in parentheses, the same.)
    if ((round === 0 || p.tokens[k - 1]?.norm === ')') && rows.count === null && !rows.range && plural && (listed || COUNT_SYMBOLS.has(typed) || typed === 'exactly')) {
      const b = readBound(p, p.is(k, 'exactly') ? k + 1 : k);
      const num = b ? p.tokens[b.end - 1] : undefined;
      if (b && (b.explicit || p.is(k, 'exactly|=|==')) && typeof b.value === 'number' && ['gt', 'gte', 'lt', 'lte', 'eq'].includes(b.operator) && num?.kind === 'number' && /^\d{1,2}$/.test(num.text)) {
        // "meetings = 0": none.
        if ((b.value === 0 && (b.operator === 'eq' || b.operator === 'lte')) || (b.value === 1 && b.operator === 'lt')) rows.none = true;
        else rows.count = { operator: b.operator as CountBound['operator'], value: b.value };
        if (phrases.number) rows.notes.push(`read "${p.text(k, b.end)}" as how many ${rel.label.toLowerCase()}, not their ${phrases.number.field}`);
        j = b.end;
        continue;
      }
    }
    // "activities: calls, …", "deals: negotiation or proposal": values of the rows' own fields.
    const values = listed ? enumValues(p, k, rows) : undefined;
    if (values) {
      j = values.end;
      continue;
    }
    // "a call and a meeting, both this quarter": what follows "both" is said of each row.
    if (rows.each && p.tokens[k]?.norm === ',' && p.tokens[k + 1]?.norm === 'both' && p.dates.read(k + 2)?.conditions.length) k += 2;
    else if (rows.each && p.tokens[k]?.norm === 'both' && p.dates.read(k + 1)?.conditions.length) k += 1;
    // "leads we won a deal with this year": a preposition left at the end of its clause, then the window.
    // ("we logged a note for in October": "for" left before a preposition of time; "for over 60 days" is a length, not a window.)
    const dangling = (p.tokens[k]?.norm === 'with' || p.tokens[k]?.norm === 'to' || (p.tokens[k]?.norm === 'for' && ['in', 'during', 'on'].includes(p.tokens[k + 1]?.norm ?? ''))) && !!p.dates.read(k + 1)?.conditions.length;
    const linked = dangling ? k + 1 : p.skip(k, phrases.links);
    // "contacted by phone", "reached by email": how, which narrows what the verb said of the same field.
    const how = phrases.channels ? p.phrase(k, phrases.channels) : undefined;
    if (how) {
      const said = conditions(how.value.where);
      const fields = new Set(said.map((c) => c.field));
      rows.where.splice(0, rows.where.length, ...rows.where.filter((c) => !fields.has(c.field)), ...said);
      // The verb's own reading ("an outbound email, call or meeting") no longer says what was read: the rows now do.
      const direction = rows.where.find((c) => c.field === 'direction');
      if (rows.readingNote) rows.notes.splice(0, rows.notes.length, ...rows.notes.filter((n) => n !== rows.readingNote));
      const what = article(String(rows.where.find((c) => c.field === 'type' && c.operator === 'eq')?.value ?? rel.noun));
      if (direction) rows.notes.push(`read "${p.text(k, how.end)}" as ${what} ${direction.value === 'outbound' ? 'we made (outbound)' : 'they made (inbound)'}`);
      j = how.end;
      continue;
    }
    // "called in August but haven't called since": "since" alone is since that window ended.
    const endOfLast = p.w(k) === 'since' && rows.date && (!p.tokens[k + 1] || p.tokens[k + 1]!.kind === 'punct' || p.is(k + 1, 'then|and|or|but')) ? p.lastWindow?.find((c) => c.operator === 'lt')?.value : undefined;
    if (endOfLast !== undefined) {
      rows.where.push(cond(rows.date!, 'gte', endOfLast as string));
      rows.notes.push(`read "since" as since the end of the time said before (${String(endOfLast).slice(0, 10)})`);
      j = p.is(k + 1, 'then') ? k + 2 : k + 1;
      continue;
    }
    // "in that period", "during that time": the window said last.
    const same = p.phrase(linked, SAME_WINDOW) ?? p.phrase(k, SAME_WINDOW);
    if (same && p.lastWindow && rows.date) {
      rows.where.push(...p.lastWindow.map((c) => cond(rows.date!, c.operator, c.value)));
      rows.notes.push(`read "${p.text(linked, same.end)}" as the same time window`);
      j = same.end;
      continue;
    }
    // "overall", "in total": no window, and nothing more to read.
    const always = p.phrase(k, ALL_TIME);
    // "whose deals total more than 50k": a sum of the rows compared with a number, which no rule holds; left unread.
    if (always && phrases.measure && readBound(p, always.end)) break;
    if (always && !rows.window) {
      j = always.end;
      continue;
    }
    // "in each of the last 2 months", "every one of the past 3 weeks": the calendar periods before this one.
    const each = rows.date && !rows.eachWindow ? eachPeriod(p, linked) : undefined;
    if (each) {
      rows.eachWindow = each.windows;
      j = each.end;
      continue;
    }
    // A time window on the date field; "in August, September and October": one window over periods that follow each other.
    // "inbound meetings, last 2 wks": a window after a comma, closing the phrase, is the rows' (not the contact's creation).
    const afterComma = rows.date && !rows.window && p.tokens[k]?.norm === ',' ? p.dates.read(k + 1) : undefined;
    const closing = afterComma?.conditions.length && [undefined, ',', ';', '.', ')', 'and', 'or', 'but'].includes(p.tokens[afterComma.end]?.norm) ? afterComma : undefined;
    const when = rows.date ? (closing ?? periodList(p, linked) ?? p.dates.read(linked)) : undefined;
    if (when && !when.conditions.length) {
      // "ever", "at all"
      j = when.end;
      continue;
    }
    if (when && rows.date) {
      rows.where.push(...when.conditions.map((c) => cond(rows.date!, c.operator, c.value)));
      rows.window = when.conditions;
      j = when.end;
      rows.needsMore = false;
      continue;
    }
    // "… at some point but not in the last 3 months": at least one, none in that window.
    const butNot = rows.date && !rows.notIn && rows.count === null ? p.phrase(p.w(k) === ',' ? k + 1 : k, BUT_NOT) : undefined;
    if (butNot) {
      const window = p.dates.read(p.skip(butNot.end, ['in', 'during', 'within', 'for']) === butNot.end ? butNot.end : butNot.end);
      if (window?.conditions.length) {
        rows.notIn = window.conditions;
        j = window.end;
        continue;
      }
    }
    // "a meeting between April and June but none since (then)": none from the end of that window on.
    const since = rows.date && !rows.notIn && rows.count === null && rows.window ? p.phrase(p.w(k) === ',' ? k + 1 : k, NONE_SINCE) : undefined;
    const windowEnd = rows.window?.find((c) => c.operator === 'lt');
    if (since && windowEnd) {
      rows.notIn = [{ operator: 'gte', value: windowEnd.value }];
      j = p.is(since.end, 'then|that') ? since.end + 1 : since.end;
      continue;
    }
    // "fewer than 3 calls, but at least one": a lower bound too ("no more than 2 emails logged, but at least one").
    const butAt = [k, linked].find((at) => p.tokens[at]?.norm === ',' || p.tokens[at]?.norm === 'but');
    const but = rows.count && (rows.count.operator === 'lt' || rows.count.operator === 'lte') && butAt !== undefined ? p.skip(butAt, [',', 'but', 'and']) : undefined;
    const floor = but !== undefined && p.is(but, 'at', 'least') ? readNumber(p.tokens, but + 2) : undefined;
    if (floor && rows.count && Number.isInteger(floor.value) && floor.value >= 1) {
      const high = rows.count.operator === 'lt' ? rows.count.value - 1 : rows.count.value;
      if (floor.value <= high) {
        rows.range = [floor.value, high];
        rows.count = null;
        j = p.is(floor.end, 'of', 'them') ? floor.end + 2 : floor.end;
        continue;
      }
    }
    // "at least one call but no more than 3": an upper bound too.
    const butMost = rows.count && (rows.count.operator === 'gte' || rows.count.operator === 'gt') && butAt !== undefined ? p.skip(butAt, [',', 'but', 'and']) : undefined;
    const ceiling = butMost !== undefined && butMost > butAt! ? readBound(p, butMost) : undefined;
    if (ceiling && rows.count && (ceiling.operator === 'lt' || ceiling.operator === 'lte') && typeof ceiling.value === 'number' && Number.isInteger(ceiling.value) && ceiling.explicit) {
      const low = rows.count.operator === 'gt' ? rows.count.value + 1 : rows.count.value;
      const high = ceiling.operator === 'lt' ? ceiling.value - 1 : ceiling.value;
      if (low >= 1 && low <= high) {
        rows.range = [low, high];
        rows.count = null;
        j = ceiling.end;
        continue;
      }
    }
    const more = trailingOrMore(p, k);
    if (more && rows.count) {
      rows.count = { operator: more.operator, value: rows.count.value };
      j = more.end;
      continue;
    }
    // "won in May", "created in the last 90 days", "closed before 2026"
    const dated = p.phrase(linked, phrases.dated);
    if (dated) {
      // "a deal created in that period": the participle's date, the window said last.
      const sameAfter = p.lastWindow ? p.phrase(dated.end, SAME_WINDOW) : undefined;
      if (sameAfter) {
        apply(p, rows, dated.value, linked, dated.end);
        const field = dated.value.date ?? rows.date!;
        rows.where.push(...p.lastWindow!.map((c) => cond(field, c.operator, c.value)));
        rows.notes.push(`read "${p.text(dated.end, sameAfter.end)}" as the same time window`);
        j = sameAfter.end;
        continue;
      }
      const at = p.dates.read(dated.end);
      if (at?.conditions.length) {
        apply(p, rows, dated.value, linked, dated.end);
        const field = dated.value.date ?? rows.date!;
        rows.where.push(...at.conditions.map((c) => cond(field, c.operator, c.value)));
        rows.window = at.conditions;
        j = at.end;
        continue;
      }
      if (dated.value.where.length) {
        apply(p, rows, dated.value, linked, dated.end);
        j = dated.end;
        continue;
      }
      if (p.w(linked) === 'closed' && rel.name === 'deals') {
        rows.where.push(cond('stage', 'in', ['closed_won', 'closed_lost']));
        j = dated.end;
        continue;
      }
      // "have deal opened" (a second-language "open"), with no time after it: the deal's state, said,
      // as "an opened deal" is before the noun — not an email opened.
      const state = dated.end === linked + 1 && !rows.window ? phrases.before.find(([words]) => words.length === 1 && words[0] === p.w(linked))?.[1] : undefined;
      if (state?.where.length) {
        apply(p, rows, state, linked, dated.end);
        rows.notes.push(`read "${p.text(linked, dated.end)}" after the ${rel.noun} as its state (say "created in …" for when it was created)`);
        j = dated.end;
        continue;
      }
    }
    // "high payments fit (80 or more)", "payments fit (75+)": a number in parentheses says it exactly.
    // "high-fit payments contacts (75+)": the product right after a level, the number after the people it is about.
    if (rows.leveled && phrases.perRow && j === k) {
      const before = rows.where.length;
      const values = enumValues(p, k, rows);
      if (values && rows.where.length > before) {
        j = values.end;
        continue;
      }
    }
    const paren = phrases.number && p.w(k) !== '(' && (PEOPLE_NOUNS.has(p.w(k)) || p.w(k) === 'ones') && p.w(k + 1) === '(' ? k + 1 : k;
    // "a low crm fit, below 20": after a level, a bound set off by a comma or a dash says it exactly, as in parentheses.
    // ("high fit for payments, say above 75": "say" before the number that says it.)
    const aside = rows.level && phrases.number && p.is(paren, ',|-|–|—|:') ? readBound(p, p.tokens[paren + 1]?.norm === 'say' ? paren + 2 : paren + 1) : undefined;
    const levelRestated = aside?.explicit && aside.operator !== 'in' && !p.sense(aside.end, 'relation') && !PEOPLE_NOUNS.has(p.w(aside.end)) && !phrases.weakNouns?.has(p.w(aside.end));
    if (phrases.number && (p.w(paren) === '(' || levelRestated)) {
      // "(say 75 and up)", "(i.e. under 20)": the word that introduces the number.
      const inner = p.is(paren + 1, 'say|ie|meaning|i.e') ? paren + 2 : paren + 1;
      const b = levelRestated ? aside : readBound(p, inner);
      if (b && b.operator !== 'in' && (levelRestated || p.w(b.end) === ')')) {
        dropLevel(rows);
        rows.where.push(boundCondition(phrases.number.field, b));
        rows.needsMore = false;
        j = levelRestated ? b.end : b.end + 1;
        // "a high fit, 80 or more, on at least two products": the comma closing the aside, before what follows of the rows.
        if (levelRestated && p.is(j, ',', 'for|on|in|across')) j += 1;
        continue;
      }
    }
    // A number: "worth over 50k", "scoring 75+", "above 80", "of at least 70".
    if (phrases.number) {
      const word = p.phrase(linked, phrases.number.words) ?? p.phrase(k, phrases.number.words);
      if (word && rows.plural && SUMS.has(p.w(word.end - 1))) break;
      let at = word ? p.skip(word.end, phrases.links) : linked;
      if (word && p.is(at, 'of|to')) at += 1;
      if (word && p.is(at, 'at') && !p.is(at + 1, 'least|most')) at += 1;
      const b = readBound(p, at);
      if (b && (word || b.explicit) && b.operator !== 'in') {
        // "a really good fit for analytics, ninety plus": the number says exactly what the level said roughly.
        if (b.explicit) dropLevel(rows);
        rows.where.push(boundCondition(phrases.number.field, b));
        j = b.end;
        rows.needsMore = false;
        continue;
      }
    }
    // "in negotiation", "at the proposal stage", "moved to negotiation" (where it is now)
    const into = p.phrase(linked, INTO_STAGE);
    if (into) {
      const at = p.skip(into.end, ['the']);
      const stage = enumAfter(p, at, rows);
      if (stage) {
        j = p.is(stage.end, 'stage|phase') ? stage.end + 1 : stage.end;
        continue;
      }
    }
    // "a crm fit and a payments fit both above 70": one row for each value, what follows said of both.
    const second = phrases.perRow && rows.each === undefined && p.w(k) === 'and' ? anotherRow(p, k + 1, rows) : undefined;
    if (second) {
      j = second.end;
      continue;
    }
    // "fit scores of 60 or more on at least 2 products": a count of rows, one per product.
    if (phrases.perRow && rows.count === null && p.is(linked, 'for|on|in|across')) {
      // "on exactly one product", "on 2 products": a plain number before "products" counts them too.
      const exactly = p.is(linked + 1, 'exactly|just|only');
      const b = readBound(p, exactly ? linked + 2 : linked + 1);
      if (b && (b.explicit || exactly || p.is(b.end, 'products|product')) && b.operator !== 'between' && b.operator !== 'in' && p.is(b.end, 'products|product|of')) {
        const end = p.is(b.end, 'of') ? p.skip(b.end + 1, ['our', 'the', 'their']) : b.end;
        if (p.is(end, 'products|product')) {
          rows.count = { operator: b.operator, value: b.value };
          j = end + 1;
          continue;
        }
      }
    }
    // "no fit score for the other two products": the values not named before this point.
    const others = phrases.perRow && p.is(linked, 'for|on|in|across') ? otherValues(p, linked + 1, rows) : undefined;
    if (others) {
      j = others;
      continue;
    }
    // "for payments", "for any product", "for each of our products"; "fit of payments" (a second-language "for")
    if (phrases.perRow && (p.is(linked, 'for|on|in|across') || (p.is(linked, 'of') && linked === k && !rows.where.length))) {
      const every = everyValue(p, linked);
      if (every) {
        if (every.each) rows.everyValue = true;
        j = every.end;
        continue;
      }
      const at = p.skip(linked + 1, ['the', 'both']);
      const before = rows.where.length;
      const values = enumValues(p, at, rows);
      if (values && (rows.where.length > before || rows.each)) {
        j = values.end;
        continue;
      }
    }
    // "called us (inbound call) since September", "emailed (outbound email activity) in October":
    // a parenthesis that restates the rows says nothing new; what follows it is still about them.
    // "a small deal — under 5k — still in prospecting": an amount between dashes is said of the rows.
    if ((p.w(k) === '—' || p.w(k) === '–') && rows.phrases.measure) {
      const b = readBound(p, k + 1);
      if (b && b.operator !== 'in' && (p.w(b.end) === p.w(k) || b.end >= p.tokens.length) && (b.explicit || moneyOrScaled(p, k + 1, b.end))) {
        rows.where.push(b.operator === 'between' ? cond(rows.phrases.measure, 'between', b.value) : cond(rows.phrases.measure, b.operator, b.value));
        j = b.end >= p.tokens.length ? b.end : b.end + 1;
        continue;
      }
    }
    const restated = p.w(k) === '(' ? gloss(p, k, rows) : undefined;
    if (restated !== undefined) {
      j = restated;
      continue;
    }
    // "called (outbound) at least twice in Q3": the count of times the gloss stood before.
    if (p.tokens[k - 1]?.norm === ')' && rows.count === null && !rows.range) {
      const b = readBound(p, k);
      const times = b && typeof b.value === 'number' && Number.isInteger(b.value) && (p.is(b.end, 'times|x') || p.is(b.end - 1, 'twice|thrice|once'));
      if (b && times) {
        rows.count = { operator: b.operator as 'gte', value: b.value as number };
        j = p.is(b.end, 'times|x') ? b.end + 1 : b.end;
        continue;
      }
    }
    const owner = owned(p, linked, rel, rows);
    if (owner !== undefined) {
      j = owner;
      continue;
    }
    const cmp = fieldComparison(p, p.skip(k, ['with', 'of', 'whose', 'where', 'that', 'which', 'its', 'their', 'the']), rel, rows);
    if (cmp !== undefined) {
      j = cmp;
      continue;
    }
    // "a deal worth more than 30k, unless that deal has already been won": the same row, and not so.
    const unless = p.tokens[k]?.norm === 'unless' ? k : p.tokens[k]?.norm === ',' && p.tokens[k + 1]?.norm === 'unless' ? k + 1 : -1;
    if (unless >= 0 && rows.count === null && !rows.none) {
      const same = p.is(unless + 1, 'that|the|this') ? p.sense(unless + 2, 'relation', (x) => x.relation === rel.name) : undefined;
      const that = same ? same.match.end : p.is(unless + 1, 'it') ? unless + 2 : -1;
      const at = that >= 0 ? p.skip(that, ['has', 'have', 'is', 'was', 'already', 'been', 'gets', 'got', 'ended', 'up']) : -1;
      const said = at >= 0 ? predicate(p, at, rel.name) : undefined;
      const only = said?.where.length === 1 ? said.where[0]! : undefined;
      const inverse = only ? operatorSpec(canonicalOperator(only.operator)).inverse : undefined;
      if (only && inverse && said) {
        rows.where.push({ ...only, operator: inverse });
        rows.notes.push(`read "${p.text(unless, said.end)}" as the same ${rel.noun} not being so`);
        j = said.end;
        continue;
      }
    }
    // "deals lost last quarter, where those deals were over 10k", "and that deal was over 5k": the same rows, said again.
    const again = rows.count === null && !rows.none ? sameRowsAgain(p, k, rel.name, rows.where) : undefined;
    if (again) {
      rows.where.push(...again.where);
      rows.notes.push(...again.notes, `read "${p.text(again.start, again.end)}" as said of the same ${rel.noun.endsWith('s') ? rel.noun : rel.noun.endsWith('y') ? `${rel.noun.slice(0, -1)}ies` : `${rel.noun}s`}`);
      j = again.end;
      continue;
    }
    // "a deal that closed in September, won or lost": alternatives of one of its fields, after a comma, at the end.
    const trailing = p.w(k) === ',' ? trailingValues(p, k + 1, rows) : undefined;
    if (trailing !== undefined) {
      j = trailing;
      continue;
    }
    // "a deal that is still open and worth more than 15k": "and" before one more thing said of the same rows.
    if (andAt === undefined && round > 0 && (p.w(k) === 'and' || p.w(k) === ',' || p.w(k) === '&') && andContinues(p, k + 1, phrases)) {
      andAt = k;
      j = k + 1;
      continue;
    }
    break;
  }
  // Nothing was said after the "and": it is not the rows'.
  return andAt !== undefined && j === andAt + 1 ? andAt : j;
}

/**
 * "(,) where those deals were over 10k", "and that deal was in negotiation", "with those deals worth 5k+":
 * the rows named again with a pointing word, and what is said of them.
 */
function sameRowsAgain(p: Parse, k: number, name: RelationName, where: readonly Condition[]): { where: Condition[]; notes: string[]; start: number; end: number } | undefined {
  const from = p.tokens[k]?.norm === ',' || p.tokens[k]?.norm === '.' || p.tokens[k]?.norm === ';' ? k + 1 : k;
  const sentence = p.tokens[k]?.norm === '.' || p.tokens[k]?.norm === ';';
  const LINK = ['were', 'was', 'are', 'is', 'being', 'all', 'each', 'had', 'have', 'has', 'been', 'happened', 'occurred', 'took', 'place'];
  // "Has a meeting. It happened in the last 60 days.": the row said again as "it", a sentence of its own.
  if (sentence && p.is(from, 'it|they') && p.is(from + 1, 'was|were|is|are|happened|occurred|took|had|has')) {
    const said = predicate(p, p.skip(from + 1, LINK), name);
    return said ? { ...said, start: from, end: said.end } : undefined;
  }
  // "… where those deals were over 10k"; "Has a meeting. The meeting was inbound.": the rows named again.
  const pointed = p.is(from, 'where|and|with|whereby') && p.is(from + 1, 'those|these|that|this|such|said') ? from + 2 : sentence && p.is(from, 'the|that|this|those|these') ? from + 1 : -1;
  if (pointed < 0) return undefined;
  // (The noun may be a kind of the rows: "the meeting", "the call".)
  const kind = sentence ? p.sense(pointed, 'relValue', (x) => x.relation === name) : undefined;
  // ("a call. The meeting was inbound." is another row: the kind must be the one already said.)
  if (kind && !where.some((c) => c.field === kind.sense.field && c.operator === 'eq' && c.value === kind.sense.value)) return undefined;
  const noun = p.sense(pointed, 'relation', (x) => x.relation === name) ?? kind;
  if (!noun) return undefined;
  const at = p.skip(noun.match.end, LINK);
  const said = predicate(p, at, name);
  return said ? { ...said, start: from, end: said.end } : undefined;
}

/** ", won or lost" closing the description or a phrase: a field of the rows is one of those values (added; where it ends). */
function trailingValues(p: Parse, k: number, rows: Rows): number | undefined {
  for (const field of rows.rel.fields) {
    if (field.type !== 'enum') continue;
    const list = readList(p, k, (m) => p.sense(m, 'relValue', (s) => s.relation === rows.rel.name && s.field === field.key), rows.notes, false, true);
    if (!list || list.items.length < 2 || usesAnd(list)) continue;
    if (list.end < p.tokens.length && p.tokens[list.end]!.kind !== 'punct') continue;
    const values = [...new Set(list.items.map((it) => it.sense.value))];
    rows.where.push(cond(field.key, 'in', values));
    return list.end;
  }
  return undefined;
}

/** Whether what follows "and" at k is said of rows: a number word ("worth"), a dated participle ("created in May"), a stage ("in negotiation"). */
function andContinues(p: Parse, k: number, phrases: RelationPhrases): boolean {
  const linked = p.skip(k, phrases.links);
  return !!(phrases.number && p.phrase(k, phrases.number.words) && !p.is(k, 'of')) || !!p.phrase(linked, phrases.dated) || (linked > k && !!p.phrase(linked, INTO_STAGE)) || boundOfRows(p, linked, phrases) || namesOwnField(p, k, phrases);
}

/** "… and whose stage is proposal", "& stage = proposal": one of the rows' own fields, named and compared. */
function namesOwnField(p: Parse, k: number, phrases: RelationPhrases): boolean {
  const at = p.skip(k, ['whose', 'its', 'their', 'the', 'with', 'where']);
  const rel = findRelation(phrases.relation)!;
  // (Only where a field of the rows is named: a lookup first.)
  // (Not "owner": "a deal over 40k and owner Sara" may be the contact's owner.)
  if (!rel.fields.some((f) => f.key !== 'owner' && [f.key, f.label.toLowerCase(), ...f.synonyms].some((n) => n.split(' ')[0] === p.tokens[at]?.norm))) return false;
  return fieldComparison(p, at, rel, start(phrases)) !== undefined;
}

/** "… open and over 25k", "…, > 25k": a bound with its comparison said, and nothing after it that it counts or measures. */
function boundOfRows(p: Parse, k: number, phrases: RelationPhrases): boolean {
  if (!phrases.number || phrases.perRow !== undefined) return false;
  // (Only where a bound can start: this runs after every "and".)
  const first = p.tokens[k];
  if (!first || (first.kind !== 'number' && !COMPARATOR_FIRST.has(first.norm))) return false;
  const b = readBound(p, k);
  if (!b?.explicit || b.operator === 'in') return false;
  const next = p.tokens[b.end];
  return !next || next.kind !== 'word' || FILLERS_AFTER_BOUND.has(next.norm) || !!p.dates.read(b.end)?.conditions.length;
}
const BEING = new Set(['are', 'is', 'was', 'were', 'be', 'become', 'became', 'becomes', 'already', 'now', 'currently', 'still']);
const COUNT_SYMBOLS = new Set(['>', '>=', '<', '<=', '=', '==', '≥', '≤']);
const FILLERS_AFTER_BOUND = new Set([',', ';', '.', 'and', 'or', 'but', ')', 'who', 'that', 'which', 'in', 'since', 'from', 'created', 'won', 'lost', 'closed', 'still', 'open']);

/**
 * "(inbound call)" right after rows it describes: the same relation's rows, read alone, up to the closing
 * parenthesis; their conditions are added when none contradicts one already said. Anything the words
 * would change besides conditions (a count, a negation, the newest row) is not a restatement.
 */
function gloss(p: Parse, k: number, rows: Rows): number | undefined {
  // "a meeting (in person) in October", "a call (by phone)": how, in parentheses.
  const how = rows.phrases.channels ? p.phrase(k + 1, rows.phrases.channels) : undefined;
  if (how && p.w(how.end) === ')') {
    const said = conditions(how.value.where);
    const clash = said.some((c) => rows.where.some((w) => w.field === c.field && JSON.stringify(w.value) !== JSON.stringify(c.value)));
    if (clash) return undefined;
    rows.where.push(...said.filter((c) => !rows.where.some((w) => w.field === c.field)));
    return how.end + 1;
  }
  let inner = rowsAt(p, k + 1, rows.phrases);
  if (!inner || p.w(inner.end) !== ')') {
    // "(inbound)": qualifiers alone.
    const only = start(rows.phrases);
    inner = { rows: only, end: qualifiers(p, k + 1, only) };
    if (inner.end === k + 1 || p.w(inner.end) !== ')') return undefined;
  }
  const g = inner.rows;
  if (g.count || g.range || g.none || g.latest || g.earliest || g.eachWindow || g.each || g.notIn || g.everyValue) return undefined;
  if (g.window && rows.window) return undefined;
  const same = (a: Condition, b: Condition) => a.operator === b.operator && JSON.stringify(a.value) === JSON.stringify(b.value);
  const added: Condition[] = [];
  for (const c of g.where) {
    const said = rows.where.filter((w) => w.field === c.field);
    if (said.some((w) => same(w, c))) continue;
    if (said.length) return undefined;
    added.push(c);
  }
  rows.where.push(...added);
  if (g.window) rows.window = g.window;
  rows.notes.push(...g.notes);
  return inner.end + 1;
}

function boundCondition(field: string, b: NonNullable<ReturnType<typeof readBound>>): Condition {
  return cond(field, b.operator, b.value as number);
}

/** Enum values of the relation at k ("negotiation", "proposal or negotiation"). */
function enumAfter(p: Parse, k: number, rows: Rows): { end: number } | undefined {
  for (const field of rows.rel.fields) {
    if (field.type !== 'enum' || field.key === rows.phrases.perRow) continue;
    const list = readList(p, k, (m) => p.sense(m, 'relValue', (s) => s.relation === rows.rel.name && s.field === field.key), rows.notes, false, true);
    if (!list) continue;
    const values = [...new Set(list.items.map((it) => it.sense.value))];
    rows.where.push(values.length === 1 ? cond(field.key, 'eq', values[0]!) : cond(field.key, 'in', values));
    return { end: list.end };
  }
  return undefined;
}

/** "for any product" (one is enough) or "for each / every one of / all (three of) our products". */
function everyValue(p: Parse, k: number): { each: boolean; end: number } | undefined {
  let j = k + 1;
  const quantifier = p.w(j);
  if (!['any', 'every', 'each', 'all', 'both'].includes(quantifier)) return undefined;
  j = p.skip(j + 1, ['one', 'of', 'our', 'the', 'your', 'three', 'two', 'four', 'five', 'single']);
  // ("all 3 products": the number written as digits, when it is how many products the tenant has.)
  if (p.tokens[j]?.kind === 'number' && p.tokens[j]!.value === p.tenant.products.length) j += 1;
  if (!p.is(j, 'product|products')) return undefined;
  return { each: quantifier !== 'any', end: j + 1 };
}

/** The relation's owner: "owned by Sara", "assigned to Eddie", "that Sara owns", "with no (deal) owner", "unowned". */
function owned(p: Parse, k: number, rel: RelationDef, rows: Rows): number | undefined {
  const field = rel.fields.find((f) => f.references === 'users');
  if (!field) return undefined;
  const owners = (at: number) => readList(p, at, (m) => p.sense(m, 'value', (s) => s.field === 'owner'), rows.notes);
  if (p.is(k, 'owned|assigned|managed|handled|run', 'by|to')) {
    const list = owners(k + 2);
    if (!list) return undefined;
    rows.where.push(inList(field.key, list.items.map((o) => o.sense.value)));
    return list.end;
  }
  // "that Sara owns"
  const list = owners(k);
  if (list && p.is(list.end, 'owns|own|manages|handles|runs')) {
    rows.where.push(inList(field.key, list.items.map((o) => o.sense.value)));
    return list.end + 1;
  }
  // "with no owner", "that has no deal owner", "without an owner", "unowned"
  let m = p.skip(k, ['with', 'that', 'which', 'has', 'have']);
  if (p.is(m, 'unowned|unassigned')) {
    rows.where.push(cond(field.key, 'is_null'));
    return m + 1;
  }
  if (p.is(m, 'no|without')) {
    m = p.skip(m + 1, ['a', 'an', 'any']);
    if (p.is(m, rel.noun)) m += 1;
    if (p.is(m, 'owner|owners')) {
      rows.where.push(cond(field.key, 'is_null'));
      return m + 1;
    }
  }
  return undefined;
}

/** "<field word> [is|is not|over…] <value>" on a field of the relation, by the field's type. */
function fieldComparison(p: Parse, i: number, rel: RelationDef, rows: Rows): number | undefined {
  for (const { sense, match } of p.senses(i, 'relField', (s) => s.relation === rel.name)) {
    const field = rel.fields.find((f) => f.key === sense.field)!;
    let j = match.end;
    // "Deal amount: between 10000 and 30000", "Activity date: in the last 90 days": a pasted filter's label.
    if (p.tokens[j]?.norm === ':' && field.type !== 'enum') j += 1;
    if (field.type === 'number') {
      const b = readBound(p, j);
      if (b && b.operator !== 'in') {
        rows.where.push(boundCondition(field.key, b));
        return b.end;
      }
      continue;
    }
    if (field.type === 'date') {
      const when = p.dates.read(j);
      if (when?.conditions.length) {
        rows.where.push(...when.conditions.map((c) => cond(field.key, c.operator, c.value)));
        rows.window = when.conditions;
        return when.end;
      }
      continue;
    }
    let negated = false;
    // ("Deal stage: none of Lost, Won", "Direction: any of Inbound": a pasted filter's operator after its colon.)
    // (Read from the tokens: the words here were read once already.)
    const at = (k: number) => p.tokens[k]?.norm ?? '';
    if (at(j) === ':' && ['any', 'one', 'none', 'is'].includes(at(j + 1))) j += 1;
    if ((at(j) === 'is' && at(j + 1) === 'not') || at(j) === "isn't" || (at(j) === 'none' && at(j + 1) === 'of') || at(j) === '!=' || at(j) === '<>') {
      negated = true;
      j += at(j) === "isn't" || at(j) === '!=' || at(j) === '<>' ? 1 : 2;
    } else if (['any', 'one'].includes(at(j)) && at(j + 1) === 'of') j += 2;
    else if (at(j) === 'is' && ['any', 'one'].includes(at(j + 1)) && at(j + 2) === 'of') j += 3;
    else if (p.is(j, 'is|=|:|of|in')) j += 1;
    if (field.references === 'users') {
      const owners = readList(p, j, (k) => p.sense(k, 'value', (s) => s.field === 'owner'), rows.notes);
      if (owners) {
        rows.where.push(inList(field.key, owners.items.map((o) => o.sense.value), negated));
        return owners.end;
      }
      continue;
    }
    // ("a deal in negotiation or in proposal": the preposition said again.)
    const list = readList(p, j, (k) => p.sense(k, 'relValue', (s) => s.relation === rel.name && s.field === field.key), rows.notes, false, true);
    if (list) {
      rows.where.push(inList(field.key, list.items.map((it) => it.sense.value), negated));
      return list.end;
    }
  }
  return undefined;
}

/** "a deal", "an activity". */
function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function inList(field: string, values: string[], negated = false): Condition {
  if (values.length === 1) return cond(field, negated ? 'neq' : 'eq', values[0]!);
  return cond(field, negated ? 'not_in' : 'in', values);
}

/** The node for what was read; undefined where the grammar cannot say it exactly. */
function build(p: Parse, i: number, end: number, rows: Rows): Node | undefined {
  const name = rows.rel.name;
  const said = p.text(i, end);
  if (rows.distinct) {
    rows.notes.push(`read "${said}" as a count of ${rows.rel.label.toLowerCase()}: the same one twice counts twice`);
  }
  if (rows.none) return relation(name, false, rows.where);
  if (rows.notIn) {
    const date = rows.date!;
    rows.notes.push(`read "${said}" as at least one ${rows.rel.noun}, and none ${rows.notIn.length === 1 && rows.notIn[0]!.operator === 'within_last' ? 'in that window' : 'in that time'}`);
    // "a call in October but none in November": the second window replaces the first in what is not there.
    const same = rows.where.filter((c) => c.field !== date);
    return all([relation(name, true, rows.where), relation(name, false, [...same, ...rows.notIn.map((c) => cond(date, c.operator, c.value))])]);
  }
  if (rows.latest) return latest(rows, said);
  if (rows.earliest) return earliest(rows, said);
  if (rows.everyValue && p.tenant.products.length && rows.phrases.perRow) {
    const key = rows.phrases.perRow;
    rows.notes.push(`read "${said}" as one ${rows.rel.noun} per product: ${p.tenant.products.join(', ')}`);
    return all(p.tenant.products.map((v) => relation(name, true, [cond(key, 'eq', v), ...rows.where], rows.count)));
  }
  if (rows.eachWindow && rows.date) {
    const date = rows.date;
    rows.notes.push(`read "${said}" as one ${rows.rel.noun} in each of these periods`);
    return all(rows.eachWindow.map((w) => relation(name, true, [...rows.where, ...w.map((c) => cond(date, c.operator, c.value))], rows.count)));
  }
  if (rows.each && rows.eachField) {
    const key = rows.eachField;
    return all(rows.each.map((v) => relation(name, true, [cond(key, 'eq', v), ...rows.where], rows.count)));
  }
  if (rows.range) {
    const [low, high] = rows.range;
    const upper = relation(name, true, rows.where, { operator: 'lte', value: high });
    if (low <= 0) return upper;
    const lower = low === 1 ? relation(name, true, rows.where) : relation(name, true, rows.where, { operator: 'gte', value: low });
    return all([lower, upper]);
  }
  // "no more than two open deals", "fewer than 3 calls": an upper bound counts contacts with none too — said.
  if (rows.count && (rows.count.operator === 'lt' || rows.count.operator === 'lte') && !rows.notes.some((n) => n.includes('with none'))) {
    rows.notes.push(`read "${said}" as including contacts with none (say "but at least one" to leave them out)`);
  }
  return relation(name, true, rows.where, rows.count);
}

const IGNORE: PhraseTable<true> = [[['ignore'], true], [['ignoring'], true], [['disregard'], true], [['disregarding'], true], [['not', 'counting'], true], [["don't", 'count'], true], [['do', 'not', 'count'], true]];

/**
 * "a deal in proposal (ignore deals under $5,000)": set off by a parenthesis or a comma, rows of the
 * same relation to ignore are left out of the rows said — the deal meant is not under $5,000 — rather
 * than excluding every contact who has such a deal. Said. Where it ends, or undefined.
 */
function ignoredRows(p: Parse, k: number, rows: Rows): number | undefined {
  const mark = p.tokens[k]?.norm;
  if (mark !== '(' && mark !== ',') return undefined;
  const word = p.phrase(k + 1, IGNORE);
  if (!word) return undefined;
  const inner = readRows(p, p.skip(word.end, ['any', 'the', 'all']), rows.phrases, undefined);
  const said = inner?.rows;
  if (!said || said.count || said.range || said.none || said.latest || said.earliest) return undefined;
  // ("a call last month (ignore inbound calls)": what the rows already say is not said again.)
  const same = (a: Condition, b: Condition) => a.field === b.field && a.operator === b.operator && JSON.stringify(a.value) === JSON.stringify(b.value);
  const more = said.where.filter((c) => !rows.where.some((r) => same(r, c)));
  if (more.length !== 1) return undefined;
  const only = more[0]!;
  const spec = operatorSpec(canonicalOperator(only.operator));
  const inverse = spec.inverse ?? spec.complement;
  if (!inverse) return undefined;
  let end = inner.end;
  if (mark === '(') {
    if (p.tokens[end]?.norm !== ')') return undefined;
    end += 1;
  }
  rows.where.push({ ...only, operator: inverse });
  rows.notes.push(`read "${p.text(k + 1, inner.end)}" as leaving those ${rows.rel.label.toLowerCase()} out of the ones meant, not as leaving out every contact who has one`);
  return end;
}

/** A level's rough bound ("a good fit": 70 or more) and its note, replaced by a number said exactly. */
function dropLevel(rows: Rows): void {
  if (!rows.level) return;
  rows.where.splice(rows.where.indexOf(rows.level), 1);
  rows.notes.splice(0, rows.notes.length, ...rows.notes.filter((n) => !/ of at least \d+$| below \d+$/.test(n)));
  rows.level = undefined;
}

/** The newest or oldest row's conditions split by date (one date field only, no count), or undefined. */
function datedRows(rows: Rows): { name: RelationName; dateConds: Condition[]; other: Condition[] } | undefined {
  const dates = new Set(rows.rel.fields.filter((f) => f.type === 'date').map((f) => f.key));
  const dateConds = rows.where.filter((c) => dates.has(c.field));
  if (rows.count || rows.range || new Set(dateConds.map((c) => c.field)).size !== 1) return undefined;
  return { name: rows.rel.name, dateConds, other: rows.where.filter((c) => !dates.has(c.field)) };
}

/**
 * "Their first deal was in 2026": one in that time, and none before it. "Their earliest activity was
 * more than a year ago": one then (the oldest is at least as old). Anything else said of the oldest
 * row ("their first deal was won") has no exact rule.
 */
function earliest(rows: Rows, said: string): Node | undefined {
  const dated = datedRows(rows);
  if (!dated) return undefined;
  const { name, dateConds, other } = dated;
  const from = dateConds.find((c) => c.operator === 'gte' || c.operator === 'gt' || c.operator === 'within_last');
  const until = dateConds.find((c) => c.operator === 'lt' || c.operator === 'lte' || c.operator === 'more_than_ago');
  if (dateConds.length > 2 || (dateConds.length === 2 && !(from && until)) || (!from && !until)) return undefined;
  if (!from) {
    rows.notes.push(`read "${said}" as at least one ${rows.rel.noun} in that time`);
    return relation(name, true, rows.where);
  }
  const inverse = from.operator === 'within_last' ? 'more_than_ago' : from.operator === 'gte' ? 'lt' : 'lte';
  rows.notes.push(`read "${said}" as at least one ${rows.rel.noun} in that time, and none before it`);
  return all([relation(name, true, rows.where), relation(name, false, [...other, cond(from.field, inverse, from.value)])]);
}

/**
 * "Their last activity was more than 60 days ago": at least one, and none in the last 60 days.
 * "Their most recent activity was in the last week": one in the last week (nothing lies after the
 * clock). Anything else said of the newest row ("their latest deal is won") has no exact rule.
 */
function latest(rows: Rows, said: string): Node | undefined {
  const dated = datedRows(rows);
  if (!dated) return undefined;
  const { name, dateConds, other } = dated;
  // "their latest deal was created in October": one in October, and none after it.
  const from = dateConds.find((c) => c.operator === 'gte');
  const until = dateConds.find((c) => c.operator === 'lt');
  if (dateConds.length === 2 && from && until) {
    rows.notes.push(`read "${said}" as at least one ${rows.rel.noun} in that time, and none after it`);
    return all([relation(name, true, rows.where), relation(name, false, [...other, cond(until.field, 'gte', until.value)])]);
  }
  if (dateConds.length !== 1) return undefined;
  const d = dateConds[0]!;
  if (d.operator === 'within_last' || d.operator === 'gte' || d.operator === 'gt') {
    rows.notes.push(`read "${said}" as at least one ${rows.rel.noun} in that time`);
    return relation(name, true, rows.where);
  }
  const inverse = d.operator === 'more_than_ago' ? 'within_last' : d.operator === 'lt' ? 'gte' : d.operator === 'lte' ? 'gt' : undefined;
  if (!inverse) return undefined;
  rows.notes.push(`read "${said}" as at least one ${rows.rel.noun}, and none since then`);
  return all([relation(name, true, other), relation(name, false, [...other, cond(d.field, inverse, d.value)])]);
}
