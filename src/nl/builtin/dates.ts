// Time expressions → conditions on a date field, relative to the clock (asOf, UTC): "in the last
// 30 days", "since 2026-09-01", "before 2025", "in March 2026", "this year", "more than a year ago",
// "ever". Rolling windows stay relative (within_last); calendar periods become absolute bounds.
import type { RelativeDate, RelativeUnit } from '../../rules/grammar.js';
import { readNumber } from './numbers.js';
import type { Token } from './tokens.js';

export interface DateCondition {
  operator: 'within_last' | 'more_than_ago' | 'gte' | 'lt';
  value: RelativeDate | string;
}

export interface When {
  conditions: DateCondition[];
  end: number;
}

/** Words after which "may" is the month ("before May", "in May"), not the verb. */
const MAY_PREPOSITIONS = new Set(['before', 'after', 'since', 'until', 'till', 'through', 'from', 'by', 'between', 'and', 'to', 'in', 'during', 'of', 'early', 'late', 'mid']);

/** Words after a season said alone ("since summer and …"): it is the time, not part of a name. */
const SEASON_AFTER = new Set(['and', 'or', 'but', 'who', 'that', 'which', 'with', 'without', 'in', 'on', 'for', 'by', 'from', 'than', 'yet', 'so', 'then']);
const MONTH_LABELS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The month each season starts in (0 = January); winter runs December to February. */
const SEASONS: Record<string, number> = { spring: 2, summer: 5, autumn: 8, fall: 8, winter: 11 };
/** The seasons' names ("over the summer" is read as "in the summer" by the tokenizer). */
export const SEASON_NAMES: ReadonlySet<string> = new Set(Object.keys(SEASONS));

const UNITS: Record<string, [RelativeUnit, number]> = {
  day: ['days', 1], days: ['days', 1], week: ['weeks', 1], weeks: ['weeks', 1], month: ['months', 1], months: ['months', 1],
  year: ['years', 1], years: ['years', 1], quarter: ['months', 3], quarters: ['months', 3], qtr: ['months', 3], qtrs: ['months', 3], mth: ['months', 1], mths: ['months', 1], yr: ['years', 1], yrs: ['years', 1],
  wk: ['weeks', 1], wks: ['weeks', 1], mo: ['months', 1], mos: ['months', 1], fortnight: ['weeks', 2], fortnights: ['weeks', 2],
};
/** Days of the week by their names (Sunday is 0, as Date counts them). */
const WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};
/** The next smaller unit that a fraction of a unit is said in, and how many of it make one. */
const SMALLER: Partial<Record<RelativeUnit, [RelativeUnit, number]>> = { years: ['months', 12], weeks: ['days', 7] };
/** Calendar periods by the words for them, abbreviations included ("last qtr", "this yr"). */
export const CALENDAR_UNITS: Record<string, 'day' | 'week' | 'month' | 'quarter' | 'year'> = {
  day: 'day', week: 'week', wk: 'week', month: 'month', mo: 'month', mth: 'month', quarter: 'quarter', qtr: 'quarter', year: 'year', yr: 'year',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORDS: Record<string, number> = Object.fromEntries([
  ...MONTHS.map((m, i) => [m, i]),
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((m, i) => [m, i]),
  ['sept', 8],
]);

/** A month said by any of its names ("July", "jul", "sept") as its three-letter key, or undefined. */
export function monthKey(word: string): string | undefined {
  const m = MONTH_WORDS[word];
  return m === undefined ? undefined : MONTHS[m];
}
/** The three-letter keys of the months, January first. */
export const MONTH_KEYS: readonly string[] = MONTHS;

/** The n-th (1-based; -1 = last) weekday (0 = Sunday) of a month. */
function nthWeekday(y: number, m: number, weekday: number, n: number): Date {
  if (n < 0) {
    const last = day(y, m + 1, 0);
    return day(y, m, last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7));
  }
  const first = day(y, m, 1);
  return day(y, m, 1 + ((weekday - first.getUTCDay() + 7) % 7) + (n - 1) * 7);
}

/** Easter Sunday (Gregorian; the anonymous algorithm). */
function easter(y: number): Date {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return day(y, month - 1, ((h + l - 7 * m + 114) % 31) + 1);
}

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/**
 * Named days, by their words ("'s" and a trailing "day" optional where people drop them): the
 * day each falls on in a year. US observances where the name is American (Labor Day, Memorial Day,
 * Thanksgiving).
 */
const HOLIDAYS: [words: string[], on: (y: number) => Date][] = [
  [['christmas', 'eve'], (y) => day(y, 11, 24)],
  [['christmas'], (y) => day(y, 11, 25)],
  [['xmas'], (y) => day(y, 11, 25)],
  [['boxing', 'day'], (y) => day(y, 11, 26)],
  [['new', 'year', "'s", 'eve'], (y) => day(y, 11, 31)],
  [['new', 'years', 'eve'], (y) => day(y, 11, 31)],
  [['new', 'year', "'s"], (y) => day(y, 0, 1)],
  [['new', 'years'], (y) => day(y, 0, 1)],
  [['valentine', "'s"], (y) => day(y, 1, 14)],
  [['valentines'], (y) => day(y, 1, 14)],
  [['st', '.', 'patrick', "'s"], (y) => day(y, 2, 17)],
  [['st', 'patrick', "'s"], (y) => day(y, 2, 17)],
  [['good', 'friday'], (y) => addDays(easter(y), -2)],
  [['easter', 'monday'], (y) => addDays(easter(y), 1)],
  [['easter', 'sunday'], (y) => easter(y)],
  [['easter'], (y) => easter(y)],
  [['memorial', 'day'], (y) => nthWeekday(y, 4, 1, -1)],
  [['independence', 'day'], (y) => day(y, 6, 4)],
  [['fourth', 'of', 'july'], (y) => day(y, 6, 4)],
  [['juneteenth'], (y) => day(y, 5, 19)],
  [['canada', 'day'], (y) => day(y, 6, 1)],
  [['bastille', 'day'], (y) => day(y, 6, 14)],
  [['cinco', 'de', 'mayo'], (y) => day(y, 4, 5)],
  [['st', '.', 'stephen', "'s"], (y) => day(y, 11, 26)],
  [['st', 'stephen', "'s"], (y) => day(y, 11, 26)],
  [['stephen', "'s"], (y) => day(y, 11, 26)],
  [['paddy', "'s"], (y) => day(y, 2, 17)],
  [['patrick', "'s"], (y) => day(y, 2, 17)],
  [['may', 'day'], (y) => nthWeekday(y, 4, 1, 1)],
  [['labor', 'day'], (y) => nthWeekday(y, 8, 1, 1)],
  [['labour', 'day'], (y) => nthWeekday(y, 8, 1, 1)],
  [['halloween'], (y) => day(y, 9, 31)],
  [['thanksgiving'], (y) => nthWeekday(y, 10, 4, 4)],
  [['black', 'friday'], (y) => addDays(nthWeekday(y, 10, 4, 4), 1)],
  [['cyber', 'monday'], (y) => addDays(nthWeekday(y, 10, 4, 4), 4)],
];

const HOLIDAY_FIRST_WORDS = new Set(HOLIDAYS.map(([words]) => words[0]!));

/** The words of time expressions: known words, never "corrected" into others ("quarters" is not "quarter"). */
/**
 * The bank holidays of Ireland and of England and Wales (no weekend substitutes), sorted by date; "name"
 * is what a season word picks ("the summer bank holiday", "the early May bank holiday").
 */
