// The fiftieth blind set (evals/blind50/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the marketing and sales team of a US healthcare-staffing firm — a former recruiter typing résumé-style
// Boolean strings (capitalised operators, parentheses, field:value pairs, a dropped parenthesis), a
// compliance-minded operations lead (American dates, inclusive and strict boundaries, opt-outs), a growth
// marketer (hashtags, emoji, funnel shorthand), a regional sales manager's sports and sales slang, and a VP's
// short yes/no or "who" questions (some reports or forecasts). Scope of exclusions, neither/nor, unless and
// trailing qualifiers; counts, thresholds and back-references inside relations; regions, quarters, YTD;
// tags and segments by part of their text; the headline example; 25 refusals (attributes the CRM lacks,
// data changes, injection, SQL, other tenants, aggregates) and look-alike audiences that must be answered.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind50'));

checkCaseSet('fiftieth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fiftieth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 38 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
