// The forty-seventh blind set (evals/blind47/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the revenue team of an Indian and Singaporean HR-and-payroll SaaS company expanding into Europe — an
// inside-sales manager's Indian English ("kindly share the list of", "do the needful", "contacts who are
// having open deals", "prepone", "revert" for reply, amounts in lakh of USD), a lifecycle marketer's journeys
// (signups, dormant contacts; stage changes and a welcome email the CRM does not record), a partnerships
// lead's tags, company names and domains and owners, a sales-ops analyst's exact conditions ("and/or",
// "either … or", "exactly", "at least", "between", two products' fit thresholds) and a new joiner's
// full-sentence questions. Scope of negation and coordination, counts and windows inside relations,
// regions as country lists, YTD, this quarter, H2 2025, shorthand and typos, the headline example and
// variations; 25 refusals and audiences that only contain such words.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind47'));

checkCaseSet('forty-seventh blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-seventh blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 35 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
