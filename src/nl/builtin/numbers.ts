// Numbers as marketers write them: digits ("1,000", "20k", "$1.5M", "10+") and words ("twenty-five",
// "one hundred and fifty", "a dozen", "two million").
import type { Token } from './tokens.js';
import { CURRENCY } from './vocabulary.js';

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, single: 1,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
// ("50 lakh dollars": the Indian hundred thousand; "crore", ten million.)
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, k: 1e3, m: 1e6, mm: 1e6, bn: 1e9, lakh: 1e5, lakhs: 1e5, lac: 1e5, lacs: 1e5, crore: 1e7, crores: 1e7 };
const NOUNS: Record<string, number> = { dozen: 12, couple: 2, pair: 2 };

export interface NumberRead {
  value: number;
  end: number;
  /** Written "10+". */
  plus: boolean;
  /** The scale word written after the number ("20 million"): a range's first number shares it ("between 5 and 20 million"). */
  scale?: number;
}

/** Reads a number starting at token i, or undefined. */
/** Numbers read by token list and position: the recognizers ask the same positions many times. */
const READ = new WeakMap<readonly Token[], Map<number, NumberRead | undefined>>();

export function readNumber(tokens: readonly Token[], i: number): NumberRead | undefined {
  let known = READ.get(tokens);
  if (!known) READ.set(tokens, (known = new Map()));
  if (known.has(i)) return known.get(i);
  // "USD 5,000,000": the currency code written before the number.
  const before = tokens[i]?.norm === 'usd' && tokens[i + 1]?.kind === 'number' ? readNumberAt(tokens, i + 1) : undefined;
  const read = before ?? readNumberAt(tokens, i);
  // "twenty thousand dollars", "50k USD": amounts are in US dollars, so the currency word is part of the number.
  if (read && CURRENCY.has(tokens[read.end]?.norm ?? '')) read.end += 1;
  known.set(i, read);
  return read;
}

function readNumberAt(tokens: readonly Token[], i: number): NumberRead | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.kind === 'number') {
    let value = t.value!;
    let end = i + 1;
    let scaled = 0;
    const scale = tokens[end] && SCALES[tokens[end]!.norm];
    if (scale && !/[a-z]$/i.test(t.norm)) {
      value *= scale;
      scaled = scale;
      end += 1;
    }
    return { value, end, plus: !!t.plus, ...(scaled ? { scale: scaled } : {}) };
  }
  return readWords(tokens, i);
}

function readWords(tokens: readonly Token[], i: number): NumberRead | undefined {
  let j = i;
  const w = (k: number) => tokens[k]?.norm ?? '';
  // "half a dozen", "a half dozen", "half-dozen": six.
  const half = w(j) === 'half' ? j + 1 : (w(j) === 'a' || w(j) === 'an') && w(j + 1) === 'half' ? j + 2 : -1;
  if (half > 0) {
    const k = w(half) === 'a' || w(half) === '-' ? half + 1 : half;
    if (w(k) === 'dozen') return { value: 6, end: w(k + 1) === 'of' ? k + 2 : k + 1, plus: false };
  }
  // "a dozen", "a couple of", "a hundred", "a thousand"
  if ((w(j) === 'a' || w(j) === 'an') && (NOUNS[w(j + 1)] !== undefined || w(j + 1) === 'hundred' || SCALES[w(j + 1)])) {
    if (NOUNS[w(j + 1)] !== undefined) return { value: NOUNS[w(j + 1)]!, end: w(j + 2) === 'of' ? j + 3 : j + 2, plus: false };
    j += 1;
    return continueWords(tokens, j, 1, i);
  }
  if (UNITS[w(j)] === undefined && TENS[w(j)] === undefined) return undefined;
  return continueWords(tokens, j, 0, i);
}

function continueWords(tokens: readonly Token[], start: number, seed: number, from: number): NumberRead | undefined {
  const w = (k: number) => tokens[k]?.norm ?? '';
  let total = 0;
  let current = seed;
  let j = start;
  let any = seed > 0;
  for (;;) {
    const word = w(j);
    if (UNITS[word] !== undefined) current += UNITS[word]!;
    else if (TENS[word] !== undefined) current += TENS[word]!;
    else if (word === 'hundred') current = (current || 1) * 100;
    else if (SCALES[word] && word.length > 2) {
      total += (current || 1) * SCALES[word]!;
      current = 0;
    } else if (word === 'and' && any && (UNITS[w(j + 1)] !== undefined || TENS[w(j + 1)] !== undefined) && (w(j - 1) === 'hundred' || SCALES[w(j - 1)])) {
      j += 1;
      continue;
    } else break;
    any = true;
    j += 1;
  }
  if (!any || j === from) return undefined;
  return { value: total + current, end: j, plus: false };
}
