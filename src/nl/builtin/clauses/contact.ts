// Contact and company fields: bare values ("enterprise", "churned customers", "vip or partner"),
// field comparisons ("NPS above 8", "email ends with @gmail.com", "industry is not education"),
// verbs that name a field ("tagged X", "owned by Sara"), numbers before their field ("more than
// 500 employees"), presence ("with a phone number", "no owner"), NPS bands ("promoters"), words that
// say a field is empty ("unowned", "nobody owns") and a text value without "is" ("last name Novak").
import { type Catalog, type ContactFieldDef, resolveFieldName } from '../../../rules/catalog.js';
import type { Node } from '../../../rules/grammar.js';
import { countryCode, languageCode, tenantValues } from '../../../rules/values.js';
import { readBound, trailingOrMore } from '../bounds.js';
import { mayStartPeriod } from '../dates.js';
import { isKnownWord } from '../keywords.js';
import { countryCodes, type Sense } from '../lexicon.js';
import { readNumber } from '../numbers.js';
import { regionSays } from '../regions.js';
import { all, cond, group, oneOrIn, relation } from '../nodes.js';
import type { Clause, Parse } from '../state.js';
import { ANSWERED, COMPANY_NOUNS, NULL_CHECKS, COMPANY_SIZES, SIZED_NOUNS, DATE_VERBS, FIELD_VERBS, NPS_BANDS, NPS_LEVELS, OWNS, PEOPLE_NOUNS, SIGNUP_NOUNS, SURVEY_NOUNS, TENURE_PHRASES, TEXT_OPERATORS } from '../vocabulary.js';
import { phraseWords } from '../tokens.js';
import { readList, usesAnd, type ListItem, type ValueList } from './lists.js';
import { relationClause } from './relation.js';

type ValueSense = Extract<Sense, { kind: 'value' | 'country' | 'language' }>;

/** Fields whose bare values are self-explanatory; others get an assumption naming the field. */
const OBVIOUS = new Set(['tags', 'lifecycle_stage', 'email_status']);

/** Bare values with a real second reading: said as an assumption that carries the other reading's rules. */
const SECOND_READINGS: { field: string; value: string; reads: string; says: string; alternative: () => Node }[] = [
  {
    field: 'lifecycle_stage',
    value: 'customer',
    reads: 'lifecycle stage customer',
    says: 'everyone with a won deal',
    alternative: () => relation('deals', true, [cond('stage', 'eq', 'closed_won')]),
  },
];

/** An owner said as a possessive, in a list: "Alice's or Eddie's MQLs" is one list of owners. */
function possessive(p: Parse, pick: (k: number) => ListItem<ValueSense> | undefined) {
  return (k: number): ListItem<ValueSense> | undefined => {
    const it = pick(k);
    if (!it || p.tokens[it.match.end]?.norm !== "'s" || !p.is(it.match.end + 1, 'or|and|,')) return it;
    return { ...it, match: { ...it.match, end: it.match.end + 1 } };
  };
}

/** A tag then a word for people: "webinar-2026 people, newsletter people and partners". */
/** A tag value with a word for people after it, read as one item of a list of groups of people. */
function tagGroup(p: Parse, pick: (k: number) => ListItem<ValueSense> | undefined) {
  return (k: number): ListItem<ValueSense> | undefined => {
    const it = pick(k);
    if (!it || !PEOPLE_NOUNS.has(p.tokens[it.match.end]?.norm ?? '') || it.match.end + 1 >= p.tokens.length) return it;
    // Only inside a list: the word after the group noun joins another item.
    if (!p.is(it.match.end + 1, ',|and|or|&')) return it;
    return { ...it, match: { ...it.match, end: it.match.end + 1 } };
  };
}

/** Picks a value of `field` at k: the field's own values, country or language names, or codes. */
function valueOf(p: Parse, field: ContactFieldDef, explicit: boolean) {
  return (k: number): ListItem<ValueSense> | undefined => {
    const kind = field.values?.kind;
    if (kind === 'countries' || kind === 'languages') {
      const found = kind === 'countries' ? p.sense(k, 'country') : p.sense(k, 'language');
      if (found) return found;
      const t = p.tokens[k];
      // ("whose country and plan": a three-letter code that is also an English word counts only in capitals or quotes.)
      const word = t?.kind === 'word' && t.norm.length === 3 && isKnownWord(t.norm) && !/^[A-Z]+$/.test(t.text);
      if (explicit && t && !word && (t.kind === 'word' || t.kind === 'quoted') && t.norm.length <= 3) {
        const code = kind === 'countries' ? countryCode(t.norm) : languageCode(t.norm);
        const match = { start: k, end: k + 1, senses: [] };
        if (code) return { sense: kind === 'countries' ? { kind: 'country', code, label: code, demonym: false, short: true } : { kind: 'language', code, label: code }, match };
      }
      return undefined;
    }
    return p.sense(k, 'value', (s) => s.field === field.key);
  };
}

function codeOf(s: ValueSense): string {
  return s.kind === 'value' ? s.value : s.code;
}

/** The values a sense stands for: a region is its list of countries (said). */
function valuesOf(p: Parse, s: ValueSense): readonly string[] {
  if (s.kind === 'country' && s.region) p.assume(`read "${s.label}" as ${regionSays(s.region)}`);
  return s.kind === 'country' ? countryCodes(s) : [codeOf(s)];
}

/** The node for a list of values of one field: tags joined by "and" mean all of them. */
/** Whether every value of the list is written as a plural noun for people ("partners and vips"). */
function plural(p: Parse, list: ValueList<ValueSense>): boolean {
  return list.items.every((it) => {
    const said = p.text(it.match.start, it.match.end).toLowerCase();
    return PEOPLE_NOUNS.has(p.w(it.match.end - 1)) || (said !== codeOf(it.sense).toLowerCase() && /s$/.test(said));
  });
}

function listNode(p: Parse, field: ContactFieldDef, list: ValueList<ValueSense>, negated: boolean, people = false): Node {
  const values = [...new Set(list.items.flatMap((it) => valuesOf(p, it.sense)))];
  // "partners and vips in France": two groups of people, so either tag; "tagged vip and partner": both.
  // ("the ones tagged both trial and beta-tester": "both" says each.)
  const both = p.tokens[list.items[0]!.match.start - 1]?.norm === 'both';
  if (field.type === 'tags' && usesAnd(list) && values.length > 1 && people && !negated && !both) {
    const node = oneOrIn(field.key, values);
    p.assume(`read "${p.text(list.items[0]!.match.start, list.end)}" as people with any of these tags`, {
      says: 'each of these tags',
      reading: node,
      alternative: group('and', values.map((v) => cond(field.key, 'eq', v))),
    });
    return node;
  }
  if (field.type === 'tags' && usesAnd(list) && values.length > 1) {
    const each = values.map((v) => cond(field.key, negated ? 'neq' : 'eq', v));
    // Said with "both", the conjunction stays one even where a list of groups is read as a union
    // ("except the ones tagged both trial and beta-tester"): a group of its own, which that reading leaves alone.
    if (both && !negated) return { type: 'group', op: 'and', negate: false, children: [{ type: 'group', op: 'and', negate: false, children: each }] };
    return negated ? group('or', each) : group('and', each);
  }
  if (usesAnd(list) && values.length > 1) p.assume(`read "${p.text(list.items[0]!.match.start, list.end)}" as any of them (a contact has one ${field.label.toLowerCase()})`);
  return oneOrIn(field.key, values, negated);
}

/** Per tenant catalog: its fields by the first word of their label, and by the parser's own names. */
interface FieldWords {
  /** Contact fields by the first word of their label, in catalog order ("email" → email, email status). */
  lead: Map<string, ContactFieldDef[]>;
  /** The contact field a vocabulary word names ("tagged" → tags): the names are the parser's own, so few. */
  named: Map<string, ContactFieldDef | undefined>;
}
const WORDS = new WeakMap<Catalog, FieldWords>();
function wordsOf(catalog: Catalog): FieldWords {
  let w = WORDS.get(catalog);
  if (!w) {
    const lead = new Map<string, ContactFieldDef[]>();
    for (const f of catalog.contactFields) {
      const first = f.label.toLowerCase().split(' ')[0]!;
      lead.set(first, [...(lead.get(first) ?? []), f]);
    }
    WORDS.set(catalog, (w = { lead, named: new Map() }));
  }
  return w;
}
const field = (p: Parse, key: string): ContactFieldDef | undefined => p.tenant.catalog.contactField(key);
/** A field a sense of this tenant's lexicon names (so it is in its catalog). */
const fieldOf = (p: Parse, key: string): ContactFieldDef => field(p, key)!;
function fieldNamed(p: Parse, name: string): ContactFieldDef | undefined {
  const { named } = wordsOf(p.tenant.catalog);
  if (!named.has(name)) named.set(name, resolveFieldName(p.tenant.catalog.contactFields, name));
  return named.get(name);
}

