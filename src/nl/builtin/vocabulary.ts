// General English the parser needs besides the catalog and the tenant's values: connectives,
// negations, comparisons, filler words, and a few facts of the language (demonyms, NPS bands,
// email verbs). Field names and values are never listed here; they come from the catalog.
import { type CanonicalOperator, COMPARISON_PHRASES, type CountOperator, TEXT_PHRASES } from '../../rules/operators.js';

export const AND_WORDS = new Set(['and', '&', '+', 'plus', 'also', 'as well as']);
export const OR_WORDS = new Set(['or', '/']);
export const BUT_WORDS = new Set(['but', 'yet', 'while', 'whereas']);
export const NEGATIONS = new Set([
  'not', 'no', 'never', 'without', 'non', "haven't", "hasn't", "hadn't", "don't", "doesn't", "didn't", "aren't",
  "isn't", "wasn't", "weren't", "won't", "can't", 'cannot', 'neither', 'nor', 'lacking', 'lack', 'lacks', 'missing', 'w/o', 'nobody', 'noone', 'none',
]);
/** Words that open an exception: everything after them is excluded. */
export const EXCEPT_WORDS = new Set(['except', 'excluding', 'exclude', 'excludes', 'minus', 'besides', 'unless', 'ignore', 'ignoring', 'disregard', 'disregarding', 'skip', 'skipping', 'omit', 'omitting']);
export const EXCEPT_PHRASES = [
  // "though I'd rather not include anyone who …", "but skip anyone who …", "don't include the partners".
  ['though', "i'd", 'rather', 'not', 'include'], ["i'd", 'rather', 'not', 'include'], ['rather', 'not', 'include'], ["i'd", 'rather', 'exclude'],
  ['though', "i'd", 'want', 'to', 'skip'], ["i'd", 'want', 'to', 'skip'], ['want', 'to', 'skip'], ['but', 'skip'], ['and', 'skip'], ['skipping'],
  ["don't", 'include'], ['do', 'not', 'include'], ['but', "don't", 'include'], ['leave', 'off'], ['but', 'leave', 'off'],
  // "Canadian contacts, but none who are churned": those are left out.
  ['but', 'none', 'who', 'are'], ['but', 'none', 'who'], ['but', 'none', 'that', 'are'], ['but', 'nobody', 'who', 'is'], ['but', 'no', 'one', 'who', 'is'], ['and', 'none', 'who', 'are'],
  ['other', 'than'], ['apart', 'from'], ['save', 'for'], ['saving'], ['bar', 'the'], ['bar', 'those'], ['bar', 'any'], ['barring'], ['except', 'for'], ['with', 'the', 'exception', 'of'], ['leaving', 'out'], ['leave', 'out'], ['but', 'leave', 'out'], ['not', 'including'], ['but', 'exclude'], ['but', 'excluding'], ['and', 'exclude'], ['take', 'out'], ['filter', 'out'], ['minus', 'the']];
/** Words that start a relative clause: what comes before them applies to all of what follows. */
export const RELATIVIZERS = new Set(['who', 'that', 'which', 'whose', 'whom']);

