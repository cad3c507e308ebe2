// Attributes the catalog does not have, and instructions to change data. Both are refusals, not
// audiences: "contacts in Spain with a credit limit over 5000" must not come back as every contact in
// Spain, and "assign all leads in Spain to Eddie" is a task, not a description of an audience.
//
// An attribute reference is recognized by where an unread span stands, not by a list of words: a span
// the parser could not place that is followed by a comparison or a copula ("credit limit over 5000",
// "department is Finance"), or that follows "whose" or a count ("more than 3 support tickets"). A short
// list of attributes CRMs commonly have but this catalog lacks (data, below) catches the ones said
// without an operator ("who visited the pricing page", "with a job title"). Words the catalog knows are
// never unread, so a tenant field labelled "Department" is read as that field, not refused.
import { distance } from 'fastest-levenshtein';
import { type Catalog, resolveFieldName } from '../../rules/catalog.js';
import type { Span } from '../provider.js';
import type { Parse } from './state.js';
import { typoDistance } from './state.js';
import { isKnownWord } from './keywords.js';
import { FOREIGN_CURRENCY } from './vocabulary.js';
import { segmentsNamedBy } from './clauses/segments.js';
import { phraseWords } from './tokens.js';

/**
 * Attributes common in CRMs that this catalog has no field for (checked only against unread words),
 * each with the catalog fields (keys, or relation names) a reviewer would reach for instead; a key the
 * tenant's catalog lacks (a custom property another tenant has) is skipped.
 */
export const ABSENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  (
    [
      [['department', 'departments', 'team', 'division'], ['company.industry', 'tags']],
      [['job title', 'job titles', 'title', 'titles', 'job', 'role', 'seniority', 'position',
        // Roles and personas: what someone is at their company, which no field records.
        'decision maker', 'decision makers', 'champion', 'champions', 'economic buyer', 'economic buyers', 'c level', 'c-level', 'c suite', 'c-suite',
        'stakeholder', 'stakeholders', 'persona', 'personas', 'buyer persona', 'influencer', 'influencers', 'executive sponsor', 'executive sponsors',
        'managers', 'manager', 'directors', 'director', 'heads', 'hr managers', 'payroll heads', 'founders', 'ceos', 'cfos', 'ctos', 'cmos'], ['tags', 'lifecycle_stage']],
      [['city', 'cities', 'state', 'province', 'zip', 'zip code', 'postal code', 'postcode', 'street address', 'street', 'county'], ['country', 'company.country']],
      [['time zone', 'timezone'], ['country', 'language']],
      [['age', 'gender', 'birthday', 'birth date', 'date of birth', 'salary', 'income'], ['tags', 'properties.plan']],
      [['credit limit', 'credit score', 'budget'], ['company.annual_revenue', 'deals']],
      [['lifetime value', 'ltv', 'clv', 'spend', 'total spend'], ['deals', 'company.annual_revenue']],
      [['churn risk', 'lead score', 'health score'], ['fit_scores', 'properties.nps']],
      [['support ticket', 'support tickets', 'ticket', 'tickets', 'support case', 'support cases', 'complaint', 'complaints'], ['activities', 'properties.nps']],
      [['page', 'pages', 'page visit', 'page visits', 'visit', 'visits', 'visited', 'pageviews', 'page views', 'sessions', 'login', 'logins', 'logged in'], ['email_events', 'activities']],
      [['purchase', 'purchases', 'purchased', 'order', 'orders', 'ordered', 'invoice', 'invoices', 'bought'], ['deals', 'properties.plan']],
      [['webinar attendance', 'attended', 'downloaded', 'download', 'downloads'], ['email_events', 'activities', 'tags']],
      [['renewal date', 'renewal', 'renews', 'renew', 'renewed', 'expires', 'expiry', 'expiration', 'contract', 'contracts', 'subscription end'], ['deals', 'properties.plan']],
      // ("mean" is not here: "by which I mean …" says what a word means.)
      [['their crm', 'crm software', 'crm they use', 'tech stack', 'stack', 'technology stack', 'technographics', 'technologies', 'tools they use', 'software they use', 'ehr', 'emr', 'ehr system', 'emr system', 'electronic health record', 'practice management system'], ['company.industry', 'tags']],
      [['twitter', 'linkedin', 'followers'], ['tags', 'properties.source']],
      [['total', 'totals', 'totaling', 'totalling', 'totaled', 'totalled', 'amounting', 'summing', 'adding up', 'add up', 'adds up', 'sum', 'combined', 'cumulative', 'average', 'avg', 'median', 'total deal value', 'average fit score'], ['deals', 'fit_scores']],
      [['mrr', 'arr', 'revenue per month', 'monthly revenue', 'monthly recurring revenue', 'recurring revenue', 'annual recurring revenue', 'recurring', 'monthly recurring', 'seats', 'seat count', 'licenses', 'usage'], ['company.annual_revenue', 'properties.plan']],
      // Product-usage metrics: what the product's analytics know, not the CRM.
      [['weekly active', 'weekly active users', 'daily active', 'daily active users', 'monthly active', 'monthly active users', 'wau', 'dau', 'mau', 'retention rate', '30-day retention', '90-day retention', 'day retention', 'churn rate', 'active users'], ['activities', 'email_events']],
      [['mobile', 'desktop', 'device', 'devices', 'browser', 'iphone', 'android', 'email client', 'email device'], ['email_events']],
      [['probability', 'win probability', 'close probability', 'likelihood', 'forecast', 'forecast category', 'confidence', 'win rate', 'win chance'], ['deals', 'fit_scores']],
      [['discount', 'discounts', 'coupon', 'coupons', 'promo code'], ['deals', 'properties.plan']],
      // Why a deal was lost ("lost on price", "lost to a competitor"): a deal keeps its stage, not its reason.
      [['loss reason', 'lost reason', 'close reason', 'closed reason', 'reason for loss', 'price', 'pricing', 'competitor', 'competitors', 'competition'], ['deals']],
      [['forwarded', 'forward', 'forwards', 'forwarding', 'shared', 'shares'], ['email_events']],
      // A reply to a campaign is not an email event (a reply a rep logged is an inbound email activity).
      [['replied', 'replies', 'reply', 'responded', 'response', 'responses'], ['email_events', 'activities']],
    ] as const
  ).flatMap(([names, related]) => names.map((n) => [n, related] as const)),
);
const ABSENT = new Map(Object.entries(ABSENT_ATTRIBUTES));
const DEVICES = new Set(['mobile', 'desktop', 'device', 'devices', 'browser', 'iphone', 'android', 'email client']);

