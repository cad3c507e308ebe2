// Segment membership: "in the Q1 batch segment", "members of Q1 batch", "not in the Cooldown
// segment" (a unique first word of a title is enough next to the word "segment"), "outside the Q1
// batch segment" (not in it), and every segment at once: "not in any segment", "in none of our
// segments" (in none of them), "in any of our segments" (in at least one), said with their titles.
import type { MembershipWhen, Node, RelativeDate } from '../../../rules/grammar.js';
import { all, group } from '../nodes.js';
import type { Clause, Parse, Refs } from '../state.js';
import { readNumber } from '../numbers.js';
import { MONTH_KEYS, monthKey } from '../dates.js';
import { phraseWords } from '../tokens.js';
import { CAMPAIGN_NOUNS } from '../vocabulary.js';

/** A query's comparison after the word "segment"; true when it says not in it. */
const SEGMENT_IS: [string[], boolean][] = [[['='], false], [['=='], false], [[':'], false], [['is'], false], [['!='], true], [['<>'], true], [['is', 'not'], true], [["isn't"], true]];

/** Phrases that introduce a segment; true when they mean outside of it. */
const INTROS: [string[], boolean][] = [
  [['in'], false], [['within'], false], [['inside'], false], [['from'], false], [['on'], false], [['members', 'of'], false], [['member', 'of'], false],
  [['sitting', 'in'], false], [['sitting', 'on'], false], [['part', 'of'], false], [['belong', 'to'], false], [['belongs', 'to'], false], [['belonging', 'to'], false], [['included', 'in'], false],
  [['outside'], true], [['outside', 'of'], true],
];
const NOUNS = new Set(['segment', 'segments', 'list', 'lists', 'audience', 'audiences']);
/** Negations that may open a clause about every segment ("not in any segment"). */
const NEGATED = new Set(['not', "aren't", "isn't", "don't", "doesn't", 'never', "weren't", "wasn't"]);
/** How many of the segments: true for none ("no segment"), false for at least one ("any segment"). */
const QUANTIFIERS: [string[], boolean][] = [
  [['no'], true], [['none', 'of'], true], [['any'], false], [['any', 'of'], false], [['a'], false], [['a', 'single'], false], [['some'], false],
  [['at', 'least', 'one'], false], [['at', 'least', 'one', 'of'], false], [['one', 'of'], false], [['all'], false], [['all', 'of'], false], [['every'], false],
];

export function segment(p: Parse, i: number): Clause | undefined {
  return everySegment(p, i) ?? outsideAll(p, i) ?? eitherSegment(p, i);
}

/** "in the Q1 batch or the cooldown list": one clause, so "not in A or B" is in neither (the negation takes both). */
function eitherSegment(p: Parse, i: number): Clause | undefined {
  const head = oneSegment(p, i);
  if (!head || head.node.type !== 'segment' || head.node.operator !== 'in' || head.node.when) return head;
  // ("segment in 'Q1 batch', 'Cooldown'": a query's list after "in" is any of them, as "or" is.)
  const more = moreSegments(p, head.end, head.node.segment, 'or|,');
  if (!more.ids.length) return head;
  const ids = [head.node.segment, ...more.ids];
  return { node: group('or', ids.map((id) => ({ type: 'segment' as const, operator: 'in' as const, segment: id }))), end: more.end, refs: { ...head.refs, lastSegment: ids[ids.length - 1] } };
}

/** The segments listed after one ("… or the cooldown list", "…, and the March cooldown"), each read as the list's next item. */
function moreSegments(p: Parse, from: number, first: string, joiners: string): { ids: string[]; end: number } {
  const ids: string[] = [];
  let end = from;
  const saved = p.lastSegment;
  while (p.is(end, joiners)) {
    p.lastSegment = ids[ids.length - 1] ?? first;
    const next = oneSegment(p, end + 1);
    if (!next || next.node.type !== 'segment' || next.node.operator !== 'in' || next.node.when) break;
    ids.push(next.node.segment);
    end = next.end;
  }
  p.lastSegment = saved;
  return { ids, end };
}

