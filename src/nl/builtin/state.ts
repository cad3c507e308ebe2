// The state of one parse: tokens, the lattice of lexicon matches over them (typo corrections
// included), which tokens clauses have consumed, the assumptions to report, and what "it" refers to.
import { distance } from 'fastest-levenshtein';
import { type Catalog, type RelationName, relation as findRelation } from '../../rules/catalog.js';
import type { Condition, Node } from '../../rules/grammar.js';
import type { TenantValues } from '../../rules/tenant.js';
import type { AlternativeReading } from '../provider.js';
import { countryCode, countryName, languageName } from '../../rules/values.js';
import { DATE_WORDS, type DateCondition, DateReader } from './dates.js';
import { fuzzyKey, type Lexicon, lexiconFor, type Sense, type SenseKind } from './lexicon.js';
import { CODE_WORDS, PLACE_WORDS, THE_CODES } from './regions.js';
import { type Token, tokenize } from './tokens.js';
import { isKnownWord, TIME_TYPO_WORDS, TYPO_VERBS, TYPO_WORDS } from './keywords.js';
import { AND_WORDS, BUT_WORDS, CAMPAIGN_NOUNS, FILLERS, NEGATIONS, OR_LESS, OR_MORE, OR_WORDS, RELATIVIZERS } from './vocabulary.js';

/** Edit distance where swapping two neighbouring letters ("Itlay", "lsat") counts as one edit. */
export function typoDistance(a: string, b: string): number {
  if (a.length === b.length && a !== b) {
    let i = 0;
    while (a[i] === b[i]) i += 1;
    if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return 1;
  }
  return distance(a, b);
}

/** A vowel, "y" included but for a final one ("jly", "rcntly" keep it). */
const VOWELS = /[aeiou]|y(?!$)/;

/** Two-letter words a run-together word may contain ("customersin", "nodeals"); other pieces have three letters or more. */
const SHORT_PIECES = new Set(['in', 'on', 'of', 'to', 'at', 'by', 'or', 'no', 'an', 'is', 'eu', 'uk', 'us']);
const MAX_PIECES = 4;
/**
 * Words that say nothing by themselves: a split made only of them is an ordinary English word
 * ("somewhere", "nevertheless", "nowhere"), not a missed space.
 */
const FUNCTION_PIECES = new Set([...FILLERS, ...RELATIVIZERS, ...NEGATIONS, ...AND_WORDS, ...OR_WORDS, ...BUT_WORDS, ...OR_LESS, ...OR_MORE, ...SHORT_PIECES, 'ever', 'else', 'where', 'less', 'more', 'what', 'how', 'when']);

/**
 * "vipcustomersin germany", "lastmonth", "nodeals": an unknown word that is two to four known words
 * written together (a phone's autocorrect, a missed space) is read as those words, and said. The
 * split with the fewest pieces wins, then the one with the longest pieces; a word that no split
 * covers is left for the typo corrector and, failing that, reported.
 */
export function splitRunTogether(tokens: Token[], known: (word: string) => boolean): Token[] {
  if (!tokens.some((t) => t.kind === 'word' && t.norm.length >= 6)) return tokens;
  const out: Token[] = [];
  for (const t of tokens) {
    const pieces = t.kind === 'word' && t.norm.length >= 6 && t.norm.length <= 40 && /^[a-z]+$/.test(t.norm) && t.text.length === t.norm.length && !known(t.norm)
      ? piecesOf(t.norm, known)
      : undefined;
    if (!pieces) {
      out.push(t);
      continue;
    }
    let at = 0;
    pieces.forEach((piece, k) => {
      out.push({
        kind: 'word', text: t.text.slice(at, at + piece.length), norm: piece, start: t.start + at, end: t.start + at + piece.length, joined: { start: t.start, end: t.end },
        ...(k === 0 ? { reading: `read "${t.text}" as "${pieces.join(' ')}"` } : {}),
      });
      at += piece.length;
    });
  }
  return out;
}

/** The words of a description that would be split as run together (their offsets). */
export function runTogetherWords(description: string, tenant: TenantValues): { start: number; end: number }[] {
  const lex = lexiconFor(tenant);
  const out = splitRunTogether(tokenize(description), (w) => lex.words.has(w) || isKnownWord(w)).flatMap((t) => (t.joined && t.joined.start === t.start ? [t.joined] : []));
  return out;
}

function piecesOf(word: string, known: (word: string) => boolean): string[] | undefined {
  // best[i]: the best split of word[0, i) — fewest pieces, then the largest sum of squared lengths.
  const best: ({ pieces: string[]; score: number } | undefined)[] = [{ pieces: [], score: 0 }];
  for (let end = 2; end <= word.length; end++) {
    for (let start = Math.max(0, end - 24); start <= end - 2; start++) {
      const before = best[start];
      if (!before || before.pieces.length >= MAX_PIECES) continue;
      const piece = word.slice(start, end);
      if (piece.length === 2 ? !SHORT_PIECES.has(piece) : !known(piece)) continue;
      const pieces = [...before.pieces, piece];
      const score = before.score + piece.length * piece.length;
      const now = best[end];
      if (!now || pieces.length < now.pieces.length || (pieces.length === now.pieces.length && score > now.score)) best[end] = { pieces, score };
    }
  }
  const found = best[word.length];
  return found && found.pieces.length >= 2 && !found.pieces.every((p) => FUNCTION_PIECES.has(p)) ? found.pieces : undefined;
}
const TAGGED = new Set(['tagged', 'tag', 'tags', 'labeled', 'labelled', 'label']);
const SKELETONS = new WeakMap<readonly unknown[], Map<string, unknown>>();