/** Words that carry no condition by themselves. "customers" is not here: it is a lifecycle stage. */
export const FILLERS = new Set([
  'a', 'an', 'the', 'all', 'any', 'some', 'every', 'each', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'have', 'has', 'had', 'having', 'do', 'does', 'did', 'get', 'got',
  'who', 'that', 'which', 'whose', 'whom', 'where', 'those', 'these', 'them', 'they', 'their', 'its', 'this',
  'our', 'my', 'we', 'us', 'i', 'me', 'you', 'your', 'one', 'ones', 'someone', 'anyone', 'everyone', 'everybody', 'anybody',
  'contacts', 'contact', 'people', 'persons', 'person', 'users', 'user', 'folks', 'accounts', 'account', 'members', 'member',
  'squad', 'crowd', 'bunch', 'gang', 'crew', 'cohort', 'group',
  'audience', 'segment', 'records', 'record', 'individuals', 'prospects', 'recipients', 'something', 'anything',
  'company', 'companies', 'business', 'businesses', 'organization', 'organizations', 'organisation', 'organisations', 'firms', 'firm', 'employer',
  'shop', 'shops', 'startup', 'startups', 'outfit', 'outfits', 'society', 'societies', 'entity', 'entities', 'employed', 'working', 'actual',
  'show', 'find', 'list', 'give', 'get', 'select', 'pick', 'want', 'need', 'like', 'would', 'please', 'can', 'could', 'let', "let's", 'thx', 'thanks', 'cheers', 'ta', 'asap', 'pls', 'plz', 'tia',
  'also', 'only', 'just', 'currently', 'still', 'already', 'sometime', 'both', 'either', 'here', 'there', 'then', 'too', 'so', 'such',
  'based', 'located', 'situated', 'doing', 'sit', 'sits', 'fall', 'falls', 'using', 'uses', 'acquired', 'sourced', 'through', 'via', 'came', 'come', 'coming', 'are', 'being', 'whom',
  'currently', 'now', 'ones', "'s", 'create', 'build', 'make', 'target', 'targeting', 'segments', 'lists', ',', ';', ':', '.', '!', '?', '-', '—', '–',
]);

/** Nouns that put a place or a number on the company rather than on the contact. */
export const COMPANY_NOUNS = new Set([
  'company', 'companies', 'business', 'businesses', 'organization', 'organizations', 'organisation', 'organisations',
  'firm', 'firms', 'employer', 'employers', 'headquartered', 'hq', 'headquarters', 'shop', 'shops', 'startup', 'startups', 'outfit', 'outfits',
  // "contacts of societies with …": the French société, the Spanish sociedad.
  'society', 'societies',
]);

/** Words for heads after a number that size a company ("a 50-250 person shop" is its employee count). */
// ("collaborators", "workers": the words other languages use for a company's staff.)
export const SIZED_BY = new Set(['person', 'people', 'persons', 'staff', 'employee', 'employees', 'seat', 'man', 'strong', 'collaborators', 'workers', 'heads']);

/** Words after an industry that name the industry itself ("in the software space"). */
export const INDUSTRY_NOUNS = ['space', 'sector', 'vertical', 'industry', 'market'];

/** Comparison phrases before a number ("more than", "at least"): from the operator table. */
export const COMPARATORS: readonly [string[], CountOperator][] = COMPARISON_PHRASES;
/** "100 or more", "5 or fewer", "9 and up", "8 or better". */
export const OR_MORE = new Set(['more', 'above', 'higher', 'greater', 'over', 'plus', 'better', 'up', 'beyond']);
export const OR_LESS = new Set(['less', 'fewer', 'below', 'lower', 'under', 'worse', 'down']);

/** Text operators, by phrase ("starts with", "does not contain"): from the operator table. */
export const TEXT_OPERATORS: readonly [string[], CanonicalOperator][] = TEXT_PHRASES;

/** Phrases that introduce a value of a field without naming the field ("owned by Sara"). */
export const FIELD_VERBS: [string[], string][] = [
  [['owned', 'by'], 'owner'], [['assigned', 'to'], 'owner'], [['handed', 'over', 'to'], 'owner'], [['handed', 'off', 'to'], 'owner'], [['handed', 'to'], 'owner'],
  [['passed', 'to'], 'owner'], [['belong', 'to'], 'owner'], [['belongs', 'to'], 'owner'], [['reassigned', 'to'], 'owner'], [['transferred', 'to'], 'owner'], [['routed', 'to'], 'owner'], [['given', 'to'], 'owner'], [['belonging', 'to'], 'owner'], [['managed', 'by'], 'owner'], [['handled', 'by'], 'owner'],
  // "contacts followed by Eddie" (the French "suivi par"), "looked after by", "covered by": the owner.
  [['followed', 'by'], 'owner'], [['followed', 'up', 'by'], 'owner'], [['looked', 'after', 'by'], 'owner'], [['covered', 'by'], 'owner'], [['worked', 'by'], 'owner'],
  [['tagged', 'with'], 'tags'], [['tagged', 'as'], 'tags'], [['tagged'], 'tags'], [['labelled'], 'tags'], [['labeled'], 'tags'], [['marked', 'as'], 'tags'], [['marked'], 'tags'],
  // A query's "tag:beta", "tags: vip".
  [['tag', ':'], 'tags'], [['tags', ':'], 'tags'],
  [['speak'], 'language'], [['speaks'], 'language'], [['speaking'], 'language'],
];

