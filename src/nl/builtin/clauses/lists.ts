// Lists of values of one kind: "Germany, France and Spain", "vip or partner", "Sara or Victor",
// "leads + customers", "German- or French-speaking".
import type { Sense } from '../lexicon.js';
import type { Match, Parse } from '../state.js';

export interface ListItem<S extends Sense> {
  sense: S;
  match: Match;
}

export interface ValueList<S extends Sense> {
  items: ListItem<S>[];
  /** The connectives used between items. */
  conj: ('and' | 'or')[];
  end: number;
}

/**
 * Reads one value and any further values joined by commas, "and", "&", "+", "or" (optionally "the"/"either"
 * before each). `pick` chooses the sense at a position, or undefined. Typo readings go to `notes`
 * when given (a recognizer that returns its assumptions), else to the parse.
 */
export function readList<S extends Sense>(p: Parse, i: number, pick: (k: number) => ListItem<S> | undefined, notes?: string[], oneConnective = false, samePreposition = false): ValueList<S> | undefined {
  const first = pick(i);
  if (!first) return undefined;
  const items = [first];
  const conj: ('and' | 'or')[] = [];
  let end = first.match.end;
  for (;;) {
    let k = end;
    let sawComma = false;
    // A suspended hyphen shares the word after the list: "Spanish- or Portuguese-speaking".
    if (p.w(k) === '-' && p.is(k + 1, 'and|or|&|+|,|/')) k += 1;
    if (p.w(k) === ',' || p.w(k) === '/') {
      k += 1;
      sawComma = true;
    }
    let c: 'and' | 'or' | undefined;
    if (p.is(k, 'and|&|+|plus')) c = 'and';
    else if (p.is(k, 'or|nor')) c = 'or';
    if (c) k += 1;
    if (!c && !sawComma) break;
    // "subscribed partners, or vips": ", or" after a single value starts a new alternative; an
    // Oxford-comma list ("vip, partner, or trial") has had a comma before.
    if (c === 'or' && sawComma && items.length === 1) break;
    // ("the Spring Sale and the Summer Promo or the Autumn Offer": where "and" and "or" mix, the list is the first run; the rest is grouped by the structure step.)
    if (oneConnective && c && conj.length && c !== conj[0]) break;
    // "in negotiation or in proposal", "from France or from Belgium": the preposition said again.
    if (samePreposition && c === 'or' && ['in', 'at', 'from', 'on'].includes(p.w(i - 1)) && p.w(k) === p.w(i - 1)) k += 1;
    // "a webinar or an event": an article before the next value
    k = p.skip(k, ['the', 'either', 'both', 'a', 'an']);
    const next = pick(k);
    if (!next) break;
    items.push(next);
    if (c) conj.push(c);
    end = next.match.end;
  }
  for (const it of items) p.use(it.match, it.sense, notes);
  return { items, conj, end };
}

export const usesAnd = (list: ValueList<Sense>) => list.conj.includes('and') && !list.conj.includes('or');
