// "All" and "only" over related rows: "whose deals are all lost", "every deal was won", "only
// inbound activities", "nothing but notes as activities", "whose only activities are calls", "fit
// scores below 25 across the board"; "only one deal" is exactly one. "All X are P" becomes: has an X, and has no X that is not P.
// "All" is read as implying at least one (a contact with no deals does not have "all deals lost"),
// and that reading is said as an assumption.
import { relation as findRelation, type RelationName } from '../../../rules/catalog.js';
import type { Condition, Node, RelationCondition, WhereNode } from '../../../rules/grammar.js';
import { canonicalOperator, operatorSpec } from '../../../rules/operators.js';
import { readNumber } from '../numbers.js';
import { all, relation } from '../nodes.js';
import { OPEN, RELATION_PHRASES } from '../relation-phrases.js';
import type { Clause, Parse } from '../state.js';
import { conditions, predicate as rowPredicate, relationClause as anyRelation } from './relation.js';

type Quantifiable = Extract<RelationName, 'deals' | 'activities' | 'fit_scores'>;
const QUANTIFIABLE: Quantifiable[] = ['deals', 'activities', 'fit_scores'];

/** Words before the noun; true when they say "all" by themselves. */
const BEFORE: [string[], boolean][] = [
  [['all', 'of', 'whose'], true], [['all', 'of', 'their'], true], [['all', 'their'], true], [['all', 'the'], true], [['all'], true],
  [['every'], true], [['every', 'single'], true], [['each'], true], [['each', 'and', 'every'], true], [['each', 'of', 'their'], true], [['whose'], false], [['their'], false], [['whose', 'only'], true],
  [['their', 'only'], true], [['the', 'only'], true], [['whose', 'every'], true], [['their', 'every'], true], [['every', 'one', 'of', 'their'], true], [['each', 'one', 'of', 'their'], true], [['every', 'one', 'of', 'the'], true], [['every', 'single', 'one', 'of', 'their'], true], [['all', 'of', 'the'], true],
];
const VERBS = ['are', 'were', 'is', 'was', 'have', 'has', 'had'];
const AFTER = ['all', 'each', 'only', 'both'];
/** Words that say "only" before a relation clause. */
const ONLY: [string[], true][] = [[['only'], true], [['nothing', 'but'], true], [['exclusively'], true], [['just'], true], [['solely'], true]];

export function quantified(p: Parse, i: number): Clause | undefined {
  return allAre(p, i) ?? verbAll(p, i) ?? allOfThem(p, i) ?? nothingInPipeline(p, i) ?? onlyClause(p, i) ?? acrossTheBoard(p, i);
}

const PIPELINE: [string[], true][] = [[['in', 'the', 'pipeline'], true], [['in', 'pipeline'], true], [['in', 'our', 'pipeline'], true], [['in', 'their', 'pipeline'], true]];

/** "nothing (open) in the pipeline", "none in pipeline": no open deal. */
function nothingInPipeline(p: Parse, i: number): Clause | undefined {
  const first = p.tokens[i]?.norm;
  if (first !== 'nothing' && first !== 'none') return undefined;
  const j = p.is(i + 1, 'open|active|ongoing|currently|still') ? i + 2 : i + 1;
  const pipeline = p.phrase(j, PIPELINE);
  if (!pipeline) return undefined;
  return { node: relation('deals', false, conditions(OPEN)), end: pipeline.end };
}

/**
 * "at least 2 deals, all of them still open", "three calls, each of them inbound": every row of the
 * relation said just before is so — none is not (the rows themselves the clause before says).
 */
function allOfThem(p: Parse, i: number): Clause | undefined {
  const rel = p.lastRelation;
  const first = p.tokens[i]?.norm;
  if (!rel || (first !== 'all' && first !== 'each' && first !== 'every') || !QUANTIFIABLE.includes(rel as Quantifiable)) return undefined;
  const them = p.is(i, 'all|each', 'of', 'them|which') ? i + 3 : p.is(i, 'every', 'one', 'of', 'them|which') ? i + 4 : p.is(i, 'all|each', 'being') ? i + 1 : undefined;
  if (them === undefined) return undefined;
  // Only right after "<count> <the relation's own noun>," ("2 deals, all of them …"): then every row
  // of the relation is one of those said; after "3 calls" the rows said are fewer than all activities.
  const nounAt = p.is(i - 1, ',') ? i - 2 : i - 1;
  const noun = p.senses(nounAt, 'relation', (s) => s.relation === rel).find((f) => f.match.end === nounAt + 1);
  const counted = p.tokens[nounAt - 1]?.kind === 'number' || p.is(nounAt - 1, 'a|an|one|two|three|four|five|several|multiple');
  if (!noun || !counted) return undefined;
  const j = p.skip(them, ['are', 'were', 'is', 'was', 'being', 'still', 'currently']);
  const pred = rowsAre(p, j, rel as Quantifiable);
  if (!pred || !pred.where.length) return undefined;
  for (const note of pred.notes) p.assume(note);
  p.assume(`read "${p.text(i, pred.end)}" as every ${findRelation(rel)!.noun} matching`);
  return { node: noneOtherwise(rel as Quantifiable, pred.where), end: pred.end };
}