function bankHolidays(y: number): { date: Date; where: string; name: string }[] {
  const IE = 'Ireland', UK = 'England and Wales';
  const list = [
    { date: day(y, 0, 1), where: `${IE} and ${UK}`, name: 'new year' },
    ...(y >= 2023 ? [{ date: nthWeekday(y, 1, 1, 1), where: IE, name: 'spring' }] : []),
    { date: day(y, 2, 17), where: IE, name: 'spring' },
    { date: addDays(easter(y), -2), where: UK, name: 'easter' },
    { date: addDays(easter(y), 1), where: `${IE} and ${UK}`, name: 'easter' },
    { date: nthWeekday(y, 4, 1, 1), where: `${IE} and ${UK}`, name: 'early' },
    { date: nthWeekday(y, 4, 1, -1), where: UK, name: 'spring' },
    { date: nthWeekday(y, 5, 1, 1), where: IE, name: 'summer' },
    { date: nthWeekday(y, 7, 1, 1), where: IE, name: 'summer' },
    { date: nthWeekday(y, 7, 1, -1), where: UK, name: 'summer' },
    { date: nthWeekday(y, 9, 1, -1), where: IE, name: 'autumn' },
    { date: day(y, 11, 25), where: `${IE} and ${UK}`, name: 'christmas' },
    { date: day(y, 11, 26), where: `${IE} and ${UK}`, name: 'christmas' },
  ];
  return list.sort((a, b) => a.date.getTime() - b.date.getTime());
}
/** Season words before "bank holiday", and the days they name. */
const BANK_SEASONS: Record<string, string[]> = { summer: ['summer'], spring: ['spring'], early: ['early'], autumn: ['autumn'], october: ['autumn'], easter: ['easter'], christmas: ['christmas'] };

/** "the first half", "the back half of 2024", "the latter half": which half of a year or month. */
const HALVES: Record<string, 1 | 2> = { first: 1, front: 1, earlier: 1, second: 2, back: 2, latter: 2, later: 2, last: 2 };
export const DATE_WORDS: readonly string[] = [...Object.keys(UNITS), ...Object.keys(WEEKDAYS).filter((d) => d.length > 4), ...Object.keys(MONTH_WORDS), ...Object.keys(SEASONS), 'ytd', 'qtd', 'mtd', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4', 'half', 'fortnight', ...HOLIDAYS.flatMap(([words]) => words).filter((w) => /^[a-z]{4,}$/.test(w))];

/** Whether a word can begin a period said before a noun ("Q1 contacts", "last month's signups", "2025 leads"): a cheap test before reading. */
export function mayStartPeriod(word: string): boolean {
  return /^(q[1-4]|h[12]|\d{4})$/.test(word) || MONTH_WORDS[word] !== undefined || SEASONS[word] !== undefined ||
    ['last', 'this', 'past', 'previous', 'recent', 'current', 'ytd', 'qtd', 'mtd', 'the', 'early', 'late', 'mid'].includes(word);
}

const day = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));
const iso = (d: Date) => d.toISOString();

/** A calendar period [start, end). */
interface Period {
  start: Date;
  end: Date;
  next: number;
}