/** A word's first letter and the consonants after it: "opened" → "opnd", "july" → "jly" (a final "y" stays). */
const skeleton = (word: string): string => word[0] + word.slice(1).replace(/[aeiou]|y(?!$)/g, '');

/**
 * The one word `short` is a shortening of: same first and last letter, one to three letters left out
 * and the rest in order ("clikd" of "clicked"); undefined when none or several are.
 */
function shorteningOf(short: string, words: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const word of words) {
    const cut = word.length - short.length;
    if (cut < 1 || cut > 3 || word[0] !== short[0] || word[word.length - 1] !== short[short.length - 1]) continue;
    let k = 0;
    for (let c = 0; c < word.length && k < short.length; c++) if (word[c] === short[k]) k++;
    if (k < short.length) continue;
    if (found !== undefined && found !== word) return undefined;
    found = word;
  }
  return found;
}

/**
 * The items of a list by the skeleton of their text, computed once per list (the parser's own words,
 * or a bucket of one-word lexicon phrases); a skeleton two items share maps to none.
 */
function bySkeleton<T>(items: readonly T[], text: (item: T) => string): Map<string, T | undefined> {
  let map = SKELETONS.get(items) as Map<string, T | undefined> | undefined;
  if (!map) {
    map = new Map();
    for (const item of items) {
      const word = text(item);
      const key = skeleton(word);
      if (key.length < 3 || key === word) continue;
      map.set(key, map.has(key) && map.get(key) !== item ? undefined : item);
    }
    SKELETONS.set(items, map);
  }
  return map;
}
const asWord = (w: string): string => w;
const DATE_WORD_SET = new Set(DATE_WORDS);
/** Words that join the items of a list ("us or canada", "us + ca"). */
const LIST_JOINS = new Set([',', 'and', 'or', '&', '+', '/']);
const NO_PHRASES: readonly { text: string; senses: Sense[] }[] = [];
const phraseText = (ph: { text: string }): string => ph.text;

/** After a campaign's name: it was sent ("since the Spring Sale went out"). */
const SENT_PHRASES: [string[], true][] = [
  [['went', 'out'], true], [['was', 'sent'], true], [['was', 'sent', 'out'], true], [['went', 'live'], true], [['launched'], true], [['dropped'], true],
  [['was', 'launched'], true], [['got', 'sent'], true], [['hit', 'inboxes'], true],
];

export interface Match {
  start: number;
  end: number;
  senses: Sense[];
  /** Set when the words were a typo of the phrase: the text as written. */
  typo?: string;
}

export interface Clause {
  node: Node;
  /** The clause consumed the tokens from where it was asked to start up to here. */
  end: number;
  /** How words were read (returned by recognizers that change nothing in the parse). */
  assumptions?: readonly string[];
  /** What later clauses may refer back to. */
  refs?: Partial<Refs>;
}

/** What a clause leaves for later ones to refer to: "it", "them", "elsewhere", "in that period". */
export interface Refs {
  lastCampaigns: CampaignSet | undefined;
  lastEvent: string | undefined;
  lastPlace: { codes: string[]; company: boolean } | undefined;
  lastWindow: readonly DateCondition[] | undefined;
  /** The contact date field the last clause was about ("created … and before May"). */
  lastDateField: string | undefined;
  /** The rows of the last relation clause with a time window, for "but at least one before that". */
  lastRows: WindowedRows | undefined;
  /** The last segment named, for "… but not in it now". */
  lastSegment: string | undefined;
  /** The relation of the last relation clause, for "… but none won". */
  lastRelation: RelationName | undefined;
}

export interface WindowedRows {
  relation: RelationName;
  /** Its conditions other than the window. */
  where: readonly Condition[];
  field: string;
  window: readonly DateCondition[];
}

export type Recognizer = (p: Parse, i: number) => Clause | undefined;

/** Campaigns an email clause was about, for "it", "them" and "but not Case Study". */
export interface CampaignSet {
  last: number | null;
  ids: string[] | null;
}

const SKIPPABLE = new Set(['—', '–', '-', '/', '·']);
/** Nouns for the people a description is about: a lower-case code right before one is a place ("es leads"). */
const AUDIENCE_NOUNS = new Set(['contacts', 'contact', 'people', 'leads', 'customers', 'companies', 'accounts', 'prospects', 'users', 'folks', 'subscribers', 'mqls', 'sqls', 'opportunities', 'businesses', 'partners', 'speakers']);

type PhraseList<T> = readonly (readonly [readonly string[], T])[];

/** "a|an|any" → its words; the patterns are written in the code, so this stays small. */
const ALTERNATIVES = new Map<string, readonly string[]>();
function alternatives(pattern: string): readonly string[] {
  let alts = ALTERNATIVES.get(pattern);
  if (!alts) ALTERNATIVES.set(pattern, (alts = pattern.split('|')));
  return alts;
}