/** Verbs for when a contact was created (the catalog's created_at synonyms cover "created"). */
export const DATE_VERBS: [string[], string][] = [
  [['added'], 'created'], [['signed', 'up'], 'created'], [['joined'], 'created'], [['registered'], 'created'], [['was', 'added'], 'created'],
  [['were', 'added'], 'created'], [['became', 'a', 'contact'], 'created'], [['created', 'on'], 'created'],
  // "joined the CRM over 18 months ago": joining us is being added (joining a segment is the segment recognizer's).
  [['joined', 'the', 'crm'], 'created'], [['joined', 'our', 'crm'], 'created'], [['joined', 'us'], 'created'], [['joined', 'the', 'database'], 'created'],
  [['entered', 'the', 'crm'], 'created'], [['came', 'into', 'the', 'crm'], 'created'], [['came', 'into', 'our', 'crm'], 'created'], [['got', 'into', 'the', 'crm'], 'created'],
  [['first', 'came', 'into', 'the', 'crm'], 'created'], [['first', 'entered', 'the', 'crm'], 'created'], [['came', 'into', 'the', 'database'], 'created'], [['were', 'created'], 'created'], [['was', 'created'], 'created'], [['got', 'added'], 'created'],
  [['came', 'in'], 'created'], [['signed', 'up', 'with', 'us'], 'created'], [['first', 'added'], 'created'],
  // "added to the CRM in the last 30 days"
  [['added', 'to', 'the', 'crm'], 'created'], [['added', 'to', 'our', 'crm'], 'created'], [['added', 'to', 'the', 'database'], 'created'],
  [['added', 'to', 'the', 'system'], 'created'], [['created', 'in', 'the', 'crm'], 'created'], [['imported', 'into', 'the', 'crm'], 'created'],
];

/**
 * Phrases for how long a contact has been on record, before "for <duration>": "been in the CRM for
 * more than 18 months" is created more than 18 months ago. Being a customer (or any stage) for a
 * while is not here: the CRM keeps no date of a stage change.
 */
export const TENURE_PHRASES: [string[], true][] = [
  ...['the crm', 'our crm', 'the database', 'our database', 'the system', 'our system', 'the list', 'our list', 'our books', 'the books'].flatMap((place) => [
    [['been', 'in', ...place.split(' ')], true] as [string[], true],
    [['in', ...place.split(' ')], true] as [string[], true],
    [['on', ...place.split(' ')], true] as [string[], true],
    [['been', 'on', ...place.split(' ')], true] as [string[], true],
    // "exist in our CRM since more than 18 months": a second-language "have been in".
    [['exist', 'in', ...place.split(' ')], true] as [string[], true],
    [['exists', 'in', ...place.split(' ')], true] as [string[], true],
  ]),
  [['been', 'with', 'us'], true], [['with', 'us'], true], [['been', 'a', 'contact'], true], [['been', 'contacts'], true], [['been', 'on', 'file'], true], [['on', 'file'], true],
  [['been', 'around'], true], [['been', 'on', 'record'], true], [['on', 'record'], true], [['existed'], true], [['been', 'here'], true],
  // "contacts we've had for more than a year".
  [['we', 'had'], true], [['we', 'have', 'had'], true], [['we', 'have'], true],
];