/** A bare value or list of values of one contact field, with the field word after it if any. */
export function bareValue(p: Parse, i: number): Clause | undefined {
  // "signed up from a trade show", "came in via referral": how they came, not when.
  const came = p.phrase(i, DATE_VERBS);
  if (came && p.is(came.end, 'from|via|through')) {
    const how = bareValue(p, p.skip(came.end + 1, ['a', 'an', 'the', 'our']));
    if (how) return how;
  }
  // "nobody's vips", "no one's leads": the contacts no one owns.
  // (Not "nobody's touched them": there it is "nobody has".)
  const nobody = nobodys(p, i);
  if (nobody !== undefined && !(PEOPLE_NOUNS.has(p.w(nobody)) || p.sense(nobody, 'value'))) return undefined;
  const owner = nobody !== undefined ? ownerField(p) : undefined;
  if (nobody !== undefined && owner) return { node: cond(owner.key, 'is_null'), end: nobody };
  let best: Clause | undefined;
  // "email bounced", "lifecycle customer": the first word of the field's label, then its value.
  const lead = p.tokens[i] ? wordsOf(p.tenant.catalog).lead.get(p.w(i))?.find((f) => p.sense(i + 1, 'value', (s) => s.field === f.key)) : undefined;
  const start = lead ? i + 1 : i;
  for (const { sense } of p.senses(start, 'value')) {
    const field = fieldOf(p, sense.field);
    const pick = valueOf(p, field, false);
    const list = readList(p, start, field.type === 'tags' ? tagGroup(p, pick) : field.references === 'users' ? possessive(p, pick) : pick);
    if (!list) continue;
    let end = list.end;
    // "Alice's or nobody's vips": the owners said, or no owner.
    const ownerEnd = p.is(end, "'s") ? end + 1 : p.is(end - 1, "'s") ? end : undefined;
    const orNobody = field.references === 'users' && field.nullable && ownerEnd !== undefined && p.is(ownerEnd, 'or') ? nobodys(p, ownerEnd + 1) : undefined;
    if (orNobody !== undefined) {
      const node: Node = { type: 'group', op: 'or', negate: false, children: [listNode(p, field, list, false, plural(p, list)), cond(field.key, 'is_null')] };
      if (best && best.end >= orNobody) continue;
      p.assume(`read "${p.text(start, orNobody)}" as ${field.label.toLowerCase()} = ${list.items.map((it) => it.sense.label).join(' / ')}, or no ${field.label.toLowerCase()}`);
      best = { node, end: orNobody };
      continue;
    }
    // ("referral as source": the value, then "as" and its field's word.)
    const fieldWord = p.sense(end, 'field', (s) => s.field === field.key) ?? (p.tokens[end]?.norm === 'as' ? p.sense(end + 1, 'field', (s) => s.field === field.key) : undefined);
    if (fieldWord) end = fieldWord.match.end;
    // "bounced email addresses", "unsubscribed addresses": the status is the address's.
    else if (field.key === 'email_status' && (p.is(end, 'address|addresses') || p.is(end, 'email|e-mail', 'address|addresses'))) end += p.is(end, 'address|addresses') ? 1 : 2;
    // "churned customers": a second stage used as the noun.
    else if (field.key === 'lifecycle_stage' && p.sense(end, 'value', (s) => s.field === field.key && s.value === 'customer') && !list.items.some((it) => codeOf(it.sense) === 'customer')) end += 1;
    if (best && best.end >= end) continue;
    if (!OBVIOUS.has(field.key) && !fieldWord && !lead) {
      p.assume(`read "${p.text(start, list.end)}" as ${field.label.toLowerCase()} = ${list.items.map((it) => it.sense.label).join(' / ')}`);
    }
    best = { node: listNode(p, field, list, false, plural(p, list)), end };
  }
  // "unsubs since sept", "unsubscribed in the last 30 days", "bounced this month": a status with a time is
  // the event that set it then (the status itself has no date), said.
  // ("unsubscribed or bounced in September": each status said, the same.)
  const statusNode = best?.node.type === 'condition' && best.node.field === 'email_status' ? best.node : undefined;
  const statuses = statusNode?.operator === 'eq' ? [String(statusNode.value)] : statusNode?.operator === 'in' && Array.isArray(statusNode.value) ? statusNode.value.map(String) : [];
  const status = statuses.length && statuses.every((v) => v === 'unsubscribed' || v === 'bounced') ? statuses : undefined;
  // ("unsubscribed through the Case Study email": a campaign named there is what they unsubscribed from, not a time.)
  const when = status && !p.is(best!.end, 'through|thru|via|from|on|after') ? p.dates.read(best!.end) : undefined;
  if (status && when?.conditions.length) {
    const events = status.map((v) => (v === 'bounced' ? 'an email bounce' : 'an unsubscribe')).join(' or ');
    p.assume(`read "${p.text(start, when.end)}" as ${events} then (the email status has no date)`);
    return { node: relation('email_events', true, [status.length === 1 ? cond('type', 'eq', status[0]!) : cond('type', 'in', status), ...when.conditions.map((c) => cond('occurred_at', c.operator, c.value))]), end: when.end };
  }
  const node = best?.node;
  const second = node?.type === 'condition' && node.operator === 'eq' ? SECOND_READINGS.find((r) => r.field === node.field && r.value === node.value) : undefined;
  if (best && second) {
    p.assume(`read "${p.text(start, best.end)}" as ${second.reads}, not ${second.says}`, { says: second.says, reading: best.node, alternative: second.alternative() });
  }
  return best;
}

/** Where "nobody's" / "no one's" at i ends (the possessive of no one), if it is there. */
function nobodys(p: Parse, i: number): number | undefined {
  if (p.is(i, 'nobody|noone', "'s")) return i + 2;
  if (p.is(i, 'no', 'one', "'s")) return i + 3;
  return undefined;
}

/** The tenant's one contact number field described as a 0–10 scale (an NPS answer), if exactly one is. */
function ratingField(p: Parse) {
  const scales = p.tenant.catalog.contactFields.filter((f) => f.type === 'number' && /^\s*0\s*[–-]\s*10\b/.test(f.hint ?? ''));
  return scales.length === 1 ? scales[0] : undefined;
}

/** The contact field naming the owner (a reference to users that may be empty). */
function ownerField(p: Parse) {
  return p.tenant.catalog.contactFields.find((f) => f.references === 'users' && f.nullable);
}

/** "<field> <operator> <value>", "tagged X", "owned by Sara", "more than 500 employees". */
export function fieldComparison(p: Parse, i: number): Clause | undefined {
  return valueContaining(p, i) ?? namedField(p, i) ?? fieldVerb(p, i) ?? numberFirst(p, i) ?? gaveOn(p, i) ?? quotedIn(p, i) ?? tagByPart(p, i) ?? attended(p, i) ?? mayNotContact(p, i) ?? ownedBySomeone(p, i) ?? tagInitials(p, i) ?? notThemselves(p, i);
}

const GAVE = new Set(['gave', 'give', 'given', 'scored', 'rated', 'answered', 'picked', 'chose', 'put']);

/**
 * "gave us a 9 or a 10 on NPS", "rated us 6 for nps": the numbers said, then "on / for" a number
 * field of the contact (a survey's answer): the field is one of them.
 */