/**
 * A phrase list's entries by first word, in list order. Recognizers ask "which phrase starts here"
 * at every token, so scanning whole lists there made parse time grow with the vocabulary.
 */
const BY_FIRST_WORD = new WeakMap<PhraseList<unknown>, Map<string, PhraseList<unknown>>>();
function phrasesStartingWith<T>(list: PhraseList<T>, word: string): PhraseList<T> {
  let index = BY_FIRST_WORD.get(list);
  if (!index) {
    index = new Map();
    for (const entry of list) {
      // An empty phrase matches anywhere: keep the whole list for every word (none exist today).
      if (entry[0].length === 0) {
        index = new Map([['', list]]);
        break;
      }
      const first = entry[0][0]!;
      index.set(first, [...(index.get(first) ?? []), entry]);
    }
    BY_FIRST_WORD.set(list, index);
  }
  return (index.get(word) ?? index.get('') ?? []) as PhraseList<T>;
}

/**
 * How many words one parse may read (each recognizer tried counts one more). Recognizers look ahead
 * from every token, so text built to make them look far (a run of hundreds of "a" or "1,") would
 * cost time growing with the square of its length on the request thread. Realistic descriptions of
 * 2,000 characters (the API's limit) take under 22,000 steps, the phrasing rows under 1,000 (see
 * bench/parser.ts); past the budget the scan stops and the words left are reported as unrecognized,
 * so the reviewer sees them and nothing is silently dropped. A count, not a clock, so the same text
 * always parses the same way.
 */
export const STEP_BUDGET = 50_000;

/** Per-lexicon memos of walks over every word (the lexicon never changes once built). */
const SENSES_OF = new WeakMap<Lexicon, Map<string, { text: string; senses: Sense[] }[]>>();
const ONLY_STARTING = new WeakMap<Lexicon, Map<string, Sense | undefined>>();

export class Parse {
  readonly tokens: Token[];
  readonly lex: Lexicon;
  readonly lattice: Match[][];
  readonly dates: DateReader;
  readonly assumptions: string[] = [];
  /** Assumptions with a real alternative reading, by their text. */
  readonly alternatives = new Map<string, Omit<AlternativeReading, 'assumption'>>();
  lastCampaigns: CampaignSet | undefined;
  lastEvent: string | undefined;
  /** The countries of the last place clause, for "elsewhere". */
  lastPlace: { codes: string[]; company: boolean } | undefined;
  /** The time window of the last relation clause, for "in that period". */
  lastWindow: readonly DateCondition[] | undefined;
  lastDateField: string | undefined;
  lastRows: WindowedRows | undefined;
  lastSegment: string | undefined;
  lastRelation: RelationName | undefined;

  constructor(
    readonly description: string,
    readonly tenant: TenantValues,
    readonly asOf: Date,
    /** Whether run-together words are split (the provider parses again without when a split is not read). */
    split = true,
  ) {
    this.lex = lexiconFor(tenant);
    const tokens = tokenize(description);
    this.tokens = split ? splitRunTogether(tokens, (w) => this.lex.words.has(w) || isKnownWord(w)) : tokens;
    this.dates = new DateReader(this.tokens, asOf);
    this.lattice = this.tokens.map((_, i) => this.exactAt(i));
    this.correctTypos();
    this.dates.moment = (i) => this.campaignSent(i);
    this.dates.note = (text) => this.assume(text);
    this.dates.nameBeyond = (i, end) => this.senses(i, 'campaign').some((f) => f.match.end > end && !f.sense.partial);
    for (const t of this.tokens) if ((t.kind === 'number' || t.kind === 'word') && t.reading) this.assume(t.reading);
  }

  /** "the Spring Sale (campaign) (went out)": when a named campaign was sent. */
  private campaignSent(i: number): { at: Date; end: number } | undefined {
    const k = this.is(i, 'the|our') ? i + 1 : i;
    const found = this.senses(k, 'campaign').find((f) => !f.sense.family && (!f.sense.partial || f.match.end - f.match.start > 1));
    const sent = found ? this.tenant.campaigns.find((c) => c.id === found.sense.id)?.sentAt : undefined;
    if (!found || !sent) return undefined;
    let end = found.match.end;
    if (this.is(end, 'campaign|email|newsletter|send|blast|mailing')) end += 1;
    const said = this.phrase(end, SENT_PHRASES);
    this.assume(`read "${this.text(i, said ? said.end : end)}" as the moment "${found.sense.label}" was sent (${sent.toISOString().slice(0, 16).replace('T', ' ')} UTC)`);
    return { at: sent, end: said ? said.end : end };
  }

  /** Words read so far: the parse's cost, bounded by STEP_BUDGET (see scan). */
  steps = 0;
  /** placeContext's answers by token. */
  private readonly places: (boolean | undefined)[] = [];

  w(i: number): string {
    this.steps += 1;
    return this.tokens[i]?.norm ?? '';
  }

  /** Whether the parse has read its budget of words: scanning stops and the rest is reported. */
  exhausted(): boolean {
    return this.steps > STEP_BUDGET;
  }

