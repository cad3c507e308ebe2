// Every word the recognizers know by itself (besides the lexicon's phrases): a word outside this set
// and the lexicon is unknown, and only unknown words are compared with the lexicon for typos.
import { DATE_WORDS } from './dates.js';
import { readNumber } from './numbers.js';
import { RELATION_PHRASE_WORDS, RELATION_PHRASES } from './relation-phrases.js';
import { tokenize } from './tokens.js';
import {
  AND_WORDS, BUT_WORDS, CAMPAIGN_NOUNS, DATE_VERBS, COMPANY_NOUNS, COMPARATORS, EMAIL_VERBS, EXCEPT_PHRASES, EXCEPT_WORDS, FIELD_VERBS,
  FILLERS, NEGATIONS, NPS_BANDS, OR_LESS, OR_MORE, OR_WORDS, RELATIVIZERS, TEXT_OPERATORS, ADDRESS_NOUNS, WEBMAIL, SIGNUP_NOUNS, OWNS, CURRENCY, ANSWERED, SURVEY_NOUNS,
} from './vocabulary.js';

/** Words the clause recognizers use directly. */
export const RECOGNIZER_WORDS = [
  'open', 'opened', 'active', 'ongoing', 'closed', 'won', 'lost', 'worth', 'valued', 'value', 'amount', 'totaling', 'totalling',
  'stage', 'phase', 'still', 'created', 'started', 'owned', 'contacted', 'reached', 'out', 'touched', 'called', 'emailed', 'met',
  'inactive', 'speakers', 'speaker', 'speaking', 'outside', 'living', 'live', 'lives', 'headquartered', 'high', 'strong', 'good',
  'great', 'low', 'poor', 'weak', 'product', 'last', 'latest', 'most', 'recent', 'previous', 'past', 'ever', 'recently', 'since',
  'before', 'after', 'until', 'between', 'during', 'within', 'ago', 'older', 'this', 'today', 'yesterday', 'days', 'weeks', 'months',
  'years', 'quarter', 'day', 'week', 'month', 'year', 'added', 'signed', 'up', 'joined', 'unassigned', 'untagged', 'empty',
  'unknown', 'missing', 'blank', 'null', 'set', 'known', 'present', 'none', 'multiple', 'several', 'many', 'score', 'rating',
  'number', 'named', 'new',
];

const KNOWN = new Set<string>([
  ...AND_WORDS, ...OR_WORDS, ...BUT_WORDS, ...NEGATIONS, ...EXCEPT_WORDS, ...EXCEPT_PHRASES.flat(), ...RELATIVIZERS, ...FILLERS,
  ...COMPANY_NOUNS, ...CAMPAIGN_NOUNS, ...Object.keys(NPS_BANDS), ...OR_MORE, ...OR_LESS,
  ...COMPARATORS.flatMap(([w]) => w), ...TEXT_OPERATORS.flatMap(([w]) => w), ...FIELD_VERBS.flatMap(([w]) => w), ...DATE_VERBS.flatMap(([w]) => w),
  ...Object.values(EMAIL_VERBS).flat(2), ...RECOGNIZER_WORDS, ...Object.keys(WEBMAIL), ...ADDRESS_NOUNS, ...RELATION_PHRASE_WORDS,
  ...SIGNUP_NOUNS, ...OWNS.flatMap(([w]) => w), ...CURRENCY, ...DATE_WORDS, ...ANSWERED.flatMap(([w]) => w), ...SURVEY_NOUNS,
]);

/**
 * Verbs a misspelling is compared with (the lexicon's phrases are compared separately). Five letters
 * or more: shorter ones ("read") are too close to everyday words ("ready").
 */
export const TYPO_VERBS: readonly string[] = [
  ...new Set([...Object.values(EMAIL_VERBS).flat(2), ...FIELD_VERBS.map(([words]) => words[0]!), 'contacted', 'emailed', 'called', 'phoned', 'reached', 'created', 'closed', 'started']),
].filter((w) => w.length >= 5);

/**
 * Words of the parser's own vocabulary a misspelling is compared with when no catalog or tenant
 * phrase is close: the time words and connectives a typo most often breaks a clause on ("lsat",
 * "mnths", "wihtout"). Taken from the vocabulary above (a word must be known to be a target), and
 * kept to these: the recognizers read other words inline that a wider list would "correct" away.
 */
const TYPO_TARGETS = new Set([
  'last', 'past', 'previous', 'since', 'before', 'after', 'between', 'within', 'during', 'until', 'recently', 'ever', 'days', 'weeks', 'months',
  'years', 'quarter', 'month', 'week', 'year', 'without', 'except', 'excluding', 'never', 'anything', 'contacts', 'people', 'companies',
  'everyone', 'everybody', 'anyone', 'anybody', 'customers', 'score', 'scores', 'unassigned', 'unsubscribed', 'subscribed',
  // "since jly", "in sepetmber": a misspelt month kills a whole date clause.
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);
/** The time words a count follows ("lst 3 campaigns"): read first when a shortening is ambiguous ("lst" is also "lost"). */
export const TIME_TYPO_WORDS: readonly string[] = ['last', 'past', 'previous', 'since', 'within'];
/** The relations' adjectives ("open", "closed") are typo targets too: taken from their phrase data. */
const RELATION_TARGETS = RELATION_PHRASES.flatMap((r) => r.before.flatMap(([words]) => words)).filter((w) => w.length >= 4);
/** Campaign nouns of six letters or more ("campain"): the email clauses cannot start without one. */
const NOUN_TARGETS = [...CAMPAIGN_NOUNS].filter((w) => w.length >= 6);
export const TYPO_WORDS: readonly string[] = [...KNOWN].filter((w) => TYPO_TARGETS.has(w) || RELATION_TARGETS.includes(w) || NOUN_TARGETS.includes(w));

/** Words found to be numbers or not ("twenty" is, "churned" is not), so each word is tokenized once, not per recognizer and position. */
const NUMBER_WORDS = new Map<string, boolean>();

export function isKnownWord(word: string): boolean {
  if (KNOWN.has(word)) return true;
  let number = NUMBER_WORDS.get(word);
  if (number === undefined) {
    number = readNumber(tokenize(word), 0) !== undefined;
    if (NUMBER_WORDS.size >= 10_000) NUMBER_WORDS.clear(); // words come from users: keep the memo small
    NUMBER_WORDS.set(word, number);
  }
  return number;
}