/** Words after an unread span that make it the name of an attribute being compared. */
const COMPARING = new Set([
  'is', 'are', 'was', 'were', 'equals', 'equal', '=', '>', '<', '>=', '<=', '!=', 'over', 'above', 'below', 'under', 'exceeds', 'exceeding',
  'greater', 'more', 'less', 'fewer', 'higher', 'lower', 'between', 'contains', 'containing', 'includes', 'including', 'starts', 'ends', 'of',
  'at', 'set', 'empty', 'missing', 'not',
]);
/** Words that compare only when a value follows: "credit limit of 5000", not "first half of 2026". */
const COMPARING_BEFORE_VALUE = new Set(['of', 'at']);
const INTRODUCING = new Set(['whose', 'their', 'its', 'his', 'her']);
/** Words that start a count said of rows: "more than 200 beds", "at least 3 tickets". */
const COUNT_LEADS = new Set(['more', 'less', 'fewer', 'over', 'under', 'above', 'below', 'at', 'exactly', 'than', 'min', 'max']);

/** The first unread span that names an attribute, with the catalog's closest fields; undefined when none does. */
export function missingAttribute(p: Parse, spans: readonly Span[], unknown: ReadonlySet<number>): { span: Span; name: string } | undefined {
  for (const span of spans) {
    const first = p.tokens.findIndex((t) => t.start === span.start);
    const last = p.tokens.findIndex((t) => t.end === span.end);
    if (first < 0 || last < 0) continue;
    const words = p.tokens.slice(first, last + 1).map((t) => t.norm);
    // "whose only tag is vip": an unread "only" says how many, not which field.
    if (words.every((w) => w === 'only')) continue;
    // "a lead score above 50": the word before the span may have been read alone ("lead" as a stage).
    const name = attributeName(words) ?? attributeName(p.tokens.slice(Math.max(0, first - 2), first + 1).map((t) => t.norm), true);
    // A tenant may define what other CRMs lack ("Renewal date"): then it is a field, not a refusal.
    if (name && !knownField(name, p.tenant.catalog)) return { span, name };
    // "opened it on mobile": the device an email was read on, even where "mobile" is also a phone field's other name.
    if (name && DEVICES.has(name) && p.is(first - 1, 'on|via|using|from')) return { span, name: 'email device' };
    // "hospitals with more than 200 beds": a count of something the catalog has no field or relation for.
    const bound = words.length >= 3 && words.length <= 5 && COUNT_LEADS.has(words[0]!) ? words.findIndex((w, k) => k > 0 && p.tokens[first + k]!.kind === 'number') : -1;
    const thing = bound > 0 ? words.slice(bound + 1) : [];
    if (thing.length >= 1 && thing.length <= 2 && thing.every((w) => /^[a-z][a-z-]{2,}$/.test(w) && !isKnownWord(w)) && !knownField(thing.join(' '), p.tenant.catalog)) return { span, name: thing.join(' ') };
    const before = p.tokens[first - 1];
    // "subscribed contacts in Berlin": an unknown capitalized place after "in" is a city, which no field holds.
    // ("ppl in amsterdam": one lower-case word no vocabulary knows, where a place stands, is a city as well.)
    const capitalized = p.tokens.slice(first, last + 1).every((t) => t.kind === 'word' && /^\p{Lu}/u.test(t.text)) || (first === last && /^[a-z]{4,}$/.test(p.tokens[first]!.text) && !isKnownWord(p.tokens[first]!.norm) && !p.lex.words.has(p.tokens[first]!.norm) && !p.lattice[first]?.length);
    // Not a month or any other time ("we emailed … in October": the date was left unread, not a city).
    const time = p.dates.read(first - 1)?.conditions.length || p.dates.read(first)?.conditions.length;
    if (capitalized && !time && words.length <= 2 && before && (before.norm === 'in' || before.norm === 'from') && !knownField('city', p.tenant.catalog)) {
      return { span, name: 'city' };
    }
    // The comparison may sit inside the span ("favourite color is blue": "is" joins two unread words).
    const inner = words.findIndex((w, k) => k > 0 && COMPARING.has(w));
    const head = inner > 0 ? words.slice(0, inner) : words;
    const after = inner > 0 ? p.tokens[first + inner] : p.tokens[last + 1];
    const afterAt = inner > 0 ? first + inner : last + 1;
    const value = p.tokens[afterAt + 1];
    const weak = !!after && COMPARING_BEFORE_VALUE.has(after.norm) && !(value && (value.kind === 'number' || value.kind === 'quoted') && !/^\d{4}$/.test(value.norm));
    const compared = !!after && !weak && (COMPARING.has(after.norm) || after.kind === 'number' || after.kind === 'quoted') && (inner > 0 || !unknown.has(last + 1));
    // "a deal probability above 70%": a word right after a relation's noun, compared, is an attribute of its rows.
    const introduced = !!before && (INTRODUCING.has(before.norm) || (compared && !!p.sense(first - 1, 'relation')));
    // "more than 3 support tickets": a count of something the catalog has no relation for.
    const counted = !!before && before.kind === 'number' && words.length <= 3 && words[0]!.length >= 4 && !FOREIGN_CURRENCY.has(words[0]!);
    // A single unread word before "is" is as often a verb or a name as an attribute: it needs "whose".
    if ((compared && (head.length > 1 || introduced)) || (introduced && head.length <= 3) || counted) {
      const named = head.filter((w) => !SKIP.has(w)).join(' ') || span.text;
      // A field the catalog has, that the parser could not use here, stays an open span for the reviewer.
      if (!knownField(named, p.tenant.catalog)) return { span, name: named };
    }
  }
  return undefined;
}

