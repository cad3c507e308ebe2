// Boolean structure. The description is scanned left to right into clauses (the longest reading
// any recognizer finds wins) and connectives; then, from loosest to tightest:
//   1. "except / excluding / other than / unless …": what follows each one is excluded on its own
//      (AND NOT each), and an "and"-list inside one exception is a union ("except churned ones and
//      the Q1 batch": neither).
//   2. A relative clause ("… who / that / which …"): what comes before it applies to all of what
//      follows, so "in Germany who are customers or opened X" is Germany AND (customers OR opened X).
//      A relative clause after an "or" belongs to that alternative ("vip, or partners who live in Spain").
//   3. A loose "and" (", and", "but", ";") where the sentence also has "or": "A or B, and C" is
//      (A or B) and C. 4. "or" between clauses; 5. "and" / commas / juxtaposition; 6. "not / no / never /
//   without" on the next clause ("without A or a B": neither). Parentheses group. Lists of values inside a clause ("Germany or
//   France") are the clause's own business and never reach this level.
// One exception to 3: "or with / or on / or in …" continues the list of phrases attached to a head
// noun, so "customers on the pro plan or with an NPS above 8" is customers AND (pro OR NPS > 8).
import type { Node } from '../../rules/grammar.js';
import { relation as findRelation } from '../../rules/catalog.js';
import { bareValue, bareWindow, fieldComparison, meaningWords, presence } from './clauses/contact.js';
import { campaignMention, emailEngagement } from './clauses/email.js';
import { byContent } from './clauses/names.js';
import { place } from './clauses/places.js';
import { quantified } from './clauses/quantified.js';
import { relationClause } from './clauses/relation.js';
import { segment } from './clauses/segments.js';
import { readBound } from './bounds.js';
import { all, cond, group, negate } from './nodes.js';
import type { DateCondition } from './dates.js';
import type { Clause, Parse, Recognizer, Refs } from './state.js';
import { AND_WORDS, BUT_WORDS, COMPANY_NOUNS, EVERYONE, EXCEPT_PHRASES, EXCEPT_WORDS, FILLERS, NEGATIONS, NULL_CHECKS, OR_CONTINUES, OR_WORDS, PEOPLE_NOUNS, RELATIVIZERS } from './vocabulary.js';

/** In order of preference when two readings are equally long. */
const RECOGNIZERS: Recognizer[] = [
  bareValue, fieldComparison, presence, meaningWords, byContent, place, segment, quantified, emailEngagement, relationClause, campaignMention, bareWindow,
];

type Mark = 'and' | 'or' | 'not' | 'except' | 'rel' | 'open' | 'close';
/** `attached`: a clause or negation introduced by a preposition; an "or" followed by one. */
/** `loose` on an "and": written ", and" or "but", it joins at a looser level than "or" ("A or B, and C"). */
/** `another` on an "and": inside an exception, "and anyone / those …": one more group left out. */
/** `union` on an "and": written "plus", it adds a second audience ("… plus all opportunities"). */
/** `single` on a clause: it is "field = value(s)" on a field that holds one value per contact. */
/** `both` on a "not": "not both A and B" negates the conjunction of what follows. */
/** `comma` on a clause: written right after a comma ("churned, bounced or in the cooldown"). */
/** `orList` on a clause: its own list of values ends in "or" ("unsubscribed or bounced"). */
/** `np` on an "or": "or a / an …" right after a phrase attached to a noun ("with a won deal or an NPS of 10"). */
/** `prep` on a clause: the preposition that attaches it ("with" in "with no deal"), if any. */
type Item = { kind: 'clause'; node: Node; attached: boolean; start?: number; prep?: string; single?: boolean; comma?: boolean; with?: boolean; group?: { start: number; end: number }; orList?: boolean; words?: number } | { kind: Mark; at: number; attached?: boolean; loose?: boolean; union?: boolean; both?: boolean; np?: boolean; unless?: boolean; another?: boolean };

/** After a clause, words that leave it out ("… don't count", "… are not included"): how many words. */
const NOT_COUNTED: [string[], number][] = [
  ...["don't", "doesn't", "shouldn't", "won't"].map((w): [string[], number] => [[w, 'count'], 2]),
  ...['do', 'does', 'should', 'will'].map((w): [string[], number] => [[w, 'not', 'count'], 3]),
  [['are', 'excluded'], 2], [['is', 'excluded'], 2], [["aren't", 'included'], 2], [["isn't", 'included'], 2], [['are', 'not', 'included'], 3], [['is', 'not', 'included'], 3],
  [['not', 'included'], 2], [['are', 'left', 'out'], 3], [['are', 'out'], 2],
];

const NOT_COUNTED_FIRST = new Set(NOT_COUNTED.map(([words]) => words[0]!));

/** Prepositions that attach a phrase to the noun before it ("customers with …", "leads in …"). */
const ATTACH = new Set(['with', 'without', 'on', 'in', 'at', 'from', 'having', 'lacking', 'inside', 'within', 'outside']);
const ARTICLES = new Set(['a', 'an', 'the', 'their', 'its', 'any', 'some']);
type Seq = (Item | Seq)[];

export interface Scan {
  items: Item[];
  clauses: number;
  /** Token indexes nobody could place (negations without a clause included). */
  unknown: number[];
  /** Where the step budget ran out: the tokens from here on were not read. */
  stoppedAt?: number;
}

const EXCEPT_LIST = EXCEPT_PHRASES.map((words) => [words, true] as const);
const NULL_LIST = NULL_CHECKS;
const NO_ASSUMPTIONS: string[] = [];