const QUANTIFIABLE_PHRASES = RELATION_PHRASES.filter((r) => QUANTIFIABLE.includes(r.relation as Quantifiable));
/** The first words of those relations' verbs: only there can a verb and "all" start. */
const VERB_FIRST = new Set(QUANTIFIABLE_PHRASES.flatMap((r) => r.verbs.map(([words]) => words[0]!)));

/**
 * "lost every deal they had", "won all their deals", "lost each of their deals": the relation's verb,
 * then "all" before its noun — every row is what the verb says (and there is one), said.
 */
function verbAll(p: Parse, i: number): Clause | undefined {
  if (!VERB_FIRST.has(p.tokens[i]?.norm ?? '')) return undefined;
  for (const phrases of QUANTIFIABLE_PHRASES) {
    const verb = p.phrase(i, phrases.verbs);
    if (!verb || !verb.value.where.length) continue;
    const before = p.phrase(verb.end, BEFORE);
    if (!before?.value) continue;
    const n = relNoun(p, before.end);
    if (!n || n.rel !== phrases.relation) continue;
    // "… every deal they (ever) had", "… all the deals they've had"
    let end = n.end;
    if (p.is(end, 'they|we')) end = p.skip(end + 1, ['ever', 'had', 'have', "'ve", 'has']);
    const where = conditions(verb.value.where);
    return { node: allOf(p, n.rel, where, p.text(i, end)), end };
  }
  return undefined;
}

/** What every row is said to be at k: a noun for rows of one kind ("losses"), or a predicate ("lost", "still open"). */
function rowsAre(p: Parse, k: number, rel: Quantifiable): { where: Condition[]; notes: string[]; end: number } | undefined {
  const kinds = QUANTIFIABLE_PHRASES.find((r) => r.relation === rel)?.kindNouns;
  const kind = kinds ? p.phrase(k, kinds) : undefined;
  return kind ? { where: conditions(kind.value.where), notes: [], end: kind.end } : rowPredicate(p, k, rel);
}

/** Adjectives before a noun that say nothing of the rows ("logged", "recorded"): "whose only logged activities are notes". */
const EMPTY_BEFORE = [...new Set(QUANTIFIABLE_PHRASES.flatMap((r) => r.before.filter(([words, reading]) => words.length === 1 && !reading.where.length).map(([words]) => words[0]!)))];

/** "(whose|all|every) [logged] <noun> (are)? (all)? (been)? <predicate>". */
function allAre(p: Parse, i: number): Clause | undefined {
  const before = p.phrase(i, BEFORE);
  const n = relNoun(p, before ? p.skip(before.end, EMPTY_BEFORE) : i);
  if (!n) return undefined;
  // "all opportunities without an owner": at the start, a lifecycle stage's noun is who they are.
  if (i === 0 && p.sense(before?.end ?? i, 'value', (s) => s.field === 'lifecycle_stage')) return undefined;
  // "every deal they had was lost", "every deal ended up lost"
  let j = p.skip(n.end, ['they', 'we', 'he', 'she', 'ever', 'had', 'have', 'has']);
  j = p.skip(p.is(j, 'ended', 'up|in|as') ? j + 2 : j, VERBS);
  const after = AFTER.includes(p.w(j));
  if (after) j = p.skip(j + 1, ['been', 'be', 'of', 'them']);
  if (!before?.value && !after) return undefined;
  const at = p.skip(j, ['been', 'a', 'an', 'single', 'one']);
  const pred = rowsAre(p, at, n.rel);
  if (!pred) return undefined;
  for (const note of pred.notes) p.assume(note);
  // "whose only deal was lost": one deal, and it is lost (a singular noun after "only").
  if (before?.value && p.is(before.end - 1, 'only') && !/s$/.test(p.w(n.end - 1)) && pred.where.length) {
    const noun = findRelation(n.rel)!.noun;
    p.assume(`read "${p.text(i, pred.end)}" as exactly one ${noun}, matching`);
    const one: RelationCondition = { type: 'relation', relation: n.rel, has: true, where: null, count: { operator: 'eq', value: 1 } };
    return { node: all([one, relation(n.rel, true, pred.where)]), end: pred.end };
  }
  return { node: allOf(p, n.rel, pred.where, p.text(i, pred.end)), end: pred.end };
}