/**
 * "contacts in the VIP Gold segment": unread words right before "segment" / "list" name a segment this
 * tenant does not have. The refusal lists the segments it does have.
 */
export function missingSegment(p: Parse, spans: readonly Span[], used: readonly string[] = []): string | undefined {
  for (const span of spans) {
    const last = p.tokens.findIndex((t) => t.end === span.end);
    if (last < 0 || !p.is(last + 1, 'segment|segments|list|lists')) continue;
    const first = p.tokens.findIndex((t) => t.start === span.start);
    // The word before may have been read as something else ("VIP" as a tag): it is part of the name.
    const from = first > 0 && p.tokens[first - 1]!.kind === 'word' && !p.is(first - 1, 'the|in|of|from|a|an|our|my') ? first - 1 : first;
    // "put together a win-back list — people who …": the list being made (its members follow), not one of the tenant's.
    if (p.is(from - 1, 'a|an') || p.is(last + 2, '—|–|-|:')) continue;
    const name = p.text(from, last + 1);
    const have = p.tenant.segments.map((s) => `"${s.title}"`).join(', ');
    return `There is no segment called "${name}" for this tenant${have ? `; its segments are ${have}` : ''}. Name one of them, or describe its members instead.`;
  }
  // "in the Black Friday VIP segment": words read as other things (a campaign, a tag) still name a
  // segment when "segment" follows them and no segment of the tenant ends there.
  for (let k = 1; k < p.tokens.length; k++) {
    if (p.tokens[k]!.norm !== 'segment') continue;
    let from = k;
    while (from > 0 && p.tokens[from - 1]!.kind === 'word' && !SEGMENT_STOPS.has(p.tokens[from - 1]!.norm)) from -= 1;
    if (from === k) continue;
    const known = p.lattice.some((ms) => ms.some((m) => m.end === k && m.senses.some((x) => x.kind === 'segment')));
    // "the Spring Sale segment", read as "Already ran campaign Spring Sale" by its words: a segment the tree uses.
    const words = p.tokens.slice(from, k).map((t) => t.norm.toLowerCase());
    const inTitle = segmentsNamedBy(p, words).some((id) => used.includes(id));
    if (known || inTitle) continue;
    const have = p.tenant.segments.map((x) => `"${x.title}"`).join(', ');
    return `There is no segment called "${p.text(from, k)}" for this tenant${have ? `; its segments are ${have}` : ''}. Name one of them, or describe its members instead.`;
  }
  // "members of the segment VIP Europe", "in the segment called 'Gold'": a name after "segment", in capitals
  // or quotes, that no segment of the tenant has (its words may have been read as a tag or a region).
  for (let k = 1; k < p.tokens.length; k++) {
    if (p.tokens[k]!.norm !== 'segment' || !p.is(k - 1, 'the|a')) continue;
    const at = p.is(k + 1, 'called|named|titled') ? k + 2 : k + 1;
    let end = at;
    while (end < p.tokens.length && end < at + 6 && (p.tokens[end]!.kind === 'quoted' || (p.tokens[end]!.kind === 'word' && /^\p{Lu}/u.test(p.tokens[end]!.text)))) end += 1;
    if (end === at) continue;
    const words = p.tokens.slice(at, end).flatMap((t) => (t.kind === 'quoted' ? phraseWords(t.norm) : [t.norm]));
    if (segmentsNamedBy(p, words).length) continue;
    const have = p.tenant.segments.map((x) => `"${x.title}"`).join(', ');
    return `There is no segment called "${p.text(at, end).replace(/^["'“‘]|["'”’]$/g, '')}" for this tenant${have ? `; its segments are ${have}` : ''}. Name one of them, or describe its members instead.`;
  }
  return undefined;
}
const SEGMENT_STOPS = new Set(['single', 'one', 'other', 'another', 'each', 'some', 'the', 'in', 'of', 'from', 'a', 'an', 'our', 'my', 'any', 'no', 'every', 'this', 'that', 'same', 'and', 'or', 'not', 'to', 'on', 'either', 'neither', 'nor', 'both', 'their', 'your']);