export function scan(p: Parse): Scan {
  const items: Item[] = [];
  const unknown: number[] = [];
  let clauses = 0;
  const label = purposeLabel(p);
  // "customers we should call this week: no call …": the people named first are still the audience.
  const kept = label === undefined ? 0 : audienceBeforeLabel(p, label);
  if (label !== undefined) {
    p.assume(`read "${p.text(kept, label)}" (before the colon) as what the list is for, not a condition`);
    labelCampaigns(p, label);
  }
  let restAt: number | undefined;
  for (let i = label === undefined || kept > 0 ? 0 : label + 1; i < p.tokens.length; ) {
    if (label !== undefined && kept > 0 && i >= kept && i <= label) i = label + 1;
    if (i >= p.tokens.length) break;
    const w = p.w(i);
    // "Exclude …; everyone else …", "leave out …, and the rest …": the audience comes after the exclusion.
    // ("excluding anyone bounced or unsubscribed, give me the opportunities": a request after the exclusion starts the audience.)
    // ("ignore vips and give me customers in Spain": after "and" or "then" too.)
    const asked = items[0]?.kind === 'except' && restAt === undefined && [',', 'and', 'then', ';'].includes(p.tokens[i - 1]?.norm ?? '') && ['give', 'show', 'get', 'find', 'pull', 'list', 'send'].includes(p.tokens[i]?.norm ?? '') ? (['me', 'us'].includes(p.tokens[i + 1]?.norm ?? '') ? 2 : 1) : 0;
    const rest = asked || (items[0]?.kind === 'except' && restAt === undefined && ((p.is(i, 'everyone|everybody|anyone|all', 'else') && 2) || (p.is(i, 'all', 'others') && 2) || (p.is(i, 'the', 'rest') && 2) || 0));
    if (rest) {
      restAt = items.length;
      i += rest;
      continue;
    }
    const except = p.phrase(i, EXCEPT_LIST);
    // "everybody but the bounced ones": but after a word for everyone is an exception.
    // "all contacts but the ones in Germany", "everyone but those who …": the same.
    const butEveryone = w === 'but' && !p.is(i + 1, 'not|never|no') &&
      (EVERYONE.has(p.w(i - 1)) || p.is(i - 1, 'someone|somebody|one') || (PEOPLE_NOUNS.has(p.w(i - 1)) && p.is(i - 2, 'all|every')) || p.is(i + 1, 'the', 'ones') || p.is(i + 1, 'those|anyone|anybody'));
    // "customers but not those who clicked …", "not the ones that …": what follows is left out, like "except".
    const notThose = NEGATIONS.has(w) && w !== 'no' && (p.is(i + 1, 'those|anyone|anybody', 'who|that|which') || p.is(i + 1, 'the', 'ones', 'who|that|which'));
    if (notThose) {
      items.push({ kind: 'except', at: i });
      i += p.is(i + 1, 'the') ? 3 : 2;
      continue;
    }
    // "opportunities but not the ones owned by Eddie or in the Q1 batch": the same without "who".
    // "all contacts but not the Italian customers", "everyone but not partners": after a word for everyone, the same.
    const allBefore = EVERYONE.has(p.w(i - 2)) || (PEOPLE_NOUNS.has(p.w(i - 2)) && p.is(i - 3, 'all|every'));
    const butNotThose = w === 'not' && p.is(i - 1, 'but') && (p.is(i + 1, 'those') || p.is(i + 1, 'the', 'ones') || allBefore);
    if (butNotThose) {
      items.push({ kind: 'except', at: i });
      i += p.is(i + 1, 'those') ? 2 : p.is(i + 1, 'the', 'ones') ? 3 : 1;
      continue;
    }
    // "- drop anyone unsubscribed", "never mind the ones whose email bounced": said of people, a way to leave them out.
    const leaveOut = w === 'drop' ? 1 : w === 'never' && p.is(i + 1, 'mind') ? 2 : 0;
    const leavePeople = leaveOut > 0 && (p.is(i + leaveOut, 'anyone|anybody|those|everyone|everybody') || p.is(i + leaveOut, 'the', 'ones|people|contacts'));
    if (except || EXCEPT_WORDS.has(w) || butEveryone || leavePeople) {
      items.push({ kind: 'except', at: i, unless: w === 'unless' });
      i = except?.end ?? i + (leavePeople ? leaveOut : 1);
      continue;
    }
    // "contacts with no deals at all, leads excluded", "…, partners left out": the clause before is left out.
    const last = items[items.length - 1];
    // "(contacts with no payments score don't count)": the same, said as what does not count, in parentheses.
    const postfix = w === 'excluded' || w === 'omitted' || w === 'removed' ? 1 : w === 'left' && p.is(i + 1, 'out') ? 2 : NOT_COUNTED_FIRST.has(w) ? (p.phrase(i, NOT_COUNTED)?.value ?? 0) : 0;
    // (The clause's own negation goes with it: "(contacts with no payments score don't count)"; "the churned ones are excluded".)
    let from = items.length - 1;
    if (postfix && last?.kind === 'clause' && items[from - 1]?.kind === 'not' && last.start !== undefined && (items[from - 1] as { at: number }).at >= last.start - 2) from -= 1;
    const opened = items[from - 1]?.kind === 'open';
    const ends = postfix && last?.kind === 'clause' && last.start !== undefined ? p.skip(last.start + (last.words ?? 0), ['ones', 'people', 'contacts', 'folks', 'those']) : -1;
    if (postfix && last?.kind === 'clause' && (last.comma || opened) && last.start !== undefined && ends === i) {
      items.splice(from, 0, { kind: 'except', at: last.start });
      i += postfix;
      continue;
    }
    const clause = best(p, i) ?? boundAgain(p, i, items);
    if (!clause && p.exhausted()) {
      // Out of budget (text built to make the recognizers look far): what is left is reported, not guessed at.
      p.assume(`stopped reading at "${p.text(i, i + 1)}": the description is too involved for the built-in parser; the words after it are marked unrecognized`);
      return { items, clauses, unknown, stoppedAt: i };
    }
    if (clause) {
      // "whose crm fit is blank": a row said to be missing is no such row.
      const rel = clause.node.type === 'relation' && clause.node.has && !clause.node.count ? clause.node : undefined;
      const missing = rel ? p.phrase(clause.end, NULL_LIST) : undefined;
      if (rel && missing) {
        clause.node = { ...rel, has: missing.value === 'is_not_null' };
        clause.end = missing.end;
      }
      // "at non-US companies", "non-software firms": the company is there, and its value is not that one
      // (not "no company, or another value", which "not at a US company" would be).
      const before = items[items.length - 1];
      if (before?.kind === 'not' && before.at === i - 1 && p.w(i - 1) === 'non' && (COMPANY_NOUNS.has(p.w(clause.end)) || COMPANY_NOUNS.has(p.w(clause.end - 1))) && clause.node.type === 'condition' && clause.node.field.startsWith('company.')) {
        items.pop();
        clause.node = group('and', [negate(clause.node), cond(clause.node.field, 'is_not_null')]);
      }
      items.push({ kind: 'clause', node: clause.node, attached: attached(p, i), start: i, prep: prepOf(p, i), single: singleValued(p, clause.node), comma: afterComma(p, i), with: introducedBy(p, i, 'with|having'), group: peopleNoun(p, i, clause), orList: p.tokens.slice(i + 1, clause.end).some((t) => t.norm === 'or'), words: clause.end - i });
      clauses += 1;
      i = clause.end;
      continue;
    }
    if (w === '(' || w === ')') items.push({ kind: w === '(' ? 'open' : 'close', at: i });
    else if (w === 'plus' && items.length) items.push({ kind: 'and', at: i, loose: true, union: true });
    else if (AND_WORDS.has(w) && items.length && (EVERYONE.has(p.w(p.is(i + 1, 'also') ? i + 2 : i + 1)) || everyAfterComma(p, i)) && !items.some((x) => x.kind === 'except')) {
      // (Inside an exception, "excluding vips and anyone in the Q1 batch" lists one more to leave out.)
      // "…, and also everyone tagged hot-lead in Germany": a second audience, like "plus".
      items.push({ kind: 'and', at: i, loose: true, union: true });
    } else if (w === 'and' && items[items.length - 1]?.kind === 'clause' && items[items.length - 2]?.kind === 'not' && p.is((items[items.length - 2] as { at: number }).at, 'neither') && p.is(i + 1, 'a|an|any|an')) {
      // "missing both a phone number and an NPS score" (read as "neither"): each is missing.
      items.push({ kind: 'and', at: i }, { kind: 'not', at: i });
    } else if (AND_WORDS.has(w) || BUT_WORDS.has(w) || w === ';') {
      // "apart from Canadians and anyone whose email bounced or is suppressed": inside an exception, "and anyone …" names one more group to leave out.
      const another = AND_WORDS.has(w) && (p.is(i + 1, 'anyone|anybody|those|everyone|everybody') || p.is(i + 1, 'the', 'ones')) && items.some((x) => x.kind === 'except');
      items.push({ kind: 'and', at: i, loose: BUT_WORDS.has(w) || w === ';' || p.w(i - 1) === ',', ...(another ? { another } : {}) });
    }
    // ("with no deal or a lost deal": "no" is the first noun's own; the article after "or" starts another.)
    else if (OR_WORDS.has(w) && negatedBefore(items) && p.is(i + 1, 'a|an|any') && !(p.is(i + 1, 'a|an') && p.w((items[items.length - 2] as { at: number }).at) === 'no')) {
      // "without an open deal or a phone": the negation covers both (neither of them).
      items.push({ kind: 'and', at: i }, { kind: 'not', at: i });
    } else if (OR_WORDS.has(w) && p.tokens[i - 1]?.norm === ',' && ['anyone', 'anybody', 'everyone', 'everybody'].includes(p.tokens[i + 1]?.norm ?? '') && items.length && !items.some((x) => x.kind === 'except')) {
      // "hot-lead contacts that came in through ads, or anyone with referral as source": a second audience, as "plus" adds one.
      items.push({ kind: 'and', at: i, loose: true, union: true });
    } else if (OR_WORDS.has(w)) {
      // "with an open deal or no deal at all": a negated alternative right after a phrase attached
      // to the head noun is one more phrase on that head, like "or with …".
      // "owned by Eddie or not assigned to anyone": a negated participle after a participle phrase, the same.
      const negatedAlternative = NEGATIONS.has(p.w(i + 1)) && (lastClauseAttached(items) || (participle(p, lastClauseStart(items)) && participle(p, i + 2)));
      // "with a won deal or an NPS of 10": a noun phrase after "or" is one more thing the head has.
      // A participle ("or tagged vip") only continues a "with" phrase, not a place ("in Germany or tagged partner and in Spain").
      const np = p.w(i - 1) !== ',' && lastClauseAttached(items) && (p.is(i + 1, 'a|an') || (OR_CONTINUES.has(p.w(i + 1)) && lastWith(items)));
      items.push({ kind: 'or', at: i, attached: ATTACH.has(p.w(i + 1)) || negatedAlternative || np, loose: p.w(i - 1) === ',', np: np || negatedAlternative });
    }
    else if (NEGATIONS.has(w) && (p.is(i + 1, 'both') || p.is(i + 1, 'in|with|on', 'both'))) {
      // "either vip or partner but not both" (nothing after): the alternatives before, not all of them.
      // ("in Q1 batch or the cooldown segment, but not in both": the same.)
      const skip = p.is(i + 1, 'both') ? 2 : 3;
      const next = p.tokens[i + skip];
      const but = items[items.length - 1];
      // "… but not both": the "but" joined nothing.
      if ((!next || next.kind === 'punct') && but?.kind === 'and' && BUT_WORDS.has(p.w(but.at)) && exclusive(items.slice(0, -1))) {
        items.splice(items.length - 1, 1);
        const run = exclusive(items)!;
        items.splice(items.length - run.length, run.length, ...run.replacement);
        i += skip;
        continue;
      }
      if (skip === 3) {
        // "not in both the Q1 batch and the cooldown": the preposition is the clause's.
        items.push({ kind: 'not', at: i, both: true });
        i += 1;
        continue;
      }
      items.push({ kind: 'not', at: i, both: true });
      i += 2;
      continue;
    } else if (p.is(i, 'none', 'of') || p.is(i, 'no', 'longer') || p.is(i, 'not', 'anymore')) {
      items.push({ kind: 'not', at: i });
      i += 2;
      continue;
    } else if (NEGATIONS.has(w)) items.push({ kind: 'not', at: i, attached: attached(p, i), ...(p.tokens[i - 1]?.norm === ',' || (LISTED_PEOPLE.has(p.tokens[i - 1]?.norm ?? '') && p.tokens[i - 2]?.norm === ',') ? { comma: true } : {}) });
    // "off the free plan", "dropped off the vip list": no longer on it, the clause after negated.
    else if (w === 'off' && p.is(i + 1, 'the|our|their|its') && p.lattice[i + 2]?.some((m) => m.senses.some((s) => s.kind === 'value'))) items.push({ kind: 'not', at: i });
    // "apart from vips, partners and anyone who is churned": inside an exception, "anyone who" names one more to leave out, not a clause on all before it.
    else if (RELATIVIZERS.has(w) && p.is(i - 1, 'anyone|anybody|everyone|everybody|those|people') && p.is(i - 2, 'and|or|,') && items.some((x) => x.kind === 'except')) { /* one more item */ }
    else if (RELATIVIZERS.has(w)) items.push({ kind: 'rel', at: i });
    else if (!FILLERS.has(w) || ((w === 'only' || w === 'just') && !harmlessOnly(p, i))) unknown.push(i);
    i += 1;
  }
  restatements(p, items);
  pipedRows(p, items);
  bareRowsAfterNo(p, items);
  samePrepAfterNot(p, items);
  participleAlternatives(p, items);
  sharedWindow(p, items);
  twoGroups(p, items);
  neitherNor(p, items);
  notANoun(p, items);
  wasIn(p, items);
  serialOr(items);
  if (restAt !== undefined) {
    // "Exclude anyone on the suppression list; everyone else in the US …": the rest is the audience, what
    // was excluded first is left out of it.
    const before = items.slice(0, restAt);
    while (before.length && before[before.length - 1]!.kind === 'and') before.pop();
    items.splice(0, items.length, ...items.slice(restAt), ...before);
  }
  return { items, clauses, unknown };
}

