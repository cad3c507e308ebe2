// The forty-third blind set (evals/blind43/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the customer-marketing and sales team of a cybersecurity vendor in the US, Canada and Japan — a
// customer-marketing lead (NPS promoters and detractors, customers by plan, won deals this year, "vips who
// are also partners"), a Japanese-speaking SDR's careful, literal English ("contacts of the company whose
// size is over 500 persons", "the leads of Sara-san"), a sales manager's relative time (this week, since
// Monday, the last fortnight, the week before last, the past 2 quarters, before the summer), a
// security-minded admin probing the limits (injected instructions, other tenants, SQL, exports, data
// changes, reports, fields the CRM lacks) and a growth PM's hypotheses as audiences (clicked but never
// converted, engaged twice or more in October, a single inbound call as the only activity). Scope of
// negation and coordination, counts and windows inside relations, per-product fit thresholds, regions
// (EMEA, APAC, North America), segment history, the headline example and variations; 22 must-refuse and
// 3 stay-scoped cases, and one audience that only sounds like a command ("do not delete them, only list them").
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind43'));

checkCaseSet('forty-third blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-third blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 31 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