function gaveOn(p: Parse, i: number): Clause | undefined {
  if (!GAVE.has(p.tokens[i]?.norm ?? '')) return undefined;
  let j = p.skip(i + 1, ['us', 'it', 'them', 'you']);
  // "gave a note of 10", "gave us a score of 9": the score's noun before the number ("note" is a second-language "grade").
  if (p.is(j, 'a|an') && p.is(j + 1, 'note|score|rating|grade|mark') && p.is(j + 2, 'of')) j += 3;
  const values: number[] = [];
  // (A few numbers at most: a survey answer is one score, or two or three said as alternatives.)
  // ("a nine or a ten": numbers said as words too.)
  const numberAt = (k: number) => (p.tokens[k]?.kind === 'number' || p.tokens[k]?.kind === 'word' ? readNumber(p.tokens, k) : undefined);
  while (values.length < 5) {
    const k = p.is(j, 'a|an') && numberAt(j + 1) ? j + 1 : j;
    const n = numberAt(k);
    if (!n || !Number.isInteger(n.value) || n.end !== k + 1) break;
    values.push(n.value);
    j = n.end;
    if (!p.is(j, 'or|,') || !(numberAt(j + 1) || (p.is(j + 1, 'a|an') && numberAt(j + 2)))) break;
    j += 1;
  }
  if (!values.length) return undefined;
  const unique = [...new Set(values)];
  // "6 or lower", "9 and above": that score and every one past it; "0 to 6", "7-8": the scores between.
  const bound = unique.length === 1 && p.is(j, 'or|and') ? (p.is(j + 1, 'lower|less|below|under|worse|fewer') ? 'lte' : p.is(j + 1, 'higher|more|above|better|over|greater|up') ? 'gte' : undefined) : undefined;
  if (bound) j += 2;
  const upTo = !bound && unique.length === 1 && p.is(j, 'to|-|–|through') ? numberAt(j + 1) : undefined;
  const range = upTo && Number.isInteger(upTo.value) && upTo.value > unique[0]! ? ([unique[0]!, upTo.value] as [number, number]) : undefined;
  if (range) j = upTo!.end;
  const score = (key: string) => (range ? cond(key, 'between', range) : bound ? cond(key, bound, unique[0]!) : unique.length === 1 ? cond(key, 'eq', unique[0]!) : cond(key, 'in', unique));
  if (!p.is(j, 'on|for|in')) {
    // "rated us 9 or 10": a rating of us with no field named is the tenant's one 0–10 rating field, said.
    const rating = p.is(i + 1, 'us|you') ? ratingField(p) : undefined;
    if (!rating || [...unique, ...(range ?? [])].some((v) => v < 0 || v > 10)) return undefined;
    const assumptions = [`read "${p.text(i, j)}" as the ${rating.label} answer (the only 0–10 rating field)`];
    return { node: score(rating.key), end: j, assumptions };
  }
  const at = p.skip(j + 1, ['the', 'our', 'their', 'an', 'a']);
  const word = p.sense(at, 'field', (s) => field(p, s.field)?.type === 'number');
  if (!word) return undefined;
  const end = SURVEY_NOUNS.has(p.w(word.match.end)) ? word.match.end + 1 : word.match.end;
  return { node: score(word.sense.field), end };
}

/** "with 'test' in their email", "'bank' in the company name": a text field containing the words. */
function quotedIn(p: Parse, i: number): Clause | undefined {
  const t = p.tokens[i];
  if (t?.kind !== 'quoted' || !p.is(i + 1, 'in')) return undefined;
  const at = p.skip(i + 2, ['the', 'their', 'its', 'his', 'her', 'a']);
  const named = p.sense(at, 'field', (s) => fieldOf(p, s.field).type === 'text');
  if (!named || !t.norm.trim()) return undefined;
  return { node: cond(named.sense.field, 'contains', t.norm.toLowerCase()), end: p.is(named.match.end, 'address|name') ? named.match.end + 1 : named.match.end };
}

/** A time window with no verb of its own: the continuation of a date clause, or the contacts' creation date. */
export function bareWindow(p: Parse, i: number): Clause | undefined {
  return tenure(p, i) ?? dateContinuation(p, i) ?? creationWindow(p, i);
}

/**
 * "been in the CRM for more than 18 months", "on file for less than 90 days", "with us for 2 years":
 * how long a contact has been on record is its creation date, more than (or within) that long ago.
 * A bare duration ("for 2 years") is read as at least that long, said.
 */
const TENURE_FIRST = new Set(TENURE_PHRASES.map(([words]) => words[0]!));
const TENURE_FOR = new Set(['for', 'over', 'under', 'more', 'longer', 'less', 'fewer', 'shorter', 'at', 'since']);
function tenure(p: Parse, i: number): Clause | undefined {
  // A gate on the token itself, like canStart: most positions start no such phrase.
  if (!TENURE_FIRST.has(p.tokens[i]?.norm ?? '') || !p.tokens.slice(i + 1, i + 6).some((t) => TENURE_FOR.has(t.norm))) return undefined;
  const phrase = p.phrase(i, TENURE_PHRASES);
  if (!phrase) return undefined;
  // ("had a meeting with us since July": "with us" is the meeting's, and "since July" its time.)
  const afterRecord = p.lattice.some((ms) => ms.some((m) => m.end === i && m.senses.some((x) => x.kind === 'relation' || x.kind === 'relValue')));
  if (afterRecord && p.is(i, 'with')) return undefined;
  // "exist in our CRM since more than 18 months", "in the database since 2024": a date after "since" says when.
  // ("in the CRM since 3 months" is "for 3 months": a length after "since" is how long, as after "for".)
  const since = p.is(phrase.end, 'since');
  const when = since ? p.dates.duration(phrase.end) ?? p.dates.read(phrase.end) : p.dates.duration(phrase.end);
  const created = when && fieldNamed(p, 'created');
  if (!when || !created || created.type !== 'date') return undefined;
  const node = all(when.conditions.map((c) => cond(created.key, c.operator, c.value)));
  const assumptions = [`read "${p.text(i, when.end)}" as when the contact was created`];
  if ('bare' in when && when.bare) assumptions.push(`read "${p.text(phrase.end, when.end)}" as at least that long (say "for less than …" for the newer ones)`);
  return { node, end: when.end, assumptions };
}

/**
 * "signed up on or after 1 March 2026 and before May": a bare time window right after "and" / "but"
 * bounds the date field the clause before it was about.
 */
function dateContinuation(p: Parse, i: number): Clause | undefined {
  // "… and before May"; "created last year but not in December" (the "not" is the structure step's).
  if (!p.lastDateField || !(p.is(i - 1, 'and|but|,') || (p.is(i - 1, 'not') && p.is(i - 2, 'and|but|,')))) return undefined;
  const when = p.dates.read(i);
  if (!when?.conditions.length) return undefined;
  const field = p.lastDateField;
  return { node: all(when.conditions.map((c) => cond(field, c.operator, c.value))), end: when.end };
}

const WINDOW_PREPOSITIONS = ['from', 'in', 'during', 'within', 'over', 'since', 'added', 'created'];
/** Other words a time window may start with ("before May", "between April and June", "recently"). */
const WINDOW_STARTS = new Set(['before', 'after', 'between', 'until', 'till', 'through', 'on', 'recently', 'lately', 'older', 'more', 'less', 'at', 'year', 'quarter', 'month', 'today', 'yesterday', 'for', 'inside', 'prior', 'earlier', 'later', 'starting', 'as']);

/**
 * A time window said of the contacts themselves, with no verb: "new contacts from the last 30 days",
 * "signups in Q1", "H1 signups", "last month's leads", "mqls from webinars, ytd". It is the
 * creation date, said as an assumption unless the words say it ("new", "signups").
 */
