// The seventeenth blind set (evals/blind17/): 197 descriptions (26 must-refuse, 3 stay-scoped) written
// by a session that never saw the built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own
// character: compositional sales-ops phrasing — "A, or B and C", parentheses, trailing qualifiers over
// alternatives, except / unless / neither-nor / "but not" / "leaving out" lists; counts and windows
// inside relations (N of the 3 most recent campaigns, "latest deal created in …", "last touchpoint
// before …", "all of them still open"); calendar phrases against the 2026-11-01 clock (this quarter,
// last year, H1, since last Christmas, day-first dates); regional words (Holland, Aussie, stateside);
// terse shorthand with typos; audiences that contain command- or question-like words ("drop anyone …",
// "never mind …", "assigned to", "which contacts …?") that must not be refused; and refusals spread
// across categories (data changes, questions, attributes and users the CRM lacks, aggregates, a segment
// the tenant lacks, other tenants, prompt injection).
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind17'));

checkCaseSet('seventeenth blind eval cases', cases, { total: [160, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('seventeenth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