  /** Whether the words at i are exactly `words` (each may list alternatives with |). */
  is(i: number, ...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!alternatives(words[k]!).includes(this.w(i + k))) return false;
    return true;
  }

  /** The longest phrase from the list starting at i (the first in the list when two are as long). */
  phrase<T>(i: number, list: PhraseList<T>): { value: T; end: number } | undefined {
    let best: { value: T; end: number } | undefined;
    // Only the phrases that start with the word at i can match: looked up, not scanned.
    // Each word after the first is counted once however many phrases compare it.
    let read = 0;
    for (const [words, value] of phrasesStartingWith(list, this.w(i))) {
      let k = 1;
      while (k < words.length && this.tokens[i + k]?.norm === words[k]) k += 1;
      read = Math.max(read, Math.min(k, words.length - 1));
      if (k === words.length && (!best || i + words.length > best.end)) best = { value, end: i + words.length };
    }
    this.steps += read;
    return best;
  }

  /** Skips the given words. */
  skip(i: number, words: ReadonlySet<string> | readonly string[]): number {
    if (words instanceof Set) {
      while (i < this.tokens.length && words.has(this.w(i))) i += 1;
    } else {
      while (i < this.tokens.length && (words as readonly string[]).includes(this.w(i))) i += 1;
    }
    return i;
  }

  /** Matches at i with a sense of the given kind (and passing the filter), longest first. */
  senses<K extends SenseKind>(i: number, kind: K, filter: (s: Extract<Sense, { kind: K }>) => boolean = () => true): { sense: Extract<Sense, { kind: K }>; match: Match }[] {
    const out: { sense: Extract<Sense, { kind: K }>; match: Match }[] = [];
    for (const match of this.lattice[i] ?? []) {
      for (const s of match.senses) if (s.kind === kind && filter(s as Extract<Sense, { kind: K }>)) out.push({ sense: s as Extract<Sense, { kind: K }>, match });
    }
    return out.sort((a, b) => b.match.end - a.match.end);
  }

  sense<K extends SenseKind>(i: number, kind: K, filter?: (s: Extract<Sense, { kind: K }>) => boolean) {
    return this.senses(i, kind, filter)[0];
  }

  /** Records the reading of a corrected typo when a clause uses the match (into `notes` when given). */
  use(match: Match, sense: Sense, notes?: string[]): void {
    if (!match.typo) return;
    const text = `read "${match.typo}" as ${describeSense(sense, this.tenant.catalog)}`;
    if (notes) notes.push(text);
    else this.assume(text);
  }

  /** Records an assumption; with `alternative`, the other reading the reviewer can switch to. */
  assume(text: string, alternative?: Omit<AlternativeReading, 'assumption'>): void {
    if (alternative && !this.alternatives.has(text)) this.alternatives.set(text, alternative);
    if (!this.assumptions.includes(text)) this.assumptions.push(text);
  }

  text(start: number, end: number): string {
    const a = this.tokens[start];
    const b = this.tokens[end - 1];
    return a && b ? this.description.slice(a.start, b.end) : '';
  }

  private exactAt(i: number): Match[] {
    const t = this.tokens[i]!;
    const out: Match[] = [];
    if (t.kind === 'quoted') {
      let node = this.lex.trie;
      for (const w of tokenize(t.norm).filter((x) => x.kind !== 'punct').map((x) => x.norm)) {
        const next = node.next.get(w);
        if (!next) return out;
        node = next;
      }
      if (node.senses.length) out.push({ start: i, end: i + 1, senses: node.senses });
      return out;
    }
    let node = this.lex.trie;
    for (let j = i; j < this.tokens.length; j++) {
      const tok = this.tokens[j]!;
      if (j > i && tok.kind === 'punct' && SKIPPABLE.has(tok.norm)) continue;
      const next = node.next.get(tok.norm);
      if (!next) break;
      node = next;
      // ("tag IN (vip, partner)": "IN" before a parenthesis is the operator, never India.)
      const senses = node.senses.filter((s) => s.kind !== 'country' || !s.short || j > i || ((/^[A-Z.]+$/.test(t.text) || ['uk', 'usa'].includes(t.norm) || this.placeContext(i)) && !this.operatorIn(i)));
      if (senses.length) out.push({ start: i, end: j + 1, senses });
    }
    return out.reverse();
  }

  /**
   * Whether a lower-case code at i is clearly a place: after "in" / "from" / "based in" (skipping
   * "the") or after another such code in a list ("in br or ca"); before an audience noun ("es
   * leads") only for a country the tenant has contacts in. Never a code that is also an English word.
   */
  private placeContext(i: number): boolean {
    // Remembered per token: a long list of codes ("br, ca, mx, …") asks the same question of each earlier one.
    let known = this.places[i];
    if (known === undefined) {
      this.places[i] = false; // asked again while answering (a list of codes asks its neighbours): not yet
      this.places[i] = known = this.isPlaceContext(i);
    }
    return known;
  }

  private isPlaceContext(i: number): boolean {
    const t = this.tokens[i];
    if (!t || t.kind !== 'word' || t.norm.length !== 2) return false;
    const the = this.w(i - 1) === 'the';
    const before = the ? this.w(i - 2) : this.w(i - 1);
    // "in the us": the pronoun never takes "the", so after "the" it is the country.
    if (CODE_WORDS.has(t.norm)) {
      if (!THE_CODES.has(t.norm)) return false;
      if (the && PLACE_WORDS.has(before)) return true;
      // "enterprise plan, us only": "only" after it, at the end of a clause, is the country.
      if (this.w(i + 1) === 'only' && (before === ',' || i === 0) && (!this.tokens[i + 2] || this.tokens[i + 2]!.kind === 'punct')) return true;
      // "us or canada", "canada or the us", "us + ca": listed with another country, the pronoun is not meant.
      const after = this.w(i + 2) === 'the' ? i + 3 : i + 2;
      return (LIST_JOINS.has(before) && this.countryAt(i - (the ? 3 : 2))) || (LIST_JOINS.has(this.w(i + 1)) && this.countryAt(after));
    }
    if (PLACE_WORDS.has(before)) return true;
    if (LIST_JOINS.has(before) && this.placeContext(i - 2)) return true;
    // "vn + br on the pro plan": two codes of countries the tenant has contacts in, listed together.
    const next = this.tokens[i + 2];
    const listed = ['+', '/', '&'].includes(this.w(i + 1)) || (this.w(i + 1) === 'or' && next?.norm.length === 2);
    if (listed && next?.kind === 'word' && next.norm.length === 2 && !CODE_WORDS.has(next.norm) && this.tenant.countries.includes(t.norm.toUpperCase()) && this.tenant.countries.includes(next.norm.toUpperCase())) return true;
    return AUDIENCE_NOUNS.has(this.w(i + 1)) && this.tenant.countries.includes(t.norm.toUpperCase());
  }

  /** Whether a country is named at k: a full name, a code in capitals, or a lower-case code where a place stands. */
  private countryAt(k: number): boolean {
    const t = this.tokens[k];
    if (!t || t.kind !== 'word') return false;
    // Read from the lexicon, not the lattice: this is asked while the lattice is being built.
    const senses = this.lex.trie.next.get(t.norm)?.senses ?? [];
    return senses.some((s) => s.kind === 'country' && (!s.short || ((/^[A-Z.]+$/.test(t.text) || ['uk', 'usa'].includes(t.norm) || (t.norm.length === 2 && this.placeContext(k))) && !this.operatorIn(k))));
  }

  /** "IN (" in a filter written as a query: the operator, not the country code. */
  private operatorIn(i: number): boolean {
    return this.tokens[i]?.norm === 'in' && this.tokens[i + 1]?.norm === '(';
  }

  /** A misspelled verb ("clikced", "opend") is read as the verb, and said. */
  private correctVerb(i: number): boolean {
    return this.correctWord(i, TYPO_VERBS);
  }

  /**
   * A misspelled word of the parser's own vocabulary ("lsat", "mnths", "wiht") is read as the word,
   * and said. The vocabulary is the one the recognizers already use (keywords.ts), so no word has to
   * be listed twice. Four-letter words only by a swap of two letters ("data" is not "date").
   */
  private correctWord(i: number, words: readonly string[]): boolean {
    const t = this.tokens[i]!;
    // Two edits only for long words: "enabled" is two letters from "emailed", and is not a typo of it.
    const limit = t.norm.length >= 8 ? 2 : t.norm.length >= 4 ? 1 : 0;
    let best: { word: string; d: number } | undefined;
    for (const word of words) {
      if (word[0] !== t.norm[0] || Math.abs(word.length - t.norm.length) > limit) continue;
      const d = typoDistance(word, t.norm);
      if (t.norm.length === 4 && (d > 1 || word.length !== 4 || distance(word, t.norm) === 1)) continue;
      if (d <= limit && (!best || d < best.d)) best = { word, d };
    }
    if (!best) {
      // Written without its vowels ("opnd", "clckd", "mtngs"): the one word of the vocabulary with those letters.
      const word = t.norm.length >= 3 && !VOWELS.test(t.norm.slice(1)) ? bySkeleton(words, asWord).get(t.norm) : undefined;
      if (word) best = { word, d: 0 };
    }
    if (!best && t.norm.length >= 4) {
      // Written short, letters left out ("clikd", "opend", "mths"): the one word it is a shortening of.
      const word = shorteningOf(t.norm, words);
      if (word) best = { word, d: 0 };
    }
    if (!best) return false;
    this.assume(`read "${t.text}" as "${best.word}"`);
    t.norm = best.word;
    // The corrected word may start a phrase of the lexicon ("unsubscrbed" → the status "unsubscribed").
    this.lattice[i] = this.exactAt(i);
    return true;
  }

  /**
   * A short unknown word right before a field's name is compared with that field's values only
   * ("fre plan" → the plan "free"): too short to compare with the whole lexicon, but the field's
   * name says which few values it can be. One letter added, dropped or swapped; said.
   */
  private correctBeforeField(covered: Set<number>): void {
    this.correctAfterTagged(covered);
    this.correctAfterPlace(covered);
    this.correctNouns(covered);
    this.correctAbbreviations(covered);
    this.correctShort(covered, (i, t) => {
      if (t.norm.length !== 3) return undefined;
      const field = this.lattice[i + 1]?.flatMap((m) => m.senses).find((s) => s.kind === 'field');
      return field?.kind === 'field' ? this.valueSensesOf(field.field) : undefined;
    });
  }

  /** "tagged vipp": an unknown word right after "tagged" is compared with the tags only (one letter added, dropped or swapped); said. */
  private correctAfterTagged(covered: Set<number>): void {
    // "vipp" is one letter from "vip" and from its plural "vips": one value either way.
    this.correctShort(covered, (i, t) => (i > 0 && t.norm.length >= 3 && TAGGED.has(this.tokens[i - 1]!.norm) ? this.valueSensesOf('tags') : undefined));
  }

  /**
   * "in japn", "from Itly": a short unknown word right after a place word is compared with the
   * countries only (one letter added, dropped or swapped): too short for the whole lexicon, but the
   * place word says what it can be. Said.
   */
  private correctAfterPlace(covered: Set<number>): void {
    // "in jpn", "from deu": a three-letter ISO code of a country, after a place word (never an English word).
    for (let i = 1; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind !== 'word' || t.norm.length !== 3 || covered.has(i) || this.lex.words.has(t.norm) || isKnownWord(t.norm) || !this.placeWordBefore(i)) continue;
      const code = countryCode(t.norm);
      const sense = code && this.sensesOf(`country:${code}`, (s) => s.kind === 'country' && s.code === code && !s.region && !s.short)[0];
      if (!sense) continue;
      this.lattice[i]!.push({ start: i, end: i + 1, senses: sense.senses.slice(0, 1), typo: t.text });
      covered.add(i);
    }
    this.correctShort(covered, (i, t) => {
      if (t.norm.length < 3 || t.norm.length > 4 || !this.placeWordBefore(i)) return undefined;
      return this.sensesOf('countries>3', (s) => s.kind === 'country' && !s.region, (v) => v.text.length > 3);
    });
  }

  /**
   * "leds frm germny", "2+ open dels": a four-letter unknown word where a noun is expected is
   * compared with the few nouns that can stand there — as the description's first word (after
   * "all" / "our" / "the"), the lifecycle stages; after a number or a deal's adjective, the
   * relations' nouns. One letter added, dropped or swapped; said.
   */
  private correctNouns(covered: Set<number>): void {
    this.correctShort(covered, (i, t) => {
      if (t.norm.length !== 4) return undefined;
      const before = this.tokens[i - 1];
      const first = i === 0 || (i === 1 && ['all', 'our', 'the', 'my'].includes(before!.norm));
      if (first) return this.valueSensesOf('lifecycle_stage').filter((v) => v.text.length === 5);
      // After "with" / "without" / "no": a field's name ("mqls w/o phne").
      if (['with', 'without', 'no', 'w/o', 'w/', 'has', 'have', 'missing'].includes(before?.norm ?? '')) return this.sensesOf('fields=5', (s) => s.kind === 'field', (v) => v.text.length === 5);
      const counted = before?.kind === 'number' || before?.norm === '+' || ['open', 'won', 'lost', 'closed', 'more', 'many', 'few', 'several'].includes(before?.norm ?? '');
      return counted ? this.sensesOf('rows=5', (s) => s.kind === 'relation' || (s.kind === 'relValue' && s.relation === 'activities' && s.field === 'type'), (v) => v.text.length === 5) : undefined;
    });
  }

  /**
   * "edu accounts", "healthcare or edu", "in manu": an unknown word of three or four letters that
   * begins exactly one value of the tenant's (every longer word of the lexicon starting so has that
   * one sense) is read as that value, and said — only where a value stands: before a word for
   * contacts or companies, after "in", or beside another value of the same field ("healthcare or edu").
   */
  private correctAbbreviations(covered: Set<number>): void {
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind !== 'word' || t.norm.length < 3 || t.norm.length > 4 || covered.has(i) || this.lex.words.has(t.norm) || isKnownWord(t.norm)) continue;
      // A word that only begins phrases ("spring" of "Spring Sale") is another meaning: not unique.
      const only = this.onlyValueStartingWith(t.norm);
      if (!only || only.kind !== 'value') continue;
      const sameField = (k: number) => (this.lattice[k] ?? []).some((m) => m.senses.some((s) => s.kind === 'value' && s.field === only.field));
      const listed = (['or', 'and', ',', '/', '&'].includes(this.w(i - 1)) && sameField(i - 2)) || (['or', 'and', ',', '/', '&'].includes(this.w(i + 1)) && sameField(i + 2));
      if (!AUDIENCE_NOUNS.has(this.w(i + 1)) && this.w(i - 1) !== 'in' && !listed) continue;
      this.lattice[i]!.push({ start: i, end: i + 1, senses: [only], typo: t.text });
      covered.add(i);
    }
  }

  /** The one sense of every longer word of the lexicon that starts with `prefix` (two letters longer at least), or undefined; once per lexicon and prefix. */
  private onlyValueStartingWith(prefix: string): Sense | undefined {
    let memo = ONLY_STARTING.get(this.lex);
    if (!memo) ONLY_STARTING.set(this.lex, (memo = new Map()));
    if (memo.has(prefix)) return memo.get(prefix);
    const senses = new Map<string, Sense | undefined>();
    for (const [word, node] of this.lex.trie.next) {
      if (word.length < prefix.length + 2 || !word.startsWith(prefix)) continue;
      for (const s of node.senses) senses.set(JSON.stringify(s), s);
      if (!node.senses.length) senses.set(`phrase:${word}`, undefined);
    }
    const only = senses.size === 1 ? [...senses.values()][0] : undefined;
    memo.set(prefix, only);
    return only;
  }

  /** After a place word, or after a country and "or", "and", a comma ("from Italy or Span"). */
  private placeWordBefore(i: number): boolean {
    const listed = [',', 'and', 'or', '/', '+', '&'].includes(this.w(i - 1)) && (this.lattice[i - 2] ?? []).some((m) => m.end === i - 1 && m.senses.some((s) => s.kind === 'country'));
    // "japn + vietnam contacts": listed before a country.
    const listedBefore = ['or', '/', '+', '&'].includes(this.w(i + 1)) && (this.lattice[i + 2] ?? []).some((m) => m.senses.some((s) => s.kind === 'country' && !s.short));
    return PLACE_WORDS.has(this.w(i - 1)) || listed || listedBefore;
  }

  /**
   * An unknown word compared with the few phrases its place allows (`candidates`; undefined: none):
   * read as the one value one letter away (added, dropped or swapped), and said when a clause uses it.
   */
  private correctShort(covered: Set<number>, candidates: (i: number, t: Token) => { text: string; senses: Sense[] }[] | undefined): void {
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind !== 'word' || covered.has(i) || this.lex.words.has(t.norm) || isKnownWord(t.norm)) continue;
      const close = candidates(i, t)?.filter((v) => typoDistance(v.text, t.norm) === 1);
      if (!close?.length || new Set(close.map((v) => JSON.stringify(v.senses))).size !== 1) continue;
      this.lattice[i]!.push({ start: i, end: i + 1, senses: close[0]!.senses, typo: t.text });
      covered.add(i);
    }
  }

  /** The one-word phrases that are values of a contact field. */
  private valueSensesOf(field: string): { text: string; senses: Sense[] }[] {
    return this.sensesOf(`value:${field}`, (s) => s.kind === 'value' && s.field === field);
  }

  /** The one-word phrases with senses passing the filter (only those senses). */
  private sensesOf(key: string, filter: (s: Sense) => boolean, keep?: (v: { text: string }) => boolean): { text: string; senses: Sense[] }[] {
    // The lexicon is the tenant's and does not change: each list is made once per lexicon (a walk over every word).
    let memo = SENSES_OF.get(this.lex);
    if (!memo) SENSES_OF.set(this.lex, (memo = new Map()));
    const known = memo.get(key);
    if (known) return known;
    const out: { text: string; senses: Sense[] }[] = [];
    for (const [word, node] of this.lex.trie.next) {
      const senses = node.senses.filter(filter);
      if (senses.length && (!keep || keep({ text: word }))) out.push({ text: word, senses });
    }
    memo.set(key, out);
    return out;
  }

  /** Whether a count, a time unit or a campaign noun is at k ("lst 3 campaigns", "pst week"). */
  private beforeCount(k: number): boolean {
    const t = this.tokens[k];
    return !!t && (t.kind === 'number' || (t.kind === 'word' && (CAMPAIGN_NOUNS.has(t.norm) || DATE_WORD_SET.has(t.norm))));
  }

  /** Unknown words of five letters or more are compared with the lexicon's phrases of one to three words. */
  private correctTypos(): void {
    const unknown = (k: number) => {
      const t = this.tokens[k];
      return !!t && t.kind === 'word' && t.norm.length >= 4 && !this.lex.words.has(t.norm) && !isKnownWord(t.norm);
    };
    const covered = new Set<number>();
    this.lattice.forEach((ms) => ms.forEach((m) => { for (let k = m.start; k < m.end; k++) covered.add(k); }));
    this.correctBeforeField(covered);
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind === 'word' && t.norm.length === 3 && !VOWELS.test(t.norm) && !covered.has(i) && !this.lex.words.has(t.norm) && !isKnownWord(t.norm)) {
        // "lst", "mtg": three letters without a vowel only by their consonants.
        if (this.correctWord(i, TYPO_VERBS) || this.correctWord(i, TYPO_WORDS)) continue;
        // "lst 30 days", "the lst 3 campaigns": consonants several words share ("last", "lost") are the
        // time word when a count, a unit or a campaign follows.
        if (this.beforeCount(i + 1) && this.correctWord(i, TIME_TYPO_WORDS)) continue;
        // "lead scr > 80": else the one catalog or tenant word with those consonants.
        const close = bySkeleton(this.lex.fuzzy.get(fuzzyKey(1, t.norm)) ?? NO_PHRASES, phraseText).get(t.norm);
        if (close) {
          this.lattice[i]!.push({ start: i, end: i + 1, senses: close.senses, typo: t.text });
          this.lattice[i]!.sort((a, b) => b.end - a.end);
          covered.add(i);
        }
        continue;
      }
      if (!unknown(i) || covered.has(i)) continue;
      if (this.correctVerb(i)) continue;
      let best: { start: number; end: number; d: number; senses: Sense[]; text?: string } | undefined;
      for (let n = 3; n >= 1; n--) {
        for (let start = Math.max(0, i - n + 1); start <= i; start++) {
          const words = this.tokens.slice(start, start + n);
          if (words.length < n || words.some((t) => t.kind !== 'word' && t.kind !== 'number')) continue;
          // "in the Netherland": the article is the sentence's, not the typo's (readers skip it themselves).
          if (n > 1 && start < i && (words[0]!.norm === 'the' || words[0]!.norm === 'a')) continue;
          const text = words.map((t) => t.norm).join(' ');
          // Four letters: only two letters swapped, and only into a relation's noun ("dael"); or, where only
          // an owner can follow ("owned by edie"), one letter off an owner's name.
          const ownerOnly = n === 1 && text.length === 4 && this.is(i - 1, 'by|to') && this.is(i - 2, 'owned|managed|handled|assigned|reassigned');
          const swapOnly = n === 1 && text.length === 4 && !ownerOnly;
          const limit = text.length >= 7 ? 2 : text.length >= 5 || swapOnly || ownerOnly ? 1 : 0;
          if (limit === 0) continue;
          for (const phrase of this.lex.fuzzy.get(fuzzyKey(n, text)) ?? []) {
            if (Math.abs(phrase.text.length - text.length) > limit) continue;
            if (swapOnly && (phrase.text.length !== 4 || distance(phrase.text, text) === 1 || !phrase.senses.every((x) => x.kind === 'relation'))) continue;
            if (ownerOnly && !phrase.senses.every((x) => x.kind === 'value' && x.field === 'owner')) continue;
            // ("created aftr march" is not "created at" + "march": the misspelt word itself must be close to its word of the phrase.)
            const own = n > 1 ? phrase.text.split(' ')[i - start] : undefined;
            if (own !== undefined && typoDistance(own, t.norm) > (t.norm.length >= 7 ? 2 : 1)) continue;
            const d = typoDistance(text, phrase.text);
            if (d <= limit && d > 0 && (!best || d < best.d)) best = { start, end: start + n, d, senses: phrase.senses, text: phrase.text };
          }
        }
      }
      if (!best && !/[aeiou]/.test(this.tokens[i]!.norm.slice(1))) {
        // "mtngs", "pymnts": a one-word phrase written without its vowels, when only one has those letters
        // (a "y" kept as written: "pymnts" is "payments").
        const text = this.tokens[i]!.norm;
        const close = bySkeleton(this.lex.fuzzy.get(fuzzyKey(1, text)) ?? NO_PHRASES, phraseText).get(skeleton(text));
        if (close) best = { start: i, end: i + 1, d: 0, senses: close.senses };
      }
      if (!best) {
        // Not a catalog or tenant phrase: perhaps a word of the parser's own vocabulary, or a long
        // word of a segment's title ("cooldwn list"), which segments are also named by.
        if (!this.correctWord(i, TYPO_WORDS)) this.correctWord(i, segmentTitleWords(this.tenant));
        continue;
      }
      if (best.text && best.end === best.start + 1 && best.senses.every((s) => s.kind === 'relation')) {
        // "activty", "meetigns": a relation's noun is read by its word, so the word itself is corrected (and said).
        this.assume(`read "${t.text}" as "${best.text}"`);
        t.norm = best.text;
        this.lattice[i] = this.exactAt(i);
        covered.add(i);
        continue;
      }
      {
        const typo = this.text(best.start, best.end);
        this.lattice[best.start]!.push({ start: best.start, end: best.end, senses: best.senses, typo });
        this.lattice[best.start]!.sort((a, b) => b.end - a.end);
        for (let k = best.start; k < best.end; k++) covered.add(k);
      }
    }
    // A short one after a country corrected just now ("in Frnce or Itly").
    this.correctAfterPlace(covered);
  }
}

