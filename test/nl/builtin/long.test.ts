// Long descriptions: a realistic 2,000-character one (the API's limit) parses whole, at a cost that
// grows with its length; text built to make the recognizers look far from every word is bounded by
// the parser's step budget, and what it did not read is reported, not dropped.
import { describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../../src/nl/builtin/provider.js';
import { Parse, STEP_BUDGET } from '../../../src/nl/builtin/state.js';
import { scan } from '../../../src/nl/builtin/structure.js';
import { fixtureTenantValues } from '../../support/fixture-tenant.js';

const tenant = fixtureTenantValues('org_acme');
const asOf = new Date('2026-11-01T00:00:00Z');
const provider = new BuiltinProvider();

/** Words read by one parse (the operation count the budget bounds). */
function steps(description: string): number {
  const p = new Parse(description, tenant, asOf);
  scan(p);
  return p.steps;
}

const CLAUSES = [
  'customers in Germany',
  'vip contacts who opened Spring Sale',
  'leads owned by Sara with no deal',
  'partners in France or Spain',
  'contacts with a deal worth more than 50k',
  'people who have not been contacted in 30 days',
  'companies with more than 500 employees',
];
/** Clauses joined by "or" up to (not past) `length` characters. */
function realistic(length: number): string {
  let text = CLAUSES[0]!;
  for (let k = 1; ; k++) {
    const more = `${text} or ${CLAUSES[k % CLAUSES.length]}`;
    if (more.length > length) return text;
    text = more;
  }
}

describe('long descriptions', () => {
  it('parses a realistic 2,000-character description whole, in steps that grow with its length', () => {
    const long = realistic(2000);
    expect(long.length).toBeGreaterThan(1900);
    const result = provider.parse({ description: long, tenant, asOf });
    expect(result.kind).toBe('rules');
    if (result.kind !== 'rules') return;
    expect(result.unrecognized).toEqual([]);
    expect(JSON.stringify(result.rules).match(/"type":"(condition|relation|engagement)"/g)!.length).toBeGreaterThan(80);
    expect(result.assumptions.join('\n')).not.toMatch(/stopped reading/);
    // Linear: four times the text costs about four times the steps (quadratic would be sixteen).
    const quarter = steps(realistic(500));
    expect(steps(long)).toBeLessThan(quarter * 6);
    expect(steps(long)).toBeLessThan(STEP_BUDGET / 2);
  });

  it.each([
    ['a run of articles', 'a '.repeat(1000)],
    ['a run of numbers in a list', '1, '.repeat(666)],
    ['a run of parentheses', ')'.repeat(2000)],
    ['a run of "the"', 'the '.repeat(500)],
  ])('bounds the work on %s by the step budget', (_, text) => {
    // Each of these read hundreds of thousands to millions of words before the budget existed.
    expect(steps(text)).toBeLessThanOrEqual(STEP_BUDGET + 2 * text.length);
    expect(provider.parse({ description: text, tenant, asOf }).kind).toBe('refusal');
  });

  it('reports the words after the budget ran out as unrecognized and says why', () => {
    const description = `customers in Germany and ${'1, '.repeat(600)}vip`;
    const result = provider.parse({ description, tenant, asOf });
    expect(result.kind).toBe('rules');
    if (result.kind !== 'rules') return;
    expect((result.rules as { children: unknown[] }).children).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'lifecycle_stage', value: 'customer' }),
        expect.objectContaining({ field: 'country', value: 'DE' }),
      ]),
    );
    // The numbers read before the budget ran out are unknown words; the rest is one span to the end.
    const last = result.unrecognized.at(-1)!;
    expect(last).toEqual({ text: description.slice(last.start), start: last.start, end: description.length });
    expect(last.text).toMatch(/^1, 1, .*vip$/);
    expect(result.unrecognized.every((s) => s.start >= 'customers in Germany and '.length)).toBe(true);
    expect(result.assumptions.join('\n')).toMatch(/stopped reading at "1".*marked unrecognized/);
  });
});