export class DateReader {
  /** A moment named by something in the tenant's data at i ("the Spring Sale (went out)"), set by the parse. */
  moment: ((i: number) => { at: Date; end: number } | undefined) | undefined;
  /** Reports a reading taken where the words allow two (a date written "03/04/2026"), set by the parse. */
  note: ((text: string) => void) | undefined;
  /** Where the tenant names a campaign at i that runs past `end` ("the Black Friday Teaser"), set by the parse. */
  nameBeyond: ((i: number, end: number) => boolean) | undefined;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly asOf: Date,
  ) {}

  private w(i: number): string {
    return this.tokens[i]?.norm ?? '';
  }

  /** A four-digit year at k. */
  private readonly yearAt = (k: number): number | undefined => {
    const y = this.tokens[k];
    return y?.kind === 'number' && /^\d{4}$/.test(y.norm) && y.value! >= 1900 && y.value! <= 2200 ? y.value! : undefined;
  };

  /** `w` as a function value, made once (a closure per call costs more than the reading it does). */
  private readonly word = (i: number): string => this.tokens[i]?.norm ?? '';

  /** A time expression at i, or undefined. */
  /** Time expressions by token: every recognizer asks at the positions it reaches, so each is read once. */
  private readonly known = new Map<number, When | undefined>();

  read(i: number): When | undefined {
    if (this.known.has(i)) return this.known.get(i);
    // "added back in March", "way back in 2024": the time is the same.
    const back = this.word(i) === 'back' && this.word(i + 1) === 'in' ? 1 : this.word(i) === 'way' && this.word(i + 1) === 'back' && this.word(i + 2) === 'in' ? 2 : 0;
    const when = this.openEnded(this.readAt(i + back));
    this.known.set(i, when);
    return when;
  }

  /**
   * "sept 15th 2026 or later", "Q2 or earlier", "March onwards": a period with its other end left
   * open — from its start on, or up to its end.
   */
  private openEnded(when: When | undefined): When | undefined {
    if (!when) return when;
    const w = this.word;
    const k = when.end;
    // "in Q4 so far", "this month to date": the period up to now, when now is inside it (nothing after now is on record).
    const soFar = (w(k) === 'so' && w(k + 1) === 'far') || (w(k) === 'to' && w(k + 1) === 'date');
    const now = this.asOf.toISOString();
    const started = when.conditions.find((c) => c.operator === 'gte');
    const ends = when.conditions.find((c) => c.operator === 'lt');
    if (soFar && started && String(started.value) <= now && (!ends || now < String(ends.value)) && when.conditions.length === (ends ? 2 : 1)) return { conditions: [started], end: k + 2 };
    if (when.conditions.length !== 2) return when;
    const [from, to] = [started, ends];
    if (!from || !to) return when;
    const two = `${w(k)} ${w(k + 1)}`;
    if (['or later', 'or after', 'and later', 'and after', 'or newer', 'or since'].includes(two)) return { conditions: [from], end: k + 2 };
    if (w(k) === 'onwards' || w(k) === 'onward') return { conditions: [from], end: k + 1 };
    if (['or earlier', 'or before', 'and earlier', 'and before', 'or older', 'or prior'].includes(two)) return { conditions: [to], end: k + 2 };
    return when;
  }

  private readAt(i: number): When | undefined {
    // "created sometime in May": the word adds nothing to the window after it.
    if (this.w(i) === 'sometime') return this.read(i + 1);
    const w = this.word;
    if (w(i) === 'ever' || (w(i) === 'at' && w(i + 1) === 'all')) return { conditions: [], end: w(i) === 'ever' ? i + 1 : i + 2 };
    // "at some point", "at any point", "at any time": ever
    if (w(i) === 'at' && (w(i + 1) === 'some' || w(i + 1) === 'any') && (w(i + 2) === 'point' || w(i + 2) === 'time')) {
      // "closed at some point this year": the window said after it.
      const then = this.read(i + 3);
      return then?.conditions.length ? { conditions: then.conditions, end: then.end } : { conditions: [], end: i + 3 };
    }
    if (w(i) === 'recently' || w(i) === 'lately') {
      this.note?.(`read "${this.tokens[i]!.text}" as in the last 30 days (say a window to change it)`);
      return { conditions: [{ operator: 'within_last', value: { amount: 30, unit: 'days' } }], end: i + 1 };
    }
    // in / within / during / over / for [the] last|past|previous N units
    let j = i;
    // ("new contacts of the last 2 weeks": "of" before a window, as second-language English says it.)
    const prep = ['in', 'within', 'during', 'over', 'for', 'inside'].includes(w(j)) || (w(j) === 'of' && w(j + 1) === 'the' && ['last', 'past'].includes(w(j + 2)));
    if (prep) j += 1;
    const the = w(j) === 'the';
    if (the) j += 1;
    // "created in the 6 weeks before October 1", "the 30 days after the Spring Sale": that long next to a date.
    if (the && readNumber(this.tokens, j)) {
      const span = this.span(j);
      const side = span ? (w(span.end) === 'before' || (w(span.end) === 'prior' && w(span.end + 1) === 'to') ? 'before' : w(span.end) === 'after' || w(span.end) === 'following' ? 'after' : undefined) : undefined;
      const at = side ? span!.end + (w(span!.end) === 'prior' ? 2 : 1) : -1;
      const anchor = side ? this.period(w(at) === 'the' ? at + 1 : at) : undefined;
      if (span && side && anchor) {
        const edge = side === 'before' ? anchor.start : anchor.end;
        const other = new Date(edge);
        const { amount, unit } = span.value;
        if (unit === 'days') other.setUTCDate(other.getUTCDate() + (side === 'before' ? -amount : amount));
        else if (unit === 'weeks') other.setUTCDate(other.getUTCDate() + (side === 'before' ? -7 * amount : 7 * amount));
        else if (unit === 'months') other.setUTCMonth(other.getUTCMonth() + (side === 'before' ? -amount : amount));
        else other.setUTCFullYear(other.getUTCFullYear() + (side === 'before' ? -amount : amount));
        return this.inside(side === 'before' ? { start: other, end: edge, next: anchor.next } : { start: edge, end: other, next: anchor.next });
      }
    }
    // "in the last quarter of 2025", "the last half of the year": a part of the period named after "of".
    const partOf = the && w(j) === 'last' && (w(j + 1) === 'quarter' || w(j + 1) === 'half') && w(j + 2) === 'of';
    if (partOf) {
      const part = this.anchored(i);
      if (part) return part;
    }
    if (['last', 'past', 'previous', 'recent', 'prior'].includes(w(j))) {
      // "last year" is the previous calendar year; "the last year" and "the last 12 months" roll.
      // "the previous quarter", "prior month": the calendar period before this one too.
      // "the last calendar quarter", "the previous full month": the calendar period, whatever the article.
      const calendar = w(j + 1) === 'calendar' || w(j + 1) === 'full' ? 1 : 0;
      if (((!the && w(j) === 'last') || calendar || w(j) === 'previous' || w(j) === 'prior') && this.unitWord(j + 1 + calendar)) {
        const period = this.previousPeriod(j + 1 + calendar);
        if (period) return this.inside(period);
      }
      const span = this.span(j + 1);
      // "the last 10 days of September": the end of that period (read as one), not the last 10 days.
      const ofPeriod = span && the && this.w(span.end) === 'of' ? this.anchored(i) : undefined;
      if (ofPeriod) return ofPeriod;
      if (span) return { conditions: [{ operator: 'within_last', value: span.value }], end: span.end };
    }
    if (prep && !the) {
      const span = this.span(j);
      // "a deal over 4 months old": older than that.
      if (span && w(span.end) === 'old' && (w(i) === 'over' || w(i) === 'for')) return { conditions: [{ operator: 'more_than_ago', value: span.value }], end: span.end + 1 };
      if (span && w(span.end) !== 'ago') return { conditions: [{ operator: 'within_last', value: span.value }], end: span.end };
      // "haven't called in over 60 days", "no meeting in more than 4 months": none in that long, the last N.
      const over = w(j) === 'over' ? j + 1 : (w(j) === 'more' || w(j) === 'longer') && w(j + 1) === 'than' ? j + 2 : undefined;
      const long = (w(i) === 'in' || w(i) === 'for') && over !== undefined ? this.span(over) : undefined;
      if (long && w(long.end) !== 'ago') {
        this.note?.(`read "${this.tokens.slice(i, long.end).map((t) => t.text).join(' ')}" as the last ${long.value.amount} ${long.value.unit}`);
        return { conditions: [{ operator: 'within_last', value: long.value }], end: long.end };
      }
    }
    // "created since 3 months", "no open since two weeks": "since" with a length (French "depuis", German
    // "seit") is the last that long, said.
    if (w(i) === 'since') {
      const span = this.span(i + 1);
      if (span && w(span.end) !== 'ago') {
        this.note?.(`read "${this.tokens.slice(i, span.end).map((t) => t.text).join(' ')}" as in the last ${span.value.amount} ${span.value.unit}`);
        return { conditions: [{ operator: 'within_last', value: span.value }], end: span.end };
      }
      // "since 3 months ago": from that moment on, the last 3 months.
      if (span) return { conditions: [{ operator: 'within_last', value: span.value }], end: span.end + 1 };
      // "exist in our CRM since more than 18 months": for longer than that, so it began over that long ago.
      const longer = (w(i + 1) === 'more' || w(i + 1) === 'over' || w(i + 1) === 'longer') && w(i + 2) === 'than' ? this.span(i + 3) : w(i + 1) === 'over' ? this.span(i + 2) : undefined;
      if (longer && w(longer.end) !== 'ago') {
        this.note?.(`read "${this.tokens.slice(i, longer.end).map((t) => t.text).join(' ')}" as more than ${longer.value.amount} ${longer.value.unit} ago`);
        return { conditions: [{ operator: 'more_than_ago', value: longer.value }], end: longer.end };
      }
    }
    // "no activity 60d", "opened 30d": a length written short, glued to its number, is the last that long.
    if (this.tokens[i]?.kind === 'number' && this.tokens[i + 1] && (this.tokens[i + 1]!.text === '' || this.tokens[i + 1]!.start === this.tokens[i]!.end) && UNITS[w(i + 1)] && !['ago', 'old', 'before', 'after'].includes(w(i + 2)) && !['than', 'over', 'under', 'for'].includes(w(i - 1))) {
      const span = this.span(i);
      if (span) return { conditions: [{ operator: 'within_last', value: span.value }], end: span.end };
    }
    // "between 90 and 30 days ago", "between 2 and 6 months ago": older than the nearer, within the farther.
    if (w(i) === 'between' || (w(i) === 'from' && readNumber(this.tokens, i + 1))) {
      const lo = readNumber(this.tokens, i + 1);
      const hi = lo && ['and', 'to', '-', '–'].includes(w(lo.end)) ? this.span(lo.end + 1) : undefined;
      if (lo && hi && w(hi.end) === 'ago' && Number.isInteger(lo.value)) {
        const near = Math.min(lo.value, hi.value.amount);
        const far = Math.max(lo.value, hi.value.amount);
        const unit = hi.value.unit;
        return { conditions: [{ operator: 'more_than_ago', value: { amount: near, unit } }, { operator: 'within_last', value: { amount: far, unit } }], end: hi.end + 1 };
      }
    }
    // "so far this year": this period up to now.
    if (w(i) === 'so' && w(i + 1) === 'far' && (w(i + 2) === 'this' || w(i + 2) === 'in')) {
      const k = w(i + 2) === 'in' && w(i + 3) === 'this' ? i + 4 : w(i + 2) === 'this' ? i + 3 : -1;
      const start = k > 0 ? this.startOf(CALENDAR_UNITS[w(k)] ?? '') : undefined;
      if (start) return { conditions: [{ operator: 'gte', value: iso(start) }], end: k + 1 };
    }
    if (w(i) === 'this' || w(i) === 'current') {
      const start = this.startOf(CALENDAR_UNITS[w(i + 1)] ?? '');
      if (start) return { conditions: [{ operator: 'gte', value: iso(start) }], end: i + 2 };
    }
    // "YTD", "year to date", "QTD", "MTD": from the start of the period to now.
    const toDate: Record<string, string> = { ytd: 'year', qtd: 'quarter', mtd: 'month' };
    if (toDate[w(i)]) return { conditions: [{ operator: 'gte', value: iso(this.startOf(toDate[w(i)]!)!) }], end: i + 1 };
    if (['year', 'quarter', 'month'].includes(w(i)) && w(i + 1) === 'to' && w(i + 2) === 'date') {
      return { conditions: [{ operator: 'gte', value: iso(this.startOf(w(i))!) }], end: i + 3 };
    }
    if (w(i) === 'today') return { conditions: [{ operator: 'gte', value: iso(this.startOf('day')!) }], end: i + 1 };
    if (w(i) === 'yesterday') {
      const today = this.startOf('day')!;
      return this.inside({ start: new Date(today.getTime() - 86_400_000), end: today, next: i + 1 });
    }
    return this.ago(i) ?? this.anchored(i);
  }

  /** "more than 90 days ago", "over a year ago", "older than 6 months", "less than a week ago". */
  private ago(i: number): When | undefined {
    const w = this.word;
    let j = i;
    let operator: DateCondition['operator'] = 'more_than_ago';
    if (w(j) === 'older' && w(j + 1) === 'than') j += 2;
    else if ((w(j) === 'more' || w(j) === 'longer') && w(j + 1) === 'than') j += 2;
    else if (['over', 'beyond', '>', '>='].includes(w(j))) j += 1;
    else if (w(j) === '<' || w(j) === '<=') {
      j += 1;
      operator = 'within_last';
    }
    else if (w(j) === 'at' && w(j + 1) === 'least') j += 2;
    else if ((w(j) === 'less' || w(j) === 'fewer') && w(j + 1) === 'than') {
      j += 2;
      operator = 'within_last';
    } else if (w(j) === 'within') {
      j += 1;
      operator = 'within_last';
    } else return undefined;
    const span = this.span(j);
    if (!span) return undefined;
    const older = w(i) === 'older';
    if (!older && w(span.end) !== 'ago') return undefined;
    return { conditions: [{ operator, value: span.value }], end: older ? span.end : span.end + 1 };
  }

  /** since / before / after / until / in / on / between + a calendar date or period. */
  private anchored(i: number): When | undefined {
    const w = this.word;
    const two = `${w(i)} ${w(i + 1)}`;
    const three = `${two} ${w(i + 2)}`;
    let kind: 'since' | 'before' | 'after' | 'until' | 'in' | 'between' | undefined;
    let j = i + 1;
    if (three === 'on or after' || three === 'starting from on' || two === 'starting from' || two === 'as of') {
      kind = 'since';
      j = i + (three === 'on or after' ? 3 : 2);
    } else if (three === 'on or before' || three === 'no later than' || three === 'not later than') {
      // ("no later than the end of Q3": on or before it.)
      kind = 'until';
      j = i + 3;
    } else if (three === 'no earlier than' || three === 'not earlier than' || three === 'no sooner than') {
      kind = 'since';
      j = i + 3;
    } else if (two === 'prior to' || two === 'earlier than' || two === 'since before' || two === 'from before') {
      // ("in the CRM since before 2025": since a time before it, so before it.)
      kind = 'before';
      j = i + 2;
    } else if (two === 'later than') {
      kind = 'after';
      j = i + 2;
    } else if (['since', 'from'].includes(w(i)) && w(i + 1) === 'the' && ['start', 'beginning'].includes(w(i + 2)) && w(i + 3) === 'of') {
      // "since the start of the year": this period so far.
      const the = w(i + 4) === 'the' || w(i + 4) === 'this' ? 1 : 0;
      const start = this.startOf(w(i + 4 + the));
      if (start) return { conditions: [{ operator: 'gte', value: iso(start) }], end: i + 5 + the };
      // "since the start of June", "from the beginning of 2025": from the start of that period.
      const period = this.period(i + 4);
      if (period) return { conditions: [{ operator: 'gte', value: iso(period.start) }], end: period.next };
      kind = 'since';
    } else if (['since', 'from', '>=', '≥'].includes(w(i))) kind = 'since';
    else if (w(i) === 'before' || w(i) === '<') kind = 'before';
    else if (w(i) === 'after' || w(i) === '>') kind = 'after';
    else if (w(i) === '<=' || w(i) === '≤') kind = 'until';
    else if (['until', 'till', 'through', 'thru'].includes(w(i))) kind = 'until';
    else if (['in', 'on', 'during', 'across', 'throughout'].includes(w(i))) kind = 'in';
    else if (w(i) === 'between') kind = 'between';
    else {
      kind = 'in';
      j = i;
    }
    // "between the 1st and the 15th of October", "from 1 to 15 October": two days of one month, both included.
    const days = kind === 'between' || w(i) === 'from' ? this.daysOfMonth(j) : undefined;
    if (days) return this.inside(days);
    const first = this.period(j);
    if (!first) {
      // "since the Spring Sale went out", "before the Product Launch": the moment it was sent.
      // Not after "from": "contacts from the spring sale" are the campaign's people, not a time.
      const at = kind !== 'in' && kind !== 'between' && w(i) !== 'from' ? this.moment?.(j) : undefined;
      if (!at) return undefined;
      const operator = kind === 'since' || kind === 'after' ? 'gte' : 'lt';
      return { conditions: [{ operator, value: iso(at.at) }], end: at.end };
    }
    // "in September or October (2026)": two periods that meet are one window; a year said at the end is both's.
    if (kind === 'in' && (w(first.next) === 'or' || w(first.next) === 'and')) {
      const second = this.period(first.next + 1);
      if (second) {
        const shift = !this.hasYear(j, first.next) && this.hasYear(first.next + 1, second.next) ? second.start.getUTCFullYear() - first.start.getUTCFullYear() : 0;
        const start = new Date(first.start);
        start.setUTCFullYear(start.getUTCFullYear() + shift);
        const end = new Date(first.end);
        end.setUTCFullYear(end.getUTCFullYear() + shift);
        if (end.getTime() === second.start.getTime()) return this.inside({ start, end: second.end, next: second.next });
      }
    }
    // "from March to May", "April through June", "in Q1-Q2": a range, both ends included.
    if ((kind === 'in' || (kind === 'since' && w(i) === 'from')) && ['to', 'through', 'thru', 'until', 'till', '-', '–'].includes(w(first.next))) {
      const second = this.period(first.next + 1);
      if (second && second.end > first.start) return this.inside({ start: first.start, end: second.end, next: second.next });
    }
    // "a deal from last quarter", "signups from last month": a previous period said with "from" is
    // when they are from (the whole period), not the start of a range up to now.
    if (kind === 'since' && w(i) === 'from' && ['last', 'previous', 'prior'].includes(w(j)) && first.end <= this.asOf) return this.inside(first);
    switch (kind) {
      case 'since':
        return { conditions: [{ operator: 'gte', value: iso(first.start) }], end: first.next };
      case 'before':
        return { conditions: [{ operator: 'lt', value: iso(first.start) }], end: first.next };
      case 'after':
        return { conditions: [{ operator: 'gte', value: iso(first.end) }], end: first.next };
      case 'until':
        return { conditions: [{ operator: 'lt', value: iso(first.end) }], end: first.next };
      case 'in':
        return this.inside(first);
      case 'between': {
        if (!['and', 'to', '-', '–'].includes(w(first.next))) return undefined;
        const second = this.period(first.next + 1);
        if (!second) return undefined;
        let start = first.start;
        if (start >= second.end) {
          // "between 1 Jan and 31 Mar 2025": the year written once belongs to both ends, so a first
          // end without a year of its own moves back to the latest year that makes the range non-empty.
          // A range that is empty as written ("between 2026 and 2025") is left unread, never answered empty.
          if (this.hasYear(j, first.next)) return undefined;
          const moved = new Date(start);
          while (moved >= second.end) moved.setUTCFullYear(moved.getUTCFullYear() - 1);
          start = moved;
        }
        return this.inside({ start, end: second.end, next: second.next });
      }
    }
  }

  /** Whether tokens [from, to) name a year of their own (a four-digit number or an ISO date). */
  private hasYear(from: number, to: number): boolean {
    for (let k = from; k < to; k++) {
      const t = this.tokens[k];
      if (t?.kind === 'date' || (t?.kind === 'number' && /^\d{4}$/.test(t.norm))) return true;
    }
    return false;
  }

  private inside(p: Period): When {
    return { conditions: [{ operator: 'gte', value: iso(p.start) }, { operator: 'lt', value: iso(p.end) }], end: p.next };
  }

  /**
   * How long something has lasted, after "for": "for more than 18 months", "for over a year", "for
   * less than 3 months", "for 2 years". Longer than the span is having started more than that long
   * ago; shorter is having started within it. `bare` says no comparison word was given ("for 2
   * years"), which the caller reads as at least that long, said.
   */
  duration(i: number): (When & { bare: boolean }) | undefined {
    const w = this.word;
    // "in the crm over 18 months", "on our list less than 90 days": the comparison without "for".
    const forless = w(i) !== 'for' && (['over', 'under'].includes(w(i)) || (['more', 'longer', 'less', 'fewer', 'shorter'].includes(w(i)) && w(i + 1) === 'than') || (w(i) === 'at' && w(i + 1) === 'least'));
    // ("in the CRM since 3 months": a second-language "for".)
    if (w(i) !== 'for' && w(i) !== 'since' && !forless) return undefined;
    let j = forless ? i : i + 1;
    let operator: DateCondition['operator'] = 'more_than_ago';
    let bare = false;
    if ((w(j) === 'more' || w(j) === 'longer') && w(j + 1) === 'than') j += 2;
    else if (w(j) === 'over' || w(j) === 'upwards' && w(j + 1) === 'of') j += w(j) === 'over' ? 1 : 2;
    else if (w(j) === 'at' && w(j + 1) === 'least') j += 2;
    else if ((w(j) === 'less' || w(j) === 'fewer' || w(j) === 'shorter') && w(j + 1) === 'than') {
      j += 2;
      operator = 'within_last';
    } else if (w(j) === 'under' || (w(j) === 'not' && w(j + 1) === 'even')) {
      j += w(j) === 'under' ? 1 : 2;
      operator = 'within_last';
    } else bare = true;
    const span = this.span(j);
    if (!span || w(span.end) === 'ago') return undefined;
    // "for 2+ years", "for 18 months or more" / "or longer" / "or less".
    let end = span.end;
    if (bare && w(end) === 'or' && ['more', 'longer', 'less', 'fewer'].includes(w(end + 1))) {
      if (w(end + 1) === 'less' || w(end + 1) === 'fewer') operator = 'within_last';
      bare = false;
      end += 2;
    }
    return { conditions: [{ operator, value: span.value }], end, bare };
  }

  /** N units / a unit / the week. */
  private span(i: number): { value: RelativeDate; end: number } | undefined {
    const n = readNumber(this.tokens, i);
    let amount = 1;
    let j = i;
    if (n) {
      amount = n.value;
      j = n.end;
    } else if (['a', 'an', 'one'].includes(this.w(i)) && !['few', 'couple'].includes(this.w(i + 1))) j = i + 1;
    else {
      // "the last few weeks", "the past couple of months", "in recent weeks", "the last months": no number
      // was given, so one is assumed and said (a few is 3, a couple 2).
      const at = this.w(i) === 'a' ? i + 1 : i;
      const vague = this.w(at) === 'few' || this.w(at) === 'several' ? 3 : this.w(at) === 'couple' ? 2 : 0;
      const k = vague ? (this.w(at + 1) === 'of' ? at + 2 : at + 1) : at;
      const word = this.w(k);
      const unit = UNITS[word];
      if (unit && (vague || word.endsWith('s'))) {
        const assumed = vague || 3;
        this.note?.(`read "${this.tokens.slice(i, k + 1).map((t) => t.text).join(' ')}" as ${assumed} ${word.endsWith('s') ? word : `${word}s`} (no number was given: say one to change it)`);
        return { value: { amount: assumed * unit[1], unit: unit[0] }, end: k + 1 };
      }
    }
    // "one and a half years", "a year and a half", "1.5 years": half a unit more.
    const halfBefore = this.w(j) === 'and' && this.w(j + 1) === 'a' && this.w(j + 2) === 'half';
    if (halfBefore) j += 3;
    let unit = UNITS[this.w(j)];
    // "more than 90 days ago but within the last 180": a number after "last" without its unit takes the unit said just before.
    if (!unit && n && ['last', 'past'].includes(this.w(i - 1)) && [undefined, ',', ';', '.', ')', 'and', 'or', 'but'].includes(this.tokens[j]?.norm)) {
      for (let k = i - 2; k >= Math.max(0, i - 12) && !unit; k--) unit = UNITS[this.w(k)];
      if (unit) this.note?.(`read "${this.tokens[i]!.text}" as ${n.value} ${unit[0]}, the unit said before it`);
      if (unit) j -= 1;
    }
    if (!unit) return undefined;
    const halfAfter = !halfBefore && this.w(j + 1) === 'and' && this.w(j + 2) === 'a' && this.w(j + 3) === 'half';
    const total = (amount + (halfBefore || halfAfter ? 0.5 : 0)) * unit[1];
    const end = halfAfter ? j + 4 : j + 1;
    if (Number.isInteger(total)) return { value: { amount: total, unit: unit[0] }, end };
    // A fraction of a unit is said in the smaller unit that holds it whole: 1.5 years is 18 months,
    // 1.5 weeks 10.5 days (none: not a whole number of days), half a month none (months differ).
    const smaller = SMALLER[unit[0]];
    if (smaller && Number.isInteger(total * smaller[1])) return { value: { amount: total * smaller[1], unit: smaller[0] }, end };
    return undefined;
  }

  private unitWord(i: number): boolean {
    return CALENDAR_UNITS[this.w(i)] !== undefined;
  }

  private startOf(unit: string): Date | undefined {
    const a = this.asOf;
    const y = a.getUTCFullYear();
    const m = a.getUTCMonth();
    switch (unit) {
      case 'day':
        return day(y, m, a.getUTCDate());
      case 'week': {
        const d = day(y, m, a.getUTCDate());
        return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
      }
      case 'month':
        return day(y, m);
      case 'quarter':
        return day(y, m - (m % 3));
      case 'year':
        return day(y, 0);
      default:
        return undefined;
    }
  }

  /**
   * "Christmas 2025", "since Labor Day", "Easter": the named day, in the year said, or else the
   * latest one on or before the clock (what a marketer looking back means).
   */
  private holiday(at: number): Period | undefined {
    // "since last Christmas": the latest one on or before the clock, which is the reading without "last" too.
    const i = ['last', 'previous', 'past'].includes(this.w(at)) && HOLIDAY_FIRST_WORDS.has(this.w(at + 1)) ? at + 1 : at;
    if (!HOLIDAY_FIRST_WORDS.has(this.w(i))) return undefined;
    for (const [words, on] of HOLIDAYS) {
      if (!words.every((word, n) => this.w(i + n) === word)) continue;
      let j = i + words.length;
      if (this.w(j) === 'day' && !words.includes('day')) j += 1;
      const said = this.yearAt(j);
      if (said !== undefined) j += 1;
      let y = said ?? this.asOf.getUTCFullYear();
      if (said === undefined) while (on(y) > this.asOf) y -= 1;
      // "clicked in the Black Friday Teaser": a campaign's name that begins with the holiday's is the campaign.
      if (this.nameBeyond?.(i, j)) return undefined;
      const start = on(y);
      return { start, end: addDays(start, 1), next: j };
    }
    return undefined;
  }

  /** "last month" / "last year": the previous calendar period. */
  private previousPeriod(i: number): Period | undefined {
    const unit = CALENDAR_UNITS[this.w(i)] ?? '';
    const start = this.startOf(unit);
    if (!start) return undefined;
    const prev = new Date(start);
    if (unit === 'week') prev.setUTCDate(prev.getUTCDate() - 7);
    else if (unit === 'month') prev.setUTCMonth(prev.getUTCMonth() - 1);
    else if (unit === 'quarter') prev.setUTCMonth(prev.getUTCMonth() - 3);
    else if (unit === 'year') prev.setUTCFullYear(prev.getUTCFullYear() - 1);
    else prev.setUTCDate(prev.getUTCDate() - 1);
    return { start: prev, end: start, next: i + 1 };
  }

  /** The calendar period of `unit` just before `period`. */
  private previousBefore(period: Period, unit: string): { start: Date; end: Date } {
    const prev = new Date(period.start);
    if (unit === 'week') prev.setUTCDate(prev.getUTCDate() - 7);
    else if (unit === 'month') prev.setUTCMonth(prev.getUTCMonth() - 1);
    else if (unit === 'quarter') prev.setUTCMonth(prev.getUTCMonth() - 3);
    else if (unit === 'year') prev.setUTCFullYear(prev.getUTCFullYear() - 1);
    else prev.setUTCDate(prev.getUTCDate() - 1);
    return { start: prev, end: period.start };
  }

  /** "the 1st and the 15th of October", "1 to 15 October": the days from one to the other of the month said after them. */
  private daysOfMonth(j: number): Period | undefined {
    const dayAt = (k: number): { value: number; next: number } | undefined => {
      const at = this.w(k) === 'the' ? k + 1 : k;
      const t = this.tokens[at];
      const n = /^\d{1,2}(st|nd|rd|th)$/.test(t?.norm ?? '') ? parseInt(t!.norm, 10) : t?.kind === 'number' && !/^\d{4}$/.test(t.norm) ? t.value : undefined;
      return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 31 ? { value: n, next: at + 1 } : undefined;
    };
    const a = dayAt(j);
    if (!a || !['and', 'to', '-', '–', 'through', 'thru', 'until'].includes(this.w(a.next))) return undefined;
    const b = dayAt(a.next + 1);
    if (!b || b.value < a.value) return undefined;
    const m = this.w(b.next) === 'of' ? b.next + 1 : b.next;
    if (MONTH_WORDS[this.w(m)] === undefined) return undefined;
    const month = this.period(m);
    if (!month) return undefined;
    const y = month.start.getUTCFullYear();
    const mo = month.start.getUTCMonth();
    return { start: day(y, mo, a.value), end: day(y, mo, b.value + 1), next: month.next };
  }

  /** "last year", "previous year" at j: the calendar year before the clock's. */
  private lastYear(j: number): boolean {
    return (this.w(j) === 'last' || this.w(j) === 'previous') && this.w(j + 1) === 'year';
  }

  /** A calendar date or period: 2026-09-01, March 2026, March 1, 2026, 1 March 2026, September, 2025, Q1 2026. */
  /**
   * "the October bank holiday", "since the bank holiday", "the summer bank holiday": the latest such day
   * of Ireland or of England and Wales on or before the clock (or in the year said). Where the two
   * countries' days differ, the earlier is read and the other said.
   */
  private bankHoliday(i: number): Period | undefined {
    // (A gate on the tokens themselves: most positions start no bank holiday.)
    const at = this.tokens[i]?.norm === 'the' ? i + 1 : i;
    const first = this.tokens[at]?.norm ?? '';
    const month = MONTH_WORDS[first];
    const season = BANK_SEASONS[first];
    const k = month !== undefined || season ? at + 1 : at;
    if (this.tokens[k]?.norm !== 'bank' || !/^holidays?$/.test(this.tokens[k + 1]?.norm ?? '')) return undefined;
    let j = k + 2;
    if (this.w(j) === 'monday' || this.w(j) === 'weekend') j += 1;
    const said = this.yearAt(j);
    if (said !== undefined) j += 1;
    const days = (y: number) => bankHolidays(y).filter((d) => (month === undefined || d.date.getUTCMonth() === month) && (!season || season.includes(d.name)));
    let y = said ?? this.asOf.getUTCFullYear();
    let found = days(y).filter((d) => said !== undefined || d.date <= this.asOf);
    if (said === undefined && !found.length) found = days((y -= 1));
    if (!found.length) return undefined;
    // A month said: its first such day, the other country's said. Else the latest, and the other country's latest before it.
    const pick = month !== undefined ? found[0]! : found.at(-1)!;
    const elsewhere = (d: { where: string }) => !d.where.includes(pick.where) && !pick.where.includes(d.where);
    const other = month !== undefined ? found.find((d) => d.date.getTime() !== pick.date.getTime()) : found.slice(0, -1).reverse().find(elsewhere);
    const text = this.tokens.slice(i, j).map((t) => t.text).join(' ');
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    this.note?.(`read "${text}" as ${iso(pick.date)} (${pick.where})${other ? `; in ${other.where} it is ${iso(other.date)}` : ''}`);
    return { start: pick.date, end: addDays(pick.date, 1), next: j };
  }

  period(i: number): Period | undefined {
    const t = this.tokens[i];
    if (!t) return undefined;
    const DAY = 86_400_000;
    // "mid-August", "mid September": the 15th of that month, said.
    if (t.norm === 'mid' && MONTH_WORDS[this.w(i + 1)] !== undefined) {
      const month = this.period(i + 1);
      if (month) {
        const start = new Date(month.start.getTime() + 14 * DAY);
        this.note?.(`read "${this.tokens.slice(i, month.next).map((x) => x.text).join(' ')}" as ${start.toISOString().slice(0, 10)}`);
        return { start, end: new Date(start.getTime() + DAY), next: month.next };
      }
    }
    const bank = this.bankHoliday(i);
    if (bank) return bank;
    // "the end of Q3", "the start of June": that period's last or first day.
    const edge = (t.norm === 'the' ? i + 1 : i);
    if (['end', 'start', 'beginning'].includes(this.w(edge)) && this.w(edge + 1) === 'of') {
      const of = this.period(edge + 2);
      if (of) return this.w(edge) === 'end' ? { start: new Date(of.end.getTime() - DAY), end: of.end, next: of.next } : { start: of.start, end: new Date(of.start.getTime() + DAY), next: of.next };
    }
    // "between mid-August and now": today, the clock's day, as the end of a range.
    if ((t.norm === 'now' || t.norm === 'today') && ['and', 'to', 'until', 'till', 'through', '-', '–'].includes(this.w(i - 1))) {
      const today = Date.UTC(this.asOf.getUTCFullYear(), this.asOf.getUTCMonth(), this.asOf.getUTCDate());
      return { start: new Date(today), end: new Date(today + DAY), next: i + 1 };
    }
    if (t.kind === 'date') {
      const d = new Date(`${t.norm.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(d.getTime())) return undefined;
      if (t.reading) this.note?.(t.reading);
      return { start: d, end: new Date(d.getTime() + 86_400_000), next: i + 1 };
    }
    // "since Monday", "before Friday": the latest such day, today included (a week's day said alone, after a preposition).
    const alone = WEEKDAYS[t.norm] !== undefined && t.norm.length > 3 && ['since', 'from', 'before', 'after', 'on', 'until', 'till'].includes(this.w(i - 1)) ? WEEKDAYS[t.norm]! : undefined;
    if (alone !== undefined) {
      const today = Date.UTC(this.asOf.getUTCFullYear(), this.asOf.getUTCMonth(), this.asOf.getUTCDate());
      const start = new Date(today - ((this.asOf.getUTCDay() - alone + 7) % 7) * 86_400_000);
      this.note?.(`read "${t.text}" as ${start.toISOString().slice(0, 10)}, the latest ${t.text}`);
      return { start, end: new Date(start.getTime() + 86_400_000), next: i + 1 };
    }
    // "the week before last", "the month before last": the calendar period before the previous one.
    const unitAt = this.w(i) === 'the' ? i + 1 : i;
    if (CALENDAR_UNITS[this.w(unitAt)] && this.w(unitAt + 1) === 'before' && this.w(unitAt + 2) === 'last') {
      const previous = this.previousPeriod(unitAt);
      if (previous) {
        const back = this.previousBefore(previous, CALENDAR_UNITS[this.w(unitAt)]!);
        return { ...back, next: unitAt + 3 };
      }
    }
    // "added last Friday", "since last monday": that day of the week before today.
    const weekday = (this.w(i) === 'last' || this.w(i) === 'previous') ? WEEKDAYS[this.w(i + 1)] : undefined;
    if (weekday !== undefined) {
      const today = Date.UTC(this.asOf.getUTCFullYear(), this.asOf.getUTCMonth(), this.asOf.getUTCDate());
      const back = ((this.asOf.getUTCDay() - weekday + 7) % 7) || 7;
      const start = new Date(today - back * 86_400_000);
      return { start, end: new Date(start.getTime() + 86_400_000), next: i + 2 };
    }
    // "since last year", "before last month": the previous calendar period.
    if ((this.w(i) === 'last' || this.w(i) === 'previous') && this.unitWord(i + 1)) {
      const previous = this.previousPeriod(i + 1);
      if (previous) return previous;
    }
    // "before this year", "in the current quarter": the calendar period the clock is in.
    const current = (this.w(i) === 'this' || this.w(i) === 'current') ? CALENDAR_UNITS[this.w(i + 1)] : undefined;
    if (current) {
      const start = this.startOf(current)!;
      const end = new Date(start);
      if (current === 'week') end.setUTCDate(end.getUTCDate() + 7);
      else if (current === 'month') end.setUTCMonth(end.getUTCMonth() + 1);
      else if (current === 'quarter') end.setUTCMonth(end.getUTCMonth() + 3);
      else if (current === 'year') end.setUTCFullYear(end.getUTCFullYear() + 1);
      else end.setUTCDate(end.getUTCDate() + 1);
      return { start, end, next: i + 2 };
    }
    // "since 3/10", "before 25/9": a day and a month written with a slash, no year — after a word of time only
    // (an "NPS of 9/10" is a score). Month first unless that cannot be (said); the latest one up to the clock.
    const slash = this.tokens[i + 2];
    if (t.kind === 'number' && this.w(i + 1) === '/' && slash?.kind === 'number' && t.end === this.tokens[i + 1]!.start && slash.start === this.tokens[i + 1]!.end &&
        this.w(i + 3) !== '/' && ['since', 'before', 'after', 'on', 'from', 'until', 'till', 'by', 'between', 'and', 'to', 'through'].includes(this.w(i - 1))) {
      const a = t.value!;
      const b = slash.value!;
      const [m, d] = a <= 12 && b <= 31 ? [a, b] : b <= 12 && a <= 31 ? [b, a] : [0, 0];
      if (m >= 1 && Number.isInteger(a) && Number.isInteger(b)) {
        let y = this.asOf.getUTCFullYear();
        if (Date.UTC(y, m - 1, d) > this.asOf.getTime()) y -= 1;
        const start = new Date(Date.UTC(y, m - 1, d));
        const month = start.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
        this.note?.(`read "${t.text}/${slash.text}" as ${month} ${d}, ${y}${a <= 12 && b <= 12 && a !== b ? ` (month first; write "${a} ${new Date(Date.UTC(2000, b - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })}" for the other reading)` : ''}`);
        return { start, end: new Date(start.getTime() + 86_400_000), next: i + 3 };
      }
    }
    const year = this.yearAt;
    // "H1 2026", "the first half of 2025", "the second half of the year"
    const h = /^h([12])$/.exec(t.norm);
    const k0 = this.w(i) === 'the' ? i + 1 : i;
    const lastOf = this.w(k0) === 'last' && k0 > i && this.w(k0 + 2) === 'of';
    const which = h ? undefined : HALVES[this.w(k0)];
    const half = h ? Number(h[1]) : which && (this.w(k0) !== 'last' || lastOf) && this.w(k0 + 1) === 'half' ? which : undefined;
    if (half) {
      let j = h ? i + 1 : k0 + 2;
      if (!h && this.w(j) === 'of') j += 1;
      // "the first half of October": the month's days 1–15, then the rest.
      const month = !h && MONTH_WORDS[this.w(j)] !== undefined ? this.period(j) : undefined;
      if (month) {
        const mid = new Date(month.start.getTime() + 15 * 86_400_000);
        return half === 1 ? { start: month.start, end: mid, next: month.next } : { start: mid, end: month.end, next: month.next };
      }
      let y = year(j);
      if (y !== undefined) j += 1;
      else if (!h && this.w(j) === 'this' && this.w(j + 1) === 'year') {
        y = this.asOf.getUTCFullYear();
        j += 2;
      } else if (this.lastYear(j)) {
        // "the first half of last year", "H1 last year"
        y = this.asOf.getUTCFullYear() - 1;
        j += 2;
      } else if (h) y = this.asOf.getUTCFullYear();
      if (y !== undefined) {
        const m = half === 1 ? 0 : 6;
        return { start: day(y, m), end: day(y, m + 6), next: j };
      }
    }
    // "the first two weeks of this quarter", "the last 10 days of September", "the first week of October":
    // the start or the end of a period, as long as said.
    if ((this.w(k0) === 'first' || this.w(k0) === 'last') && k0 > i) {
      const n = readNumber(this.tokens, k0 + 1);
      const u = n ? n.end : k0 + 1;
      const unit = UNITS[this.w(u)];
      const whole = unit && this.w(u + 1) === 'of' ? this.period(u + 2) : undefined;
      if (unit && whole && (unit[0] === 'days' || unit[0] === 'weeks') && Number.isInteger(n?.value ?? 1)) {
        const ms = (n?.value ?? 1) * unit[1] * (unit[0] === 'weeks' ? 7 : 1) * 86_400_000;
        const first = this.w(k0) === 'first';
        const start = first ? whole.start : new Date(Math.max(whole.start.getTime(), whole.end.getTime() - ms));
        const end = first ? new Date(Math.min(whole.end.getTime(), whole.start.getTime() + ms)) : whole.end;
        return { start, end, next: whole.next };
      }
    }
    const holiday = this.holiday(k0);
    if (holiday) return holiday;
    const q = /^q([1-4])$/.exec(t.norm);
    if (q) {
      // "Q3 last year", "Q1 of last year"
      const of = this.w(i + 1) === 'of' ? 1 : 0;
      if (this.lastYear(i + 1 + of)) {
        const m = (Number(q[1]) - 1) * 3;
        const y = this.asOf.getUTCFullYear() - 1;
        return { start: day(y, m), end: day(y, m + 3), next: i + 3 + of };
      }
      const y = year(i + 1) ?? this.asOf.getUTCFullYear();
      const m = (Number(q[1]) - 1) * 3;
      return { start: day(y, m), end: day(y, m + 3), next: year(i + 1) ? i + 2 : i + 1 };
    }
    // "the summer of 2025", "summer 2025", "last winter": the meteorological seasons, northern hemisphere.
    const season = SEASONS[this.w(k0)];
    if (season !== undefined) {
      let j = k0 + 1;
      if (this.w(j) === 'of') j += 1;
      const y = year(j);
      if (y !== undefined) return { start: day(y, season), end: day(y, season + 3), next: j + 1 };
      // "since summer", "over the summer": no year said — the latest one that has begun by the clock, said.
      // ("the spring sale", "winter kickoff": a season before another word is a name's, not a time.)
      const next = this.tokens[k0 + 1];
      const alone = !next || next.kind === 'punct' || SEASON_AFTER.has(next.norm);
      if (alone && (MAY_PREPOSITIONS.has(this.w(k0 - 1)) || (this.w(k0 - 1) === 'the' && MAY_PREPOSITIONS.has(this.w(k0 - 2))) || this.w(k0 - 1) === 'over')) {
        let yy = this.asOf.getUTCFullYear();
        while (day(yy, season) > this.asOf) yy -= 1;
        this.note?.(`read "${this.tokens[k0]!.text}" as ${this.tokens[k0]!.norm} ${yy} (${MONTH_LABELS[season]} to ${MONTH_LABELS[(season + 2) % 12]}, as the seasons are counted in the north)`);
        return { start: day(yy, season), end: day(yy, season + 3), next: k0 + 1 };
      }
    }
    if ((this.w(i) === 'last' || this.w(i) === 'this') && SEASONS[this.w(i + 1)] !== undefined) {
      const m = SEASONS[this.w(i + 1)]!;
      let y = this.asOf.getUTCFullYear();
      // the latest such season that has begun (this) or ended (last) by the clock
      const begun = (yy: number) => day(yy, m) <= this.asOf;
      const ended = (yy: number) => day(yy, m + 3) <= this.asOf;
      while (!(this.w(i) === 'last' ? ended(y) : begun(y))) y -= 1;
      return { start: day(y, m), end: day(y, m + 3), next: i + 2 };
    }
    // "the first quarter (of 2025)", "the third quarter of this year"
    // ("the last quarter of 2025": its fourth; "the last quarter" alone rolls, read elsewhere.)
    const ordinal = this.w(k0) === 'last' && k0 > i && this.w(k0 + 2) === 'of' ? 3 : ['first', 'second', 'third', 'fourth'].indexOf(this.w(k0));
    if (ordinal >= 0 && this.w(k0 + 1) === 'quarter') {
      let j = k0 + 2;
      if (this.w(j) === 'of') j += 1;
      let y = year(j);
      if (y !== undefined) j += 1;
      else if (this.w(j) === 'this' && this.w(j + 1) === 'year') {
        y = this.asOf.getUTCFullYear();
        j += 2;
      } else if (this.lastYear(j)) {
        y = this.asOf.getUTCFullYear() - 1;
        j += 2;
      } else {
        if (this.w(j - 1) === 'of') j -= 1;
        y = this.asOf.getUTCFullYear();
      }
      return { start: day(y, ordinal * 3), end: day(y, ordinal * 3 + 3), next: j };
    }
    const y0 = year(i);
    if (y0 !== undefined) return { start: day(y0, 0), end: day(y0 + 1, 0), next: i + 1 };
    // 1 March 2026, "the 15th of August"
    const d0 = this.tokens[k0];
    const ordinalDay = /^\d{1,2}(st|nd|rd|th)$/.test(d0?.norm ?? '') ? parseInt(d0!.norm, 10) : undefined;
    const dayNumber = d0?.kind === 'number' && d0.value! >= 1 && d0.value! <= 31 && (k0 === i || ordinalDay !== undefined) ? d0.value! : ordinalDay;
    const monthAt = dayNumber !== undefined && dayNumber <= 31 ? (this.w(k0 + 1) === 'of' ? k0 + 2 : k0 + 1) : -1;
    const dayFirst = monthAt >= 0 && MONTH_WORDS[this.w(monthAt)] !== undefined;
    const mi = dayFirst ? monthAt : i;
    const month = MONTH_WORDS[this.w(mi)];
    if (month === undefined) return undefined;
    let j = mi + 1;
    let dom = dayFirst ? dayNumber : undefined;
    const after = this.tokens[j];
    if (!dayFirst && after?.kind === 'number' && after.value! >= 1 && after.value! <= 31 && !/^\d{4}$/.test(after.norm)) {
      dom = after.value!;
      j += 1;
    } else if (!dayFirst && /^\d{1,2}(st|nd|rd|th)$/.test(after?.norm ?? '')) {
      dom = parseInt(after!.norm, 10);
      j += 1;
    }
    if (this.w(j) === ',') j += 1;
    // "October of 2025"
    if (this.w(j) === 'of' && year(j + 1) !== undefined) j += 1;
    let y = year(j);
    // "November last year", "in March of this year": the year said in words.
    const of = this.w(j) === 'of' ? 1 : 0;
    const said = (this.w(j + of) === 'last' || this.w(j + of) === 'this' || this.w(j + of) === 'previous') && this.w(j + of + 1) === 'year';
    if (y !== undefined) j += 1;
    else if (said) {
      y = this.asOf.getUTCFullYear() - (this.w(j + of) === 'this' ? 0 : 1);
      j += of + 2;
    } else {
      if (this.w(j - 1) === ',') j -= 1;
      // "may" alone is a verb; a month without a year is its latest occurrence up to the clock.
      if (this.w(mi) === 'may' && dom === undefined && !MAY_PREPOSITIONS.has(this.w(mi - 1))) return undefined;
      y = this.asOf.getUTCFullYear() - (month > this.asOf.getUTCMonth() ? 1 : 0);
    }
    if (dom !== undefined) {
      const start = day(y, month, dom);
      return { start, end: new Date(start.getTime() + 86_400_000), next: j };
    }
    return { start: day(y, month), end: day(y, month + 1), next: j };
  }
}
