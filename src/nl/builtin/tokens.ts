// The tokenizer: a description → words, numbers, dates, quoted strings, literals (emails, domains)
// and punctuation, each with its character offsets so unrecognized words can be pointed at exactly.
// Hyphens inside words split them ("German-speaking" → german speaking, "do-not-call" → do not call)
// and a possessive 's is its own token ("Sara's" → sara 's). Shorthand is normalized here, once, so
// every recognizer sees plain English: "w/" → with, "w/o" → without, "havent" → haven't, "n e" → any
// (the token keeps its text as written, so spans still point at what the user typed).
import { SEASON_NAMES } from './dates.js';
import { COMPANY_NOUNS as COMPANY_WORDS, DOERS, SHORTHAND, SHORTHAND_PHRASES, SIZED_BY } from './vocabulary.js';

export type TokenKind = 'word' | 'number' | 'date' | 'quoted' | 'literal' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The text as written. */
  text: string;
  /** Lower-cased, curly apostrophes straightened; the inner text for quoted tokens. */
  norm: string;
  start: number;
  end: number;
  /** For numbers: the value, with k/m/bn suffixes applied ("20k" → 20000). */
  value?: number;
  /** For numbers written "10+" (meaning at least). */
  plus?: boolean;
  /** For a date that could be read two ways ("03/04/2026") or a number grouped with dots ("50.000"): the reading taken, to report. */
  reading?: string;
  /** For a piece of a run-together word ("vipcustomersin" → vip customers in): the whole word's offsets. */
  joined?: { start: number; end: number };
}

/** The objects a query names fields of, before a dot ("deal.stage"); a domain ("acme.example") is none of them. */
const DOTTED_FIELD = /\b(?:deals?|activit(?:y|ies)|fit|fit scores?|company|companies|contacts?|email events?|segments?|owners?|campaigns?)\.(?=[a-z])/gi;

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