/** "outside both the Q1 batch and the cooldown list", "outside the Q1 batch or the cooldown": in none of them. */
function outsideAll(p: Parse, i: number): Clause | undefined {
  if (!p.is(i, 'outside')) return undefined;
  const both = p.is(i + 1, 'both|either') || p.is(i + 2, 'both|either') ? 1 : 0;
  const first = oneSegment(p, i);
  const at = both && !first ? (p.is(i + 1, 'of') ? i + 2 : i + 1) : undefined;
  const head = first ?? (at !== undefined ? oneSegment(p, at + 1) : undefined);
  if (!head || head.node.type !== 'segment') return undefined;
  const more = moreSegments(p, head.end, head.node.segment, 'and|or|nor|,');
  const ids = [head.node.segment, ...more.ids];
  const end = more.end;
  if (ids.length < 2) return undefined;
  const node = all(ids.map((id) => ({ type: 'segment' as const, operator: 'not_in' as const, segment: id })));
  return { node, end, assumptions: [`read "${p.text(i, end)}" as in none of them`], refs: { lastSegment: ids[ids.length - 1] } };
}

/** Words for membership over time before a segment: "ever in", "joined", "left". */
const HISTORY: [string[], MembershipWhen['event']][] = [
  [['ever', 'in'], 'member'], [['ever', 'been', 'in'], 'member'], [['ever', 'on'], 'member'], [['ever', 'part', 'of'], 'member'], [['ever', 'a', 'member', 'of'], 'member'],
  [['joined'], 'joined'], [['entered'], 'joined'], [['were', 'added', 'to'], 'joined'], [['was', 'added', 'to'], 'joined'], [['got', 'added', 'to'], 'joined'],
  [['left'], 'left'], [['exited'], 'left'], [['used', 'to', 'be', 'in'], 'left'], [['used', 'to', 'be', 'on'], 'left'], [['formerly', 'in'], 'left'], [['previously', 'in'], 'left'], [['dropped', 'out', 'of'], 'left'], [['fell', 'out', 'of'], 'left'], [['were', 'removed', 'from'], 'left'], [['was', 'removed', 'from'], 'left'],
];

function oneSegment(p: Parse, i: number): Clause | undefined {
  const history = p.phrase(i, HISTORY);
  if (history) {
    const found = oneSegment(p, history.end);
    if (!found || found.node.type !== 'segment' || found.node.operator !== 'in' || found.node.when) return undefined;
    let end = found.end;
    let since: MembershipWhen['since'] = null;
    if (history.value !== 'member') {
      // "joined the Q1 batch in the last 30 days", "left it since September"
      const when = p.dates.read(end);
      const only = when?.conditions.length === 1 ? when.conditions[0]! : undefined;
      if (only?.operator === 'within_last') since = only.value as RelativeDate;
      else if (only?.operator === 'gte') since = String(only.value).slice(0, 10);
      if (since !== null) end = when!.end;
    }
    return { node: { ...found.node, when: { event: history.value, since } }, end, refs: found.refs };
  }
  const intro = p.phrase(i, INTROS);
  // ("in both the cooldown and the Q1 batch": "both" / "either" before the first of several.)
  let j = p.skip(intro ? intro.end : i, intro ? ['the', 'our', 'both', 'either'] : ['the', 'our']);
  // "ever in the Q1 batch but not in it now": the segment named last.
  if (intro && p.lastSegment && p.is(j, 'it|that|there')) {
    const end = p.is(j + 1, 'now|anymore|currently|today|still') ? j + 2 : j + 1;
    return { node: { type: 'segment', operator: intro.value ? 'not_in' : 'in', segment: p.lastSegment }, end };
  }
  const nounBefore = NOUNS.has(p.w(j));
  if (nounBefore) j = p.skip(j + 1, ['the']);
  // "segment = 'Q1 batch'", "segment != 'Q1 batch'", "segment is not Cooldown": a query's comparison.
  const compared = nounBefore && !intro ? p.phrase(j, SEGMENT_IS) : undefined;
  if (compared) j = compared.end;
  const outside = intro?.value || compared?.value === true;
  for (const { sense, match } of p.senses(j, 'segment')) {
    const nounAfter = NOUNS.has(p.w(match.end));
    // "on cooldown": "on" says membership of a list, so a unique first word of a title is enough.
    // ("Q1 batch minus cooldown": right after a word that leaves people out, the unique word is enough too, said.)
    if (sense.partial && !nounBefore && !nounAfter && !(intro && (p.w(i) === 'on' || p.w(i) === 'outside')) && !(j === i && p.is(i - 1, 'minus|except|excluding|without'))
      // ("in the Q1 batch and not the cooldown": right after "not", with a segment named before it.)
      && !(p.lastSegment && p.is(i - 1, 'not|nor') && !intro)) continue;
    // "the already-ran-Spring-Sale list": a title's first words, then more of its words.
    if (sense.partial) {
      const said = p.assumptions.length;
      const more = byWords(p, i, j, intro, nounBefore);
      if (more && more.end > (nounAfter ? match.end + 1 : match.end)) return more;
      p.assumptions.splice(said); // not this reading: its assumption goes with it
    }
    p.use(match, sense);
    if (sense.partial) p.assume(`read "${p.text(match.start, match.end)}" as segment "${sense.label}"`);
    // "never in the Q1 batch": not even once (the negation is the structure step's), so the history.
    // ("have never been in it", "never once been in it": the same.)
    const never = !outside && (p.w(i - 1) === 'never' || (p.is(i - 1, 'been') && (p.is(i - 2, 'never') || p.is(i - 3, 'never', 'once'))));
    const node: Node = { type: 'segment', operator: outside ? 'not_in' : 'in', segment: sense.id, ...(never ? { when: { event: 'member' as const, since: null } } : {}) };
    return { node, end: nounAfter ? match.end + 1 : match.end, refs: { ...campaignOf(p, sense.label), lastSegment: sense.id } };
  }
  return byWords(p, i, j, intro, nounBefore);
}