/** Adjectives and other names of countries (the catalog's country names cover the nouns). */
export const DEMONYMS: Record<string, string> = {
  american: 'US', british: 'GB', german: 'DE', french: 'FR', spanish: 'ES', italian: 'IT', dutch: 'NL', japanese: 'JP',
  brazilian: 'BR', canadian: 'CA', australian: 'AU', vietnamese: 'VN', austrian: 'AT', swiss: 'CH', belgian: 'BE',
  irish: 'IE', portuguese: 'PT', polish: 'PL', swedish: 'SE', norwegian: 'NO', danish: 'DK', finnish: 'FI', greek: 'GR',
  chinese: 'CN', indian: 'IN', mexican: 'MX', korean: 'KR', 'south korean': 'KR', turkish: 'TR', russian: 'RU',
  argentinian: 'AR', argentine: 'AR', chilean: 'CL', colombian: 'CO', israeli: 'IL', egyptian: 'EG', nigerian: 'NG',
  'south african': 'ZA', singaporean: 'SG', indonesian: 'ID', thai: 'TH', filipino: 'PH', czech: 'CZ', hungarian: 'HU',
  romanian: 'RO', ukrainian: 'UA', 'new zealand': 'NZ', kiwi: 'NZ', scottish: 'GB', welsh: 'GB', english: 'GB',
};
export const COUNTRY_ALIASES: Record<string, string> = {
  america: 'US', 'the states': 'US', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', holland: 'NL', 'northern ireland': 'GB', 'down under': 'AU', aussie: 'AU', aussies: 'AU', brasil: 'BR', deutschland: 'DE', espana: 'ES', 'españa': 'ES', italia: 'IT', 'the emirates': 'AE', stateside: 'US', oz: 'AU'
};

/** Verbs of email engagement, by the catalog's email event type. */
export const EMAIL_VERBS: Record<string, string[][]> = {
  opened: [['opened'], ['open'], ['opens'], ['opening'], ['read']],
  clicked: [['clicked', 'on'], ['clicked', 'through'], ['clicked'], ['click', 'on'], ['click'], ['clicks'], ['clicking'], ['clicked', 'through', 'on']],
  delivered: [['received'], ['receive'], ['got'], ['get'], ['were', 'sent'], ['was', 'sent'], ['been', 'sent'], ['delivered'],
    ['emailed', 'about'], ['emailed', 'the'], ['sent', 'the'], ['emailed', 'them', 'about'], ['mailed', 'about'], ['emailed', 'with'], ['reached', 'with']],
  unsubscribed: [['unsubscribed', 'from'], ['unsubscribe', 'from'], ['opted', 'out', 'of'], ['unsubscribed', 'through'], ['unsubscribed', 'via'], ['unsubscribed', 'using'], ['hit', 'unsubscribe', 'on'], ['unsubscribed', 'on'], ['asked', 'to', 'be', 'removed', 'from'], ['asked', 'to', 'be', 'taken', 'off'], ['asked', 'to', 'be', 'unsubscribed', 'from'], ['asked', 'us', 'to', 'stop', 'sending']],
  bounced: [['bounced', 'on'], ['bounced', 'from'], ['bounced']],
};
/** Nouns for a campaign send. */
export const CAMPAIGN_NOUNS = new Set(['campaign', 'campaigns', 'email', 'emails', 'newsletter', 'newsletters', 'mailing', 'mailings', 'send', 'sends', 'blast', 'blasts', 'mail', 'mails', 'message', 'messages']);

/** Webmail providers by the word people use for them, and their address domain. */
export const WEBMAIL: Record<string, string> = {
  gmail: 'gmail.com', googlemail: 'googlemail.com', hotmail: 'hotmail.com', yahoo: 'yahoo.com', outlook: 'outlook.com',
  icloud: 'icloud.com', aol: 'aol.com', protonmail: 'protonmail.com',
};
/** Nouns for an email address ("a gmail address", "@acme.example emails"). */
export const ADDRESS_NOUNS = new Set(['address', 'addresses', 'email', 'emails', 'e-mail', 'e-mails', 'mail', 'account', 'accounts', 'domain', 'inbox', 'inboxes']);

/** Net Promoter Score bands (the standard definition). */
export const NPS_BANDS: Record<string, { operator: string; value: number | number[]; says: string }> = {
  promoters: { operator: 'gte', value: 9, says: 'promoters as NPS 9–10' },
  promoter: { operator: 'gte', value: 9, says: 'promoters as NPS 9–10' },
  passives: { operator: 'between', value: [7, 8], says: 'passives as NPS 7–8' },
  detractors: { operator: 'lte', value: 6, says: 'detractors as NPS 0–6' },
  detractor: { operator: 'lte', value: 6, says: 'detractors as NPS 0–6' },
};