const PATTERNS: [TokenKind | 'space' | 'hyphen' | 'numeric-date', RegExp][] = [
  ['space', /\s+/y],
  ['quoted', /"([^"]*)"|“([^”]*)”|‘([^’]*)’|'([^']*)'(?![\p{L}])/uy],
  ['date', /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?/y],
  // "25/09/2026", "25.09.2026", "9/25/2026": a calendar date when only one reading is a date.
  ['numeric-date', /(?:\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}[/.]\d{1,2}[/.]\d{1,2})(?![\p{N}])/uy],
  ['literal', /[\p{L}\p{N}._%+-]*@[\p{L}\p{N}.-]+|\.[\p{L}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)*|[\p{L}\p{N}-]+(?:\.[\p{L}][\p{L}\p{N}-]+)+/uy],
  // "July 1st", "the 3rd": an ordinal is one word (the date reader reads its number).
  ['word', /\d{1,2}(?:st|nd|rd|th)(?![\p{L}\p{N}])/uy],
  // "50.000", "1.500.000": dots between groups of three digits are thousands separators (as much of Europe writes them).
  ['number', /\$?[1-9]\d{0,2}(?:\.\d{3})+(?![\p{N}.,])(?:(?:k|m|mm|mn|bn|b)(?![\p{L}]))?\+?/uiy],
  // "20 000 $", "1 500 000": spaces (or no-break spaces) between groups of three digits, as French and much of Europe write them.
  ['number', /\$?[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\p{N}.,])\+?/uy],
  ['number', /\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:(?:k|m|mm|mn|bn|b)(?![\p{L}]))?\+?/uiy],
  ['word', /[\p{L}\p{N}_]+(?:['’](?:t|re|ve|ll|d|m|s)(?![\p{L}]))?/uy],
  // A hyphen inside words splits them; between numbers ("50-250") it is a range, kept as "-".
  ['hyphen', /-(?=[\p{L}])/uy],
  ['punct', /[<>!=]=|<>|\S/y],
];

export function tokenize(text: string): Token[] {
  // "email_status", "lifecycle_stage": a field's key typed as in the rules is its words (same length, so offsets hold).
  // "deal.amount", "fit.crm", "company.industry": a query's dotted field is its words too (not a domain).
  let input = text.includes('_') ? text.replace(/(?<=[a-z])_(?=[a-z])/gi, ' ') : text;
  if (input.includes('.')) input = input.replace(DOTTED_FIELD, (m) => m.replace('.', ' '));
  // "properties.plan = 'enterprise'", "customProperties.nps": a tenant field's key as the rules write it is the field (blanked: same length).
  if (input.includes('.')) input = input.replace(/\b(?:custom_?properties|properties|props)\.(?=[a-z])/gi, (m) => ' '.repeat(m.length));
  // "#vip folks 🇩🇪 + 🇫🇷": a flag is its country's code (two letters and two spaces: the same length, so offsets hold).
  const flags = new Set<number>();
  if (/[\u{1F1E6}-\u{1F1FF}]/u.test(input)) {
    input = input.replace(/([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/gu, (_, a: string, b: string, at: number) => {
      flags.add(at);
      return `${String.fromCharCode(a.codePointAt(0)! - 0x1f1e6 + 65)}${String.fromCharCode(b.codePointAt(0)! - 0x1f1e6 + 65)}  `;
    });
  }
  const out: Token[] = [];
  let pos = 0;
  while (pos < input.length) {
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = pos;
      const m = re.exec(input);
      if (!m || m[0].length === 0) continue;
      matched = true;
      const text = m[0];
      const start = pos;
      pos += text.length;
      if (kind === 'space' || kind === 'hyphen') break;
      if (kind === 'numeric-date') {
        const date = numericDate(text);
        if (!date) {
          pos = start;
          matched = false;
          continue;
        }
        out.push({ kind: 'date', text, norm: date.iso, start, end: pos, ...(date.reading ? { reading: date.reading } : {}) });
        break;
      }
      if (kind === 'quoted' && input[start] === "'" && start > 0 && /[\p{L}]/u.test(input[start - 1]!)) {
        // An apostrophe inside a word, not an opening quote: take the letters only.
        pos = start;
        matched = false;
        continue;
      }
      out.push(makeToken(kind, text, start, m));
      break;
    }
    if (!matched) {
      out.push({ kind: 'punct', text: input[pos]!, norm: input[pos]!, start: pos, end: pos + 1 });
      pos += 1;
    }
  }
  // A flag's token spans the flag (its four code units), so what is said quotes it whole.
  if (flags.size) for (const t of out) if (flags.has(t.start)) Object.assign(t, { end: t.start + 4, text: text.slice(t.start, t.start + 4) });
  return shorthand(splitPossessives(sameDateOrder(out)));
}

/**
 * "between 09/01/2026 and 09/30/2026": where one numeric date can only be month first (30 is no month),
 * the writer writes month first, so a date that could be either is read so too (said, as day first is).
 */
function sameDateOrder(tokens: Token[]): Token[] {
  const slashed = tokens.filter((t) => t.kind === 'date' && /^\d{1,2}[/.]\d{1,2}[/.]\d{4}$/.test(t.text));
  const monthFirst = slashed.some((t) => { const [a, b] = t.text.split(/[/.]/).map(Number) as [number, number]; return a <= 12 && b > 12; });
  if (!monthFirst) return tokens;
  return tokens.map((t) => {
    if (t.kind !== 'date' || !t.reading || !slashed.includes(t)) return t;
    const [a, b, y] = t.text.split(/[/.]/).map(Number) as [number, number, number];
    return { ...t, norm: isoDate(y, a, b), reading: `read "${t.text}" month first, as ${MONTH_NAMES[a - 1]} ${b}, ${y} (the description writes other dates month first)` };
  });
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The ISO date of "25/09/2026" (day first: 25 is no month) or "9/25/2026" (month first). When both
 * orders are dates and differ ("03/04/2026"), day first, with the reading to report; undefined
 * when neither is a date.
 */
function numericDate(text: string): { iso: string; reading?: string } | undefined {
  const parts = text.split(/[/.]/).map(Number) as [number, number, number];
  // "2026/09/01" (year first, as Japanese and ISO write it): year, month, day.
  if (/^\d{4}[/.]/.test(text)) {
    const [y, m, d] = parts;
    return validDate(y, m, d) ? { iso: isoDate(y, m, d) } : undefined;
  }
  const [a, b, y] = parts;
  const dayFirst = validDate(y, b, a);
  const monthFirst = validDate(y, a, b);
  if (!dayFirst && !monthFirst) return undefined;
  const [m, d] = dayFirst ? [b, a] : [a, b];
  const iso = isoDate(y, m, d);
  if (!(dayFirst && monthFirst && a !== b)) return { iso };
  return { iso, reading: `read "${text}" day first, as ${d} ${MONTH_NAMES[m - 1]} ${y} (write ${isoDate(y, a, b)} for ${MONTH_NAMES[a - 1]} ${b})` };
}

const validDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
const isoDate = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function makeToken(kind: TokenKind, text: string, start: number, m: RegExpExecArray): Token {
  const end = start + text.length;
  if (kind === 'quoted') {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    // "created_at >= '2026-03-01'": a quoted calendar date is the date.
    if (/^\d{4}-\d{2}-\d{2}$/.test(inner.trim()) && !Number.isNaN(Date.parse(inner.trim()))) return { kind: 'date', text, norm: inner.trim(), start, end };
    return { kind, text, norm: inner.trim().toLowerCase(), start, end };
  }
  if (kind === 'number') {
    const plus = text.endsWith('+');
    const body = text.replace(/^\$/, '').replace(/\+$/, '');
    const suffix = /[a-z]+$/i.exec(body)?.[0]?.toLowerCase();
    const grouped = /^[1-9]\d{0,2}(?:\.\d{3})+(?:[a-z]+)?$/i.test(body);
    const spaced = /^[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+$/.test(body);
    const digits = Number(body.replace(/[a-z]+$/i, '').replace(spaced ? /[ \u00a0\u202f]/g : grouped ? /\./g : /,/g, ''));
    const value = suffix ? digits * (SUFFIX[suffix] ?? 1) : digits;
    const reading = grouped || spaced ? `read "${text}" as ${value.toLocaleString('en-US')} (${spaced ? 'spaces' : 'dots'} as thousands separators)` : undefined;
    return { kind, text, norm: body.toLowerCase(), start, end, value, plus, ...(reading ? { reading } : {}) };
  }
  return { kind, text, norm: text.toLowerCase().replace(/’/g, "'"), start, end };
}

/** The word regex keeps "sara's" whole (so the apostrophe is not read as a quote); split the possessive off. */
function splitPossessives(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const m = t.kind === 'word' ? /^(.+)(['’]s)$/.exec(t.text) : null;
    if (m) {
      const cut = t.start + m[1]!.length;
      out.push({ ...t, text: m[1]!, norm: m[1]!.toLowerCase(), end: cut });
      out.push({ kind: 'word', text: m[2]!, norm: "'s", start: cut, end: t.end });
    } else out.push(t);
  }
  return out;
}

/** Words a shorthand phrase starts with ("n" of "n e"): only there are the phrases looked for. */
const SHORTHAND_FIRST_WORDS = new Set(Object.keys(SHORTHAND_PHRASES).map((phrase) => phrase.split(' ')[0]!));

/** "w/", "w/o", "n e", "havent": the general English they stand for, as one token. */
const MULTIPLES: Record<string, number> = { twice: 2, thrice: 3 };

/** Two words of the catalog written as one. */
const COMPOUNDS: Record<string, [string, string] | [string]> = {
  dealowner: ['deal', 'owner'], dealowners: ['deal', 'owners'], fitscore: ['fit', 'score'], fitscores: ['fit', 'scores'], leadsource: ['source'], leadsources: ['sources'],
  dealstage: ['deal', 'stage'], dealamount: ['deal', 'amount'], dealvalue: ['deal', 'value'], emailstatus: ['email', 'status'], contactowner: ['contact', 'owner'],
  companysize: ['company', 'size'], companyname: ['company', 'name'], lifecyclestage: ['lifecycle', 'stage'],
};
const HAVE = new Set(['have', 'has', 'had']);
/** Comparatives before "than" ("more then 3 calls", "strictly more than"). */
const COMPARATIVES = new Set(['more', 'less', 'fewer', 'greater', 'higher', 'lower', 'bigger', 'smaller', 'larger', 'older', 'newer', 'earlier', 'later']);
/** Other words of a strict comparison after "strictly" ("strictly before May"). */
const STRICT_AFTER = new Set(['above', 'below', 'over', 'under', 'before', 'after', '>', '<']);
/** After "anything but", words that start a clause: "never clicked anything but did open X" is "but", not "anything except". */
const BUT_CLAUSE = new Set(['did', 'do', 'does', 'has', 'have', 'had', 'is', 'are', 'was', 'were', 'then', 'they', 'we', 'who', 'still', 'also']);
/** Participles not ending in -ed / -en / -wn, and other words after "have not" that keep it "not". */
const PARTICIPLES = new Set(['met', 'bought', 'won', 'lost', 'spoke', 'sent', 'paid', 'heard', 'made', 'had', 'done', 'left', 'got', 'been', 'seen', 'read', 'rung', 'rang', 'run', 'come', 'become', 'begun', 'brought', 'caught', 'told', 'sold', 'held', 'kept', 'found', 'spent', 'set', 'put', 'shut', 'hit', 'cut', 'quit', 'let', 'yet', 'any', 'the', 'ever', 'once', 'again', 'even', 'that', 'this', 'all', 'one', 'signed', 'clicked', 'opened', 'joined', 'said', 'paid', 'led', 'fed', 'bid', 'won', 'dealt', 'felt', 'meant', 'sat', 'stood', 'understood', 'taught', 'thought', 'sought', 'fought', 'built', 'lent', 'learnt', 'burnt', 'slept', 'swept', 'wept', 'struck', 'stuck', 'hung', 'swung', 'clung', 'spun', 'won', 'shot', 'lit', 'slid', 'hid', 'rid', 'split', 'spread', 'cast', 'cost', 'hurt', 'burst', 'bet']);

/** Words of speech that say nothing ("um", "basically", "really"): dropped, neither read nor reported. */
const HESITATIONS = new Set(['um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm', 'hmm', 'basically', 'literally', 'kinda', 'sorta', 'honestly', 'really']);
/** Words of speech that, set off by commas, say nothing: hesitations and discourse markers ("ok so, …", "…, right, …"). */
const SPOKEN_ASIDES = new Set([...HESITATIONS, 'like', 'ok', 'okay', 'alright', 'right', 'so', 'well', 'yeah', 'anyway', 'anyways', 'you', 'know']);
/** Words that continue a phrase rather than start an item: determiners and number words. */
const MID_PHRASE = new Set(['our', 'the', 'a', 'an', 'their', 'its', 'any', 'last', 'past', 'first', 'latest', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'half', 'dozen', 'more', 'less', 'fewer', 'at']);
/** Words that open a clause of their own: before them, a comma still separates. */
const CLAUSE_OPENERS = new Set(['who', 'that', 'which', 'whose', 'where', 'with', 'without', 'and', 'or', 'but', 'not', 'no', 'excluding', 'except', 'plus', 'also', 'having', 'nor', 'unless', 'minus']);
/** Before a hedging "like" ("in the last like two weeks", "or like referrals", "gave us like a nine"). */
const BEFORE_HEDGE = new Set(['or', 'and', ',', 'the', 'last', 'past', 'us', 'are', 'is', 'was', 'were', 'have', 'has', 'had', 'with', 'about', 'just', 'gave', 'of', 'maybe', 'over', 'under', 'than', 'in', 'within', 'for', 'at', 'from', 'since', 'by', 'got']);

/**
 * "tag IN (vip, partner)", "segment NOT IN ('Q1 batch', 'Cooldown')": a query's value list. Its
 * parentheses hold one flat list after "in" / "of", so they are dropped and the list is read as any list
 * after the field's operator is. Where the list's closing parenthesis is, or -1.
 */
function queryList(tokens: Token[], i: number): number {
  if (tokens[i]?.norm !== '(' || !['in', 'of'].includes(tokens[i - 1]?.norm ?? '')) return -1;
  for (let k = i + 1; k < tokens.length && k < i + 60; k++) {
    const t = tokens[k]!;
    if (t.norm === ')') return k > i + 1 ? k : -1;
    if (t.kind === 'punct' && t.norm !== ',' && t.norm !== '-') return -1;
  }
  return -1;
}

/** Whether the pipe at i sits between two "Label: …" filters. */
function labelled(tokens: Token[], i: number): boolean {
  const colonIn = (from: number, to: number) => tokens.slice(Math.max(0, from), to).some((t) => t.norm === ':');
  let before = i - 1;
  while (before >= 0 && tokens[before]!.norm !== '|') before -= 1;
  const next = tokens.findIndex((t, k) => k > i && (t.norm === ':' || t.norm === '|'));
  return colonIn(before + 1, i) && next > i && next <= i + 5 && tokens[next]!.norm === ':';
}

function shorthand(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let listEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // ", uh, …", "opened, like, our last three", "ok so, …", "…, right, …": words of speech set off by commas say
    // nothing, and nor do their commas, unless the words after them start a clause of their own.
    if (t.kind === 'word' && SPOKEN_ASIDES.has(t.norm) && (i === 0 || tokens[i - 1]!.norm === ',')) {
      let j = i;
      while (j < tokens.length && tokens[j]!.kind === 'word' && SPOKEN_ASIDES.has(tokens[j]!.norm)) j += 1;
      if (j === tokens.length || tokens[j]!.norm === ',') {
        // (The comma before them goes too where it splits a phrase: "in the last, uh, forty-five days", "opened, like, our last three".)
        const after = tokens[j + 1];
        const splits = BEFORE_HEDGE.has(tokens[i - 2]?.norm ?? '') || after?.kind === 'number' || MID_PHRASE.has(after?.norm ?? '');
        if (i > 0 && out.at(-1)?.norm === ',' && splits && !CLAUSE_OPENERS.has(after?.norm ?? '')) out.pop();
        i = j;
        continue;
      }
    }
    if (t.kind === 'word' && HESITATIONS.has(t.norm)) continue;
    // "not less than 90", "not more than 2 deals": the operator table's "no less than", "no more than".
    if (t.kind === 'word' && t.norm === 'not' && ['less', 'fewer', 'more'].includes(next?.norm ?? '') && tokens[i + 2]?.norm === 'than') {
      out.push({ ...t, norm: 'no' });
      continue;
    }
    // "created over the summer", "over the winter": during that season, as "in the".
    if (t.kind === 'word' && t.norm === 'over' && next?.norm === 'the' && SEASON_NAMES.has(tokens[i + 2]?.norm ?? '')) {
      out.push({ ...t, norm: 'in' });
      continue;
    }
    // "vip comma partner … full stop": punctuation said aloud to a phone is that punctuation.
    if (t.kind === 'word' && t.norm === 'comma' && i > 0 && next) {
      out.push({ ...t, kind: 'punct', norm: ',' });
      continue;
    }
    if (t.kind === 'word' && t.norm === 'full' && next?.norm === 'stop' && i > 0) {
      out.push({ ...t, kind: 'punct', norm: '.', end: next.end, text: `${t.text} ${next.text}` });
      i += 1;
      continue;
    }
    // "UK&I", "R&D": short words joined by "&" with no space are one name, not a list.
    const prev = out.at(-1);
    if (t.norm === '&' && prev?.kind === 'word' && next?.kind === 'word' && prev.end === t.start && t.end === next.start && prev.norm.length <= 3 && next.norm.length <= 3) {
      out[out.length - 1] = { ...prev, text: prev.text + t.text + next.text, norm: `${prev.norm}&${next.norm}`, end: next.end };
      i += 1;
      continue;
    }
    // "customers and/or opportunities": either (a union), as "or" is.
    if (t.norm === 'and' && next?.norm === '/' && tokens[i + 2]?.norm === 'or') {
      out.push({ ...t, text: t.text + next.text + tokens[i + 2]!.text, norm: 'or', end: tokens[i + 2]!.end });
      i += 2;
      continue;
    }
    // "1) vips 2) in Italy 3) not in cooldown": a numbered list's markers; after the first, a comma between items.
    if (t.kind === 'number' && next?.norm === ')' && next.start === t.end && /^\d$/.test(t.text) && (i === 0 || tokens[i - 1]!.end < t.start) && !tokens.slice(0, i).some((x) => x.norm === '(' && !tokens.slice(0, i).some((y) => y.norm === ')' && y.start > x.start))) {
      if (out.length) out.push({ kind: 'punct', text: '', norm: ',', start: t.start, end: t.start });
      i += 1;
      continue;
    }
    // "!partner & plan=enterprise": a "!" written against a word is "not".
    if (t.norm === '!' && next?.kind === 'word' && next.start === t.end && (i === 0 || /[\s(&|,]/.test(tokens[i - 1]!.text.slice(-1)) || tokens[i - 1]!.end < t.start)) {
      out.push({ ...t, kind: 'word', norm: 'not' });
      continue;
    }
    // "the sales qualified ones and the opportunities (both of them)": an aside saying both groups are meant says nothing more.
    if (t.norm === '(' && next?.norm === 'both') {
      const close = tokens[i + 2]?.norm === ')' ? i + 2 : tokens[i + 2]?.norm === 'of' && ['them', 'those', 'these'].includes(tokens[i + 3]?.norm ?? '') && tokens[i + 4]?.norm === ')' ? i + 4 : -1;
      if (close > 0) {
        i = close;
        continue;
      }
    }
    // "an analytics fit in the 90-100 range", "deals in the 10k–50k range": between the two.
    if (t.kind === 'word' && t.norm === 'in' && next?.norm === 'the' && tokens[i + 2]?.kind === 'number' && ['-', '–', '—', 'to'].includes(tokens[i + 3]?.norm ?? '') && tokens[i + 4]?.kind === 'number' && tokens[i + 5]?.norm === 'range') {
      const [a, b] = [tokens[i + 2]!, tokens[i + 4]!];
      out.push({ ...t, norm: 'between', end: next.end }, a, { kind: 'word', text: '', norm: 'and', start: a.end, end: a.end }, { ...b, end: tokens[i + 5]!.end });
      i += 5;
      continue;
    }
    // "created this fiscal year": no fiscal year start is set, so the calendar year (said).
    if (t.kind === 'word' && (t.norm === 'fiscal' || t.norm === 'financial') && (next?.norm === 'year' || next?.norm === 'years')) {
      out.push({ kind: 'word', text: `${t.text} ${next.text}`, norm: next.norm, start: t.start, end: next.end, reading: `read "${t.text} ${next.text}" as the calendar year: no fiscal year start is set (say the months, e.g. "since April 1", to change it)` });
      i += 1;
      continue;
    }
    // "created in FY2026", "won in FY 26", "this FY": a fiscal year, read as the calendar year (said, as above).
    if (t.kind === 'word' && /^fy(?:\d{2}|\d{4})?$/.test(t.norm)) {
      const joined = t.norm.length > 2 ? Number(t.norm.slice(2)) : next?.kind === 'number' && /^\d{2}(?:\d{2})?$/.test(next.text) ? next.value! : undefined;
      const end = t.norm.length > 2 || joined === undefined ? t.end : next!.end;
      const text = t.norm.length > 2 || joined === undefined ? t.text : `${t.text} ${next!.text}`;
      const reading = `read "${text}" as the calendar year: no fiscal year start is set (say the months, e.g. "since April 1", to change it)`;
      if (joined === undefined) out.push({ kind: 'word', text, norm: 'year', start: t.start, end, reading });
      else {
        const year = joined < 100 ? 2000 + joined : joined;
        out.push({ kind: 'number', text, norm: String(year), value: year, start: t.start, end, reading });
        if (t.norm.length === 2) i += 1;
      }
      continue;
    }
    // "who never in fact opened it": "in fact" stresses, it says nothing.
    if (t.kind === 'word' && t.norm === 'in' && next?.norm === 'fact') {
      i += tokens[i + 2]?.norm === ',' ? 2 : 1;
      continue;
    }
    // "more then 3 calls": "then" after a comparative is "than".
    if (t.kind === 'word' && t.norm === 'then' && COMPARATIVES.has(tokens[i - 1]?.norm ?? '') && (next?.kind === 'number' || next?.kind === 'date' || next?.kind === 'word')) {
      out.push({ ...t, norm: 'than' });
      continue;
    }
    // "#vip folks": a hashtag is its word.
    if (t.norm === '#' && next?.kind === 'word' && next.start === t.end) continue;
    // "strictly more than 18 months ago", "strictly before May": the comparison is strict already.
    if (t.kind === 'word' && t.norm === 'strictly' && (COMPARATIVES.has(next?.norm ?? '') || STRICT_AFTER.has(next?.norm ?? ''))) continue;
    // "during calendar 2025", "in calendar year 2025": the calendar is what a year means already.
    if (t.kind === 'word' && t.norm === 'calendar' && (next?.kind === 'number' || ['year', 'q1', 'q2', 'q3', 'q4', 'quarter', 'month'].includes(next?.norm ?? '')) && !['a', 'the', 'our', 'this', 'last', 'previous', 'next'].includes(tokens[i - 1]?.norm ?? '')) continue;
    // "opened both, the Spring Sale and the Summer Promo": a comma after "both" (as German writes it) is no break.
    if (t.norm === ',' && tokens[i - 1]?.norm === 'both' && (next?.kind === 'word' || next?.kind === 'quoted') && next.norm !== 'and' && next.norm !== 'or') continue;
    // "9 resp. 10", "negotiation resp. proposal": the German "resp." (bzw.) between two values is "or".
    if (t.kind === 'word' && t.norm === 'resp' && i > 0 && (next?.norm === '.' ? tokens[i + 2] : next)?.kind !== 'punct' && (next?.norm === '.' ? tokens[i + 2] : next)) {
      const dot = next?.norm === '.';
      out.push({ ...t, text: dot ? `${t.text}.` : t.text, norm: 'or', end: dot ? next!.end : t.end });
      if (dot) i += 1;
      continue;
    }
    // "an e-mail", "e-mailed them": the word as most write it.
    if (t.kind === 'word' && t.norm === 'e' && next?.kind === 'word' && next.norm.startsWith('mail') && next.start === t.end + 1) {
      out.push({ kind: 'word', text: `${t.text}-${next.text}`, norm: `e${next.norm}`, start: t.start, end: next.end });
      i += 1;
      continue;
    }
    // "dealowner", "fitscore", "leadsource": a field's two words written as one (as German writes them).
    const compound = t.kind === 'word' ? COMPOUNDS[t.norm] : undefined;
    if (compound?.length === 1) {
      out.push({ ...t, norm: compound[0] });
      continue;
    }
    if (compound) {
      const [a, b] = compound as [string, string];
      const cut = t.start + a.length;
      out.push({ kind: 'word', text: t.text.slice(0, a.length), norm: a, start: t.start, end: cut }, { kind: 'word', text: t.text.slice(a.length), norm: b, start: cut, end: t.end });
      continue;
    }
    // "between 10k and 50k inclusive": both ends are in the range already.
    if (t.kind === 'word' && t.norm === 'inclusive' && (tokens[i - 1]?.kind === 'number' || tokens[i - 1]?.kind === 'date' || tokens[i - 1]?.kind === 'word')) {
      const before = tokens.slice(Math.max(0, i - 6), i).map((x) => x.norm);
      if (before.includes('between') || before.includes('from')) continue;
    }
    // "contacts that have not owner" (a second-language "no"): before a noun, not a participle ("have not opened").
    if (t.kind === 'word' && t.norm === 'not' && HAVE.has(tokens[i - 1]?.norm ?? '') && next?.kind === 'word' && next.norm.length >= 3 && !/(?:ed|en|wn)$/.test(next.norm) && !PARTICIPLES.has(next.norm)) {
      out.push({ ...t, norm: 'no' });
      continue;
    }
    if (i === listEnd) continue;
    // "Lifecycle stage: Customer | Country: any of NL, ES | Owner: is empty": a pasted filter summary's
    // pipes join its filters (each "Label: value"), as "and" does; elsewhere a pipe is "or".
    if (t.norm === '|' && labelled(tokens, i)) {
      out.push({ ...t, kind: 'word', norm: 'and' });
      continue;
    }
    const closing = queryList(tokens, i);
    if (closing > 0) {
      listEnd = closing;
      continue;
    }
    // A hedge, not a comparison or a verb: "like" after a joining word or preposition, before a word or number.
    if (t.kind === 'word' && t.norm === 'like' && BEFORE_HEDGE.has(tokens[i - 1]?.norm ?? '') && (next?.kind === 'word' || next?.kind === 'number')) continue;
    // "w/" and "w/o" are written without spaces; "w / o" would be a list.
    if (t.kind === 'word' && t.norm === 'w' && next?.norm === '/' && glued(t, next)) {
      const o = tokens[i + 2];
      const without = o?.kind === 'word' && o.norm === 'o' && glued(next, o);
      const last = without ? o : next;
      out.push({ kind: 'word', text: t.text + next.text + (without ? o.text : ''), norm: without ? 'without' : 'with', start: t.start, end: last.end });
      i += without ? 2 : 1;
      continue;
    }
    // "20 000 $", "10 M$", "5000$": a dollar sign after the amount is its currency, which amounts are kept in.
    if (t.kind === 'punct' && t.norm === '$' && (out.at(-1)?.kind === 'number' || (out.at(-1)?.kind === 'word' && Object.hasOwn(SUFFIX, out.at(-1)!.norm) && tokens[i - 2]?.kind === 'number')) && next?.kind !== 'number') continue;
    // "b/c" (because) and "b/w" (between), glued: a word, not a list of two letters.
    if (t.kind === 'word' && t.norm === 'b' && next?.norm === '/' && glued(t, next) && ['c', 'w'].includes(tokens[i + 2]?.norm ?? '') && glued(next, tokens[i + 2]!)) {
      const last = tokens[i + 2]!;
      out.push({ kind: 'word', text: t.text + next.text + last.text, norm: last.norm === 'c' ? 'because' : 'between', start: t.start, end: last.end });
      i += 2;
      continue;
    }
    const phrase = SHORTHAND_FIRST_WORDS.has(t.norm) && [3, 2].map((n) => tokens.slice(i, i + n)).find((ws) => ws.length > 1 && ws.every((w) => w.kind === 'word') && SHORTHAND_PHRASES[ws.map((w) => w.norm).join(' ')] && !(ws[1]!.norm === 'but' && BUT_CLAUSE.has(tokens[i + ws.length]?.norm ?? '')));
    if (phrase) {
      const last = phrase[phrase.length - 1]!;
      out.push({ kind: 'word', text: phrase.map((w) => w.text).join(' '), norm: SHORTHAND_PHRASES[phrase.map((w) => w.norm).join(' ')]!, start: t.start, end: last.end });
      i += phrase.length - 1;
      continue;
    }
    // "twice", "thrice": a count and the word "times" ("met at least twice" is "at least 2 times").
    // ("exactly once", "more than once", "at least once": 1 time, after a word of a bound only.)
    const once = t.kind === 'word' && t.norm === 'once' && ['exactly', 'than', 'least', 'most', 'only', 'just'].includes(tokens[i - 1]?.norm ?? '') ? 1 : undefined;
    const times = once ?? (t.kind === 'word' && Object.hasOwn(MULTIPLES, t.norm) ? MULTIPLES[t.norm] : undefined);
    if (times) {
      out.push({ kind: 'number', text: t.text, norm: String(times), value: times, start: t.start, end: t.end }, { kind: 'word', text: '', norm: 'times', start: t.end, end: t.end });
      continue;
    }
    // "90d": the number and its unit letter, written together.
    if (t.kind === 'word' && tokens[i - 1]?.kind === 'number' && tokens[i - 1]!.end === t.start && UNIT_LETTER.test(t.norm)) {
      out.push({ ...t, norm: t.norm.startsWith('d') ? 'days' : t.norm.startsWith('w') ? 'weeks' : t.norm.startsWith('y') ? 'years' : 'months' });
      continue;
    }
    // "90d", "2wks", "6mo": a number and its unit written as one word.
    const unit = t.kind === 'word' && t.norm.charCodeAt(0) <= 57 ? UNIT.exec(t.norm) : null;
    if (unit) {
      const n = Number(unit[1]);
      const u = unit[2]!;
      const word = u.startsWith('d') ? 'days' : u.startsWith('w') ? 'weeks' : u.startsWith('y') ? 'years' : 'months';
      out.push({ kind: 'number', text: t.text, norm: unit[1]!, value: n, start: t.start, end: t.end }, { kind: 'word', text: '', norm: word, start: t.end, end: t.end });
      continue;
    }
    // "50–250": an en or em dash between numbers is a range, like "-".
    if (t.kind === 'punct' && (t.norm === '–' || t.norm === '—') && tokens[i - 1]?.kind === 'number' && next?.kind === 'number') {
      out.push({ ...t, norm: '-' });
      continue;
    }
    // "a 50-250 person shop", "200-people companies": a head count before a word for a company.
    // "companies with more than 500 people", "whose company has 200 staff": a head count said of a company.
    if (t.kind === 'word' && SIZED_BY.has(SHORTHAND[t.norm] ?? t.norm) && tokens[i - 1]?.kind === 'number' && (COMPANY_WORDS.has(next?.norm ?? '') || ofCompany(tokens, i))) {
      out.push({ ...t, norm: COMPANY_WORDS.has(next?.norm ?? '') ? 'employee' : 'employees' });
      continue;
    }
    // "openers of the Product Launch email", "recipients of Spring Sale": the people who did it.
    const doer = t.kind === 'word' ? DOERS[t.norm] : undefined;
    // "clickers from the last 5 sends": "from" the campaigns said next.
    const fromLast = next?.norm === 'from' && ['the', 'our'].includes(tokens[i + 2]?.norm ?? '') && ['last', 'latest', 'recent', 'previous', 'most'].includes(tokens[i + 3]?.norm ?? '');
    // ("from" stays: the people who clicked one of those campaigns, not each of them.)
    if (doer && fromLast) {
      out.push({ ...t, norm: doer });
      continue;
    }
    if (doer && (next?.norm === 'of' || next?.norm === 'for' || next?.norm === 'on')) {
      out.push({ kind: 'word', text: `${t.text} ${next.text}`, norm: doer, start: t.start, end: next.end });
      i += 1;
      continue;
    }
    // "ignored (ghosted) the Year in Review", "ignored our last 3 campaigns": opened none of them ("ignored it": did not open it).
    if (t.kind === 'word' && (t.norm === 'ignored' || t.norm === 'ignores' || t.norm === 'ghosted') && ['the', 'our', 'it', 'them', 'all', 'every', 'each', 'any', 'emails', 'campaigns', 'newsletters'].includes(next?.norm ?? '')) {
      const it = next?.norm === 'it' || next?.norm === 'them';
      out.push({ ...t, norm: it ? "didn't" : 'opened' }, { kind: 'word', text: '', norm: it ? 'open' : 'none', start: t.end, end: t.end });
      if (!it) out.push({ kind: 'word', text: '', norm: 'of', start: t.end, end: t.end });
      continue;
    }
    // "over 100m a year in revenue", "$5M per year", "2m annually": revenue is yearly already; the words add nothing.
    if (out[out.length - 1]?.kind === 'number' && t.kind === 'word') {
      const per = (t.norm === 'a' || t.norm === 'per') && (next?.norm === 'year' || next?.norm === 'annum' || next?.norm === 'yr') ? 2 : t.norm === 'annually' || t.norm === 'yearly' || t.norm === 'annual' ? 1 : 0;
      if (per && (per === 1 || ['in', 'of', ',', 'revenue', 'turnover', 'and', 'or'].includes(tokens[i + 2]?.norm ?? '') || !tokens[i + 2])) {
        i += per - 1;
        continue;
      }
    }
    // "won deals with us this year", "a deal with us": with us adds nothing to a deal.
    if (t.norm === 'with' && next?.norm === 'us' && ['deal', 'deals', 'opportunity', 'opportunities'].includes(out[out.length - 1]?.norm ?? '')) {
      i += 1;
      continue;
    }
    // "have at least one tag": any tag.
    if (t.norm === 'at' && next?.norm === 'least' && (tokens[i + 2]?.norm === 'one' || tokens[i + 2]?.norm === '1') && (tokens[i + 3]?.norm === 'tag' || tokens[i + 3]?.norm === 'tags')) {
      out.push({ ...t, text: `${t.text} ${next.text} ${tokens[i + 2]!.text}`, norm: 'any', end: tokens[i + 2]!.end });
      i += 2;
      continue;
    }
    // Filter syntax: "|" and "||" are "or", "&" and "&&" are "and".
    if (t.kind !== 'word' && t.kind !== 'quoted' && (t.norm === '|' || t.norm === '||' || t.norm === '&&')) {
      out.push({ ...t, kind: 'word', norm: t.norm === '&&' ? 'and' : 'or' });
      continue;
    }
    // "tags: none", "crm fit: none", "NPS not set", "owner = none": the field said, then that it is empty — "no <field>".
    const empty = t.norm === ':' || t.norm === '=' ? (EMPTY.has(next?.norm ?? '') && ends(tokens, i + 2) ? 2 : 0) : t.norm === 'not' && next?.norm === 'set' && ends(tokens, i + 2) ? 2 : 0;
    if (empty) {
      let k = out.length;
      while (k > 0 && out.length - k < 3 && out[k - 1]!.kind === 'word' && !RUN_BREAKS.has(out[k - 1]!.norm)) k -= 1;
      if (k < out.length) {
        out.splice(k, 0, { kind: 'word', text: '', norm: 'no', start: out[k]!.start, end: out[k]!.start });
        i += empty - 1;
        continue;
      }
    }
    const word = t.kind === 'word' ? SHORTHAND[t.norm] : undefined;
    out.push(word ? { ...t, norm: word } : t);
  }
  return countIfs(filterAges(out));
}

/** Row nouns a spreadsheet COUNTIF may count. */
const COUNTED = new Set(['deals', 'deal', 'activities', 'activity', 'calls', 'meetings', 'notes', 'emails', 'email_events', 'events', 'fit_scores', 'opportunities']);
/** The comparisons a COUNTIF ends with; the operator table reads each before the count as it stands. */
const COUNT_SYMBOLS = new Set(['>=', '≥', '>', '<=', '≤', '<', '=', '==']);

/**
 * "COUNTIF(deals, amount>5000)>=2", "COUNTIF(activities, type="note") >= 3": a spreadsheet count of
 * rows is the same count said before the rows, ">= 2 deals with amount>5000".
 */
function countIfs(tokens: Token[]): Token[] {
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]!.norm !== 'countif' || tokens[k + 1]?.norm !== '(' || !COUNTED.has(tokens[k + 2]?.norm ?? '') || tokens[k + 3]?.norm !== ',') continue;
    const close = tokens.findIndex((t, n) => n > k + 3 && t.norm === ')');
    const [op, n] = [tokens[close + 1], tokens[close + 2]];
    if (close < 0 || !op || !COUNT_SYMBOLS.has(op.norm) || n?.kind !== 'number') continue;
    const withWord: Token = { kind: 'word', text: '', norm: 'with', start: tokens[k + 3]!.start, end: tokens[k + 3]!.start };
    const said = [op, n, tokens[k + 2]!, withWord, ...tokens.slice(k + 4, close)];
    tokens.splice(k, close + 3 - k, ...said);
    k += said.length - 1;
  }
  return tokens;
}

/**
 * "last_activity < 60d", "created > 30 days": a filter's comparison of a date with a duration compares
 * the age, so it is "less than 60 days ago" (said: the other reading of "< 60 days" is none a date has).
 */
function filterAges(tokens: Token[]): Token[] {
  for (let k = 0; k + 2 < tokens.length; k++) {
    const [op, n, unit] = [tokens[k]!, tokens[k + 1]!, tokens[k + 2]!];
    if (op.kind !== 'punct' || !['<', '>', '<=', '>='].includes(op.norm) || n.kind !== 'number' || !AGE_UNITS.has(unit.norm) || tokens[k + 3]?.norm === 'ago') continue;
    const said = `${op.text} ${n.text}${unit.start === n.end ? '' : ' '}${unit.text}`.trim();
    const ago: Token = { kind: 'word', text: '', norm: 'ago', start: unit.end, end: unit.end };
    tokens.splice(k + 3, 0, ago);
    tokens[k + 1] = { ...n, reading: `read "${said}" as the age: ${op.norm.startsWith('<') ? 'less' : 'more'} than ${n.value} ${unit.norm} ago` };
  }
  return tokens;
}
const AGE_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years']);

const EMPTY = new Set(['none', 'empty', 'null', 'blank', 'nil', 'missing', 'unset', 'n/a']);
/** Words a field's name does not run back over: "vip customers, owner: none" is about "owner". */
const RUN_BREAKS = new Set(['and', 'or', 'but', 'with', 'without', 'who', 'whose', 'that', 'where', 'has', 'have', 'is', 'are', 'their', 'a', 'an', 'the', 'no', 'not']);
/** The end of a filter's value: the text's end, a separator or a conjunction. */
function ends(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  return !t || [',', ';', '.', ')', '|', '||', '&', '&&', 'and', 'or', 'but'].includes(t.norm);
}

function glued(a: Token | undefined, b: Token | undefined): boolean {
  return !!a && !!b && a.end === b.start;
}

/** Whether a word for a company stands a few words before the head count at i. */
function ofCompany(tokens: readonly Token[], i: number): boolean {
  if (/^(employees?|staff)$/.test(tokens[i]!.norm)) return false;
  // Back to the clause's start: "whose company is in the US, Canada or the UK and has under 100 people".
  for (let k = i - 2; k >= Math.max(0, i - 14); k--) {
    const w = SHORTHAND[tokens[k]!.norm] ?? tokens[k]!.norm;
    if (COMPANY_WORDS.has(w)) return true;
    if (k < i - 6 && (w === 'who' || w === 'that' || w === 'which' || w === 'contacts' || w === 'people')) return false;
  }
  return false;
}

const UNIT = /^(\d{1,4})(d|days?|w|wks?|weeks?|mo|mos|mths?|months?|y|yrs?|years?)$/;
const UNIT_LETTER = /^(d|w|wk|wks|mo|mos|y|yr|yrs)$/;

/** Words of a catalog or tenant phrase, tokenized the same way as descriptions. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase.replace(/_/g, ' '))
    .filter((t) => t.kind !== 'punct')
    .map((t) => t.norm);
}