/** Months by every name they go by, as one word: a title's "Mar" is a mention's "March"; a verb by its forms ("the Spring Sale run" for "Already ran …"). */
const norm = (w: string) => monthKey(w) ?? VERB_FORMS[w] ?? w;
const VERB_FORMS: Record<string, string> = Object.fromEntries(
  [['run', 'ran', 'runs', 'running'], ['send', 'sent', 'sends', 'sending'], ['open', 'opened', 'opens'], ['click', 'clicked', 'clicks'], ['buy', 'bought', 'buys'], ['win', 'won', 'wins'], ['lose', 'lost', 'loses'], ['join', 'joined', 'joins']]
    .flatMap(([base, ...forms]) => [base!, ...forms].map((f) => [f, base!])),
);
/** Words of a title that say nothing by themselves. */
const WEAK = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'in', 'on', 'for', 'to']);

/**
 * A segment said with its title's words in another order, or some of them: "the March cooldown" for
 * "Cooldown — Mar 2026", "the spring sale already-ran list" for "Already ran campaign Spring Sale".
 * Every word said must be one of a single title's, two words at least (one next to "segment" /
 * "list"), not only months or numbers, and not the whole of another reading of the same words. Said.
 */
function byWords(p: Parse, i: number, j: number, intro: { value: boolean } | undefined, nounBefore: boolean): Clause | undefined {
  if (!p.tenant.segments.length) return undefined;
  const titles = titleWords(p);
  const said: string[] = [];
  let k = j;
  // "the 'already ran Spring Sale' segment": a quoted name is its words, every one of them a title's.
  const quoted = p.tokens[j]?.kind === 'quoted' ? phraseWords(p.tokens[j]!.norm).map(norm) : undefined;
  if (quoted) {
    if (quoted.length > 8 || !quoted.every((w) => titles.all.has(w) || WEAK.has(w))) return undefined;
    said.push(...quoted.filter((w) => !WEAK.has(w)));
    k = j + 1;
  }
  while (!quoted && k < p.tokens.length && said.length < 8) {
    const w = norm(p.tokens[k]!.norm);
    // "cool down" said for "Cooldown": a title's word written as two.
    const joined = p.tokens[k + 1]?.kind === 'word' ? w + p.tokens[k + 1]!.norm : '';
    if (!titles.all.has(w) && joined.length >= 6 && titles.all.has(joined) && !WEAK.has(joined)) {
      said.push(joined);
      k += 2;
      continue;
    }
    // A campaign noun ends the words: "the Spring Sale campaign" is the campaign.
    if (!titles.all.has(w) || WEAK.has(w) || CAMPAIGN_NOUNS.has(w)) break;
    said.push(w);
    k += 1;
  }
  if (!said.length) return undefined;
  // "the cooldown ones / folks": the people of that list.
  // ("cooldown people with an open deal": a word for the audience itself, which says nothing more — unless
  // the words are another name too: "spring sale people" may be the campaign's.)
  const people = p.is(k, 'people|ppl|contacts|peeps') && !p.lattice[j]?.some((m) => m.end === k && m.senses.some((x) => x.kind !== 'segment')) && !p.dates.read(j)?.conditions.length;
  const nounAfter = NOUNS.has(p.w(k)) || p.is(k, 'batch|group|cohort|ones|folks|crowd|members') || people;
  // "in the Q1 batch or the March cooldown": the second list of an "or" shares the first's "in".
  const listed = !intro && !!p.lastSegment && (p.is(i - 1, 'or|and|,|nor') || (p.is(i - 1, 'the') && p.is(i - 2, 'or|and|,|nor')));
  // One word needs "segment" / "list" beside it, or a list before it ("the cooldown list"; "in sale" is no segment).
  // "aren't in the cooldown": one long word after "in", a word of one title only and of nothing else (said, below).
  const distinctive = said.length === 1 && !!intro && said[0]!.length >= 6 && !p.lattice[j]?.some((m) => m.senses.some((x) => x.kind !== 'segment'));
  if (said.length < 2 && !(nounAfter || nounBefore || listed || distinctive)) return undefined;
  if (!intro && !nounAfter && !nounBefore && !listed) return undefined;
  if (said.every((w) => /^\d+$/.test(w) || MONTH_KEYS.includes(w))) return undefined;
  // "in the Spring Sale" is the campaign's name as written, not a list, unless "list" / "segment" follows.
  if (!nounAfter && p.lattice[j]?.some((m) => m.end === k && !m.typo && m.senses.some((x) => x.kind !== 'segment'))) return undefined;
  const matches = titles.bySegment.filter((t) => said.every((w) => t.words.has(w)));
  if (matches.length !== 1) return undefined;
  const seg = matches[0]!;
  p.assume(`read "${p.text(j, nounAfter ? k + 1 : k)}" as segment "${seg.title}"`);
  const node: Node = { type: 'segment', operator: intro?.value ? 'not_in' : 'in', segment: seg.id };
  return { node, end: nounAfter ? k + 1 : k, refs: { ...campaignOf(p, seg.title), lastSegment: seg.id } };
}

