// Seeded randomness: every stream is a pure function of (seed, stream, n), so that neighbouring
// contacts, and each child table of a contact, draw independently of chunk size and load order.

export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough for test data. */
function mulberry32(state: number): Rng {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser over two words, so that neighbouring contacts get unrelated streams. */
function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const STREAM = {
  company: 1,
  contact: 2,
  contactDetails: 3,
  deals: 4,
  activities: 5,
  events: 6,
  fitScores: 7,
  members: 8,
  campaigns: 9,
} as const;

export function streamFor(seed: number, stream: number, n: number): Rng {
  return mulberry32(hash2(hash2(seed, stream), n));
}

export const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
export const chance = (rng: Rng, p: number) => rng() < p;
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Knuth's method: fine for the small means used here. */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng(); p > limit; p *= rng()) k++;
  return k;
}

export function logNormal(rng: Rng, median: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return median * Math.exp(sigma * z);
}

export interface Weighted<T> {
  values: T[];
  cumulative: number[];
}

export function weighted<T extends string>(weights: Record<T, number>): Weighted<T> {
  const values = Object.keys(weights) as T[];
  let sum = 0;
  return { values, cumulative: values.map((v) => (sum += weights[v])) };
}

export function draw<T>(rng: Rng, w: Weighted<T>): T {
  const x = rng() * w.cumulative[w.cumulative.length - 1]!;
  let i = 0;
  while (x >= w.cumulative[i]!) i++;
  return w.values[i]!;
}