/** Levels said of an NPS ("a high NPS"): the bands by another name, said. */
const HIGH_NPS = { operator: 'gte', value: 9, says: 'an NPS of 9–10 (promoters)' };
const LOW_NPS = { operator: 'lte', value: 6, says: 'an NPS of 0–6 (detractors)' };
export const NPS_LEVELS: Record<string, { operator: string; value: number | number[]; says: string }> = {
  high: HIGH_NPS, good: HIGH_NPS, great: HIGH_NPS, strong: HIGH_NPS, top: HIGH_NPS, low: LOW_NPS, bad: LOW_NPS, poor: LOW_NPS, weak: LOW_NPS,
};

/** People named by what they did to a campaign, before "of": "openers of X" opened X. */
export const DOERS: Record<string, string> = {
  openers: 'opened', opener: 'opened', clickers: 'clicked', clicker: 'clicked', recipients: 'received', recipient: 'received',
  unsubscribers: 'unsubscribed', bouncers: 'bounced',
};

/** Size words before a word for a company or an account: the employee count people usually mean, always said. */
export const COMPANY_SIZES: Record<string, { operator: 'gte' | 'lt' | 'between'; value: number | number[]; says: string }> = {
  big: { operator: 'gte', value: 1000, says: '1,000 employees or more' },
  large: { operator: 'gte', value: 1000, says: '1,000 employees or more' },
  small: { operator: 'lt', value: 50, says: 'fewer than 50 employees' },
  tiny: { operator: 'lt', value: 10, says: 'fewer than 10 employees' },
  midsize: { operator: 'between', value: [50, 999], says: '50 to 999 employees' },
  'mid-size': { operator: 'between', value: [50, 999], says: '50 to 999 employees' },
  midsized: { operator: 'between', value: [50, 999], says: '50 to 999 employees' },
  'mid-sized': { operator: 'between', value: [50, 999], says: '50 to 999 employees' },
  'mid-market': { operator: 'between', value: [50, 999], says: '50 to 999 employees' },
  midmarket: { operator: 'between', value: [50, 999], says: '50 to 999 employees' },
  // Small and medium businesses: under 100 as sales teams use it (the EU's SME, under 250, is said apart).
  smb: { operator: 'lt', value: 100, says: 'fewer than 100 employees' },
  smbs: { operator: 'lt', value: 100, says: 'fewer than 100 employees' },
  sme: { operator: 'lt', value: 250, says: 'fewer than 250 employees (the EU definition)' },
  smes: { operator: 'lt', value: 250, says: 'fewer than 250 employees (the EU definition)' },
};
/** What the size words are said of. */
export const SIZED_NOUNS = new Set([...COMPANY_NOUNS, 'account', 'accounts', 'customers', 'customer', 'clients', 'client', 'logos', 'logo']);

/** Shorthand and dropped apostrophes, as typed in a hurry → the word they stand for. */
export const SHORTHAND: Record<string, string> = {
  havent: "haven't", hasnt: "hasn't", hadnt: "hadn't", dont: "don't", doesnt: "doesn't", didnt: "didn't", arent: "aren't",
  opn: 'open', mfg: 'manufacturing', mfr: 'manufacturing', isnt: "isn't", wasnt: "wasn't", werent: "weren't", wont: "won't", cant: "can't", ppl: 'people', nething: 'anything', smth: 'something', sth: 'something', smthg: 'something', nthg: 'nothing',
  preceding: 'last', neone: 'anyone', nebody: 'anybody', anythin: 'anything', w: 'with', thru: 'through', b4: 'before', u: 'you',
  // CRM shorthand: the words sales and marketing people abbreviate.
  oppties: 'opportunities', custies: 'customers', custys: 'customers', excl: 'excluding', exc: 'excluding', incl: 'including',
  opps: 'opportunities', opp: 'opportunity', oppty: 'opportunity', opptys: 'opportunities', custs: 'customers', cust: 'customer',
  mtgs: 'meetings', mtg: 'meeting', usrs: 'users', frm: 'from', yrs: 'years', yr: 'year', mos: 'months', mnth: 'month', wks: 'weeks',
  wk: 'week', accts: 'accounts', acct: 'account', cos: 'companies', corps: 'companies', subs: 'subscribers', mgmt: 'management',
  "hq'd": 'headquartered', hqd: 'headquartered', "hq'ed": 'headquartered', ovr: 'over', teh: 'the', hte: 'the', adn: 'and', nad: 'and', wiht: 'with', whit: 'with', fro: 'for', ot: 'to',
  fortnite: 'fortnight', fortnites: 'fortnights', havnt: "haven't", hvnt: "haven't", r: 'are', n: 'and', peeps: 'people', thats: 'that', "that's": 'that', "sub'd": 'subscribed', subd: 'subscribed', unsub: 'unsubscribed', unsubs: 'unsubscribers', "unsub'd": 'unsubscribed', unsubd: 'unsubscribed', unsubbed: 'unsubscribed', emps: 'employees', empl: 'employees', empls: 'employees', "we've": 'we', "they've": 'they', "i've": 'i', "we're": 'we', "they're": 'they', "who've": 'who', "you've": 'you', };