function creationWindow(p: Parse, i: number): Clause | undefined {
  const here = p.w(i);
  // Most positions start no window said of the contacts: decided from the words, before any date is read.
  const kind = p.tokens[i]?.kind;
  if (here === 'recent' || here === 'recently') {
    const recent = recentlyAdded(p, i);
    if (recent) return recent;
  }
  // "contacts who just signed up", "recently joined", "newly added": the creation date, recent (said).
  if (here === 'recently' || here === 'just' || here === 'newly') {
    const verb = p.phrase(i + 1, DATE_VERBS);
    const field = verb && fieldNamed(p, verb.value);
    if (verb && field?.type === 'date' && field.key === fieldNamed(p, 'created')?.key) {
      return createdIn(p, field.key, verb.end, true) ?? usualCreation(p, field.key, i, verb.end);
    }
  }
  if (here !== 'new' && !SIGNUP_NOUNS.has(here) && !WINDOW_PREPOSITIONS.includes(here) && !WINDOW_STARTS.has(here) && !mayStartPeriod(here) && kind !== 'date' && kind !== 'number') return undefined;
  const before = p.w(i - 1);
  const nounBefore = PEOPLE_NOUNS.has(before) || SIGNUP_NOUNS.has(before) || before === ',' || stageAt(p, i - 1);
  if (here !== 'new' && !SIGNUP_NOUNS.has(here) && !nounBefore && !(mayStartPeriod(here) && nounAhead(p, i))) return undefined;
  if (here !== 'new' && !SIGNUP_NOUNS.has(here) && !p.dates.read(i)?.conditions.length && !(WINDOW_PREPOSITIONS.includes(here) && p.dates.read(i + 1)?.conditions.length)) return undefined;
  const created = fieldNamed(p, 'created');
  if (!created || created.type !== 'date') return undefined;
  // "new leads from last month", "new signups this year": "new" says it is the creation date.
  if (here === 'new' && (PEOPLE_NOUNS.has(p.w(i + 1)) || SIGNUP_NOUNS.has(p.w(i + 1)) || stageAt(p, i + 1))) {
    const k = WINDOW_PREPOSITIONS.includes(p.w(i + 2)) && !windowAt(p, i + 2)?.conditions.length ? i + 3 : i + 2;
    const stage = p.sense(i + 1, 'value', (s) => s.field === 'lifecycle_stage');
    const found = createdIn(p, created.key, k, true) ?? usualCreation(p, created.key, i, i + 2);
    if (!found) return undefined;
    return stage ? { ...found, node: all([cond('lifecycle_stage', 'eq', stage.sense.value), found.node]) } : found;
  }
  // "signups from last month", "sign-ups in Q1".
  if (SIGNUP_NOUNS.has(here)) {
    const k = WINDOW_PREPOSITIONS.includes(p.w(i + 1)) && !windowAt(p, i + 1)?.conditions.length ? i + 2 : i + 1;
    return createdIn(p, created.key, k, true);
  }
  // "H1 signups", "Q1 contacts", "last month's signups": the window before the noun.
  const ahead = p.dates.read(i);
  if (ahead?.conditions.length) {
    const k = p.is(ahead.end, "'s") ? ahead.end + 1 : ahead.end;
    if (SIGNUP_NOUNS.has(p.w(k))) return createdIn(p, created.key, i, true, k + 1);
    // "YTD new contacts", "this year's new leads": "new" says the window is when they were added.
    if (p.w(k) === 'new' && (PEOPLE_NOUNS.has(p.w(k + 1)) || SIGNUP_NOUNS.has(p.w(k + 1)))) return createdIn(p, created.key, i, true, k + 2);
    if (p.w(k) === 'new' && stageAt(p, k + 1)) return createdIn(p, created.key, i, true, k + 1);
    if (PEOPLE_NOUNS.has(p.w(k))) return createdIn(p, created.key, i, false, k + 1);
    if (stageAt(p, k)) return createdIn(p, created.key, i, false, k);
  }
  // "contacts from the last 30 days", "signups in Q1", ", ytd" at the end: after the noun.
  // After a stage ("customers in the first half of 2026") the window may be when they became one: only "from" / "since" say added.
  const people = PEOPLE_NOUNS.has(before) || SIGNUP_NOUNS.has(before);
  const stage = !people && stageAt(p, i - 1) && ['from', 'since'].includes(here);
  const after = people || stage || (before === ',' && p.dates.read(i)?.end === p.tokens.length);
  if (!after) return undefined;
  const k = WINDOW_PREPOSITIONS.includes(here) && !windowAt(p, i)?.conditions.length ? i + 1 : i;
  return createdIn(p, created.key, k, false);
}

/** Whether a lifecycle stage ("leads", "customers") is said at k. */
function stageAt(p: Parse, k: number): boolean {
  return !!p.lattice[k]?.some((m) => m.senses.some((s) => s.kind === 'value' && s.field === 'lifecycle_stage'));
}

/** Whether a noun for contacts follows within a few words ("Q1 contacts", "last month's signups"). */
function nounAhead(p: Parse, i: number): boolean {
  for (let k = i + 1; k <= i + 5 && k < p.tokens.length; k++) {
    const t = p.tokens[k]!.norm;
    if (PEOPLE_NOUNS.has(t) || SIGNUP_NOUNS.has(t) || t === "'s" || stageAt(p, k)) return true;
  }
  return false;
}

/** A time window at k: "from last month" is during it, unless "from" starts a range ("from March to May"). */
function windowAt(p: Parse, k: number) {
  const at = p.dates.read(k);
  if (p.w(k) !== 'from') return at;
  const inner = p.dates.read(k + 1);
  return inner && (!at || inner.end >= at.end) ? inner : at;
}

/** "new" or "recent" contacts with no window said: created in the last 30 days, said. */
const USUAL_NEW = { amount: 30, unit: 'days' } as const;
function usualCreation(p: Parse, field: string, i: number, end: number): Clause {
  return { node: cond(field, 'within_last', USUAL_NEW), end, assumptions: [`read "${p.text(i, end)}" as created in the last 30 days (no time was said; say one to change it)`] };
}

/** "recent signups", "recently added contacts", "recently created leads". */
function recentlyAdded(p: Parse, i: number): Clause | undefined {
  const created = fieldNamed(p, 'created');
  if (!created || created.type !== 'date') return undefined;
  let k = i + 1;
  if (p.w(i) === 'recently') {
    if (!p.is(k, 'added|created|joined|imported')) return undefined;
    k += 1;
  }
  const stage = p.sense(k, 'value', (s) => s.field === 'lifecycle_stage');
  if (!stage && !PEOPLE_NOUNS.has(p.w(k)) && !SIGNUP_NOUNS.has(p.w(k))) return undefined;
  const end = stage ? stage.match.end : k + 1;
  const found = usualCreation(p, created.key, i, end);
  return stage ? { ...found, node: all([cond('lifecycle_stage', 'eq', stage.sense.value), found.node]) } : found;
}

/** The creation date in the window at k; said unless the words say it (`says`). */
function createdIn(p: Parse, field: string, k: number, says: boolean, end?: number): Clause | undefined {
  const when = windowAt(p, k);
  if (!when?.conditions.length) return undefined;
  const node = all(when.conditions.map((c) => cond(field, c.operator, c.value)));
  return { node, end: end ?? when.end, assumptions: says ? [] : [`read "${p.text(k, when.end)}" as when the contact was created`] };
}

/** Words between a set field and the text its values contain: "tagged anything with 'lead' in it". */
const CONTAINING: [string[], true][] = [
  [['with'], true], [['containing'], true], [['that', 'contains'], true], [['that', 'contain'], true], [['which', 'contains'], true],
  [['including'], true], [['that', 'includes'], true], [['that', 'has'], true], [['having'], true], [['like'], true],
];

/**
 * "tagged anything with 'lead' in it", "a tag containing 'test'": the tenant's values of a set
 * field (tags, multi-select) that contain the text, listed in an assumption. No such value: nothing
 * is read, so the words stay open for the reviewer.
 */
function valueContaining(p: Parse, i: number): Clause | undefined {
  const verb = p.phrase(i, FIELD_VERBS);
  let j: number;
  let field: ContactFieldDef | undefined;
  if (verb) {
    field = fieldNamed(p, verb.value);
    j = p.skip(verb.end, ['with', 'as']);
  } else {
    const at = p.skip(i, ['a', 'an', 'any', 'some']);
    const named = p.sense(at, 'field');
    field = named ? fieldOf(p, named.sense.field) : undefined;
    j = named?.match.end ?? i;
  }
  if (!field || field.type !== 'tags') return undefined;
  j = p.skip(j, ['anything', 'something', 'a', 'an', 'any', 'one', 'tag', 'tags', 'value', 'values', 'label']);
  const link = p.phrase(j, CONTAINING);
  if (!link) return undefined;
  const t = p.tokens[link.end];
  if (!t || (t.kind !== 'quoted' && t.kind !== 'word')) return undefined;
  const text = t.norm.toLowerCase();
  let end = link.end + 1;
  if (p.is(end, 'in', 'it|them|the|its')) end += p.is(end + 1, 'the|its') && p.is(end + 2, 'name|tag') ? 3 : 2;
  const all = field.values?.kind === 'static' ? [...field.values.values] : field.values?.kind === 'tenant' ? [...tenantValues(field.values.lookup, p.tenant)] : [];
  const values = all.filter((v) => v.toLowerCase().includes(text));
  if (!values.length) return undefined;
  p.assume(`read "${p.text(i, end)}" as ${field.label.toLowerCase()} containing "${text}": ${values.join(', ')}`);
  return { node: oneOrIn(field.key, values), end };
}

