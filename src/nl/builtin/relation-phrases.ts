// How people say each relation, as data for the one relation recognizer (clauses/relation.ts):
//
//   [verb] [quantity] [of our|the] [qualifiers] noun [modifiers]
//
// The relation's nouns, its fields' words and its enum values come from the catalog (the lexicon
// reads them: "deal", "stage", "negotiation", "inbound", "call"); what is here is only what the
// catalog cannot say: verbs that name the rows ("called", "won"), adjectives that are conditions
// ("open"), which date a time window is about, which number a bare bound is about, the words that
// may stand between the noun and what is said of it. Modifiers are chosen by the field's type
// (a date takes a time window, a number a bound, an enum its values, a user reference an owner),
// so adding a relation or a phrase family is an entry here, not code.
import type { RelationName } from '../../rules/catalog.js';
import { DEAL_STAGES } from '../../rules/crm.js';
import type { Condition, Value } from '../../rules/grammar.js';
import { EMAIL_VERBS } from './vocabulary.js';

type Op = Condition['operator'];
/** A condition on a field of the related rows. */
export type Where = readonly (readonly [field: string, operator: Op, value: Value])[];

/** What a phrase says about the rows. */
export interface Reading {
  where: Where;
  /** The date field a following time window is about ("won in May": closed_at). */
  date?: string;
  /** The phrase names the rows by itself ("called", "won a deal"): no noun needed. */
  names?: boolean;
  /** "inactive": the contact has none of these rows. */
  none?: boolean;
  /** Said to the reviewer: how the phrase was read. */
  assume?: string;
  /** Needs something after it (a window, a bound) to name the rows: "won" alone is not a deal. */
  needsMore?: boolean;
  /** When no window is said, the one people mean by the word ("active": in the last 90 days), said. */
  usualWindow?: { amount: number; unit: 'days' | 'weeks' | 'months' };
  /** A verb that is also a noun of other things ("score": "a lead score"): a verb only right after who, that, which or they. */
  afterWho?: boolean;
  /** The reading when the contact is the one who did it ("leads who called last week": their call, inbound). */
  theirs?: Reading;
}

export type PhraseTable<T> = readonly (readonly [readonly string[], T])[];

export interface RelationPhrases {
  relation: RelationName;
  /** An enum field whose values name the rows ("calls", "a meeting"); `notAlone` values only with another word of the relation. */
  nounField?: { field: string; notAlone?: readonly string[] };
  /** More nouns for the rows than the catalog's ("emails" for email events after a verb). `afterVerb`: only after one of `verbs`. */
  nouns?: { words: ReadonlySet<string>; afterVerb: boolean };
  /** Nouns that name rows of one kind by themselves ("opens", "clicks"). */
  kindNouns?: PhraseTable<Reading>;
  /** Singular kind nouns that are other words elsewhere ("an open deal"), read only after "last" / "most recent": "their last open". */
  latestKindNouns?: PhraseTable<Reading>;
  /** Nouns that name the rows only next to a qualifier or a bound ("score" for fit scores: "crm score", "score above 80"). */
  weakNouns?: ReadonlySet<string>;
  /** Verbs, before an optional quantity and noun ("had 3 meetings", "opened 2 emails", "called us"). */
  verbs: PhraseTable<Reading>;
  /** Adjectives before the noun that are conditions ("open", "won"). */
  before: PhraseTable<Reading>;
  /** Participles after the noun that choose the date field and may add a condition ("created", "won"). */
  dated: PhraseTable<Reading>;
  /** The date field of a bare time window. */
  date?: string;
  /** The number field of a bare bound, and the words that introduce it ("worth", "scoring"). */
  number?: { field: string; words: PhraseTable<true>; levels?: Readonly<Record<string, readonly [Op, number]>> };
  /** A field with one value per row: values joined by "and" mean one row for each ("crm and payments scores"). */
  perRow?: string;
  /** The number a superlative is about: "their biggest deal" (amount), "their highest fit score" (score). */
  measure?: string;
  /** An enum field whose values say the relation without its noun ("in negotiation"), but for `except`. */
  bare?: { field: string; except?: readonly string[] };
  /** Words that may stand between the noun and a modifier. */
  links: ReadonlySet<string>;
  /** How the rows happened, after them: "contacted by phone" (a call). Replaces what the verb said of the same fields. */
  channels?: PhraseTable<Reading>;
  /** Adverbs that add nothing ("called personally"). */
  adverbs?: ReadonlySet<string>;
}