/** Words for everyone: "everybody but the bounced ones" is an exception, not "but" joining two conditions. */
/** After a phrase attached to a noun ("with NPS 9+"), "or" followed by one of these adds one more thing the same contacts may have ("or an open deal", "or tagged vip"). */
export const OR_CONTINUES = new Set(['a', 'an', 'tagged', 'labeled', 'labelled', 'marked']);
export const EVERYONE = new Set(['everyone', 'everybody', 'anyone', 'anybody', 'all', 'everything']);
/** Shorthand of several tokens: "n e" is "any" said aloud, "n e thing" is "anything". */
export const SHORTHAND_PHRASES: Record<string, string> = {
  // "the Q one batch", "Q three" (said aloud): the quarter's short name.
  // "the win-back run": re-engaging lost contacts, not a won deal.
  'win back': 'winback',
  // "does not exceed 5,000,000": the operator table's "max" ("not less than" is "no less than": see tokens).
  'not exceeding': 'max', 'does not exceed': 'max', 'do not exceed': 'max', "doesn't exceed": 'max', "don't exceed": 'max',
  // "contacts in respect of whom …", "with regard to": a formal "for".
  'in respect of': 'for', 'with respect to': 'for', 'with regard to': 'for', 'in regard to': 'for',
  // "didn't open even one of the last 6": any of them.
  'even one': 'any', 'even a single': 'any', 'a single one': 'one',
  'q one': 'q1', 'q two': 'q2', 'q three': 'q3', 'q four': 'q4',
  // "whose language is set to Portuguese": the value the field holds.
  'is set to': 'is', 'are set to': 'are', 'was set to': 'was', 'is set as': 'is',
  // "a phone call" is a call (an activity), not the phone field.
  'phone call': 'call', 'phone calls': 'calls', 'telephone call': 'call', 'telephone calls': 'calls', 'phone conversation': 'call', 'phone conversations': 'calls',
  // "customers in Spain as well as leads in Italy": a second audience added, like "plus".
  // "meeting notes", "call notes": notes (an activity of type note), not a meeting that is a note.
  'meeting notes': 'notes', 'call notes': 'notes', 'meeting note': 'note', 'call note': 'note',
  'campaign emails': 'emails', 'campaign email': 'email', 'marketing emails': 'emails', 'marketing email': 'email',
  'as well as': 'plus', 'right now': 'now', 'somewhere between': 'between', 'anywhere between': 'between',
  // "reached out to us on their own": by themselves (an adverb of the activity, no field).
  'on their own': 'also', 'of their own accord': 'also',
  // "tagged neither vip nor partner": neither tag, untagged contacts included.
  'tagged neither': 'neither', 'tagged with neither': 'neither', 'labeled neither': 'neither', 'labelled neither': 'neither',
  // "whose plan is anything but free": a value's negation.
  'anything but': 'not', 'anything except': 'not', 'everything but': 'not', 'everything except': 'not', 'anything besides': 'not',
  // "contacts without a linked company", "not linked to any company": the contact's company.
  'linked company': 'company', 'linked companies': 'companies', 'company linked': 'company', 'associated company': 'company', 'company associated': 'company',
  'linked to': 'at', 'associated with': 'at', 'attached to': 'at',
  // "missing both a phone number and an NPS score": each is missing.
  'missing both': 'neither', 'lacking both': 'neither',
  // "someone else than Eddie" (a second-language "other than"): an exception.
  'else than': 'except', 'else but': 'except', 'other then': 'except',
  // "…, and in any case not the unsubscribed": a discourse marker that only insists (read as "also").
  // "…, and in no case anyone who unsubscribed", "under no circumstances": a negation.
  'in no case': 'not', 'under no circumstances': 'not', 'by no means': 'not', 'in no way': 'not', 'at no point': 'never',
  'in any case': 'also', 'in all cases': 'also', 'in every case': 'also', 'at any rate': 'also', 'either way': 'also', 'of course': 'also',
  'n e': 'any', 'sign ups': 'signups', 'sign up': 'signup', 'n e thing': 'anything', 'n e one': 'anyone', 'n e body': 'anybody', 'any thing': 'anything', 'some thing': 'something',
};