function namedField(p: Parse, i: number): Clause | undefined {
  let best: Clause | undefined;
  const at = p.skip(i, ['a', 'an', 'the', 'their', 'its']);
  for (const { sense, match } of [...p.senses(at, 'field'), ...dateVerb(p, at)]) {
    const field = fieldOf(p, sense.field);
    let j = match.end;
    if (field.type === 'number' && p.is(j, 'score|rating|count|number')) j += 1;
    // "Owner: is empty", "Country: any of NL, ES", "Plan: is not Free": a pasted filter's label, then its operator.
    if (p.tokens[j]?.norm === ':' && (p.phrase(j + 1, NULL_CHECKS) || p.phrase(j + 1, ENUM_OPERATORS) || p.phrase(j + 1, TEXT_OPERATORS))) j += 1;
    // "companies making …": a company noun is the subject, not the company-name field, before a bare word.
    let clause = compare(p, field, j, !COMPANY_NOUNS.has(p.w(j - 1)));
    // "whose company is Italian": a nationality is the company's country, not its name.
    if (clause?.node.type === 'condition' && clause.node.field === 'company.name' && clause.node.operator === 'eq') {
      const country = p.sense(clause.end - 1, 'country');
      if (country && country.match.end === clause.end) clause = { ...clause, node: cond('company.country', 'eq', country.sense.code) };
    }
    // "has 'bank' in it": the text is somewhere in the value.
    if (clause?.node.type === 'condition' && clause.node.operator === 'contains' && p.is(clause.end, 'in', 'it|them|there')) clause = { ...clause, end: clause.end + 2 };
    if (clause && (!best || clause.end > best.end)) best = clause;
  }
  // "subscription tier is starter": a word of another field's name before this field's name (said).
  const next = best || !p.lattice[at + 1]?.length ? [] : p.senses(at + 1, 'field');
  if (next.length && p.lex.words.has(p.w(at)) && !p.senses(at, 'value').length && !NOT_A_FIELD_WORD.has(p.w(at))) {
    for (const { sense, match } of next) {
      const field = fieldOf(p, sense.field);
      if (field.type !== 'enum' && field.type !== 'tags' && field.type !== 'number') continue;
      const clause = compare(p, field, match.end, false);
      if (clause && (!best || clause.end > best.end)) {
        best = { ...clause, assumptions: [`read "${p.text(at, match.end)}" as ${field.label.toLowerCase()}`] };
      }
    }
  }
  return best;
}

export function compare(p: Parse, field: ContactFieldDef, j: number, implicit = true): Clause | undefined {
  const nullCheck = p.phrase(j, NULL_CHECKS);
  if (nullCheck) return { node: cond(field.key, nullCheck.value), end: nullCheck.end };
  switch (field.type) {
    case 'text': {
      // "last name Novak", "website c7.acme.example": no operator before a value nothing else reads.
      // Without an operator, an address field takes only an address-like word ("the email suppression list" is not an email).
      const addressLike = !/email|domain|website/.test(field.key) || /[@.]/.test(p.tokens[j]?.text ?? '');
      const op = p.phrase(j, TEXT_OPERATORS) ?? (implicit && addressLike && freeText(p, j) ? { value: 'eq', end: j } : undefined);
      if (!op) return undefined;
      // "whose company is also Italian"
      const at = op.value === 'eq' && p.is(op.end, 'also') ? op.end + 1 : op.end;
      const t = p.tokens[at];
      // ("whose company is a logistics business": an article is no name; "companies of 50-250 employees": a number before a range or a head count is none either.)
      if (t?.kind === 'number' && (p.tokens[at + 1]?.norm === '-' || p.tokens[at + 1]?.norm === 'to' || SIZED_BY_WORDS.has(p.tokens[at + 1]?.norm ?? ''))) return undefined;
      if (!t || t.kind === 'punct' || (t.kind === 'word' && isKnownWord(t.norm) && (t.norm.length > 1 || (t.norm === 'a' && op.value === 'eq')))) return undefined;
      const raw = t.kind === 'quoted' ? t.norm : t.text;
      // "on a mobile device": a phone number has digits; a word after the field's other name is not one.
      if (/phone/.test(field.key) && op.value === 'eq' && t.kind !== 'quoted' && !/\d/.test(raw)) return undefined;
      // "whose email address is bouncing": equal to a bare word, an address field is not being given an
      // address (the word is left for what it means, or reported).
      if (/email|domain|website/.test(field.key) && (op.value === 'eq' || op.value === 'neq') && t.kind === 'word' && !/[@.]/.test(raw)) {
        // "whose email is bouncing", "email address is unsubscribed": the address's status.
        const status = field.key === 'email' ? p.sense(at, 'value', (v) => v.field === 'email_status') : undefined;
        if (!status) return undefined;
        p.use(status.match, status.sense);
        return { node: cond('email_status', op.value as 'eq', status.sense.value), end: status.match.end };
      }
      // "an email address @c58.acme.example": a domain said with its "@" is how the address ends.
      if (/email/.test(field.key) && op.value === 'eq' && t.kind !== 'quoted' && raw.startsWith('@') && raw.length > 1) {
        return { node: cond(field.key, 'ends_with', raw.toLowerCase()), end: at + 1, assumptions: [`read "${raw}" as an email address ending with "${raw.toLowerCase()}"`] };
      }
      // "companies of Logistics", "company is Healthcare": a value of another field (an industry), unquoted, is that value, not a name.
      // ("last name is Lead", "company name is Software": the field named as a name takes the word as written.)
      const named = [j - 1, j - 2, j].some((n) => p.tokens[n]?.norm === 'name');
      if (!named && t.kind === 'word' && p.lattice[at]?.some((m) => !m.typo && m.senses.some((s) => s.kind === 'value' && s.field !== field.key))) return undefined;
      // "the company has revenue between 1M and 10M": a field's word after "has" is that field, not text the name contains.
      if (t.kind === 'word' && op.value === 'contains' && ['has', 'have', 'having'].includes(p.tokens[j]?.norm ?? '') && p.lattice[at]?.some((m) => !m.typo && m.senses.some((s) => s.kind === 'field'))) return undefined;
      return { node: cond(field.key, op.value as 'eq', raw.toLowerCase()), end: at + 1 };
    }
    case 'number': {
      const b = readBound(p, j);
      if (!b) return undefined;
      return { node: cond(field.key, b.operator, b.value), end: b.end };
    }
    case 'date': {
      // "whose renewal date is before 1 April": the copula joins the field to its range.
      const when = p.dates.read(p.skip(j, ['is', 'was', 'are', 'were', 'falls']));
      if (!when || when.conditions.length === 0) return undefined;
      return { node: all(when.conditions.map((c) => cond(field.key, c.operator, c.value))), end: when.end };
    }
    default: {
      let k = j;
      let negated = false;
      const op = p.phrase(k, ENUM_OPERATORS);
      if (op) {
        negated = op.value;
        k = op.end;
      }
      k = p.skip(k, op ? ['the', 'both', 'either', 'a', 'an'] : ['the', 'both', 'either']);
      const list = readList(p, k, valueOf(p, field, true));
      if (!list) return undefined;
      return { node: listNode(p, field, list, negated), end: list.end };
    }
  }
}

/** A value only a text field can hold: quoted, a literal (domain, address), or a word no phrase reads (a typo guess does not count). */
function freeText(p: Parse, k: number): boolean {
  const t = p.tokens[k];
  if (!t) return false;
  if (t.kind === 'quoted' || t.kind === 'literal') return true;
  return t.kind === 'word' && t.norm.length > 1 && !isKnownWord(t.norm) && p.lattice[k]!.every((m) => m.typo);
}

/** "added in the last 2 weeks", "signed up this year": verbs for the contact's creation date. */
function dateVerb(p: Parse, i: number): { sense: { field: string }; match: { end: number } }[] {
  const verb = p.phrase(i, DATE_VERBS);
  const field = verb && fieldNamed(p, verb.value);
  return field ? [{ sense: { field: field.key }, match: { end: verb.end } }] : [];
}

const ENUM_OPERATORS: [string[], boolean][] = [
  [['is', 'not'], true], [["isn't"], true], [['!='], true], [['<>'], true], [['not'], true], [['is', 'not', 'in'], true], [['not', 'in'], true],
  [['was', 'not'], true], [["wasn't"], true], [['were', 'not'], true], [["weren't"], true], [['was'], false], [['were'], false],
  [['is'], false], [['are'], false], [['='], false], [[':'], false], [['of'], false], [['in'], false], [['is', 'in'], false],
  [['is', 'any', 'of'], false], [['is', 'one', 'of'], false], [['any', 'of'], false], [['one', 'of'], false], [['equals'], false], [['none', 'of'], true], [['is', 'none', 'of'], true],
  // Sets (tags, multi-select fields): "interests include security", "topics don't contain billing".
  [['include'], false], [['includes'], false], [['contain'], false], [['contains'], false], [['include', 'any', 'of'], false], [['includes', 'any', 'of'], false],
  [['do', 'not', 'include'], true], [['does', 'not', 'include'], true], [["don't", 'include'], true], [["doesn't", 'include'], true],
  [['do', 'not', 'contain'], true], [['does', 'not', 'contain'], true], [["don't", 'contain'], true], [["doesn't", 'contain'], true],
];


const NO_ONE: readonly (readonly [readonly string[], true])[] = [[['nobody'], true], [['no', 'one'], true], [['noone'], true], [['no-one'], true], [['none'], true], [['unassigned'], true], [['no', 'owner'], true], [['nothing'], true]];

