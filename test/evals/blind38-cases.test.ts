// The thirty-eighth blind set (evals/blind38/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the marketing and revenue team of a B2B devtools company selling in Canada, the US and Latin America —
// a RevOps analyst writing query shorthand (`country = CA AND stage != lead`, `tag IN (vip, partner)`,
// `segment NOT IN (…)`), a founder dictating run-on requests with filler, numbers as words and
// speech-to-text slips ("sarah sales", "Q one batch", "cool down"), a field marketer in Mexico and Brazil
// writing Spanish/Portuguese-influenced English ("contacts of Brazil that have deal opened"), a
// product-marketing manager's long requests with parentheses and except / unless / but-not lists, and a
// VP of sales's terse questions. Scope of negation and coordination ("A, or B and C", neither/nor, "not
// both", exclusions over a whole list); counts and windows inside relations (fewer than 2 meetings, 1–3
// calls, "that same period", latest deal, last activity more than 60 days ago, fit thresholds and product
// counts); regions as country lists, YTD, this quarter, H2 2025, numeric ranges; the headline example and
// variations. 25 refusals (attributes the CRM lacks, data changes, sends, exports, SQL, reports, prompt
// injection, other tenants) and counter-cases whose instruction-like words are part of a real audience.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind38'));

checkCaseSet('thirty-eighth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-eighth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 26 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
