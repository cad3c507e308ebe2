// The fifty-first blind set (evals/blind51/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the growth and account-based-marketing team of a Japanese-owned logistics-software company (Tokyo,
// Singapore, Amsterdam, São Paulo) — an ABM manager's briefs with include/exclude lists, numbered criteria
// and must-have / nice-to-have splits (nice-to-haves never narrow the audience), a Japanese-first
// coordinator's polite English with dropped articles and year/month/day dates, a Brazilian rep's
// Portuguese habits, a product-led-growth analyst's cohorts and metrics (WAU, retention, MRR, LTV refused)
// and an operations intern mixing exports, edits and bulk actions with real audiences. Scope of negation and
// coordination, counts and windows inside relations, regions, fiscal and calendar periods, shorthand and
// typos, the headline example; 25 refusals and look-alike audiences that must be answered.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind51'));

checkCaseSet('fifty-first blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fifty-first blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 39 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