/** Words before a leading "only" that keep it a "just" ("show me only customers"): requests, articles, people. */
const BEFORE_ONLY = new Set(['show', 'find', 'list', 'give', 'get', 'select', 'pick', 'want', 'need', 'please', 'can', 'could', 'me', 'us', 'i', 'we', 'you', 'the', 'a', 'an', ',', ':']);
/** After "only", words that restrict the whole audience ("only those who …", "only if they …"). */
/** "…, anyone without a phone": a word for people between a comma and a negation. */
const LISTED_PEOPLE = new Set(['anyone', 'anybody', 'everyone', 'those', 'people', 'contacts']);
const AFTER_ONLY = new Set(['those', 'ones', 'if', 'when', 'where', 'people', 'contacts', 'folks', 'anyone', 'ppl']);

/**
 * Whether an "only" (or "just") no clause read is emphasis: at the head of the description ("only customers in
 * Germany"), before the audience it restricts ("only those who opened"), or after what it restricts at the
 * end of a clause ("Germany only"). Elsewhere it says something no condition said ("whose only tag is vip",
 * "who only opened Spring Sale"), and is reported rather than dropped.
 */
function harmlessOnly(p: Parse, i: number): boolean {
  const next = p.tokens[i + 1];
  // "in Germany, only customers": after a comma it restricts the audience as a whole.
  // ("…, but only from Italy": "but only" narrows the audience said before, as "and" does.)
  if (!next || next.kind === 'punct' || AFTER_ONLY.has(next.norm) || p.is(i + 1, 'the', 'ones') || p.is(i - 1, ',|;|:|-|—|–|?|.|!|but')) return true;
  return p.tokens.slice(0, i).every((t) => BEFORE_ONLY.has(t.norm) || PEOPLE_NOUNS.has(t.norm) || EVERYONE.has(t.norm));
}

/**
 * "everyone who isn't a German customer", "not a vip partner": a negation before an article covers the
 * whole noun phrase after it (its adjectives and its noun, written one after another), not the first word.
 */
function notANoun(p: Parse, items: Item[]): void {
  for (let a = 0; a + 2 < items.length; a++) {
    const not = items[a]!;
    // ("but not Eddie's customers in Japan": a possessive opens the noun phrase as an article does.)
    if (not.kind !== 'not' || not.both) continue;
    const article = p.is(not.at + 1, 'a|an');
    // ("who aren't enterprise-plan partners": after "are not", a noun phrase of words one after another, no article.)
    const word = (k: number) => p.tokens[k]?.norm ?? '';
    const copula = ["aren't", "isn't", "weren't", "wasn't"].includes(word(not.at)) || (word(not.at) === 'not' && ['are', 'is', 'were', 'was'].includes(word(not.at - 1)));
    if (!article && !p.is(not.at + 2, "'s") && !copula) continue;
    let e = a + 1;
    let next = article ? not.at + 2 : not.at + 1;
    while (e < items.length && items[e]!.kind === 'clause' && (items[e] as { start: number }).start === next) {
      next = (items[e] as { start: number; words: number }).start + (items[e] as { words: number }).words;
      if (!article && e === a + 1 && p.is(next, "'s")) next += 1;
      e += 1;
    }
    // (A copula's noun phrase has no preposition in it: "aren't in Germany or Spain" is two places, each negated by the structure step.)
    if (copula && !article) {
      const prepAt = items.slice(a + 1, e).findIndex((x) => x.kind === 'clause' && (x.prep !== undefined || x.attached));
      if (prepAt >= 0) {
        e = a + 1 + prepAt;
        next = (items[e - 1] as { start: number; words: number } | undefined) ? (items[e - 1] as { start: number }).start + (items[e - 1] as { words: number }).words : next;
      }
    }
    if (e - (a + 1) < 2) continue;
    items.splice(a + 1, e - (a + 1), { kind: 'open', at: not.at + 1 }, ...items.slice(a + 1, e), { kind: 'close', at: next - 1 });
    a = e + 1;
  }
}

/**
 * "neither customers in Germany nor leads in Spain": each side is a unit of its own, negated whole
 * (NOT (customer AND DE) AND NOT (lead AND ES)), not its first clause only. The side after "nor" is one
 * clause and the phrases attached to it.
 */
/**
 * "Deal stage: Negotiation | Deal amount: between 10000 and 30000": in a pasted filter summary, filters
 * on the same relation's fields one after another describe one row (the deal in negotiation is the
 * deal of that amount), as the tool they were copied from meant. Said.
 */
function pipedRows(p: Parse, items: Item[]): void {
  for (let k = 0; k + 2 < items.length; k++) {
    const [a, join, b] = items.slice(k, k + 3);
    if (a?.kind !== 'clause' || join?.kind !== 'and' || b?.kind !== 'clause' || p.tokens[join.at]?.text !== '|') continue;
    const x = a.node;
    const y = b.node;
    if (x.type !== 'relation' || y.type !== 'relation' || x.relation !== y.relation || !x.has || !y.has || x.count || y.count || !x.where || !y.where) continue;
    const fields = (n: typeof x) => new Set(n.where!.children.map((c) => (c.type === 'condition' ? c.field : '?')));
    const fx = fields(x);
    if ([...fields(y)].some((f) => fx.has(f) || f === '?') || fx.has('?')) continue;
    const noun = findRelation(x.relation)?.noun ?? x.relation;
    p.assume(`read the ${noun} filters "${p.text(a.start ?? join.at, join.at)}" and "${p.text(b.start ?? join.at + 1, (b.start ?? 0) + (b.words ?? 1))}" as one ${noun} (a pasted filter's rows)`);
    const node = { ...x, where: { ...x.where, children: [...x.where.children, ...y.where.children] } };
    items.splice(k, 3, { ...a, node, words: (b.start ?? 0) + (b.words ?? 0) - (a.start ?? 0) });
    k -= 1;
  }
}

/**
 * "hard bounces (email status bounced)": a clause in parentheses right after another, saying one of
 * its values again of another field, says what the words before meant: it replaces them (said). One
 * that contradicts the clause before on a field both name ("called us (outbound call)") is left as
 * it is, for the reviewer.
 */
function restatements(p: Parse, items: Item[]): void {
  for (let k = 0; k + 3 < items.length; k++) {
    const [a, open, b, close] = items.slice(k, k + 4);
    if (a?.kind !== 'clause' || open?.kind !== 'open' || b?.kind !== 'clause' || close?.kind !== 'close') continue;
    const before = leaves(a.node);
    const after = leaves(b.node);
    const shared = [...after.values()].some((vs) => [...vs].some((v) => [...before.values()].some((ws) => ws.has(v))));
    const contradicts = [...after.keys()].some((f) => before.has(f) && ![...after.get(f)!].every((v) => before.get(f)!.has(v)));
    if (!shared || contradicts) continue;
    p.assume(`read "${p.text(open.at + 1, close.at)}" (in parentheses) as what the words before it mean`);
    items.splice(k, 4, { ...a, node: b.node });
  }
}

/** Each field a tree compares, with the values it is compared with (an engagement's event as "event"). */
function leaves(node: Node, out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const add = (field: string, value: unknown) => {
    const set = out.get(field) ?? new Set<string>();
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' || typeof v === 'number') set.add(String(v).toLowerCase());
    out.set(field, set);
  };
  if (node.type === 'condition') add(node.field, node.value);
  else if (node.type === 'group') node.children.forEach((c) => leaves(c, out));
  else if (node.type === 'relation') node.where?.children.forEach((c) => leaves(c, out));
  else if (node.type === 'engagement') add('type', node.event);
  return out;
}

/**
 * "with no deals or calls", "without meetings or notes": a bare plural row noun after "or" shares
 * the "no" before the first one (neither), as "no deal or a lost deal" (an article: a second,
 * positive alternative) does not.
 */
function bareRowsAfterNo(p: Parse, items: Item[]): void {
  const rows = (x: Item | undefined): x is Extract<Item, { kind: 'clause' }> => x?.kind === 'clause' && x.node.type === 'relation' && x.node.has && !x.node.count;
  for (let k = 3; k < items.length; k++) {
    const [not, first, or, second] = items.slice(k - 3, k + 1);
    if (not?.kind !== 'not' || !not.attached || !p.is(not.at, 'no|without') || !rows(first) || or?.kind !== 'or' || !rows(second)) continue;
    if (second.start !== or.at + 1 || !p.w(second.start).endsWith('s') || first.start !== not.at + 1) continue;
    items.splice(k - 1, 2, { kind: 'and', at: or.at }, { kind: 'not', at: or.at, attached: true }, second);
  }
}

/**
 * "leads that didn't come from ads or from organic": "or" and the same preposition again before a
 * value of the same field shares the negation (neither), as "didn't come from ads or organic" does.
 */
const SHARED_PREPS = new Set(['from', 'in', 'at', 'on', 'via', 'through']);
function samePrepAfterNot(p: Parse, items: Item[]): void {
  const single = (x: Item | undefined): x is Extract<Item, { kind: 'clause' }> => x?.kind === 'clause' && x.node.type === 'condition';
  for (let k = 3; k < items.length; k++) {
    const [not, first, or, second] = items.slice(k - 3, k + 1);
    if (not?.kind !== 'not' || !single(first) || or?.kind !== 'or' || !single(second)) continue;
    const a = first.node as Extract<Node, { type: 'condition' }>;
    const b = second.node as Extract<Node, { type: 'condition' }>;
    if (a.field !== b.field || first.start === undefined || second.start === undefined) continue;
    const at = (k: number) => p.tokens[k]?.norm ?? '';
    const prepA = SHARED_PREPS.has(at(first.start)) ? at(first.start) : at(first.start - 1);
    const prepB = SHARED_PREPS.has(at(second.start)) && second.start === or.at + 1 ? at(second.start) : second.start === or.at + 2 ? at(or.at + 1) : '';
    if (!SHARED_PREPS.has(prepA) || prepA !== prepB) continue;
    items.splice(k - 1, 2, { kind: 'and', at: or.at }, { kind: 'not', at: or.at }, second);
  }
}