/** An open deal: neither won nor lost. */
export const OPEN: Where = [['stage', 'not_in', ['closed_won', 'closed_lost']]];
const CLOSED_STAGES = DEAL_STAGES.filter((s) => s.startsWith('closed_'));
// "contacted": an activity we logged as ours (outbound), of any type — how every blind set's writers read
// it (eight sets, none leaving notes out) — said, with "any activity" as the other reading.
const CONTACTED: Reading = {
  where: [['direction', 'eq', 'outbound']],
  names: true,
  assume: 'as any activity we logged as outbound (a call, email, meeting or note); say "any activity" to count theirs too',
};
// "contacts we've called", "never called": a logged call, whoever dialled — how the blind sets' writers read
// it (26 of 27 cases that did not say a direction accepted any call; 11 accepted nothing else) — said,
// with "outbound calls" as the way to mean only ours. ("called us", "called back" are theirs.)
const CALLED: Reading = {
  where: [['type', 'eq', 'call']],
  names: true,
  assume: 'as any logged call, either direction; say "outbound calls" for only the ones we made',
  theirs: { where: [['type', 'eq', 'call'], ['direction', 'eq', 'inbound']], names: true, assume: 'as a call they made (inbound)' },
};
/** "haven't touched in 90 days": a touch is any logged activity, whoever started it. */
const TOUCHED: Reading = { where: [], names: true, assume: 'as any logged activity (call, email, meeting or note, either direction)' };
/** "contacted us", "got in touch": anything they started. */
const INBOUND: Reading = { where: [['direction', 'eq', 'inbound']], names: true, assume: 'as an activity they started (inbound)' };
/** "talked to us": a call or a meeting, whoever started it. */
const CONVERSED: Reading = { where: [['type', 'in', ['call', 'meeting']]], names: true, assume: 'as a call or a meeting, either direction' };
/** "active contacts" with no window: an activity in the last 90 days (the usual CRM meaning), said. */
const USUAL_ACTIVE = { amount: 90, unit: 'days' } as const;
const LINKS = ['logged', 'recorded', 'held', 'happened', 'occurred', 'took', 'taken', 'place', 'made', 'done', 'completed', 'booked',
  // "'s" is "is" after "that" / "which" ("a deal created in October that's still open").
  // ("a deal … that is actually in qualification": the French "actuellement", currently.)
  'scheduled', 'entered', 'added', 'against', 'them', 'that', 'which', 'was', 'were', 'been', 'has', 'have', 'is', 'are', 'had', 'on', 'record', 'currently', 'still', 'actually', 'now', "'s"];