/** The words of six letters or more in the tenant's segment titles (not numbers), once per tenant. */
const TITLE_WORDS = new WeakMap<TenantValues, readonly string[]>();
function segmentTitleWords(tenant: TenantValues): readonly string[] {
  let words = TITLE_WORDS.get(tenant);
  if (!words) {
    words = [...new Set(tenant.segments.flatMap((s) => tokenize(s.title).filter((t) => t.kind === 'word' && t.norm.length >= 6 && !/\d/.test(t.norm)).map((t) => t.norm)))];
    TITLE_WORDS.set(tenant, words);
  }
  return words;
}

export function describeSense(s: Sense, catalog: Catalog): string {
  switch (s.kind) {
    case 'value':
      return `${catalog.contactField(s.field)?.label.toLowerCase() ?? s.field} "${s.label}"`;
    case 'country':
      return s.region ? `region "${s.region.label}"` : `country "${countryName(s.code)}"`;
    case 'language':
      return `language "${languageName(s.code)}"`;
    case 'field':
      return `the field ${s.field}`;
    case 'relation':
      return findRelation(s.relation)!.label.toLowerCase();
    case 'relValue':
      return `${s.field} "${s.label}"`;
    case 'relField':
      return `${s.relation} ${s.field}`;
    case 'campaign':
      return `campaign "${s.label}"`;
    case 'segment':
      return `segment "${s.label}"`;
  }
}