function neitherNor(p: Parse, items: Item[]): void {
  for (let a = 0; a < items.length; a++) {
    const start = items[a]!;
    if (start.kind !== 'not' || !p.is(start.at, 'neither')) continue;
    let b = a + 1;
    while (b < items.length && !(items[b]!.kind === 'not' && p.is((items[b] as { at: number }).at, 'nor'))) b += 1;
    if (b >= items.length) return;
    let e = b + 1;
    if (items[e]?.kind !== 'clause') continue;
    e += 1;
    while (e < items.length && items[e]!.kind === 'clause' && (items[e] as { attached: boolean }).attached && !(items[e] as { comma?: boolean }).comma) e += 1;
    const left = items.slice(a + 1, b).filter((x) => x.kind !== 'and');
    const right = items.slice(b + 1, e);
    if (left.length < 2 && right.length < 2) continue;
    if (left.some((x) => x.kind !== 'clause') || right.some((x) => x.kind !== 'clause')) continue;
    const nor = items[b] as { at: number };
    items.splice(a, e - a, start, { kind: 'open', at: start.at }, ...left, { kind: 'close', at: nor.at }, { kind: 'and', at: nor.at }, { kind: 'not', at: nor.at }, { kind: 'open', at: nor.at }, ...right, { kind: 'close', at: nor.at });
    a = e;
  }
}

/**
 * "churned, unsubscribed or bounced", "leads, vips or partners": clauses listed with commas before
 * a final "or" are alternatives, like the last two, also when the list reader made one clause of
 * those ("unsubscribed or bounced"). Only a run of plain clauses: "in Germany, tagged vip or
 * partner" qualifies the head (a phrase with a preposition starts no such list).
 */
function serialOr(items: Item[]): void {
  for (let k = 1; k < items.length; k++) {
    const x = items[k]!;
    if (x.kind !== 'clause' || !x.comma || items[k - 1]!.kind !== 'clause') continue;
    // The run: plain clauses from k - 1, each after a comma, up to the one that ends with "or".
    let e = k;
    while (e < items.length && items[e]!.kind === 'clause' && (items[e] as { comma?: boolean }).comma && !(items[e] as { orList?: boolean }).orList) e += 1;
    const last = items[e];
    const finalOr = last?.kind === 'clause' ? (last as { comma?: boolean; orList?: boolean }).comma && (last as { orList?: boolean }).orList : last?.kind === 'or';
    if (!finalOr) continue;
    const run = items.slice(k - 1, last!.kind === 'clause' ? e + 1 : e) as Extract<Item, { kind: 'clause' }>[];
    const before = items[k - 2];
    // "apart from churned, …": the preposition is the exception's own.
    const plain = (c: Extract<Item, { kind: 'clause' }>, n: number) => !(c.attached || c.with) || (n === 0 && before?.kind === 'except');
    if (!run.every(plain) || (before && before.kind === 'clause')) continue;
    // When one clause holds the last two, the ones before it are single words like its values
    // ("churned, unsubscribed or bounced"), not a phrase it qualifies ("10M–100M revenue, healthcare or education").
    if (last!.kind === 'clause' && run.slice(0, -1).some((c) => (c.words ?? 0) > 2 || c.node.type !== 'condition')) continue;
    for (const c of run.slice(1).reverse()) items.splice(items.indexOf(c), 0, { kind: 'or', at: -1 });
    // The group closes after the list's last clause when one clause holds the last two ("unsubscribed
    // or bounced"), or after the plain alternative the final "or" joins ("churned, bounced or vip
    // contacts in Spain"), so what follows applies to each alternative.
    const next = last!.kind === 'or' ? items[items.indexOf(last!) + 1] : last;
    if (next?.kind === 'clause' && (next === last || (!next.attached && !next.with))) {
      items.splice(items.indexOf(next) + 1, 0, { kind: 'close', at: -1 });
      items.splice(items.indexOf(run[0]!), 0, { kind: 'open', at: -1 });
    }
    k = items.indexOf(run[run.length - 1]!) + 1;
  }
}

/** "in the Q1 batch but not in it now": the first is having been in it (ever), or the two contradict. */
function wasIn(p: Parse, items: Item[]): void {
  for (let k = 0; k < items.length; k++) {
    const a = items[k]!;
    if (a.kind !== 'clause' || a.node.type !== 'segment' || a.node.operator !== 'in' || a.node.when) continue;
    const id = a.node.segment;
    const at = items.findIndex((x, n) => n > k && x.kind === 'clause' && x.node.type === 'segment' && x.node.segment === id);
    const later = items[at];
    const negated = later?.kind === 'clause' && later.node.type === 'segment' && !later.node.when && (later.node.operator === 'not_in') !== (items[at - 1]?.kind === 'not');
    if (negated) {
      a.node = { ...a.node, when: { event: 'member', since: null } };
      p.assume(`read the first mention of the segment as having been in it at some point (it cannot be in it and not in it now)`);
    }
  }
}

/** A clause that is one plural noun for a group of people ("customers", "partners"): where it was said. */
function peopleNoun(p: Parse, i: number, clause: Clause): { start: number; end: number } | undefined {
  if (clause.end !== i + 1 || clause.node.type !== 'condition' || clause.node.operator !== 'eq') return undefined;
  const t = p.tokens[i]!;
  return t.kind === 'word' && /s$/i.test(t.text) && t.norm !== String(clause.node.value).toLowerCase() ? { start: i, end: i + 1 } : undefined;
}

/**
 * "customers and partners (in Spain)": two groups of people named by plural nouns of different
 * fields, at the head of the sentence, are two audiences (either), said with the other reading
 * (customers who are partners). Tags of one field are listNode's ("vips and partners").
 */
function twoGroups(p: Parse, items: Item[]): void {
  // "vip customers and partners": the word before the first group is said of it ("either vip customers or partners").
  const [m] = items;
  const mod = m?.kind === 'clause' && !m.group && !m.attached && items[1]?.kind === 'clause' && (items[1] as { group?: unknown }).group ? m : undefined;
  const [a, and, b] = mod ? items.slice(1) : items;
  if (a?.kind !== 'clause' || b?.kind !== 'clause' || and?.kind !== 'and' || and.union || !a.group || !b.group || a.attached || b.attached) return;
  const fa = a.node.type === 'condition' ? a.node.field : undefined;
  const fb = b.node.type === 'condition' ? b.node.field : undefined;
  if (!fa || !fb || fa === fb) return;
  if (mod) {
    const first: Item = { kind: 'clause', node: group('and', [mod.node, a.node]), attached: false };
    const either = group('or', [first.node, b.node]);
    p.assume(`read "${p.text(a.group.start - 1, b.group.end)}" as two groups: ${p.text(a.group.start - 1, a.group.end)}, and ${p.text(b.group.start, b.group.end)}`, {
      says: `${p.text(a.group.start - 1, a.group.start)} ones of both`,
      reading: either,
      alternative: group('and', [mod.node, group('or', [a.node, b.node])]),
    });
    items.splice(0, 4, { kind: 'open', at: a.group.start }, first, { kind: 'or', at: and.at }, b, { kind: 'close', at: b.group.end });
    return;
  }
  const either = group('or', [a.node, b.node]);
  p.assume(`read "${p.text(a.group.start, b.group.end)}" as either group (people who are both is the other reading)`, {
    says: 'people who are both',
    reading: either,
    alternative: group('and', [a.node, b.node]),
  });
  items.splice(0, 3, { kind: 'open', at: a.group.start }, a, { kind: 'or', at: and.at }, b, { kind: 'close', at: b.group.end });
}

/**
 * The alternatives at the end made exclusive ("vip or partner, but not both"): clauses joined by
 * "or", an OR group, or one list of a set field's values ("tagged vip or partner"), and not all of
 * them; a field with one value per contact is exclusive already. The items that replace the run.
 */
function exclusive(items: Item[]): { length: number; replacement: Item[] } | undefined {
  // Clauses joined by "or" at the end: "opened X or clicked Y".
  const run: Node[] = [];
  let k = items.length - 1;
  while (k >= 0 && items[k]!.kind === 'clause') {
    run.unshift((items[k] as Extract<Item, { kind: 'clause' }>).node);
    if (items[k - 1]?.kind !== 'or') break;
    k -= 2;
  }
  const first = Math.max(k, 0);
  const at = items[first]!;
  if (run.length > 1) {
    const node = all([group('or', run), negate(all(run))]);
    return { length: items.length - first, replacement: [{ kind: 'clause', node, attached: at.kind === 'clause' && at.attached }] };
  }
  // One clause of alternatives: "tagged vip or partner", an OR group.
  const last = items[items.length - 1];
  if (last?.kind !== 'clause') return undefined;
  const node = last.node;
  const inner = node.type === 'group' && !node.negate && node.children.length === 1 ? node.children[0]! : node;
  if (inner.type === 'group' && inner.op === 'or' && !inner.negate && inner.children.length > 1) {
    return { length: 1, replacement: [{ ...last, node: all([inner, negate(all(inner.children))]) }] };
  }
  // "opened Spring Sale or Summer Promo but not both": any of them, not all.
  if (inner.type === 'engagement' && inner.match === 'any' && (inner.campaigns.ids?.length ?? 0) > 1) {
    return { length: 1, replacement: [{ ...last, node: all([inner, negate({ ...inner, match: 'all' })]) }] };
  }
  if (inner.type === 'condition' && inner.operator === 'in' && Array.isArray(inner.value) && inner.value.length > 1) {
    // A field with one value per contact is exclusive already.
    if (last.single) return { length: 1, replacement: [last] };
    const each = inner.value.map((v) => ({ type: 'condition', field: inner.field, operator: 'eq', value: v }) as Node);
    return { length: 1, replacement: [{ ...last, node: all([inner, negate(all(each))]) }] };
  }
  return undefined;
}