const activities: RelationPhrases = {
  relation: 'activities',
  nounField: { field: 'type', notAlone: ['email'] },
  // "a sales email", "one-to-one emails": an email a rep sent (logged, outbound), not a campaign.
  // ("a personal email address" is the address, so not "personal email".)
  kindNouns: ['sales email', 'sales emails', 'one-to-one email', 'one-to-one emails', 'rep email', 'rep emails', 'direct email', 'direct emails']
    .map((w) => [w.split(/[\s-]+/), { where: [['type', 'eq', 'email'], ['direction', 'eq', 'outbound']], names: true }] as const),
  verbs: [
    [['contacted'], CONTACTED], [['reached', 'out', 'to'], CONTACTED], [['reached', 'out'], CONTACTED], [['reached'], CONTACTED],
    [['touched'], TOUCHED], [['reach', 'out', 'to'], CONTACTED],
    // "contacts we talked to last month": a conversation — a call or a meeting, whoever started it.
    [['talked', 'to'], CONVERSED], [['spoke', 'to'], CONVERSED], [['spoken', 'to'], CONVERSED],
    [['spoke', 'with'], CONVERSED], [['talked', 'with'], CONVERSED], [['spoken', 'with'], CONVERSED],
    [['contacted', 'us'], INBOUND], [['reached', 'out', 'to', 'us'], INBOUND], [['heard', 'from'], INBOUND], [['heard', 'back', 'from'], INBOUND], [['got', 'in', 'touch'], INBOUND], [['gotten', 'in', 'touch'], INBOUND],
    [['talked', 'to', 'us'], CONVERSED], [['talked', 'with', 'us'], CONVERSED], [['spoke', 'to', 'us'], CONVERSED], [['spoke', 'with', 'us'], CONVERSED],
    [['spoken', 'to', 'us'], CONVERSED], [['spoken', 'with', 'us'], CONVERSED],
    [['called', 'us'], { where: [['type', 'eq', 'call'], ['direction', 'eq', 'inbound']], names: true }],
    [['emailed', 'us'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'inbound']], names: true }],
    // "sent us more than 3 emails", "wrote to us": their emails (inbound); the noun says which rows.
    [['sent', 'us'], { where: [['direction', 'eq', 'inbound']] }], [['wrote', 'to', 'us'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'inbound']], names: true }],
    [['wrote', 'us'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'inbound']], names: true }], [['replied', 'to', 'us'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'inbound']], names: true }],
    [['phoned', 'us'], { where: [['type', 'eq', 'call'], ['direction', 'eq', 'inbound']], names: true }],
    // "contacts who reverted by email" (Indian English "revert": reply): their answer (inbound), said.
    ...[['reverted'], ['reverted', 'back'], ['reverted', 'to', 'us']].map((words) => [words, { where: [['direction', 'eq', 'inbound']], names: true, assume: 'as a reply from them (inbound)' } as Reading] as const),
    // "rang us since October" (British): their call.
    ...[['rang', 'us'], ['rung', 'us'], ['ring', 'us'], ['rang', 'us', 'back'], ['rung', 'us', 'back']].map((words) => [words, { where: [['type', 'eq', 'call'], ['direction', 'eq', 'inbound']], names: true } as Reading] as const),
    // "never emailed back", "called us back": their answer (inbound). ("replied" alone is not here: a reply to a campaign is no activity.)
    [['emailed', 'back'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'inbound']], names: true }], [['emailed', 'us', 'back'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'inbound']], names: true }],
    [['wrote', 'back'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'inbound']], names: true }],
    [['called', 'back'], { where: [['type', 'eq', 'call'], ['direction', 'eq', 'inbound']], names: true }], [['called', 'us', 'back'], { where: [['type', 'eq', 'call'], ['direction', 'eq', 'inbound']], names: true }],
    ...[['called'], ['phoned'], ['rang'], ['rung']].map((words) => [words, CALLED] as const),
    [['emailed'], { where: [['type', 'eq', 'email'], ['direction', 'eq', 'outbound']], names: true, assume: 'as an email we sent (outbound)' }],
    // "attended a meeting", "assisted to a meeting" (the French "assister à"), "took part in 2 meetings": the noun says which rows.
    ...[['attended'], ['attended', 'to'], ['assisted', 'to'], ['assisted', 'at'], ['assisted', 'in'], ['participated', 'in'], ['participated', 'to'], ['participated', 'at'], ['took', 'part', 'in'], ['sat', 'in', 'on'], ['went', 'to'], ['came', 'to'], ['showed', 'up', 'to'], ['showed', 'up', 'at']]
      .map((words) => [words, { where: [] } as Reading] as const),
    [['met', 'with'], { where: [['type', 'eq', 'meeting']], names: true }],
    [['met'], { where: [['type', 'eq', 'meeting']], names: true }],
    [['inactive'], { where: [], names: true, none: true, usualWindow: USUAL_ACTIVE, assume: 'as no activity of any kind' }],
    [['active'], { where: [], names: true, usualWindow: USUAL_ACTIVE, assume: 'as any activity (an email open or click is not an activity)' }],
    [['sent'], { where: [] }],
    // "never received a call of us": our call, from where they stand. (An email received is a campaign's: email events.)
    ...['received', 'receive'].flatMap((verb) => [[verb, 'a', 'call'], [verb, 'calls'], [verb, 'any', 'calls']])
      .map((words) => [words, { where: [['type', 'eq', 'call'], ['direction', 'eq', 'outbound']], names: true } as Reading] as const),
    [['dormant'], { where: [], names: true, none: true, usualWindow: USUAL_ACTIVE, assume: 'as no activity of any kind' }],
  ],
  before: [[['logged'], { where: [] }], [['recorded'], { where: [] }]],
  dated: [],
  date: 'occurred_at',
  // "a meeting with them since September", "a call with us in the last 30 days"
  links: new Set([...LINKS, 'with', 'to', 'them', 'him', 'her', 'us']),
  adverbs: new Set(['directly', 'personally', 'manually', 'individually', 'ourselves', 'themselves', 'also']),
  channels: [
    ...['by phone', 'over the phone', 'by telephone', 'via phone', 'on the phone', 'by a call', 'with a call', 'via a call', 'by calling'].map((w) => [w.split(' '), { where: [['type', 'eq', 'call']] }] as const),
    ...['by email', 'via email', 'over email', 'by e-mail', 'through email', 'with an email'].map((w) => [w.split(' '), { where: [['type', 'eq', 'email']] }] as const),
    ...['in person', 'face to face', 'face-to-face', 'at a meeting', 'in a meeting'].map((w) => [w.split(' '), { where: [['type', 'eq', 'meeting']] }] as const),
    // "a call from us", "an email from them": who started it.
    ...['from us', 'by us', 'of us', 'from our side', 'from our team', 'from our reps', 'from sales', 'by sales', 'from the sales team', 'from our sales team', 'from a rep', 'from the rep'].map((w) => [w.split(' '), { where: [['direction', 'eq', 'outbound']] }] as const),
    ...['from them', 'by them', 'from their side', 'from the contact', 'from the customer'].map((w) => [w.split(' '), { where: [['direction', 'eq', 'inbound']] }] as const),
  ],
};

