// The fifty-second blind set (evals/blind52/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the corporate-partnerships team of a UK charity (supporters, donors and sponsors are contacts; an agreed
// sponsorship is a won deal) — a data steward's legalistic British English with nested provisos, a
// partnerships manager's idiom (fortnights, bank holidays, the April–March financial year, lapsed
// supporters, amounts in pounds), an events lead planning a gala around the real campaign names (attendance
// is not recorded), a trustee's short, vague or report-style questions, and a volunteer typing quickly with
// UK spellings and typos. Scope of negation and coordination, relative and financial-year windows, counts
// and thresholds inside relations, regions, company size and revenue, owners, segments, the headline
// example; 23 refusals, four stay-scoped requests and audiences that only sound like instructions.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind52'));

checkCaseSet('fifty-second blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fifty-second blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 40 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
