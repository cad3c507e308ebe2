// prop_date (the SQL reading of a tenant date field) against the reference reading the in-memory
// evaluator uses, over generated strings: valid dates and date-times in every accepted form, and
// near misses (impossible days, leap years, bad offsets, wrong lengths, stray characters). The SQL
// function is written for speed (inlined, no regular expression for plain dates), so it must read
// exactly the same instants, and NULL for exactly the same strings.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { useTestDatabase } from '../support/db.js';
import { readDate } from '../support/reference.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dateLike = fc
  .record({
    y: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2023, 2024, 2100)),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    time: fc.option(
      fc.record({
        h: fc.integer({ min: 0, max: 24 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.option(fc.record({ s: fc.integer({ min: 0, max: 60 }), frac: fc.option(fc.integer({ min: 0, max: 999_999 })) })),
        zone: fc.option(fc.oneof(fc.constant('Z'), fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 15 }), m: fc.integer({ min: 0, max: 60 }), colon: fc.boolean() }))),
      }),
    ),
  })
  .map(({ y, m, d, time }) => {
    let s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    if (time) {
      s += `T${pad(time.h, 2)}:${pad(time.mi, 2)}`;
      if (time.s) s += `:${pad(time.s.s, 2)}${time.s.frac !== null ? `.${pad(time.s.frac, 3).slice(0, 3)}` : ''}`;
      if (time.zone === 'Z') s += 'Z';
      else if (time.zone) s += `${time.zone.sign}${pad(time.zone.h, 2)}${time.zone.colon ? ':' : ''}${pad(time.zone.m, 2)}`;
    }
    return s;
  });
/** A valid-looking string with one character changed, dropped or added. */
const nearMiss = fc.tuple(dateLike, fc.nat(), fc.constantFrom('drop', 'swap', 'add'), fc.constantFrom('x', '-', ':', ' ', '1', 'T', '+', '.')).map(([s, at, how, ch]) => {
  const i = at % (s.length + 1);
  return how === 'drop' ? s.slice(0, i) + s.slice(i + 1) : how === 'swap' ? s.slice(0, i) + ch + s.slice(i + 1) : s.slice(0, i) + ch + s.slice(i);
});
const strings = fc.oneof({ weight: 3, arbitrary: dateLike }, { weight: 2, arbitrary: nearMiss }, { weight: 1, arbitrary: fc.string({ maxLength: 25 }) });

describe('prop_date', () => {
  let db: Database;
  beforeAll(async () => {
    db = await useTestDatabase('tmpl_empty');
  });
  afterAll(async () => {
    await db.close();
  });

  /** Each reading as milliseconds since the epoch (what a JS Date holds), or null. */
  async function sqlReadings(values: string[]): Promise<(number | null)[]> {
    const rows = await db.sql<{ ms: number | null }[]>`
      select (extract(epoch from prop_date(jsonb_build_object('d', v), 'd')) * 1000)::float8 as ms
      from unnest(${values}::text[]) with ordinality as t(v, n) order by n`;
    // Floored to whole milliseconds, as the reference (a JS Date) holds them.
    return rows.map((r) => (r.ms === null ? null : Math.floor(r.ms)));
  }

  it('reads 4,000 generated strings exactly as the reference does', async () => {
    const samples = fc.sample(strings, { numRuns: 4_000, seed: 13 });
    const fixed = ['2024-02-29', '2023-02-29', '2100-02-29', '2000-02-29', '2025-04-31', '2025-04-30', '0000-01-01', '2025-03-01T10:00+02:00', '2025-03-01T10:00:00.5-0130', '2025-03-01T24:00', '2025-03-01T10:00+15:00', '2025-3-01', ' 2025-03-01'];
    const values = [...fixed, ...samples];
    const got = await sqlReadings(values);
    const wrong = values.flatMap((v, i) => {
      const expected = readDate(v)?.getTime() ?? null;
      return got[i] === expected ? [] : [`${JSON.stringify(v)}: SQL ${got[i]}, reference ${expected}`];
    });
    expect(wrong).toEqual([]);
    // The run proves something only if both sides of the line are well represented.
    const valid = got.filter((g) => g !== null).length;
    expect(valid).toBeGreaterThan(values.length / 5);
    expect(values.length - valid).toBeGreaterThan(values.length / 5);
  });

  it('is inlined into the query (no function call per row)', async () => {
    const [plan] = await db.sql<{ 'QUERY PLAN': string }[]>`explain (verbose) select prop_date(properties, 'd') from contacts`;
    expect(plan!['QUERY PLAN']).toBeDefined();
    const text = (await db.sql<{ 'QUERY PLAN': string }[]>`explain (verbose) select prop_date(properties, 'd') from contacts`).map((r) => r['QUERY PLAN']).join('\n');
    expect(text).not.toMatch(/prop_date\(/);
  });
});