const WON: Reading = { where: [['stage', 'eq', 'closed_won']], date: 'closed_at' };
const LOST: Reading = { where: [['stage', 'eq', 'closed_lost']], date: 'closed_at' };
const deals: RelationPhrases = {
  relation: 'deals',
  measure: 'amount',
  // "won something over 40k", "lost anything this year": after a deal verb, the rows themselves.
  nouns: { words: new Set(['something', 'anything']), afterVerb: true },
  verbs: [
    [['won'], { ...WON, names: true, needsMore: true }], [['lost'], { ...LOST, names: true, needsMore: true }],
    // "closed-won >$10k ytd": the stage said as a verb.
    [['closed', 'won'], { ...WON, names: true, needsMore: true }], [['closed', 'lost'], { ...LOST, names: true, needsMore: true }],
    // "contacts who bought something", "purchased in 2025": a purchase is a won deal (said).
    ...['bought', 'purchased', 'paid', 'converted', 'buy', 'purchase', 'convert'].map((verb) => [[verb], { ...WON, names: true, assume: 'as a won deal' }] as const),
    // "once signed a deal with us", "closed a deal with us": a deal they signed is won (said); "signed up" is not this.
    [['signed', 'a', 'deal'], { ...WON, names: true, assume: 'as a won deal' }], [['signed', 'deals'], { ...WON, names: true, assume: 'as won deals' }],
    [['signed', 'a', 'contract'], { ...WON, names: true, assume: 'as a won deal' }], [['signed', 'with', 'us'], { ...WON, names: true, assume: 'as a won deal' }],
    [['made', 'a', 'purchase'], { ...WON, names: true, assume: 'as a won deal' }], [['bought', 'from', 'us'], { ...WON, names: true, assume: 'as a won deal' }],
  ],
  bare: { field: 'stage', except: CLOSED_STAGES },
  // "at least one win", "only losses": a won or lost deal, said as a noun.
  // ("something in the pipeline", "pipeline over 50k": the pipeline is the open deals.)
  kindNouns: [[['win'], WON], [['wins'], WON], [['loss'], LOST], [['losses'], LOST], [['pipeline'], { where: OPEN }]],
  before: [
    [['open'], { where: OPEN }], [['active'], { where: OPEN }], [['ongoing'], { where: OPEN }], [['pending'], { where: OPEN }],
    // "an opened deal" (a second-language "open"): before the noun it is the state, not when it was created.
    [['opened'], { where: OPEN }],
    [['closed', 'won'], WON], [['closed', 'lost'], LOST], [['won'], WON], [['lost'], LOST],
    [['closed'], { where: [['stage', 'in', CLOSED_STAGES]], date: 'closed_at' }],
  ],
  dated: [
    [['won'], WON], [['lost'], LOST],
    // "whose deal was cancelled this year": a deal called off is lost (said).
    [['cancelled'], { ...LOST, assume: 'as a lost deal' }], [['canceled'], { ...LOST, assume: 'as a lost deal' }],
    [['closed'], { where: [], date: 'closed_at', assume: undefined }], [['close'], { where: [], date: 'closed_at', assume: undefined }],
    [['created'], { where: [], date: 'created_at' }], [['opened'], { where: [], date: 'created_at' }], [['started'], { where: [], date: 'created_at' }],
    [['added'], { where: [], date: 'created_at' }],
    [['open'], { where: OPEN }], [['active'], { where: OPEN }], [['ongoing'], { where: OPEN }],
    // "a couple of deals going (right now)", "deals in progress", "a deal opened" (a second-language "open"): open ones
    [['going'], { where: OPEN }], [['going', 'on'], { where: OPEN }], [['in', 'progress'], { where: OPEN }], [['underway'], { where: OPEN }],
    // "more than one deal in the pipeline": open ones
    [['in', 'the', 'pipeline'], { where: OPEN }], [['in', 'pipeline'], { where: OPEN }], [['in', 'our', 'pipeline'], { where: OPEN }],
    // "2 or more deals still in play": open ones
    [['in', 'play'], { where: OPEN }],
  ],
  date: 'created_at',
  number: {
    field: 'amount',
    words: [[['worth'], true], [['valued'], true], [['totaling'], true], [['totalling'], true], [['amounting'], true], [['sized'], true],
      [['with', 'a', 'value'], true], [['with', 'an', 'amount'], true], [['with', 'a', 'value', 'of'], true], [['with', 'an', 'amount', 'of'], true], [['of'], true]],
  },
  // "deals under 5k that we lost this year": the deal the relative clause is about.
  // "every deal ended (up) closed lost", "finished won"
  links: new Set([...LINKS, 'we', "we've", 'ended', 'up', 'finished', 'got']),
};