/** The segments whose titles hold every one of `words` (in any form "the Spring Sale run" says them). */
export function segmentsNamedBy(p: Parse, words: readonly string[]): string[] {
  const said = words.map(norm);
  return titleWords(p).bySegment.filter((t) => said.every((w) => t.words.has(w))).map((t) => t.id);
}

const TITLE_WORDS = new WeakMap<Parse['tenant'], { all: Set<string>; bySegment: { id: string; title: string; words: Set<string> }[] }>();
function titleWords(p: Parse) {
  let t = TITLE_WORDS.get(p.tenant);
  if (!t) {
    const bySegment = p.tenant.segments.map((s) => ({ id: s.id, title: s.title, words: new Set(phraseWords(s.title).map(norm)) }));
    t = { all: new Set(bySegment.flatMap((b) => [...b.words])), bySegment };
    TITLE_WORDS.set(p.tenant, t);
  }
  return t;
}

/** A segment named after one campaign ("Already ran campaign Spring Sale"): "who opened it" is that campaign. */
function campaignOf(p: Parse, title: string): Partial<Refs> | undefined {
  let byTitle = CAMPAIGN_OF.get(p.tenant);
  if (!byTitle) CAMPAIGN_OF.set(p.tenant, (byTitle = new Map()));
  if (!byTitle.has(title)) {
    const words = ` ${phraseWords(title).join(' ')} `;
    const named = p.tenant.campaigns.filter((c) => words.includes(` ${phraseWords(c.name).join(' ')} `));
    byTitle.set(title, named.length === 1 ? named[0]!.id : undefined);
  }
  const id = byTitle.get(title);
  return id ? { lastCampaigns: { last: null, ids: [id] } } : undefined;
}
const CAMPAIGN_OF = new WeakMap<Parse['tenant'], Map<string, string | undefined>>();

/** "[not] in|part of|outside [of] any|no|none of|a single [of our] segment(s)". */
function everySegment(p: Parse, i: number): Clause | undefined {
  const negated = NEGATED.has(p.w(i));
  const intro = p.phrase(negated ? i + 1 : i, INTROS);
  if (!intro) return undefined;
  if (!negated && !intro.value) {
    const some = someSegments(p, i, intro.end);
    if (some) return some;
  }
  const q = p.phrase(intro.end, QUANTIFIERS);
  if (!q) return undefined;
  // "outside all three of our static segments": a number of them, said; it must be how many there are.
  const owners = ['our', 'the', 'your', 'my', 'existing', 'saved', 'current'];
  // "all three of our static segments", "any of our 3 segments": the number before or after "our".
  const before = readNumber(p.tokens, q.end);
  const at = p.skip(before ? (p.is(before.end, 'of') ? before.end + 1 : before.end) : q.end, owners);
  const after = before ? undefined : readNumber(p.tokens, at);
  const n = before ?? after;
  let j = after ? p.skip(after.end, owners) : at;
  const kind = p.is(j, 'static|dynamic') ? p.w(j) : undefined;
  if (kind) j = p.skip(j + 1, ['our', 'the']);
  const segments = kind ? p.tenant.segments.filter((s) => s.type === kind) : p.tenant.segments;
  if (!NOUNS.has(p.w(j)) || !segments.length || (n && n.value !== segments.length)) return undefined;
  // "outside all segments" and "outside any segment" both mean in none of them.
  const everyWord = p.is(intro.end, 'all|every');
  if (everyWord && !intro.value) return undefined;
  const none = intro.value || negated !== q.value;
  const titles = segments.map((s) => `"${s.title}"`).join(', ');
  p.assume(`read "${p.text(i, j + 1)}" as ${none ? 'in none' : 'in any'} of the ${kind ? `${kind} ` : ''}segments ${titles}`);
  const nodes: Node[] = segments.map((s) => ({ type: 'segment', operator: none ? 'not_in' : 'in', segment: s.id }));
  return { node: none ? all(nodes) : nodes.length === 1 ? nodes[0]! : group('or', nodes), end: j + 1 };
}