function fieldVerb(p: Parse, i: number): Clause | undefined {
  const verb = p.phrase(i, FIELD_VERBS);
  if (!verb) return undefined;
  const field = fieldNamed(p, verb.value)!;
  const k = p.skip(verb.end, ['the', 'both', 'either', 'in']);
  const list = readList(p, k, valueOf(p, field, true));
  if (list) {
    const node = listNode(p, field, list, false);
    // "owned by Victor or nobody", "assigned to Sara or no one": or without any value.
    // (", or by nobody": a comma before it.)
    const or = p.is(list.end, ',', 'or') ? list.end + 1 : list.end;
    const none = field.nullable && p.is(or, 'or') ? p.phrase(p.is(or + 1, 'by|to') ? or + 2 : or + 1, NO_ONE) : undefined;
    if (none) return { node: { type: 'group', op: 'or', negate: false, children: [node, cond(field.key, 'is_null')] }, end: none.end };
    return { node, end: list.end };
  }
  // "tagged beta": the first word of one tag only ("beta-tester"), said.
  const part = field.type === 'tags' ? partialTag(p, k) : undefined;
  if (part) return { node: cond(field.key, 'eq', part.tag), end: part.end, assumptions: [`read "${p.tokens[k]!.kind === 'quoted' ? p.tokens[k]!.norm : p.text(k, part.end)}" as the tag "${part.tag}"`] };
  // "tagged churned", "NOT tagged lead": no such tag, but another field's value — that field, said
  // (not "has a tag" and the value beside it).
  if (field.type === 'tags' && p.senses(k, 'value').some(({ sense }) => fieldOf(p, sense.field).type !== 'tags')) {
    const other = bareValue(p, k);
    if (other?.node.type === 'condition' && other.node.field !== field.key) {
      const value = p.text(k, other.end);
      const label = fieldOf(p, other.node.field).label.toLowerCase();
      return { ...other, assumptions: [...(other.assumptions ?? []), `there is no tag "${value}"; read "${p.text(i, other.end)}" as ${label} ${value}`] };
    }
  }
  // "tagged contacts": tagged with something.
  if (field.type === 'tags' && verb.end === i + 1) return { node: cond(field.key, 'is_not_null'), end: verb.end };
  return undefined;
}

/**
 * "tagged beta", "the webinar tag": the first word (or words) of exactly one of the tenant's tags
 * ("beta-tester", "webinar-2026"), where a tag stands — never a word of two tags or a whole value.
 */
function partialTag(p: Parse, k: number): { tag: string; end: number } | undefined {
  const t = p.tokens[k];
  // 'tagged "beta"': a quoted first word of one tag.
  if (t?.kind === 'quoted') {
    const words = phraseWords(t.norm);
    const hits = words.length ? p.tenant.tags.filter((tag) => { const parts = tag.toLowerCase().split(/[\s_-]+/); return parts.length > words.length && words.every((w, x) => parts[x] === w); }) : [];
    return hits.length === 1 && !p.tenant.tags.some((tag) => tag.toLowerCase() === words.join('-')) ? { tag: hits[0]!, end: k + 1 } : undefined;
  }
  if (t?.kind !== 'word' || t.norm.length < 3) return undefined;
  for (const n of [2, 1]) {
    const said = p.tokens.slice(k, k + n);
    if (said.length < n || said.some((w) => w.kind !== 'word')) continue;
    const words = said.map((w) => w.norm);
    const hits = p.tenant.tags.filter((tag) => {
      const parts = tag.toLowerCase().split(/[\s_-]+/);
      return parts.length > n && words.every((w, x) => parts[x] === w);
    });
    if (hits.length === 1 && !p.tenant.tags.some((tag) => tag.toLowerCase() === words.join('-'))) return { tag: hits[0]!, end: k + n };
  }
  return undefined;
}

const SIZED_BY_WORDS = new Set(['employees', 'employee', 'staff', 'people', 'persons', 'workers', 'heads', 'fte', 'ftes']);

const ATTENDED: [string[], true][] = [[['attended'], true], [['attend'], true], [['came', 'to'], true], [['went', 'to'], true], [['joined'], true], [['registered', 'for'], true], [['signed', 'up', 'for'], true]];

/**
 * "contacts who attended the webinar", "came to an event": no attendance is recorded, so the nearest
 * field that is — how they came to us (lead source webinar / event) — said, with what else it could be.
 */
const ATTENDED_FIRST = new Set(ATTENDED.map(([words]) => words[0]!));
function attended(p: Parse, i: number): Clause | undefined {
  if (!ATTENDED_FIRST.has(p.tokens[i]?.norm ?? '')) return undefined;
  const verb = p.phrase(i, ATTENDED);
  if (!verb) return undefined;
  const source = fieldNamed(p, 'source');
  if (!source || source.type !== 'enum') return undefined;
  const at = p.skip(verb.end, ['a', 'an', 'the', 'our', 'one', 'of', 'any']);
  const value = p.sense(at, 'value', (s) => s.field === source.key && (s.value === 'webinar' || s.value === 'event'));
  if (!value) return undefined;
  return {
    node: cond(source.key, 'eq', value.sense.value),
    end: value.match.end,
    assumptions: [`read "${p.text(i, value.match.end)}" as lead source ${value.sense.value}: attendance itself is not recorded (a tag may be another reading)`],
  };
}

/** "we're not allowed to contact", "we must not email", "can't be emailed": the contacts email may not go to. */
const MAY_NOT: [string[], true][] = [
  ...['contact', 'email', 'mail', 'message', 'market to'].flatMap((verb): [string[], true][] => [
    [['not', 'allowed', 'to', ...verb.split(' ')], true], [['must', 'not', ...verb.split(' ')], true], [["mustn't", ...verb.split(' ')], true],
    [["can't", ...verb.split(' ')], true], [['cannot', ...verb.split(' ')], true], [['may', 'not', ...verb.split(' ')], true], [["shouldn't", ...verb.split(' ')], true], [['should', 'not', ...verb.split(' ')], true],
  ]),
  [['not', 'allowed', 'to', 'be', 'contacted'], true], [['not', 'allowed', 'to', 'be', 'emailed'], true], [["can't", 'be', 'emailed'], true], [['cannot', 'be', 'emailed'], true],
  [["can't", 'be', 'contacted'], true], [['cannot', 'be', 'contacted'], true], [['must', 'not', 'be', 'emailed'], true], [['must', 'not', 'be', 'contacted'], true],
];
/** The first two words of each phrase: a gate read from the tokens, so most positions cost nothing. */
const firstTwo = (table: readonly (readonly [string[], unknown])[]) => new Set(table.map(([words]) => `${words[0]} ${words[1] ?? ''}`));
const startsTwo = (p: Parse, i: number, gate: Set<string>) => gate.has(`${p.tokens[i]?.norm ?? ''} ${p.tokens[i + 1]?.norm ?? ''}`);
/** The phrase of `table` at i, looked up only where its first two words (read from the tokens) start one. */
const gatedPhrase = <T>(p: Parse, i: number, table: [string[], T][], gate: Set<string>) => (startsTwo(p, i, gate) ? p.phrase(i, table) : undefined);
const MAY_NOT_FIRST = firstTwo(MAY_NOT);

/**
 * "everyone we're not allowed to contact", "contacts we must not email": a suppression audience — email
 * status other than subscribed (unsubscribed or bounced), said; the do-not-call tag is another reading.
 */
function mayNotContact(p: Parse, i: number): Clause | undefined {
  const said = gatedPhrase(p, i, MAY_NOT, MAY_NOT_FIRST);
  const status = fieldNamed(p, 'email status');
  if (!said || !status || status.type !== 'enum') return undefined;
  return {
    node: cond(status.key, 'neq', 'subscribed'),
    end: said.end,
    assumptions: [`read "${p.text(i, said.end)}" as an email status other than subscribed (unsubscribed or bounced); contacts tagged do-not-call are another reading`],
  };
}

/** "unless someone already owns them", "that nobody owns": an owner, or none. */
const OWNED_BY_SOMEONE: [string[], boolean][] = [
  ...['someone', 'somebody', 'anyone', 'anybody', 'a rep', 'a user'].flatMap((who): [string[], boolean][] => [
    [[...who.split(' '), 'owns', 'them'], true], [[...who.split(' '), 'already', 'owns', 'them'], true], [[...who.split(' '), 'owns', 'it'], true], [[...who.split(' '), 'already', 'owns', 'it'], true],
  ]),
  ...['nobody', 'no one', 'noone'].flatMap((who): [string[], boolean][] => [[[...who.split(' '), 'owns'], false], [[...who.split(' '), 'owns', 'them'], false], [[...who.split(' '), 'owns', 'yet'], false]]),
];
const OWNED_FIRST = firstTwo(OWNED_BY_SOMEONE);