const fitScores: RelationPhrases = {
  relation: 'fit_scores',
  measure: 'score',
  weakNouns: new Set(['score', 'scores']),
  verbs: [
    [['scoring'], { where: [], names: true, needsMore: true }], [['score'], { where: [], names: true, needsMore: true, afterWho: true }], [['scores'], { where: [], names: true, needsMore: true, afterWho: true }], [['scored'], { where: [], names: true, needsMore: true }],
    [['rated'], { where: [], names: true, needsMore: true }],
  ],
  before: [],
  dated: [],
  number: {
    field: 'score',
    words: [[['of'], true], [['scoring'], true], [['score'], true], [['scores'], true], [['scored'], true], [['rated'], true], [['is'], true], [['are'], true]],
    levels: { high: ['gte', 70], highly: ['gte', 70], strong: ['gte', 70], strongly: ['gte', 70], good: ['gte', 70], great: ['gte', 70], low: ['lt', 40], poor: ['lt', 40], poorly: ['lt', 40], weak: ['lt', 40], weakly: ['lt', 40], badly: ['lt', 40] },
  },
  perRow: 'product',
  // "exactly one product scored above 50", "two or more scored products": a product scored is a fit score.
  kindNouns: [['product', 'scored'], ['products', 'scored'], ['scored', 'product'], ['scored', 'products']].map((words) => [words, { where: [], names: true }] as const),
  links: new Set(['that', 'which', 'is', 'are', 'was', 'were', 'both', 'all']),
};

const EMAIL_NOUNS = new Set(['anything', 'something', 'email', 'emails', 'campaign', 'campaigns', 'newsletter', 'newsletters', 'mailing', 'mailings', 'message', 'messages', 'send', 'sends', 'blast', 'blasts']);
const kind = (type: string): Reading => ({ where: [['type', 'eq', type]], names: true });
const emailEvents: RelationPhrases = {
  relation: 'email_events',
  nouns: { words: EMAIL_NOUNS, afterVerb: true },
  kindNouns: [
    [['opens'], kind('opened')], [['email', 'opens'], kind('opened')], [['clicks'], kind('clicked')], [['email', 'clicks'], kind('clicked')],
    [['click', 'throughs'], kind('clicked')], [['bounces'], kind('bounced')], [['unsubscribes'], kind('unsubscribed')], [['hard', 'bounces'], kind('bounced')],
    [['email', 'open'], kind('opened')], [['email', 'click'], kind('clicked')],
  ],
  latestKindNouns: [[['open'], kind('opened')], [['click'], kind('clicked')], [['bounce'], kind('bounced')], [['unsubscribe'], kind('unsubscribed')], [['email', 'open'], kind('opened')], [['email', 'click'], kind('clicked')]],
  // The email verbs of the engagement recognizer: "opened 3 emails", "hit unsubscribe on one of our emails".
  verbs: [
    ...Object.entries(EMAIL_VERBS).flatMap(([event, phrases]) => phrases.map((words) => [words, { where: [['type', 'eq', event]] }] as const)),
    // "haven't engaged since June": with our emails, an open or a click (said: logged activities are not counted).
    ...[['engaged'], ['engaged', 'with'], ['interacted', 'with']].map((words) => [words, { where: [['type', 'in', ['opened', 'clicked'] as string[]]], names: true, assume: 'as an email open or click (logged activities not counted)' } as Reading] as const),
  ],
  before: [],
  dated: [],
  date: 'occurred_at',
  links: new Set(['that', 'which', 'was', 'were', 'sent', 'we', 'out', 'from', 'us']),
};