/** Nouns that make the words before a colon a list's name. */
const LIST_NOUNS = new Set(['list', 'segment', 'audience', 'batch']);
/** Verbs of what a list is for: "leads to assign to Sara next week: …", "customers to email about …: …". */
const PURPOSE_VERBS = new Set(['assign', 'reassign', 'email', 'call', 'contact', 'invite', 'target', 'send', 'nurture', 'follow', 'reach', 'ping',
  'message', 'notify', 'survey', 'upsell', 'onboard', 'reengage', 're-engage', 'retarget', 'thank', 'remind', 'hand', 'give', 'route', 'text']);

/**
 * "customers to email about the price change: subscribed customers on the pro plan": the words
 * before the colon say what the list is for ("to <verb>"), the audience follows it. Returns the
 * colon's index when the text has that shape.
 */
const MODALS = new Set(['should', 'must', 'could', 'need', 'needs', 'want', 'wanna', 'gotta', 'ought', 'will', "we'll", "let's", 'shall']);
function purposeLabel(p: Parse): number | undefined {
  // "a win-back list — people who …": a dash right after a list's noun ends its name, like a colon.
  const colon = p.tokens.findIndex((t, k) => t.norm === ':' || ((t.norm === '—' || t.norm === '–' || t.norm === '-') && k > 0 && LIST_NOUNS.has(p.tokens[k - 1]!.norm)));
  // "NOT segment:"Q1 batch" AND …": a colon written against both words is a query's field:value, not a label.
  const c = p.tokens[colon];
  if (c?.norm === ':' && p.tokens[colon - 1]?.end === c.start && p.tokens[colon + 1]?.start === c.end) return undefined;
  // "whales: contacts with an open deal of 45k or more": one word, then the people it names.
  const named = p.tokens[2]?.norm ?? '';
  if (colon === 1 && (PEOPLE_NOUNS.has(named) || EVERYONE.has(named)) && !['all', 'any', 'every', 'each', 'none'].includes(named) && !p.lattice[0]?.some((m) => !m.typo)) return colon;
  if (colon < 2 || colon >= p.tokens.length - 1) return undefined;
  for (let k = 0; k < colon - 1; k++) if (p.tokens[k]!.norm === 'to' && PURPOSE_VERBS.has(p.tokens[k + 1]!.norm)) return colon;
  // "contacts to be updated by the data team: …", "leads to be called: …": what will be done to them.
  for (let k = 0; k < colon - 2; k++) if (p.tokens[k]!.norm === 'to' && p.tokens[k + 1]!.norm === 'be' && /(?:ed|en)$/.test(p.tokens[k + 2]!.norm)) return colon;
  // "contacts we should call: …", "people I need to email: …": a modal says what the list is for.
  for (let k = 0; k < colon - 1; k++) if (MODALS.has(p.tokens[k]!.norm) && p.tokens.slice(k + 1, colon).some((t) => PURPOSE_VERBS.has(t.norm))) return colon;
  // "send list for the autumn push: …": the words name a list.
  for (let k = 0; k < colon; k++) if (LIST_NOUNS.has(p.tokens[k]!.norm) && k > 0) return colon;
  // "For the renewal push: …", "Re: the Q4 webinar: …": what the list is for.
  // "Thinking about the Spring Sale follow-up: …", "Regarding the renewals push: …": what the list is about.
  if (['for', 're', 'subject', 'purpose', 'goal', 'campaign', 'project', 'thinking', 'regarding', 'about', 'planning', 'prepping', 'preparing', 'ahead', 'context'].includes(p.tokens[0]!.norm)) return colon;
  return undefined;
}

/** Subjects of the modal in "customers we should call: …". */
const SUBJECTS = new Set(['we', 'i', 'you', 'sales', 'marketing', 'support', 'cs']);
/**
 * Where the purpose starts in "customers we should call this week: …": after the people it is said of,
 * when they are more than a word for contacts ("contacts we should call: …" keeps nothing). 0 for none.
 */
function audienceBeforeLabel(p: Parse, colon: number): number {
  const subject = p.tokens.findIndex((t, k) => k > 0 && k < colon - 1 && SUBJECTS.has(t.norm) && MODALS.has(p.tokens[k + 1]!.norm));
  if (subject <= 0) return 0;
  const before = p.tokens.slice(0, subject);
  if (before.every((t) => PEOPLE_NOUNS.has(t.norm) || EVERYONE.has(t.norm) || FILLERS.has(t.norm))) return 0;
  return before.some((_, k) => p.senses(k, 'value').length > 0) ? subject : 0;
}

/** A campaign named in the words before the colon ("send-list for the Winter Kickoff follow up: … who opened it") is what "it" means next. */
function labelCampaigns(p: Parse, colon: number): void {
  for (let k = 0; k < colon; k++) {
    const found = p.sense(k, 'campaign', (s) => !s.partial || !!s.family);
    if (found && found.match.end <= colon) {
      p.lastCampaigns = { last: null, ids: [...(found.sense.family ?? [found.sense.id])] };
      return;
    }
  }
}

/** Whether a clause says a value of a field that holds one value per contact (not tags, not a multi-select). */
function singleValued(p: Parse, node: Node): boolean {
  if (node.type !== 'condition' || (node.operator !== 'eq' && node.operator !== 'in')) return false;
  const field = p.tenant.catalog.contactField(node.field);
  return !!field && field.type !== 'tags';
}

/** Whether the last item is a clause introduced by a preposition. */
function lastClauseAttached(items: Item[]): boolean {
  const last = items[items.length - 1];
  // "with no deal": the negation carries the preposition.
  return last?.kind === 'clause' && (last.attached || negatedBefore(items));
}

/**
 * "vip contacts owned by Eddie or not assigned to anyone", "customers owned by Sara or tagged vip":
 * two participle phrases joined by "or" right after the head they describe are one alternative on
 * that head — head AND (A OR B) — not the head with A, or B alone.
 */
function participleAlternatives(p: Parse, items: Item[]): void {
  for (let k = 1; k + 2 < items.length; k++) {
    const head = items[k - 1]!;
    const a = items[k]!;
    const or = items[k + 1]!;
    if (head.kind !== 'clause' || a.kind !== 'clause' || or.kind !== 'or' || or.loose || !participle(p, a.start)) continue;
    const negated = items[k + 2]!.kind === 'not';
    const b = items[k + (negated ? 3 : 2)];
    if (b?.kind !== 'clause' || !participle(p, b.start)) continue;
    // More after B on the same level ("… or tagged vip and in Spain") is left to the general rules.
    const after = items[k + (negated ? 4 : 3)];
    if (after && after.kind !== 'close' && after.kind !== 'and') continue;
    if (after?.kind === 'and' && !after.loose) continue;
    items.splice(k, negated ? 4 : 3, { ...a, node: group('or', [a.node, negated ? negate(b.node) : b.node]) });
  }
}

/**
 * "contacts we called or emailed last month": a bare verb of a relation, "or" (or "and"), and another of the
 * same relation with a time window: the window is both verbs' (said).
 */
function sharedWindow(p: Parse, items: Item[]): void {
  for (let k = 0; k + 2 < items.length; k++) {
    const a = items[k]!;
    const or = items[k + 1]!;
    // ("and also" is two "and"s.)
    let at = k + 2;
    while (or.kind === 'and' && items[at]?.kind === 'and' && !(items[at] as { union?: boolean }).union) at += 1;
    const b = items[at];
    if (!b) continue;
    // ("a meeting and also a note in Q4": the same with "and", where the relation reader did not take both as one.)
    if (a.kind !== 'clause' || (or.kind !== 'or' && (or.kind !== 'and' || or.union)) || b.kind !== 'clause' || (a.words ?? 9) > 2) continue;
    if (a.node.type !== 'relation' || b.node.type !== 'relation' || a.node.relation !== b.node.relation || !a.node.has || !b.node.has) continue;
    const window = rowsWindow(p, b.node);
    const aWindow = rowsWindow(p, a.node);
    if (!window || aWindow || !b.node.where) continue;
    const dated = b.node.where.children.filter((c) => c.type === 'condition' && window.some((w) => w.operator === c.operator && JSON.stringify(w.value) === JSON.stringify(c.value)));
    const where = a.node.where ?? group('and', []);
    items[k] = { ...a, node: { ...a.node, where: { ...where, children: [...where.children, ...dated] } } };
    p.assume(`read the time window of "${b.start !== undefined && b.words ? p.text(b.start, b.start + b.words) : p.w(or.at + 1)}" as also about "${p.text(a.start ?? or.at - 1, or.at)}"`);
  }
}

/** Where the last clause began. */
function lastClauseStart(items: Item[]): number | undefined {
  const last = items[items.length - 1];
  return last?.kind === 'clause' ? last.start : undefined;
}

/** A past participle at k ("owned", "assigned", "tagged"): a word of the parser's ending in -ed. */
function participle(p: Parse, k: number | undefined): boolean {
  const t = k === undefined ? undefined : p.tokens[k];
  return !!t && t.kind === 'word' && t.norm.length > 4 && t.norm.endsWith('ed');
}

/** Whether the last clause was introduced by "with" / "having". */
function lastWith(items: Item[]): boolean {
  for (let k = items.length - 1; k >= 0; k--) {
    const it = items[k]!;
    if (it.kind === 'clause') return it.with === true;
  }
  return false;
}

/** "without / no / never <clause>" just before: a following "or a …" continues the negation. */
function negatedBefore(items: Item[]): boolean {
  const last = items[items.length - 1];
  const before = items[items.length - 2];
  return last?.kind === 'clause' && before?.kind === 'not' && !!before.attached;
}