/**
 * "in at least two of our three segments", "in 2 or more of the segments", "in exactly one of our
 * segments": every way of being in that many of them (at most ten segments), said with their titles.
 */
function someSegments(p: Parse, i: number, at: number): Clause | undefined {
  // (A gate on the token itself, like canStart: most "in"s are followed by no count.)
  const first = p.tokens[at]?.norm ?? '';
  if (!COUNT_FIRST.has(first) && p.tokens[at]?.kind !== 'number' && !readNumber(p.tokens, at)) return undefined;
  const atLeast = first === 'at' && p.is(at + 1, 'least');
  const exactly = first === 'exactly' || first === 'just' || first === 'only';
  const k = readNumber(p.tokens, atLeast ? at + 2 : exactly ? at + 1 : at);
  if (!k || !Number.isInteger(k.value) || k.value < 1) return undefined;
  const orMore = !atLeast && !exactly && p.is(k.end, 'or') && p.is(k.end + 1, 'more');
  let j = orMore ? k.end + 2 : k.end;
  if (!(atLeast || exactly || orMore) || !p.is(j, 'of')) return undefined;
  const listAt = j + 1;
  j = p.skip(j + 1, ['our', 'the', 'your', 'my', 'existing', 'saved', 'current']);
  const n = readNumber(p.tokens, j);
  if (n) j = p.skip(n.end, ['our', 'the']);
  const kind = p.is(j, 'static|dynamic') ? p.w(j) : undefined;
  if (kind) j += 1;
  const every = kind ? p.tenant.segments.filter((s) => s.type === kind) : p.tenant.segments;
  // "exactly one of the Q1 batch and the cooldown list": the segments named, else all of them ("of our segments").
  const named = NOUNS.has(p.w(j)) ? undefined : listed(p, listAt);
  const segments = named ? named.ids.map((id) => p.tenant.segments.find((s) => s.id === id)!) : every;
  const end = named ? named.end : j + 1;
  if ((!named && !NOUNS.has(p.w(j))) || segments.length > 10 || k.value > segments.length || (!named && n && n.value !== segments.length)) return undefined;
  const ids = segments.map((s) => s.id);
  const subsets = choose(ids, k.value);
  const nodes = subsets.map((inIds) => all(ids.filter((id) => inIds.includes(id) || exactly).map((id) => ({ type: 'segment' as const, operator: inIds.includes(id) ? ('in' as const) : ('not_in' as const), segment: id }))));
  const titles = segments.map((s) => `"${s.title}"`).join(', ');
  p.assume(`read "${p.text(i, end)}" as in ${exactly ? 'exactly' : 'at least'} ${k.value} of the ${kind ? `${kind} ` : ''}segments ${titles}`);
  return { node: nodes.length === 1 ? nodes[0]! : group('or', nodes), end };
}

/** Two or more segments named in a list ("the Q1 batch and the cooldown list"). */
function listed(p: Parse, at: number): { ids: string[]; end: number } | undefined {
  const head = oneSegment(p, at);
  if (!head || head.node.type !== 'segment' || head.node.operator !== 'in' || head.node.when) return undefined;
  const more = moreSegments(p, head.end, head.node.segment, 'and|or|,');
  const ids = [...new Set([head.node.segment, ...more.ids])];
  return ids.length >= 2 ? { ids, end: more.end } : undefined;
}

const COUNT_FIRST = new Set(['at', 'exactly', 'just', 'only']);

/** Every way of choosing k of the items, in order. */
function choose<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...choose(rest, k - 1).map((c) => [first!, ...c]), ...choose(rest, k)];
}