/** Words that make text a question or an instruction rather than a description. */
export const QUESTION_OPENERS = new Set(['what', "what's", 'how', 'why', 'when', 'where', 'whats', 'can', 'could', 'would', 'will', 'should', 'is', 'are', 'do', 'does', 'tell', 'explain']);

/**
 * Other names of common values, by the value's usual name (lower case): a tenant's industry or
 * select-field value with that name is also read from these words ("fintechs" → Finance, "a trade
 * show" → the source event), which is said.
 */
export const VALUE_SYNONYMS: Record<string, readonly string[]> = {
  // Lead sources, as people name them.
  event: ['trade show', 'tradeshow', 'conference', 'expo', 'meetup', 'booth', 'summit', 'in-person event'],
  ads: ['paid ads', 'ppc', 'adwords', 'google ads', 'advertising', 'paid search', 'paid social', 'ad'],
  organic: ['seo', 'organic search'],
  referral: ['referred', 'word of mouth', 'referrals', 'referral program'],
  webinar: ['webinars', 'online event'],
  // Industries (and their shorthand in notes: "hc or fin cos", "mfg").
  finance: ['fintech', 'banking', 'bank', 'financial services', 'insurance', 'insurer', 'wealth management', 'asset management', 'fin serv', 'finserv', 'fin', 'finsvcs'],
  software: ['saas', 'tech', 'technology', 'software company', 'devtools', 'dev tools', 'b2b software', 'sw'],
  healthcare: ['health', 'health care', 'healthtech', 'medtech', 'medical', 'hospital', 'clinic', 'pharma', 'pharmaceutical', 'biotech', 'life sciences', 'hc', 'hcare'],
  education: ['edtech', 'school', 'university', 'higher ed', 'higher education', 'e-learning', 'elearning', 'academia', 'academic', 'college'],
  retail: ['ecommerce', 'e-commerce', 'retailer', 'online retail', 'ecom', 'e-com'],
  media: ['publishing', 'publisher', 'entertainment', 'broadcasting', 'broadcaster'],
  logistics: ['shipping', 'freight', 'transportation', 'supply chain', 'trucking', '3pl'],
  manufacturing: ['manufacturer', 'industrial', 'factory', 'factories', 'mfg', 'mfr'],
};

/** Nouns for contacts by when they were added: "signups from last month", "H1 sign-ups". */
export const SIGNUP_NOUNS = new Set(['signups', 'sign-ups', 'signup', 'sign-up', 'registrations', 'registrants', 'newcomers', 'joiners', 'arrivals']);

/** Verbs after an owner's name; true when negated ("Sara doesn't own"). */
export const OWNS: [string[], boolean][] = [
  [['owns'], false], [['manages'], false], [['handles'], false], [['looks', 'after'], false], [['is', 'looking', 'after'], false], [['takes', 'care', 'of'], false],
  [["doesn't", 'own'], true], [['does', 'not', 'own'], true], [["doesn't", 'manage'], true], [['does', 'not', 'manage'], true], [["doesn't", 'handle'], true], [['does', 'not', 'handle'], true],
];