/** "only lost deals", "nothing but meetings as activities", "only have notes logged". */
function onlyClause(p: Parse, i: number): Clause | undefined {
  const only = p.phrase(i, ONLY);
  if (!only) return undefined;
  const k = p.skip(only.end, ['have', 'has', 'had']);
  // "only one deal", "only 2 open deals": exactly that many.
  const n = readNumber(p.tokens, k);
  if (n) {
    const counted = longest(p, k);
    const node = counted?.node as RelationCondition | undefined;
    if (!counted || node?.type !== 'relation' || !node.has || (node.count && node.count.operator !== 'eq')) return undefined;
    return { node: { ...node, count: { operator: 'eq', value: n.value } }, end: counted.end };
  }
  const inner = relationClause(p, k);
  if (!inner) return undefined;
  let end = inner.end;
  const as = p.is(end, 'as') ? p.sense(end + 1, 'relation', (s) => s.relation === inner.rel) : undefined;
  if (as) end = as.match.end;
  if (p.is(end, 'logged|recorded|held|made|on|record')) end += p.is(end, 'on', 'record') ? 2 : 1;
  return { node: allOf(p, inner.rel, inner.where, p.text(i, end)), end };
}

/** "fit scores below 25 across the board", "deals lost without exception". */
function acrossTheBoard(p: Parse, i: number): Clause | undefined {
  if (!p.tokens.slice(i + 1, i + 12).some((t) => t.norm === 'board' || t.norm === 'exception')) return undefined;
  const inner = relationClause(p, i);
  if (!inner) return undefined;
  const tail = p.is(inner.end, 'across', 'the', 'board') ? 3 : p.is(inner.end, 'without', 'exception') ? 2 : 0;
  if (!tail) return undefined;
  return { node: allOf(p, inner.rel, inner.where, p.text(i, inner.end + tail)), end: inner.end + tail };
}

/** A plain "has <rows> where …" clause of a quantifiable relation, with conditions. */
function relationClause(p: Parse, k: number): { rel: Quantifiable; where: Condition[]; end: number } | undefined {
  const found = longest(p, k);
  const node = found?.node as RelationCondition | undefined;
  if (!found || node?.type !== 'relation' || !node.has || node.count || !node.where) return undefined;
  if (!QUANTIFIABLE.includes(node.relation as Quantifiable) || node.where.children.some((c) => c.type !== 'condition')) return undefined;
  return { rel: node.relation as Quantifiable, where: node.where.children as Condition[], end: found.end };
}

/** The relation reading at k, its assumptions said. */
function longest(p: Parse, k: number): Clause | undefined {
  const found = anyRelation(p, k);
  if (!found || found.node.type !== 'relation' || !QUANTIFIABLE.includes(found.node.relation as Quantifiable)) return undefined;
  for (const note of found.assumptions ?? []) p.assume(note);
  return found;
}

function relNoun(p: Parse, k: number): { rel: Quantifiable; end: number } | undefined {
  const found = p.senses(k, 'relation', (s) => QUANTIFIABLE.includes(s.relation as Quantifiable))[0];
  if (!found) return undefined;
  const rel = found.sense.relation as Quantifiable;
  return { rel, end: rel === 'fit_scores' && p.is(found.match.end, 'score|scores') ? found.match.end + 1 : found.match.end };
}

/** has a row, and no row where NOT(where). */
function allOf(p: Parse, rel: Quantifiable, where: Condition[], said: string): Node {
  const noun = findRelation(rel)!.noun;
  p.assume(`read "${said}" as at least one ${noun}, and every ${noun} matching`);
  const exists: RelationCondition = { type: 'relation', relation: rel, has: true, where: null, count: null };
  return all([exists, noneOtherwise(rel, where)]);
}

/** No row where NOT(where): every row there is matches. */
function noneOtherwise(rel: Quantifiable, where: Condition[]): RelationCondition {
  return { type: 'relation', relation: rel, has: false, where: { type: 'group', op: 'and', negate: false, children: [not(rel, where)] }, count: null };
}

/** NOT(all of where), as the inverse operator where one exists exactly. */
function not(rel: Quantifiable, where: Condition[]): WhereNode {
  const only = where.length === 1 ? where[0]! : undefined;
  if (only) {
    const nullable = findRelation(rel)!.fields.find((f) => f.key === only.field)?.nullable ?? true;
    // Exact inverses always; order complements (gt ↔ lte) only where the value cannot be missing.
    const spec = operatorSpec(canonicalOperator(only.operator));
    const inverse = spec.inverse ?? (nullable ? null : spec.complement);
    if (inverse) return { ...only, operator: inverse };
  }
  return { type: 'group', op: 'and', negate: true, children: where };
}