/** An owner said by a phrase the parser could not read the name of: "owned by Bob", "assigned to alice@globex.example". */
const OWNER_PHRASE = /^(?:(?:owned|managed|handled)\s+by|(?:assigned|reassigned|given)\s+to|owner\s+(?:is\s+)?)\s*(.*)$/i;
/** When an owner was given: "assigned to her in the last 30 days", "reassigned since May". */
const OWNER_HISTORY = /^(?:(?:were|was|got|been)\s+)?(?:assigned|reassigned|given)\b(?:\s+to\s+(?:her|him|them|me|us|\S+(?:\s+\S+)?))?\s+(?:in|within|during|since|after|before|on|this|last|over|recently|lately)\b/i;

/**
 * "leads owned by Bob" (no such user), "assigned to alice@globex.example": an owner this workspace
 * does not have is a refusal naming its owners, not the rest of the sentence without an owner. "assigned
 * to her in the last 30 days" asks for when the owner was given, which the CRM does not keep.
 */
export function missingOwner(p: Parse, spans: readonly Span[]): string | undefined {
  for (const span of spans) {
    const first = p.tokens.findIndex((t) => t.start === span.start);
    const lead = first >= 1 && p.is(first - 1, 'by|to') && p.is(first - 2, 'owned|managed|handled|assigned|reassigned') ? `${p.text(first - 2, first)} ` : '';
    const text = lead + span.text;
    // "assigned to Sara in the last 30 days": the owner read, the window left over.
    const afterOwner = /\b(?:assigned|reassigned|given)\s+to\s+\S+(?:\s+\S+)?\s+(?:in\s+the\s+|in\s+|within\s+(?:the\s+)?|during\s+(?:the\s+)?|over\s+the\s+)?$/i.test(p.description.slice(0, span.start)) && /^(?:in|within|during|since|after|before|on|this|last|past|over|recently|lately)\b/i.test(span.text);
    if (OWNER_HISTORY.test(text) || afterOwner) return 'The CRM keeps each contact\'s current owner, not when the owner was assigned, so "assigned … in a time window" cannot be selected. Use the owner alone (e.g. "owned by Sara Sales"), or a date the CRM has, such as when the contact was created.';
    const m = OWNER_PHRASE.exec(text);
    const name = m?.[1]?.trim();
    if (!name || /^(?:no|nobody|no one|anyone|someone|anybody|somebody|her|him|them)\b/i.test(name)) continue;
    const owners = p.tenant.owners.map((o) => `"${o.name}"`).join(', ');
    return `There is no user "${name}" who owns contacts in this workspace${owners ? `; the owners are ${owners}` : ''}. Name one of them.`;
  }
  return undefined;
}

/** "big deals", "large opportunities": a size without a number, which only the reviewer can say. */
const VAGUE_SIZE = /^(?:big|bigger|biggest|large|larger|huge|massive|small|smaller|tiny|major|significant|sizable|sizeable|juicy|whale)$/i;