/** Words for the currency amounts are kept in (the catalog's amounts and revenues are USD). */
export const CURRENCY = new Set(['dollars', 'dollar', 'usd', 'bucks']);
/** Other currencies: amounts are in US dollars, so the word is left open for the reviewer (the number is still read), never converted or taken for a field. */
export const FOREIGN_CURRENCY = new Set(['euro', 'euros', 'eur', 'pound', 'pounds', 'gbp', 'sterling', 'chf', 'franc', 'francs', 'yen', 'jpy', 'sek', 'nok', 'dkk', 'krona', 'kronor', 'krone', 'kroner', 'cad', 'aud']);

/** Verbs for giving a field its value ("answered the NPS survey"): the field is set. */
export const ANSWERED: [string[], true][] = [
  ['answered'], ['responded', 'to'], ['replied', 'to'], ['filled', 'in'], ['filled', 'out'], ['completed'], ['took'], ['submitted'], ['gave', 'an'], ['gave', 'a'],
].map((words) => [words, true]);
/** Nouns after such a field: "the NPS survey". */
export const SURVEY_NOUNS = new Set(['survey', 'surveys', 'question', 'questionnaire', 'form', 'poll', 'score', 'rating', 'response', 'responses', 'answer', 'answers']);

/** Words for contacts in general: after one, a bare time window is when they were added ("contacts from last month"); after a tag, a group of people ("newsletter people"). */
export const PEOPLE_NOUNS = new Set(['contacts', 'contact', 'people', 'folks', 'persons', 'users', 'records', 'prospects', 'individuals', 'members', 'everyone', 'everybody', 'anyone', 'ppl', 'peeps', 'squad', 'crowd', 'bunch', 'gang', 'cohort', 'group', 'crew']);

/** A field (or a relation's row) said to be empty or present: "whose phone is missing", "whose crm fit is blank". */
export const NULL_CHECKS: readonly [string[], 'is_null' | 'is_not_null'][] = [
  [['was', 'never', 'recorded'], 'is_null'], [['never', 'recorded'], 'is_null'], [['is', 'not', 'recorded'], 'is_null'], [['was', 'not', 'recorded'], 'is_null'],
  [["wasn't", 'recorded'], 'is_null'], [['was', 'never', 'set'], 'is_null'], [['was', 'never', 'given'], 'is_null'], [['is', 'recorded'], 'is_not_null'],
  [['is', 'empty'], 'is_null'], [['is', 'unknown'], 'is_null'], [['is', 'missing'], 'is_null'], [['is', 'blank'], 'is_null'], [['is', 'null'], 'is_null'],
  [['is', 'not', 'set'], 'is_null'], [['is', 'set'], 'is_not_null'], [['is', 'known'], 'is_not_null'], [['is', 'present'], 'is_not_null'],
  [['is', 'not', 'empty'], 'is_not_null'], [['is', 'not', 'null'], 'is_not_null'],
  // "where the country is not filled (in)", "whose language isn't specified": said by people who fill in forms.
  [['is', 'not', 'filled', 'in'], 'is_null'], [['is', 'not', 'filled'], 'is_null'], [["isn't", 'filled', 'in'], 'is_null'], [["isn't", 'filled'], 'is_null'],
  [['not', 'filled', 'in'], 'is_null'], [['not', 'filled'], 'is_null'], [['is', 'filled', 'in'], 'is_not_null'], [['is', 'filled'], 'is_not_null'],
  [['is', 'not', 'specified'], 'is_null'], [["isn't", 'specified'], 'is_null'], [['is', 'unspecified'], 'is_null'], [['not', 'specified'], 'is_null'],
  [['is', 'not', 'provided'], 'is_null'], [["isn't", 'provided'], 'is_null'], [['not', 'provided'], 'is_null'],
  [["isn't", 'set'], 'is_null'], [["isn't", 'known'], 'is_null'], [['is', 'not', 'known'], 'is_null'], [['not', 'set'], 'is_null'],
];