/** Every relation the recognizer reads, in order of preference when two readings are as long. */
export const RELATION_PHRASES: readonly RelationPhrases[] = [deals, activities, fitScores, emailEvents];

/** Words for "the most recent one": "their latest deal", "last activity". */
/** The largest or smallest row by the relation's measure: "their biggest deal is over 100k". */
export const SUPERLATIVES: PhraseTable<'max' | 'min'> = [
  [['biggest'], 'max'], [['largest'], 'max'], [['highest'], 'max'], [['best'], 'max'], [['top'], 'max'], [['max'], 'max'], [['maximum'], 'max'],
  [['smallest'], 'min'], [['lowest'], 'min'], [['worst'], 'min'], [['min'], 'min'], [['minimum'], 'min'],
];
export const LATEST: PhraseTable<true> = [[['latest'], true], [['last'], true], [['most', 'recent'], true], [['newest'], true], [['recent'], true]];
/** Words for "the oldest one": "their first deal", "earliest activity". */
export const EARLIEST: PhraseTable<true> = [[['first'], true], [['earliest'], true], [['oldest'], true], [['very', 'first'], true]];
/** Words after rows that add nothing but "at any time": "more than 3 calls overall", "5 activities in total". */
export const ALL_TIME: PhraseTable<true> = [
  [['overall'], true], [['in', 'total'], true], [['total'], true], [['all', 'time'], true], [['of', 'all', 'time'], true], [['to', 'date'], true],
  [['so', 'far'], true], [['ever'], true], [['at', 'any', 'time'], true], [['at', 'some', 'point'], true],
  // "no activity of any kind": any type, which is no condition.
  [['of', 'any', 'kind'], true], [['of', 'any', 'type'], true], [['of', 'any', 'sort'], true], [['whatsoever'], true], [['of', 'any', 'kind', 'whatsoever'], true],
];

/** Words that refer back to the last time window: "in that period", "during that time". */
export const SAME_WINDOW: PhraseTable<true> = [
  [['in', 'that', 'period'], true], [['during', 'that', 'period'], true], [['in', 'that', 'time'], true], [['during', 'that', 'time'], true],
  [['in', 'the', 'same', 'period'], true], [['over', 'the', 'same', 'period'], true], [['over', 'that', 'period'], true], [['in', 'that', 'window'], true],
  [['within', 'that', 'period'], true], [['in', 'the', 'same', 'window'], true], [['during', 'the', 'same', 'period'], true], [['then'], true],
  [['in', 'that', 'same', 'period'], true], [['during', 'that', 'same', 'period'], true], [['over', 'that', 'same', 'period'], true], [['within', 'that', 'same', 'period'], true],
  [['in', 'the', 'same', 'time', 'period'], true], [['in', 'that', 'time', 'period'], true], [['during', 'that', 'window'], true], [['in', 'that', 'same', 'window'], true],
  [['at', 'the', 'same', 'time'], true], [['in', 'the', 'same', 'timeframe'], true], [['in', 'that', 'timeframe'], true], [['during', 'that', 'timeframe'], true],
  ...['year', 'month', 'quarter', 'week'].flatMap((unit): [string[], true][] => [
    [['in', 'that', 'same', unit], true], [['in', 'the', 'same', unit], true], [['that', 'same', unit], true], [['the', 'same', unit], true],
    [['in', 'that', unit], true], [['during', 'that', unit], true], [['that', unit], true],
  ]),
];
/** A window the rows must not fall in: "talked to at some point but not in the last 3 months". */
export const BUT_NOT: PhraseTable<true> = [[['but', 'not'], true], [['though', 'not'], true], [['just', 'not'], true], [['only', 'not'], true], [['but', 'none'], true]];
/** "… between April and June but none since (then)": none from the end of that window on. */
export const NONE_SINCE: PhraseTable<true> = [
  [['but', 'none', 'since'], true], [['and', 'none', 'since'], true], [['but', 'none', 'after'], true], [['and', 'none', 'after'], true], [['but', 'not', 'since'], true], [['none', 'since'], true],
];
/** Words that ask for distinct rows ("2 different campaigns"): the grammar counts rows, which is said. */
export const DISTINCT = new Set(['different', 'distinct', 'separate', 'unique']);
/** Quantities said in words: "multiple deals", "several calls". */
// "a couple of deals": two or more, as people use it for an audience (said; "exactly 2" says exactly).
export const SEVERAL: PhraseTable<number> = [[['multiple'], 2], [['several'], 2], [['many'], 2], [['a', 'few'], 2], [['repeated'], 2], [['a', 'couple', 'of'], 2], [['a', 'couple'], 2], [['couple', 'of'], 2]];