/** Sales words with no definition in a CRM's data ("whitespace accounts", "high-intent leads"): asked to be said in its fields. */
const JARGON = new Map<string, string>([
  ['whitespace', 'accounts with no deal yet, or companies in an industry with no customers'], ['white space', 'accounts with no deal yet'],
  ['high intent', 'contacts who clicked a campaign recently, or have an open deal'], ['high-intent', 'contacts who clicked a campaign recently, or have an open deal'],
  ['intent', 'contacts who clicked a campaign recently'], ['icp', 'a company industry and size, e.g. "software companies with 200–1000 employees"'],
  ['ideal customer profile', 'a company industry and size'], ['lookalike', 'the fields they should share'], ['lookalikes', 'the fields they should share'],
]);
export function vagueJargon(spans: readonly Span[]): string | undefined {
  for (const span of spans) {
    const text = span.text.trim().toLowerCase().replace(/[-\s]+/g, ' ');
    const say = JARGON.get(text) ?? JARGON.get(text.replace(/ /g, '-'));
    if (say) return `"${span.text.trim()}" has no definition in this CRM's data, so no audience can be built on it as it is. Say it with the fields, e.g. ${say}.`;
  }
  return undefined;
}

export function vagueAmount(p: Parse, spans: readonly Span[]): string | undefined {
  for (const span of spans) {
    if (!VAGUE_SIZE.test(span.text.trim())) continue;
    const last = p.tokens.findIndex((t) => t.end === span.end);
    // Right before the noun, or before the noun's own qualifiers ("a big open deal").
    const noun = [1, 2, 3].map((d) => last + d).find((k) => p.sense(k, 'relation', (x) => x.relation === 'deals'));
    if (noun === undefined) continue;
    // "a small deal (under $5,000)": the amount is said right after it, in parentheses.
    if (['(', '—', '–', '-', ','].includes(p.w(noun + 1)) && p.tokens.slice(noun + 2, noun + 5).some((t) => t.kind === 'number')) continue;
    return `"${span.text.trim()}" needs an amount: say how big, e.g. "deals over 25k" or "deals worth at least 10,000".`;
  }
  return undefined;
}

/**
 * "tagged something with 'promo' in it" where no tag contains "promo": the text is still open after
 * the words that ask for a tag containing it. Refused with the tenant's tags, not read as any tag.
 */
export function missingTagText(p: Parse, spans: readonly Span[]): string | undefined {
  for (const span of spans) {
    const first = p.tokens.findIndex((t) => t.start === span.start);
    if (first < 2 || p.tokens[first]!.kind !== 'quoted' || !p.is(first - 1, 'with|containing|including|like|contains')) continue;
    if (!p.tokens.slice(Math.max(0, first - 5), first - 1).some((t) => ['tagged', 'tag', 'tags', 'labelled', 'labeled'].includes(t.norm))) continue;
    const tags = p.tenant.tags.map((t) => `"${t}"`).join(', ');
    return `No tag contains "${p.tokens[first]!.norm}"${tags ? `; the tags are ${tags}` : ''}. Name a tag, or a part of one.`;
  }
  return undefined;
}

const COMPARATIVES = new Set(['higher', 'lower', 'greater', 'bigger', 'smaller', 'larger', 'more', 'less', 'fewer', 'than', 'above', 'below', 'over', 'under', 'same', 'as', 'equal', 'to', 'exceeds', 'exceeding', 'beats', 'is', 'are']);

/**
 * "analytics fit higher than their crm fit": a comparison whose other side is a field, not a value.
 * Rules compare a field with a value, so it is refused with what to say instead.
 */
export function comparedFields(p: Parse, spans: readonly Span[]): string | undefined {
  for (const span of spans) {
    const first = p.tokens.findIndex((t) => t.start === span.start);
    const last = p.tokens.findIndex((t) => t.end === span.end);
    if (first < 0 || last < 0 || !p.tokens.slice(first, last + 1).every((t) => COMPARATIVES.has(t.norm)) || !p.tokens.slice(first, last + 1).some((t) => t.norm === 'than' || t.norm === 'as' || t.norm === 'to')) continue;
    const k = p.skip(last + 1, ['their', 'its', 'the', 'his', 'her', 'a', 'an']);
    const other = (p.lattice[k] ?? []).some((m) => m.senses.some((s) => s.kind === 'field' || s.kind === 'relation' || s.kind === 'relField' || s.kind === 'relValue'));
    if (!other) continue;
    return `"${span.text} ${p.text(last + 1, Math.min(p.tokens.length, k + 2))}" compares two fields, which a rule cannot: each condition compares one field with a value. Say a value instead (e.g. "an analytics fit above 70", "at least 3 deals").`;
  }
  return undefined;
}

/** Participles between a row and who did it: "a meeting booked by Sara". */
const DONE_BY = new Set(['booked', 'logged', 'made', 'held', 'done', 'scheduled', 'set', 'created', 'entered', 'recorded', 'placed', 'run', 'sent', 'organized', 'organised', 'arranged', 'taken']);

/**
 * "a meeting booked by Sara", "calls made by Eddie": a person said of rows whose relation records no
 * person (activities and email events have no user field) would otherwise become the contact's owner.
 * Refused, naming the field that does exist.
 */