/** Whether the phrase at i is introduced by one of the words (itself, or before its article). */
function introducedBy(p: Parse, i: number, words: string): boolean {
  let k = i;
  if (!p.is(k, words)) {
    k -= 1;
    while (k >= 0 && ARTICLES.has(p.w(k))) k -= 1;
  }
  return p.is(k, words);
}

/** Whether the phrase at i (with its preposition and article) follows a comma. */
function afterComma(p: Parse, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && ARTICLES.has(p.w(k))) k -= 1;
  if (ATTACH.has(p.w(k))) k -= 1;
  // ", all of them on the starter plan", ", both in Spain": said of each alternative before the comma.
  const w = p.w(k);
  if (w === ',') return true;
  if (w === 'them') return p.w(k - 1) === 'of' && ['all', 'both', 'each'].includes(p.w(k - 2)) && p.w(k - 3) === ',';
  return (w === 'all' || w === 'both' || w === 'each') && p.w(k - 1) === ',';
}

/** Whether the phrase at i is introduced by a preposition (itself, or before its article and "either"). */
/** The preposition a clause at i hangs on, past articles and a negation ("with no deal": "with"). */
function prepOf(p: Parse, i: number): string | undefined {
  const t = p.tokens[i]?.norm;
  if (t !== undefined && ATTACH.has(t)) return t;
  let k = i - 1;
  while (k >= 0 && (ARTICLES.has(p.tokens[k]!.norm) || ['no', 'not', 'either', 'both'].includes(p.tokens[k]!.norm))) k -= 1;
  const before = p.tokens[k]?.norm;
  return before !== undefined && ATTACH.has(before) ? before : undefined;
}

/** "…, and also every partner", ", and all customers in Spain": after a comma, a quantified new group of people is a second audience. */
function everyAfterComma(p: Parse, i: number): boolean {
  if (p.tokens[i - 1]?.norm !== ',') return false;
  const k = p.tokens[i + 1]?.norm === 'also' ? i + 2 : i + 1;
  return ['every', 'all', 'each'].includes(p.tokens[k]?.norm ?? '') && !['of', 'their', 'the', 'its', 'his', 'her', 'them'].includes(p.tokens[k + 1]?.norm ?? '');
}

function attached(p: Parse, i: number): boolean {
  if (ATTACH.has(p.w(i))) return true;
  let k = i - 1;
  while (k >= 0 && (ARTICLES.has(p.w(k)) || p.is(k, 'either|both'))) k -= 1;
  return ATTACH.has(p.w(k));
}

/** The longest clause any recognizer reads at i; only the winner's assumptions and references stay. */
function best(p: Parse, i: number): Clause | undefined {
  let winner: { clause: Clause; assumptions: readonly string[]; refs: Refs } | undefined;
  const n = p.assumptions.length;
  const { lastCampaigns, lastEvent, lastPlace, lastWindow, lastDateField, lastRows, lastSegment, lastRelation } = p;
  for (const recognize of RECOGNIZERS) {
    if (p.exhausted()) return undefined;
    p.steps += 1; // a recognizer that reads nothing still costs something: ")" repeated a thousand times
    const clause = recognize(p, i);
    const said = p.assumptions.length > n ? p.assumptions.splice(n) : NO_ASSUMPTIONS;
    if (clause && clause.end > i && (!winner || clause.end > winner.clause.end)) {
      // A recognizer either returns its assumptions and references (the relation recognizer) or,
      // older style, writes them into the parse, from which they are taken back here.
      const assumptions = clause.assumptions ? [...said, ...clause.assumptions] : said;
      const window = dateWindow(p, clause.node);
      const refs: Refs = {
        lastCampaigns: p.lastCampaigns, lastEvent: p.lastEvent, lastPlace: p.lastPlace,
        lastWindow: window?.conditions ?? rowsWindow(p, clause.node) ?? p.lastWindow, lastDateField: window?.field, lastRows: p.lastRows, lastSegment: p.lastSegment, lastRelation: p.lastRelation, ...clause.refs,
      };
      winner = { clause, assumptions, refs };
    }
    p.lastCampaigns = lastCampaigns;
    p.lastEvent = lastEvent;
    p.lastPlace = lastPlace;
    p.lastWindow = lastWindow;
    p.lastDateField = lastDateField;
    p.lastRows = lastRows;
    p.lastSegment = lastSegment;
    p.lastRelation = lastRelation;
  }
  if (!winner) return undefined;
  for (const a of winner.assumptions) p.assume(a);
  Object.assign(p, winner.refs);
  return winner.clause;
}

/** The time window a clause on a contact's date field says ("created in Q3"), for a later "during that time". */
function dateWindow(p: Parse, node: Node): { field: string; conditions: DateCondition[] } | undefined {
  const conds = node.type === 'condition' ? [node] : node.type === 'group' && !node.negate && node.op === 'and' ? node.children : [];
  if (!conds.length || conds.some((c) => c.type !== 'condition')) return undefined;
  const fields = new Set(conds.map((c) => (c as { field: string }).field));
  const field = fields.size === 1 ? p.tenant.catalog.contactField([...fields][0]!) : undefined;
  if (field?.type !== 'date') return undefined;
  return { field: field.key, conditions: conds.map((c) => ({ operator: (c as DateCondition).operator, value: (c as DateCondition).value })) };
}

/** The time window a relation condition puts on its rows' date ("at least 2 emails since September"), for "in that time" later. */
function rowsWindow(p: Parse, node: Node): DateCondition[] | undefined {
  if (node.type !== 'relation' || !node.where) return undefined;
  const rel = p.tenant.catalog.relations.find((r) => r.name === node.relation);
  const dated = node.where.children.filter((c): c is Extract<Node, { type: 'condition' }> => c.type === 'condition' && rel?.fields.find((f) => f.key === c.field)?.type === 'date');
  if (!dated.length || new Set(dated.map((c) => c.field)).size !== 1) return undefined;
  return dated.map((c) => ({ operator: c.operator, value: c.value }) as DateCondition);
}

/** The tree for the scanned items; dangling negations are reported as unknown. */
export function structure(items: Item[], unknown: number[]): Node | undefined {
  const [nested] = nest(items, 0);
  return sequence(nested, unknown);
}

function nest(items: Item[], from: number): [Seq, number] {
  const out: Seq = [];
  let i = from;
  while (i < items.length) {
    const it = items[i]!;
    if (it.kind === 'open') {
      const [inner, next] = nest(items, i + 1);
      out.push(inner);
      i = next;
    } else if (it.kind === 'close') return [out, i + 1];
    else {
      out.push(it);
      i += 1;
    }
  }
  return [out, i];
}

const isMark = (x: Item | Seq, kind: Mark): boolean => !Array.isArray(x) && x.kind === kind;
const hasClause = (seq: Seq): boolean => seq.some((x) => Array.isArray(x) || x.kind === 'clause');

/** Where the negation of the clause right before an "unless" at k stands, when it is negated. */
function unlessAfterNot(seq: Seq, k: number): number | undefined {
  if (!(seq[k] as { unless?: boolean }).unless) return undefined;
  let end = k;
  while (end > 0 && isMark(seq[end - 1]!, 'and')) end -= 1;
  const clause = seq[end - 1];
  if (!clause || Array.isArray(clause) || clause.kind !== 'clause' || !isMark(seq[end - 2] ?? [], 'not')) return undefined;
  // Only the negated clauses and what stands before them: "not A unless B", "customers who aren't A, unless B";
  // "who don't speak German and aren't owned by Eddie, unless …": every negated clause of that run.
  let start = end - 2;
  const negatedClause = (k: number) => { const x = seq[k]; return !!x && !Array.isArray(x) && x.kind === 'clause' && isMark(seq[k - 1] ?? [], 'not'); };
  while (start >= 3 && isMark(seq[start - 1]!, 'and') && negatedClause(start - 2)) start -= 3;
  return start;
}