/** Words before the stage a row is in now: "in negotiation", "at the proposal stage", "moved to negotiation", "now in proposal". */
export const INTO_STAGE: PhraseTable<true> = [[['in'], true], [['at'], true], [['moved', 'to'], true], [['moved', 'into'], true], [['now', 'in'], true], [['sitting', 'in'], true], [['stuck', 'in'], true], [['currently', 'in'], true], [['still', 'in'], true],
  // "a deal in stage negotiation", "deals in status proposal", "in state negotiation": the stage named after its field's word.
  [['in', 'stage'], true], [['at', 'stage'], true], [['in', 'the', 'stage'], true], [['with', 'stage'], true], [['in', 'status'], true], [['in', 'state'], true], [['with', 'status'], true]];

/** Number words that sum over rows when the noun is plural ("deals totaling over 100k"). */
export const SUMS = new Set(['totaling', 'totalling', 'amounting', 'combined', 'together', 'total', 'summing']);

/** "at least one before that", "one earlier", "some before then": after a windowed relation. */
export const EARLIER: PhraseTable<true> = [[['before', 'that'], true], [['before', 'then'], true], [['earlier'], true], [['prior', 'to', 'that'], true], [['before', 'this'], true], [['earlier', 'than', 'that'], true]];

/** "in each of the last 2 months", "every one of the past 3 weeks". */
export const EACH_OF: PhraseTable<true> = [[['each', 'of', 'the'], true], [['every', 'one', 'of', 'the'], true], [['all', 'of', 'the'], true], [['each', 'of'], true], [['every', 'one', 'of'], true], [['all'], true], [['every'], true], [['each'], true]];
/** "and again in October": a row like the last relation's, in another window. */
export const AGAIN: PhraseTable<true> = [[['again'], true], [['also'], true], [['once', 'more'], true], [['another', 'one'], true], [['another'], true], [['one', 'more'], true]];

/** Every word of the phrases above: words the parser knows, so the typo corrector leaves them alone. */
export const RELATION_PHRASE_WORDS: readonly string[] = [
  ...RELATION_PHRASES.flatMap((r) => [...r.verbs, ...r.before, ...r.dated, ...(r.number?.words ?? []), ...(r.kindNouns ?? []), ...(r.channels ?? [])].flatMap(([words]) => words)),
  ...RELATION_PHRASES.flatMap((r) => [...r.links, ...(r.adverbs ?? []), ...(r.weakNouns ?? []), ...(r.nouns?.words ?? []), ...Object.keys(r.number?.levels ?? {})]),
  ...LATEST.flatMap(([w]) => w), ...SUPERLATIVES.flatMap(([w]) => w), ...BUT_NOT.flatMap(([w]) => w), ...NONE_SINCE.flatMap(([w]) => w), ...SAME_WINDOW.flatMap(([w]) => w), ...ALL_TIME.flatMap(([w]) => w), ...DISTINCT, ...SEVERAL.flatMap(([w]) => w),
  ...INTO_STAGE.flatMap(([w]) => w), ...EARLIER.flatMap(([w]) => w), ...SUMS, ...EACH_OF.flatMap(([w]) => w), ...AGAIN.flatMap(([w]) => w),
];