export function unrecordedPerson(p: Parse): string | undefined {
  for (let k = 1; k + 1 < p.tokens.length; k++) {
    if (p.tokens[k]!.norm !== 'by' || !p.sense(k + 1, 'value', (s) => s.field === 'owner')) continue;
    const at = DONE_BY.has(p.tokens[k - 1]!.norm) ? k - 2 : k - 1;
    const rows = p.lattice[at]?.flatMap((m) => (m.end === at + 1 ? m.senses : [])).find((s) => s.kind === 'relation' || s.kind === 'relValue');
    const relation = rows && (rows.kind === 'relation' || rows.kind === 'relValue') ? p.tenant.catalog.relations.find((r) => r.name === rows.relation) : undefined;
    if (!relation || relation.fields.some((f) => f.references === 'users')) continue;
    return `${relation.label} do not record who ${DONE_BY.has(p.tokens[k - 1]!.norm) ? p.tokens[k - 1]!.norm : 'made'} them, so "${p.text(at, k + 2)}" cannot be read. The closest field is the contact's owner: say "contacts owned by ${p.tokens[k + 1]!.text}" if that is what you mean.`;
  }
  return undefined;
}

/** A time after today: the CRM records activities, email events and deals when they happen. */
const FUTURE = /\b(?:(?:scheduled|planned|due)\s+(?:for|on|in)\s+(?:the\s+)?)?(?:next\s+(?:week|month|quarter|year|few\s+days|\d+\s+(?:days|weeks|months))|tomorrow|upcoming|in\s+the\s+future)\b|\b(?:scheduled|planned|due)\s+(?:for|on|in)\b/i;

/** "a meeting scheduled for next week": a window in the future, which selects nothing; refused with what to say instead. */
/** "for more than 30 seconds", "for at least 5 minutes": how long something lasted. */
const DURATION = /(?:\bfor\s+|^\s*)(?:(?:more|less|longer|shorter|fewer)\s+than\s+|over\s+|under\s+|at\s+least\s+|at\s+most\s+|about\s+|around\s+)?(?:\d+|a|an|one|two|three|five|ten|thirty)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b/i;
/** Words for a consent or an opt-in: the CRM keeps the email status, not when or how it was given. */
const CONSENT = /\b(?:opt(?:ed)?[\s-]?in|opt(?:ed)?[\s-]?out|consent(?:ed)?|gdpr|permission|agreed\s+to|legal\s+basis)\b/i;

/**
 * "read the last newsletter for more than 30 seconds", "a call longer than 10 minutes": how long
 * something lasted is not recorded (email events and activities have a time, not a duration).
 */
export function unrecordedDuration(spans: readonly Span[]): string | undefined {
  const said = spans.map((s) => DURATION.exec(s.text)?.[0]).find((x) => x !== undefined);
  if (!said) return undefined;
  return `"${said}" asks how long something lasted, which this CRM does not record: email events and activities have a time, not a duration. Describe the audience without it (e.g. "opened the last newsletter").`;
}

/**
 * "opted in to marketing before May 2018": a time said of a consent or opt-in, which no field dates (the
 * email status has no date; consent is not recorded at all).
 */
export function undatedConsent(p: Parse, spans: readonly Span[]): string | undefined {
  for (const span of spans) {
    const first = p.tokens.findIndex((t) => t.start >= span.start);
    const last = p.tokens.findIndex((t) => t.end >= span.end);
    if (first < 0 || last < 0) continue;
    const dated = p.tokens.slice(first, last + 1).some((_, k) => !!p.dates.read(first + k)?.conditions.length);
    const around = p.description.slice(Math.max(0, span.start - 40), span.end);
    if (dated && CONSENT.test(around)) {
      return `"${span.text}" gives a time for a consent or opt-in, which this CRM does not record: it keeps each contact's current email status, with no date. Describe the audience by its email status ("subscribed contacts") or by when the contact was created.`;
    }
  }
  return undefined;
}

/**
 * "a payroll fit score above 70": a word no one knows right before "fit" names a product the tenant's
 * fit scores do not have — refused with the products there are, never read as any product.
 */
/** Words that say how good a fit is, not which product: "a perfect fit score". */
const FIT_ADJECTIVES = new Set(['perfect', 'great', 'good', 'strong', 'high', 'low', 'poor', 'weak', 'top', 'bad', 'excellent', 'solid', 'decent', 'ideal', 'best', 'worst', 'overall', 'average', 'total', 'any', 'product', 'real', 'true', 'natural', 'obvious', 'clear', 'strongest', 'weakest', 'highest', 'lowest', 'better', 'worse']);

export function unknownProduct(p: Parse, spans: readonly Span[]): string | undefined {
  for (const span of spans) {
    const last = p.tokens.findIndex((t) => t.end === span.end);
    if (last < 0 || !p.is(last + 1, 'fit|fitscore') || span.text.trim().split(/\s+/).length > 2) continue;
    const products = p.tenant.products;
    const word = span.text.trim().toLowerCase();
    if (!products.length || products.some((x) => x.toLowerCase() === word) || FIT_ADJECTIVES.has(word)) continue;
    return `There is no "${span.text.trim()}" product among the fit scores; the products scored are ${products.map((x) => `"${x}"`).join(', ')}. Name one of them, or leave the product out for any of them.`;
  }
  return undefined;
}