function sequence(seq: Seq, unknown: number[]): Node | undefined {
  // "everyone in the cooldown list except the vips, plus all of the Q1 batch": "plus" adds an audience.
  const plus = seq.flatMap((x, idx) => (!Array.isArray(x) && x.kind === 'and' && x.union ? [idx] : []));
  if (plus.length) {
    const cuts = [-1, ...plus, seq.length];
    const nodes = cuts.slice(0, -1).map((k, n) => sequence(seq.slice(k + 1, cuts[n + 1]), unknown)).filter((n): n is Node => n !== undefined);
    return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : group('or', nodes);
  }
  // "Dutch customers who opened X, and any German customer with an open deal": a loose "and" between
  // parts that cannot hold together (distinctHeads) ends one audience and starts another.
  const loose = seq.flatMap((x, idx) => (!Array.isArray(x) && x.kind === 'and' && x.loose ? [idx] : []));
  if (loose.length) {
    const cuts = [-1, ...loose, seq.length];
    const parts = cuts.slice(0, -1).map((k, n) => seq.slice(k + 1, cuts[n + 1]));
    if (distinctHeads(parts)) {
      const nodes = parts.map((part) => sequence(part, unknown)).filter((n): n is Node => n !== undefined);
      return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : group('or', nodes);
    }
  }
  // "A except B and except C": every exception is excluded on its own, never nested in the one before.
  const marks = seq.flatMap((x, idx) => (isMark(x, 'except') ? [idx] : []));
  // "contacts who aren't unsubscribed, unless they're customers": "unless" after a negated condition
  // lets the exception's contacts back in whatever that condition says — (NOT A) OR B, not NOT A AND NOT B.
  const readmits = marks.length === 1 ? unlessAfterNot(seq, marks[0]!) : undefined;
  if (readmits !== undefined) {
    const rest = sequence(seq.slice(0, readmits), unknown);
    let upTo = marks[0]!;
    while (upTo > readmits && isMark(seq[upTo - 1]!, 'and')) upTo -= 1;
    const negated = conjunction(seq.slice(readmits, upTo), unknown);
    const back = exception(seq.slice(marks[0]! + 1), unknown);
    if (back && negated) {
      const alternative = group('or', [negated, back]);
      return rest ? group('and', [rest, alternative]) : alternative;
    }
  }
  if (marks.length) {
    const base = sequence(seq.slice(0, marks[0]), unknown);
    const excluded: Node[] = [];
    const kept: Node[] = [];
    const unlessOf = (n: number) => n > 0 && n < marks.length && !!(seq[marks[n]!] as { unless?: boolean }).unless && !(seq[marks[n - 1]!] as { unless?: boolean }).unless;
    marks.forEach((k, n) => {
      if (unlessOf(n)) return; // read with the exception before it
      let part = seq.slice(k + 1, marks[n + 1] ?? seq.length);
      // "customers other than those in the Q1 batch, and not tagged partner": ", and not …" after an
      // exception is one more condition on everyone, not part of what is left out.
      // So is "except the cooldown list and (also) not the unsubscribed" without the comma: a negation
      // inside what is left out would let them back in, which nobody means — unless a relative clause
      // holds it ("except those who are churned and not subscribed": one group).
      const after = (idx: number) => { let k = idx + 1; while (isMark(part[k] ?? part[idx]!, 'and') && k < part.length) k += 1; return k; };
      const cut = part.findIndex((x, idx) => idx > 0 && isMark(x, 'and') && !isMark(part[idx - 1]!, 'and') && after(idx) < part.length && isMark(part[after(idx)]!, 'not')
        && (!!(x as { loose?: boolean }).loose || !part.slice(0, idx).some((y) => isMark(y, 'rel'))));
      if (cut > 0) {
        const also = sequence(part.slice(after(cut)), unknown);
        if (also) kept.push(also);
        part = part.slice(0, cut);
      }
      // A trailing "and" before the next "except" belongs to neither side.
      while (part.length && isMark(part[part.length - 1]!, 'and')) part.pop();
      const node = exception(part, unknown);
      // "leave out anyone owned by Eddie unless they're tagged vip": the exception spares those — NOT (B AND NOT C).
      const spared = unlessOf(n + 1) ? exception(seq.slice(marks[n + 1]! + 1, marks[n + 2] ?? seq.length), unknown) : undefined;
      if (node) excluded.push(negate(spared ? group('and', [node, negate(spared)]) : node));
      else unknown.push((seq[k] as { at: number }).at);
    });
    const all_ = [...(base ? [base] : []), ...excluded, ...kept];
    return all_.length === 0 ? undefined : all_.length === 1 ? all_[0] : group('and', all_);
  }
  const trailing = trailingQualifier(seq);
  if (trailing !== undefined && seq.slice(0, trailing).some((x) => isMark(x, 'rel'))) {
    // "from events who are customers, or from webinars who are leads, in the Netherlands": the
    // phrase after the last comma qualifies both alternatives, relative clauses and all.
    const alternatives = sequence(seq.slice(0, trailing), unknown);
    const qualifier = conjunction(seq.slice(trailing), unknown);
    return alternatives && qualifier ? group('and', [alternatives, qualifier]) : (alternatives ?? qualifier);
  }
  // "from events who are customers, or from webinars who are leads": each alternative has its own relative clause.
  const splitOr = seq.findIndex((x, idx) => isMark(x, 'or') && !!(x as { loose?: boolean }).loose && hasRelative(seq.slice(0, idx)) && hasRelative(seq.slice(idx + 1)));
  if (splitOr >= 0) {
    const before = sequence(seq.slice(0, splitOr), unknown);
    const after = sequence(seq.slice(splitOr + 1), unknown);
    return before && after ? group('or', [before, after]) : (before ?? after);
  }
  const r = seq.findIndex(
    (x, idx) => isMark(x, 'rel') && hasClause(seq.slice(0, idx)) && hasClause(seq.slice(idx + 1)) && !isConnective(seq[idx - 1]),
  );
  if (r >= 0) {
    // "vip contacts, or partners who live in Spain": after ", or" the relative clause belongs to the
    // nearest alternative; "in the Q1 batch or the cooldown list who are still subscribed" (no
    // comma): to all of them.
    let lastOr = r - 1;
    while (lastOr >= 0 && !isMark(seq[lastOr]!, 'or')) lastOr -= 1;
    if (lastOr >= 0 && (seq[lastOr] as { loose?: boolean }).loose) {
      const before = disjunction(seq.slice(0, lastOr), unknown);
      const after = sequence(seq.slice(lastOr + 1), unknown);
      return before && after ? group('or', [before, after]) : (before ?? after);
    }
    // "customers who are vip, or partners in Germany": ", or" and a new noun for people ends the relative clause.
    const newHead = seq.findIndex((x, idx) => idx > r && isMark(x, 'or') && !!(x as { loose?: boolean }).loose && !!(seq[idx + 1] as { group?: unknown } | undefined)?.group && !isAttached(seq[idx + 1]!));
    if (newHead > 0) {
      const before = sequence(seq.slice(0, newHead), unknown);
      const after = sequence(seq.slice(newHead + 1), unknown);
      return before && after ? group('or', [before, after]) : (before ?? after);
    }
    const head = disjunction(seq.slice(0, r), unknown);
    const rest = disjunction(seq.slice(r + 1).filter((x) => !isMark(x, 'rel')), unknown);
    return head && rest ? group('and', [head, rest]) : (head ?? rest);
  }
  return disjunction(seq.filter((x) => !isMark(x, 'rel')), unknown);
}

/** Whether a part has a clause, then a relative clause with a clause of its own. */
function hasRelative(seq: Seq): boolean {
  const r = seq.findIndex((x) => isMark(x, 'rel'));
  return r > 0 && hasClause(seq.slice(0, r)) && hasClause(seq.slice(r + 1));
}

/** A relative clause right after "or" / "and" ("…, or who are …") starts an alternative, not a new head. */
const isConnective = (x: Item | Seq | undefined): boolean => !!x && (isMark(x, 'or') || isMark(x, 'and'));

/**
 * What one "except" excludes. A list joined by "and" names several groups to leave out ("except
 * churned ones and the Q1 batch": neither), so its "and" is a union; a relative clause inside
 * ("except leads who are vip and in Spain") keeps it a conjunction.
 */
function exception(input: Seq, unknown: number[]): Node | undefined {
  const part = commaAlternatives(input);
  const relative = part.some((x) => isMark(x, 'rel'));
  const toOr = (x: Item | Seq) => (isMark(x, 'and') ? { kind: 'or' as const, at: (x as { at: number }).at } : x);
  // "… and anyone whose …" always adds a group (even beside an "or" inside one of them).
  const union = relative || part.some((x) => isMark(x, 'or')) ? part.map((x) => ((x as { another?: boolean }).another ? toOr(x) : x)) : part.map(toOr);
  const node = sequence(union, unknown);
  return node && !relative ? unionOfList(node) : node;
}

/**
 * "leaving out anyone who is churned, bounced or in the cooldown": in what is excluded, clauses
 * listed with commas before a final "or" are alternatives too (each is left out).
 */
function commaAlternatives(part: Seq): Seq {
  let lastOr = -1;
  part.forEach((x, idx) => {
    if (isMark(x, 'or')) lastOr = idx;
  });
  // "everyone except churned, vips and partners": with no "or", the commas still list what is left out
  // (an "and" there is read as "or" too, below).
  const listed = lastOr < 0;
  if (listed) lastOr = part.length;
  const out: Seq = [];
  part.forEach((x, idx) => {
    const joined = idx < lastOr && idx > 0 && !Array.isArray(x) && x.kind === 'clause' && x.comma && (listed || !part.slice(idx, lastOr).some((y) => isMark(y, 'and')));
    if (joined && (Array.isArray(part[idx - 1]) || (part[idx - 1] as Item).kind === 'clause')) out.push({ kind: 'or', at: -1 });
    // ("except anyone on the free plan, anyone without a phone": a negated item after the comma too.)
    else if (listed && idx > 0 && isMark(x, 'not') && (x as { comma?: boolean }).comma && (Array.isArray(part[idx - 1]) || (part[idx - 1] as Item).kind === 'clause')) out.push({ kind: 'or', at: -1 });
    out.push(x);
  });
  return out;
}

/** "vip and partners" read as a list of one tags field (each of them) means, when excluded, either of them. */
function unionOfList(node: Node): Node {
  if (node.type !== 'group' || node.op !== 'and' || node.negate || node.children.length < 2) return node;
  const conds = node.children;
  const field = conds[0]?.type === 'condition' ? conds[0].field : undefined;
  if (!field || !conds.every((c) => c.type === 'condition' && c.field === field && c.operator === 'eq')) return node;
  return { type: 'condition', field, operator: 'in', value: conds.map((c) => (c as { value: string }).value) } as Node;
}

function disjunction(input: Seq, unknown: number[]): Node | undefined {
  // "A or B, and C" / "A or B but not C": the loose "and" joins the alternatives before it to what follows.
  const loose = input.flatMap((x, idx) => (isMark(x, 'and') && (x as { loose?: boolean }).loose ? [idx] : []));
  if (loose.length && input.some((x) => isMark(x, 'or'))) {
    const cuts = [-1, ...loose, input.length];
    const parts = cuts.slice(0, -1).map((k, n) => input.slice(k + 1, cuts[n + 1]));
    const nodes = parts.map((part) => disjunction(part.map((x) => (isMark(x, 'and') ? { ...(x as object), loose: false } as Item : x)), unknown)).filter((n): n is Node => n !== undefined);
    // "leads from webinars or events, plus all opportunities": two audiences, as in separateAudiences.
    return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : group(distinctHeads(parts) ? 'or' : 'and', nodes);
  }
  const seq = attachAlternatives(input);
  const trailing = trailingQualifier(seq);
  if (trailing !== undefined) {
    // "crm fit under 20 or analytics fit under 20, in the US": after a comma, the phrase qualifies every alternative.
    const alternatives = disjunction(seq.slice(0, trailing), unknown);
    const qualifier = conjunction(seq.slice(trailing), unknown);
    return alternatives && qualifier ? group('and', [alternatives, qualifier]) : (alternatives ?? qualifier);
  }
  const parts: Seq[] = [[]];
  for (const x of seq) {
    if (isMark(x, 'or')) parts.push([]);
    else parts[parts.length - 1]!.push(x);
  }
  const nodes = parts.map((part) => conjunction(part, unknown)).filter((n): n is Node => n !== undefined);
  if (nodes.length === 0) return undefined;
  return nodes.length === 1 ? nodes[0] : group('or', nodes);
}