function ownedBySomeone(p: Parse, i: number): Clause | undefined {
  const said = gatedPhrase(p, i, OWNED_BY_SOMEONE, OWNED_FIRST);
  const owner = fieldNamed(p, 'owner');
  if (!said || !owner) return undefined;
  return { node: cond(owner.key, said.value ? 'is_not_null' : 'is_null'), end: said.end };
}

/**
 * "excl. DNC": the initials of one of the tenant's tags of several words ("do-not-call"), three letters
 * at least (or two in capitals), that are no other word. Said.
 */
function tagInitials(p: Parse, i: number): Clause | undefined {
  const t = p.tokens[i];
  if (t?.kind !== 'word' || t.norm.length < 2 || t.norm.length > 5 || (t.norm.length < 3 && t.text !== t.text.toUpperCase()) || isKnownWord(t.norm) || p.lattice[i]?.some((m) => !m.typo)) return undefined;
  const hits = p.tenant.tags.filter((tag) => {
    const parts = tag.toLowerCase().split(/[\s_-]+/);
    return parts.length >= 2 && parts.every((w) => /^[a-z]/.test(w)) && parts.map((w) => w[0]).join('') === t.norm;
  });
  const field = p.tenant.catalog.contactFields.find((f) => f.type === 'tags' && f.key === 'tags');
  if (hits.length !== 1 || !field) return undefined;
  const end = p.is(i + 1, 'tag|tags|tagged|list') ? i + 2 : i + 1;
  return { node: cond(field.key, 'eq', hits[0]!), end, assumptions: [`read "${t.text}" as the tag "${hits[0]}"`] };
}

const THEMSELVES: [string[], true][] = [
  ...[['who'], ['they'], []].flatMap((who): [string[], true][] => [
    [[...who, 'themselves', 'are', 'not'], true], [[...who, 'themselves', "aren't"], true], [[...who, 'themselves', 'are', 'not', 'there'], true], [[...who, 'themselves', "aren't", 'there'], true],
  ]),
  // "whose company is in Spain but they are not": only at the end of the clause (below).
  [['but', 'they', 'are', 'not'], true], [['but', 'they', "aren't"], true], [['but', 'who', 'are', 'not'], true], [['but', 'the', 'contact', 'is', 'not'], true],
];
const THEMSELVES_FIRST = firstTwo(THEMSELVES);

/**
 * "whose company is in Brazil but who themselves are not", "… even though they themselves aren't": the
 * contact is not in the country said of the company just before. Said.
 */
function notThemselves(p: Parse, i: number): Clause | undefined {
  const said = gatedPhrase(p, i, THEMSELVES, THEMSELVES_FIRST);
  const country = fieldNamed(p, 'country');
  if (!said || !country) return undefined;
  // ("but they are not vips" says something else: only a clause that ends here refers back to the place.)
  if (p.tokens[i]!.norm === 'but' && p.tokens[said.end] && p.tokens[said.end]!.kind !== 'punct' && !p.is(said.end, 'and|or|there')) return undefined;
  for (let k = i - 1; k >= 0 && k >= i - 12; k--) {
    const place = p.sense(k, 'country');
    if (!place || place.sense.region) continue;
    return { node: cond(country.key, 'neq', place.sense.code), end: said.end, assumptions: [`read "${p.text(i, said.end)}" as the contact's own country not being ${place.sense.label.replace(/\b\p{L}/gu, (ch) => ch.toUpperCase())} (${place.sense.code})`] };
  }
  return undefined;
}

/** "with the beta tag", "the webinar tag", "beta-tagged": a tag named by its first word, with the word "tag". */
function tagByPart(p: Parse, i: number): Clause | undefined {
  const field = p.tenant.catalog.contactFields.find((f) => f.type === 'tags' && f.key === 'tags');
  if (!field) return undefined;
  // ("the tag of beta", "the tag called beta": the word for a tag before its name.)
  const before = ['tag', 'label'].includes(p.tokens[i]?.norm ?? '') && ['of', 'called', 'named'].includes(p.tokens[i + 1]?.norm ?? '') ? partialTag(p, i + 2) : undefined;
  if (before) return { node: cond(field.key, 'eq', before.tag), end: before.end, assumptions: [`read "${p.text(i, before.end)}" as the tag "${before.tag}"`] };
  const part = partialTag(p, i);
  // ("on the beta programme", "the trial cohort": a programme named by its tag's first word, said.)
  if (!part || !p.is(part.end, 'tag|tags|label|labels|tagged|program|programme|programs|programmes|cohort')) return undefined;
  const end = part.end + 1;
  return { node: cond(field.key, 'eq', part.tag), end, assumptions: [`read "${p.text(i, end)}" as the tag "${part.tag}"`] };
}

/** "more than 500 employees", "$10M+ revenue", "less than $500k in revenue", "100 or more employees". */
function numberFirst(p: Parse, i: number): Clause | undefined {
  const b = readBound(p, i);
  if (!b) return undefined;
  // "a 10 out of 10 NPS": the scale said after the score.
  const outOf = p.is(b.end, 'out', 'of') && p.tokens[b.end + 2]?.kind === 'number' ? b.end + 3 : b.end;
  const k = p.skip(outOf, ['in', 'of', 'the']);
  const word = p.sense(k, 'field', (s) => field(p, s.field)?.type === 'number');
  if (!word) return undefined;
  // "50 employees or fewer": a bare number with "or more / or fewer" after the field word.
  const after = b.operator === 'eq' ? trailingOrMore(p, word.match.end) : undefined;
  if (after) return { node: cond(word.sense.field, after.operator, b.value), end: after.end };
  return { node: cond(word.sense.field, b.operator, b.value), end: word.match.end };
}

/** "a phone number", "no owner", "any tag", "an NPS": the field has a value. */
export function presence(p: Parse, i: number): Clause | undefined {
  // "answered the NPS survey", "never filled out the NPS question" (the negation is the structure step's).
  const answered = p.phrase(i, ANSWERED);
  if (answered) {
    const k = p.skip(answered.end, ['the', 'our', 'a', 'an', 'their', 'its']);
    const found = p.senses(k, 'field', (s) => fieldOf(p, s.field).nullable)[0];
    if (found && SURVEY_NOUNS.has(p.w(found.match.end))) return { node: cond(found.sense.field, 'is_not_null'), end: found.match.end + 1 };
  }
  const article = p.is(i, 'a|an|any|some');
  const before = p.w(i - 1);
  if (!article && !['no', 'without', 'with', 'have', 'has', 'any', 'of'].includes(before)) return undefined;
  // "with an empty country", "with a blank language", "with missing phone": the field has no value.
  const emptied = p.is(article ? i + 1 : i, 'empty|blank|missing|unknown|unset') && !p.is(i - 1, 'no|without') ? 1 : 0;
  const at = (article ? i + 1 : i) + emptied;
  const found = p.senses(at, 'field', (s) => {
    const f = fieldOf(p, s.field);
    return f.nullable || f.type === 'tags';
  })[0];
  if (!found) return undefined;
  // "still need an owner (assigned)": the field is empty ("missing", "lacking" are the structure step's negations).
  p.use(found.match, found.sense);
  const lacking = article && p.is(i - 1, 'need|needs|needing|require|requires');
  let end = lacking && p.is(found.match.end, 'assigned|set|added|yet') ? found.match.end + 1 : found.match.end;
  // "an NPS response", "no NPS score": a survey's answer is the number field's value.
  if (end === found.match.end && fieldOf(p, found.sense.field).type === 'number' && SURVEY_NOUNS.has(p.w(end))) end += 1;
  return { node: cond(found.sense.field, lacking || emptied ? 'is_null' : 'is_not_null'), end };
}

const OWNED_BY: readonly (readonly [readonly string[], true])[] = [
  [['belongs', 'to'], true], [['belong', 'to'], true], [['is', 'owned', 'by'], true], [['are', 'owned', 'by'], true], [['owned', 'by'], true],
  [['is', 'with'], true], [['are', 'with'], true], [['is', 'assigned', 'to'], true], [['are', 'assigned', 'to'], true], [['sits', 'with'], true],
];
/**
 * "either the contact or one of its deals belongs to Sara": the owner of either, the contact's or a deal's
 * (an owner named for two subjects, not the contact's owner and any deal).
 */