export function futureWindow(spans: readonly Span[]): string | undefined {
  const said = spans.map((s) => FUTURE.exec(s.text)?.[0]).find((x) => x !== undefined);
  if (!said) return undefined;
  return `"${said}" is in the future: activities, email events and deals are recorded when they happen, so nothing can match it yet. Describe a past window instead (e.g. "in the last 7 days").`;
}

function knownField(name: string, catalog: Catalog): boolean {
  return !!resolveFieldName(catalog.contactFields, name) || catalog.relations.some((r) => !!resolveFieldName(r.fields, name) || r.noun === name || r.synonyms.includes(name));
}

const SKIP = new Set(['a', 'an', 'the', 'their', 'any', 'some']);

/** The longest run of the span's words that is a known-absent attribute. */
function attributeName(words: string[], endsLast = false): string | undefined {
  for (let n = Math.min(3, words.length); n >= (endsLast ? 2 : 1); n--) {
    for (let i = endsLast ? words.length - n : 0; i + n <= words.length; i++) {
      const phrase = words.slice(i, i + n).join(' ');
      if (ABSENT.has(phrase)) return phrase;
    }
  }
  return undefined;
}

/** A field key or relation name → its label. */
function labelOf(key: string, catalog: Catalog): string | undefined {
  return catalog.contactField(key)?.label ?? catalog.relations.find((r) => r.name === key)?.label;
}

/** The catalog's fields closest to `name`: the related fields listed for it, else shared words, then spelling. */
export function closestFields(name: string, catalog: Catalog, count = 3): string[] {
  const related = (ABSENT.get(name.toLowerCase()) ?? []).map((k) => labelOf(k, catalog)).filter((l): l is string => l !== undefined);
  if (related.length) return related.slice(0, count);
  const candidates: { label: string; names: string[] }[] = [
    ...catalog.contactFields.map((f) => ({ label: f.label, names: [f.label, ...f.synonyms].map((s) => s.toLowerCase()) })),
    ...catalog.relations.flatMap((r) => [
      { label: r.label, names: [r.label, r.noun, ...r.synonyms].map((s) => s.toLowerCase()) },
      ...r.fields.map((f) => ({ label: f.label, names: [f.label, ...f.synonyms].map((s) => s.toLowerCase()) })),
    ]),
  ];
  const words = name.toLowerCase().split(/\s+/);
  const score = (c: { names: string[] }) =>
    Math.min(
      ...c.names.map((n) => {
        const shared = words.some((w) => w.length > 2 && n.split(/\s+/).includes(w));
        return (shared ? 0 : 1) + distance(n, name.toLowerCase()) / Math.max(n.length, name.length);
      }),
    );
  const seen = new Set<string>();
  return candidates
    .map((c) => ({ label: c.label, s: score(c) }))
    .sort((a, b) => a.s - b.s)
    .filter((c) => !seen.has(c.label) && seen.add(c.label))
    .slice(0, count)
    .map((c) => c.label);
}

/** Words for a figure over several rows: no field holds one, and rules compare one row at a time. */
const AGGREGATES = new Set(['total', 'totals', 'totaling', 'totalling', 'totaled', 'totalled', 'amounting', 'summing', 'adding up', 'add up', 'adds up', 'sum', 'combined', 'cumulative', 'average', 'avg', 'median', 'total deal value', 'average fit score']);

export function noFieldReason(name: string, catalog: Catalog): string {
  if (AGGREGATES.has(name)) {
    return `"${name}" asks for a figure over several deals or scores (a total, sum or average), which no field holds: rules compare one deal or score at a time. Say it of one row ("a deal worth over 100k", "a fit score above 60") or count rows ("at least 2 deals over 50k"). The closest fields are: ${closestFields(name, catalog).join(', ')}.`;
  }
  return `There is no field for "${name}" in this CRM, so no audience can be built on it. The closest fields are: ${closestFields(name, catalog).join(', ')}. Rephrase with one of the available fields, or add the field first.`;
}

/**
 * Verbs that, said as a command, change data. Refused when they open the text ("assign all leads in
 * Spain to Eddie", "please delete …") or open a later clause about the audience ("… and then delete
 * them"); a description that merely contains one ("opened the update newsletter", "contacts who were
 * removed from a list") is an audience.
 */