function conjunction(seq: Seq, unknown: number[]): Node | undefined {
  const audiences = separateAudiences(seq);
  if (audiences) {
    const nodes = audiences.map((part) => conjunction(part, unknown)).filter((n): n is Node => n !== undefined);
    return nodes.length === 1 ? nodes[0] : group('or', nodes);
  }
  const children: Node[] = [];
  let pending: number[] = [];
  for (let idx = 0; idx < seq.length; idx++) {
    const x = seq[idx]!;
    let node: Node | undefined;
    if (Array.isArray(x)) node = sequence(x, unknown);
    else if (x.kind === 'clause') node = x.node;
    else if (x.kind === 'not' && x.both) {
      // "not both on the free plan and from ads": NOT (free AND ads)
      const rest = conjunction(seq.slice(idx + 1), unknown);
      if (rest) children.push(negate(rest));
      else unknown.push(x.at);
      break;
    } else if (x.kind === 'not') {
      pending.push(x.at);
      continue;
    } else continue;
    if (!node) continue;
    children.push(pending.length % 2 === 1 ? negate(node) : node);
    pending = [];
  }
  unknown.push(...pending);
  return children.length ? all(children) : undefined;
}

const BOUND_OPS = new Set(['gt', 'gte', 'lt', 'lte']);

/**
 * "NPS below 3 or above 9", "fewer than 20 employees or more than 10,000", "deals under 5k or over
 * 100k": a bound standing alone after "or" / "and" is about the number the clause before compared.
 */
function boundAgain(p: Parse, i: number, items: Item[]): Clause | undefined {
  const mark = items[items.length - 1];
  const prev = items[items.length - 2];
  if (!mark || (mark.kind !== 'or' && mark.kind !== 'and') || mark.at !== i - 1 || prev?.kind !== 'clause') return undefined;
  const b = readBound(p, i);
  if (!b || !b.explicit || !BOUND_OPS.has(b.operator) || typeof b.value !== 'number') return undefined;
  // Alone: what follows starts no noun of its own ("or more than 3 deals" is read by the recognizers).
  if (b.end < p.tokens.length && p.tokens[b.end]!.kind !== 'punct' && !p.is(b.end, 'and|or|but')) return undefined;
  const op = b.operator as 'gt';
  const value = b.value;
  const again = (n: Node): Node | undefined => (n.type === 'condition' && BOUND_OPS.has(n.operator) && typeof n.value === 'number' ? cond(n.field, op, value) : undefined);
  const node = prev.node;
  const direct = again(node);
  if (direct) return { node: direct, end: b.end };
  if (node.type !== 'relation' || node.count || !node.has || !node.where) return undefined;
  const where = node.where;
  const bounded = where.children.filter((c) => again(c));
  if (bounded.length !== 1) return undefined;
  return { node: { ...node, where: { ...where, children: where.children.map((c) => (c === bounded[0] ? again(c)! : c)) } }, end: b.end };
}

/**
 * "customers in Japan and leads in Brazil", "opportunities with a deal in negotiation, plus every
 * customer tagged vip": each part joined by "and" starts with its own head value of one field that
 * holds one value per contact. AND-ing them would be empty by construction, so the "and" lists two
 * audiences: a union. Parts without such a head ("vip customers and partners") stay a conjunction.
 */
function separateAudiences(seq: Seq): Seq[] | undefined {
  const parts: Seq[] = [[]];
  for (const x of seq) {
    if (isMark(x, 'and')) parts.push([]);
    else parts[parts.length - 1]!.push(x);
  }
  if (parts.length < 2) return undefined;
  // "customers in Germany and in France": a part that starts with a phrase attached to the head before
  // it has no head of its own — one audience, in either place (a one-valued field's values, said below).
  if (parts.slice(1).some((part) => {
    const first = part[0];
    return !!first && !Array.isArray(first) && first.kind === 'clause' && first.attached;
  })) return undefined;
  return distinctHeads(parts) ? parts : undefined;
}

/**
 * Whether the parts cannot hold together: one field that holds one value per contact has values in
 * every part, and no two parts share one ("customers in Japan and leads in Brazil", "trial users
 * from organic and trial users from ads", "Dutch customers …, and any German customer …").
 */
function distinctHeads(parts: Seq[]): boolean {
  const perPart = parts.map(singleValues);
  for (const field of perPart[0]!.keys()) {
    const sets = perPart.map((m) => m.get(field));
    if (sets.some((s) => !s)) continue;
    // Disjoint: no value is said by two parts, so the union is as large as the parts together.
    const union = new Set(sets.flatMap((s) => [...s!]));
    if (union.size === sets.reduce((n, s) => n + s!.size, 0)) return true;
  }
  return false;
}

/** The values each single-valued field is said to have by the part's own (un-negated) clauses. */
function singleValues(part: Seq): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let negated = false;
  for (const x of part) {
    if (Array.isArray(x)) continue;
    if (x.kind === 'not') {
      negated = true;
      continue;
    }
    if (x.kind !== 'clause') continue;
    const node = x.node;
    if (!negated && x.single && node.type === 'condition') {
      const values = (Array.isArray(node.value) ? node.value : [node.value]).map(String);
      const set = out.get(node.field) ?? new Set<string>();
      for (const v of values) set.add(v);
      out.set(node.field, set);
    }
    negated = false;
  }
  return out;
}

/**
 * "<head> <prep> A or <prep> B" → [head, (A or B)]: the alternative is one more phrase on the same
 * head, not a new audience. Needs a head clause without a preposition before A (and no "or" between).
 */
function attachAlternatives(seq: Seq): Seq {
  const out = [...seq];
  for (let o = 0; o < out.length; o++) {
    const mark = out[o]!;
    if (Array.isArray(mark) || mark.kind !== 'or' || !mark.attached) continue;
    const left = unitBefore(out, o);
    if (left === undefined || !isAttached(out[left]!)) continue;
    let head = left - 1;
    while (head >= 0 && !isMark(out[head]!, 'or') && !isHead(out[head]!)) head -= 1;
    // Without a head noun ("contacts in Brazil with a won deal or an NPS of 10") only a noun phrase
    // after "or" continues the phrase before it.
    // Or the same preposition on both sides ("contacts in Spain with no deal or with a lost deal").
    if (head < 0 ? !(mark as { np?: boolean }).np && !samePrep(out, left, o) : isMark(out[head]!, 'or')) continue;
    // "contacts in Canada, or in the US and on the free plan": after a comma, an "or" whose side goes
    // on with "and" is "A, or (B and C)", not one more phrase on the head.
    const rightEnd = unitAfter(out, o);
    if (head < 0 && (mark as { loose?: boolean }).loose && rightEnd !== undefined && isMark(out[rightEnd] ?? [], 'and')) continue;
    // Take this "or" and any further "or <prep> …" into one group.
    let end = o;
    while (end < out.length && isMark(out[end]!, 'or') && (out[end] as { attached?: boolean }).attached) {
      const right = unitAfter(out, end);
      if (right === undefined) break;
      end = right;
    }
    if (end === o || (left === 0 && end === out.length)) continue;
    out.splice(left, end - left, out.slice(left, end));
    o = left;
  }
  return out;
}

/**
 * Where a run of phrases attached after a comma starts at the end of alternatives ("A or B, in the
 * US"), when the alternative before it has a clause of its own.
 */
function trailingQualifier(seq: Seq): number | undefined {
  let k = seq.length;
  while (k > 0 && isAttached(seq[k - 1]!) && (seq[k - 1] as Item).kind === 'clause') {
    k -= 1;
    if ((seq[k] as { comma?: boolean }).comma) break;
  }
  if (k === seq.length || !(seq[k] as { comma?: boolean }).comma) return undefined;
  const before = seq[k - 1];
  if (!before || !(Array.isArray(before) || before.kind === 'clause')) return undefined;
  return seq.slice(0, k).some((x) => isMark(x, 'or')) ? k : undefined;
}

/** Whether the units on both sides of the "or" at o hang on the same preposition ("with A or with B"). */
function samePrep(seq: Seq, left: number, o: number): boolean {
  const clauseAt = (from: number) => {
    let k = from;
    while (k < seq.length && isMark(seq[k]!, 'not')) k += 1;
    const x = seq[k];
    return x && !Array.isArray(x) && x.kind === 'clause' ? x : undefined;
  };
  const a = clauseAt(left);
  const b = clauseAt(o + 1);
  return !!a?.prep && a.prep === b?.prep;
}

/** Start of the unit (negations + one clause or group) ending just before index o. */
function unitBefore(seq: Seq, o: number): number | undefined {
  let k = o - 1;
  const x = seq[k];
  if (!x || !(Array.isArray(x) || x.kind === 'clause')) return undefined;
  while (k > 0 && isMark(seq[k - 1]!, 'not')) k -= 1;
  return k;
}

/** End (exclusive) of the unit after the mark at o. */
function unitAfter(seq: Seq, o: number): number | undefined {
  let k = o + 1;
  while (k < seq.length && isMark(seq[k]!, 'not')) k += 1;
  const x = seq[k];
  return x && (Array.isArray(x) || x.kind === 'clause') ? k + 1 : undefined;
}

const isAttached = (x: Item | Seq): boolean => !Array.isArray(x) && !!x.attached;
const isHead = (x: Item | Seq): boolean => !Array.isArray(x) && x.kind === 'clause' && !x.attached;