function contactOrItsDeals(p: Parse, i: number): Clause | undefined {
  let k = p.is(i, 'either') ? i + 1 : i;
  if (p.is(k, 'the', 'contact|person|record|lead')) k += 2;
  else if (p.is(k, 'they|contact')) k += 1;
  else return undefined;
  if (!p.is(k, 'or')) return undefined;
  k += p.is(k + 1, 'one|any', 'of') ? 3 : 1;
  if (!p.is(k, 'its|their|his|her')) return undefined;
  const noun = p.sense(k + 1, 'relation', (s) => s.relation === 'deals');
  const verb = noun ? p.phrase(noun.match.end, OWNED_BY) : undefined;
  const owner = verb ? p.sense(verb.end, 'value', (s) => fieldOf(p, s.field).references === 'users') : undefined;
  if (!noun || !verb || !owner) return undefined;
  p.use(owner.match, owner.sense);
  p.assume(`read "${p.text(i, owner.match.end)}" as the contact's owner or the owner of one of its deals`);
  return { node: group('or', [cond(owner.sense.field, 'eq', owner.sense.value), relation('deals', true, [cond('owner', 'eq', owner.sense.value)])]), end: owner.match.end };
}

/** Words that mean a field is empty ("unassigned") and NPS bands ("promoters"). */
export function meaningWords(p: Parse, i: number): Clause | undefined {
  const w = p.w(i);
  if (w === 'either' || w === 'the' || w === 'they' || w === 'contact') {
    const either = contactOrItsDeals(p, i);
    if (either) return either;
  }
  const band = NPS_BANDS[w];
  const nps = fieldNamed(p, 'nps');
  if (band && nps) {
    // "detractors (scores 0 through 6)": the band said again in parentheses adds nothing.
    const close = p.tokens[i + 1]?.norm === '(' ? p.tokens.findIndex((t, k) => k > i + 1 && k < i + 9 && t.norm === ')') : -1;
    const restated = close > 0 && p.tokens.slice(i + 2, close).some((t) => t.kind === 'number');
    p.assume(`read "${p.tokens[i]!.text}" as ${band.says}`);
    return { node: cond(nps.key, band.operator as 'gte', band.value), end: restated ? close + 1 : i + 1 };
  }
  // "on a paid plan", "paying tiers": any value but the field's "free" one, said.
  if (w === 'paid' || w === 'paying' || w === 'non-free') {
    const named = p.sense(i + 1, 'field');
    const field = named ? fieldOf(p, named.sense.field) : undefined;
    const values = field?.values?.kind === 'static' ? field.values.values : field?.values?.kind === 'tenant' ? tenantValues(field.values.lookup, p.tenant) : [];
    if (field && named && values.includes('free')) {
      p.assume(`read "${p.text(i, named.match.end)}" as ${field.label.toLowerCase()} other than free`);
      return { node: cond(field.key, 'neq', 'free'), end: named.match.end };
    }
  }
  // "a high NPS", "low NPS scores": the band of that level, said.
  const level = NPS_LEVELS[w];
  const named = level && nps ? p.sense(i + 1, 'field', (s) => s.field === nps.key) : undefined;
  if (level && named) {
    const end = p.is(named.match.end, 'score|scores|rating') ? named.match.end + 1 : named.match.end;
    p.assume(`read "${p.text(i, end)}" as ${level.says}`);
    return { node: cond(nps!.key, level.operator as 'gte', level.value), end };
  }
  // "mid-size" is two words once the hyphen splits it.
  const two = w === 'mid' && p.is(i + 1, 'size|sized|market') ? 1 : 0;
  const size = COMPANY_SIZES[two ? `mid-${p.w(i + 1)}` : w];
  // ("SMEs in Germany": the word is a noun for companies itself.)
  const selfNoun = ['smb', 'smbs', 'sme', 'smes'].includes(w) && !SIZED_NOUNS.has(p.w(i + 1));
  if (size && selfNoun && fieldNamed(p, 'employees')) {
    p.assume(`read "${p.text(i, i + 1)}" as a company with ${size.says}`);
    return { node: cond(fieldNamed(p, 'employees')!.key, size.operator, size.value), end: i + 1 };
  }
  if (size && SIZED_NOUNS.has(p.w(i + 1 + two))) {
    // "big accounts", "small companies": the company's employee count, said (a number says it exactly).
    const employees = fieldNamed(p, 'employees');
    if (employees) {
      const noun = i + 1 + two;
      // "small businesses (under 100 employees)": the number in parentheses says what the word means.
      if (p.is(noun + 1, '(')) {
        const said = fieldComparison(p, noun + 2);
        if (said && said.node.type === 'condition' && said.node.field === employees.key && p.is(said.end, ')')) return { node: said.node, end: said.end + 1 };
      }
      // "small businesses with no more than fifty staff": the number after it says what the word means.
      if (p.is(noun + 1, 'with|of|having')) {
        const said = fieldComparison(p, noun + 2);
        if (said && said.node.type === 'condition' && said.node.field === employees.key) return { node: said.node, end: said.end };
      }
      p.assume(`read "${p.text(i, i + 1 + two)}" as a company with ${size.says}`);
      // The noun is read on: "customers" is still a lifecycle stage.
      return { node: cond(employees.key, size.operator, size.value), end: COMPANY_NOUNS.has(p.w(noun)) || p.is(noun, 'account|accounts') ? noun + 1 : noun };
    }
  }
  const empty = EMPTY_WORDS[w];
  if (empty) {
    const field = fieldNamed(p, empty);
    if (field) return { node: cond(field.key, 'is_null'), end: i + 1 };
  }
  return nobodyOwns(p, i);
}

const EMPTY_WORDS: Record<string, string> = { unassigned: 'owner', ownerless: 'owner', unowned: 'owner', untagged: 'tags' };
const NOBODY = [['nobody'], ['no', 'one'], ['noone'], ['no-one']];
const SOMEBODY = [['anyone'], ['anybody'], ['someone'], ['somebody']];

/** After "nobody" / "someone": the verbs of owning ("nobody is looking after", "someone manages"). */
const OWNING: [string[], true][] = [
  ...OWNS.filter(([, negated]) => !negated).map(([words]) => [words, true] as [string[], true]),
  ...['owned', 'has', 'is managing', 'is handling', 'is responsible for', 'is taking care of', 'looks after them', 'is looking after them'].map((w) => [w.split(' '), true] as [string[], true]),
];

/** "nobody owns", "owned by no one" (no owner); "someone owns", "assigned to anyone" (an owner). */

/** "contacts Sara owns", "leads Eddie doesn't manage": the owner said as the subject (unowned contacts are not Sara's). */
function ownerSubject(p: Parse, i: number): Clause | undefined {
  const owner = p.sense(i, 'value', (s) => fieldOf(p, s.field).references === 'users');
  if (!owner) return undefined;
  const verb = p.phrase(owner.match.end, OWNS);
  if (!verb) return undefined;
  p.use(owner.match, owner.sense);
  return { node: cond(owner.sense.field, verb.value ? 'neq' : 'eq', owner.sense.value), end: verb.end };
}

function nobodyOwns(p: Parse, i: number): Clause | undefined {
  const who = (k: number) => {
    const none = NOBODY.find((ws) => ws.every((word, n) => p.w(k + n) === word));
    const some = none ? undefined : SOMEBODY.find((ws) => ws.every((word, n) => p.w(k + n) === word));
    return none || some ? { empty: !!none, end: k + (none ?? some)!.length } : undefined;
  };
  const verb = p.phrase(i, FIELD_VERBS);
  const after = verb && who(verb.end);
  const before = after ? undefined : who(i);
  if (!after && !before) return ownerSubject(p, i);
  // "contacts nobody has touched in 90 days", "no one has called since May": none of those rows.
  if (before?.empty && p.is(before.end, 'has|have|had|ever')) {
    const k = p.skip(before.end, ['has', 'have', 'had', 'ever', 'yet']);
    const rows = relationClause(p, k);
    if (rows?.node.type === 'relation' && rows.node.has && !rows.node.count) return { ...rows, node: { ...rows.node, has: false } };
  }
  const owning = before ? p.phrase(before.end, OWNING) : undefined;
  if (!after && !owning) return undefined;
  const field = fieldNamed(p, verb?.value ?? 'owner');
  if (!field || field.references !== 'users') return undefined;
  if (after) return { node: cond(field.key, after.empty ? 'is_null' : 'is_not_null'), end: after.end };
  return { node: cond(field.key, before!.empty ? 'is_null' : 'is_not_null'), end: owning!.end };
}

/** Words that are in some phrase of the lexicon ("Bosnia and Herzegovina") but never a word of a field's name. */
const NOT_A_FIELD_WORD = new Set(['and', 'or', 'but', 'nor', 'not', 'with', 'of', 'in', 'the', 'a', 'an', 'to', 'for', 'on', 'at', 'by', 'no', 'without', 'any', 'which', 'whose', 'who', 'that']);
