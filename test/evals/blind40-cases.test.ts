// The fortieth blind set (evals/blind40/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the people who use the CRM of a B2B software company in Canada and France, and the agency that runs
// its campaigns — agency tickets in the third person with deadlines and purposes that are not conditions
// ("Ticket #4411: …, need it by EOD"), sales-enablement jargon both ways (MQL, SQL, pipeline, closed-won,
// expansion and net new answered; ICP, champions, decision makers and whitespace refused), a Quebec SDR's
// English with French structure ("bought since 3 months", "the leads of who the owner is Sara", "having
// not any deal", "actually" for currently), an analyst's dates in every format (31/10/2025, Oct 31st,
// 2026-10-01 to 2026-10-31, end of Q3, first week of September, mid-August to now, before last summer), and
// a CMO's one-line goals ("re-engage dormant enterprise accounts", "nurture the hot leads nobody owns").
// Scope of except / neither-nor / unless / "A, or B and C" / negated pairs; counts and windows inside
// relations; per-product fit thresholds and counts; regions as country lists; shorthand and typos; the
// headline example and variations; 25 refusals (fields the CRM lacks — job title, province, city, credit
// limit, support tickets, website visits, birthday, discount — data changes, sends, injection, SQL,
// reports, other tenants) and their opposites answered.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind40'));

checkCaseSet('fortieth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fortieth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 28 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