const STRONG_VERBS = [
  'delete', 'remove', 'drop', 'truncate', 'update', 'insert', 'alter', 'erase', 'wipe', 'purge', 'overwrite', 'modify', 'assign', 'reassign',
  'move', 'merge', 'transfer', 'archive', 'unsubscribe', 'deactivate', 'rename', 'replace', 'convert', 'edit', 'send', 'upload', 'import', 'export',
  'log', 'schedule', 'book', 'enroll', 'enrol', 'resend', 're-send', 'resubscribe', 're-subscribe', 'unassign', 'reactivate', 'recalculate', 'recalc', 'recompute', 'rescore', 'sync', 'notify', 'enrich',
];
/** Verbs that are also nouns ("tag: vip", "email bounced contacts"): a command only with an object ("tag all …", "email them"). */
const WEAK_VERBS = ['tag', 'untag', 'set', 'mark', 'add', 'change', 'email', 'call', 'message', 'subscribe', 'clear', 'reset', 'enable', 'disable', 'give', 'score', 'push', 'text'];
const OPENER = String.raw`(?:please\s+|pls\s+|plz\s+|plse\s+|kindly\s+|now\s+|go\s+ahead\s+and\s+|(?:can|could|would|will)\s+you\s+(?:please\s+)?|i\s+(?:want|need)\s+(?:you\s+)?to\s+|let'?s\s+)*`;
const OBJECT = String.raw`(?:all|every|each|the|those|these|them|their|everyone|everybody|any|our|my|this|that|it)\b`;
const STRONG = STRONG_VERBS.join('|');
const ANY = [...STRONG_VERBS, ...WEAK_VERBS].join('|');
const COMMAND_AT_START = new RegExp(String.raw`^\s*${OPENER}(?:(?:${STRONG})\b|(?:${WEAK_VERBS.join('|')})\s+${OBJECT})`, 'i');
// "… — and also email them the Spring Sale", "…, then change their owner to Eddie".
const COMMAND_LATER = new RegExp(String.raw`(?:[.;!—–]|\s-\s|\b(?:and|then)\b)\s*(?:(?:then|also|afterwards)\s+)*${OPENER}(?:${ANY})\s+${OBJECT}`, 'i');
/** "Put a crm fit score of 100 on all the vip contacts", "attach the partner tag to …": giving them something. */
const COMMAND_PUT = new RegExp(String.raw`^\s*${OPENER}(?:put|place|attach|apply|stick|slap)\s+(?:a|an|the|this|that)\s+(?:[\w-]+\s+){0,5}?(?:on|to|onto)\s+${OBJECT}`, 'i');
/** Tables and SQL verbs are refused wherever they stand. */
const SQL_CHANGE = /\b(drop|truncate|alter)\s+table\b|\b(delete\s+from|insert\s+into|update\s+\w+\s+set)\b/i;

/**
 * "delet evryone tagged trial", "udpate all leads": the first word one letter from a strong verb
 * (dropped, added or swapped), and no word of its own (not "removed", "sends", "exporter").
 */
function misspeltCommand(description: string): boolean {
  const first = /^\s*(?:please\s+|pls\s+|plz\s+|kindly\s+)*([a-z]{5,})\b/i.exec(description)?.[1]?.toLowerCase();
  if (!first || STRONG_VERBS.includes(first) || /(?:ed|ing|s|er)$/.test(first) || isKnownWord(first)) return false;
  // ("unsubscribd contacts": as near the participle, "unsubscribed", as the verb: a state, not a command.)
  const participle = (verb: string) => (verb.endsWith('e') ? `${verb}d` : `${verb}ed`);
  return STRONG_VERBS.some((verb) => verb.length >= 5 && verb[0] === first[0] && typoDistance(verb, first) === 1 && typoDistance(participle(verb), first) > 1);
}

/** "Draft an apology email for the customers who …", "write a message to …": writing content, not an audience. */
const COMMAND_WRITE = new RegExp(String.raw`^\s*${OPENER}(?:draft|write|compose|prepare|craft|generate)\s+(?:a|an|the|some|our|my)?\s*(?:[\w-]+\s+){0,3}?(?:e-?mails?|messages?|letters?|apology|replies|reply|copy|texts?|sms|posts?|notes?|subject\s+lines?)\b`, 'i');

/** Why the text is a command to change data, or undefined. */
export function changesData(description: string): string | undefined {
  if (COMMAND_WRITE.test(description)) {
    return 'The segment builder builds audiences; it does not write emails or messages. Describe who should receive it (e.g. "customers who scored us 0 to 6 on NPS"), save that segment, and write the message in your email tool.';
  }
  // "send list for the autumn push: everyone still subscribed": a list's name before the colon.
  const named = /^\s*[^:]{0,100}\b(?:list|segment|audience|batch|group)\b[^:]*:(.+)$/is.exec(description);
  if (named) description = named[1]!;
  if (COMMAND_AT_START.test(description) || COMMAND_LATER.test(description) || COMMAND_PUT.test(description) || SQL_CHANGE.test(description) || misspeltCommand(description)) {
    return 'The segment builder only describes audiences; it cannot change, assign, send or delete anything. Describe who should be in the segment (e.g. "leads in Spain"), then act on the saved segment.';
  }
  return undefined;
}
