// The sixteenth blind set (evals/blind16/): 197 descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own
// character: relational and scope-heavy — "latest / most recent" rows read as a window with none after,
// counts inside relations, except / unless / neither-nor / "plus" lists and trailing qualifiers,
// calendar phrases against a Sunday-midnight clock (last week, Q4 so far, last quarter of 2025), terse
// shorthand with typos, tenant values that sound like instructions (do-not-call, "Back to Work",
// "Already ran campaign …", "assigned to", "ignore the ones that …") that must not be refused, and
// refusals spread across categories (data changes, questions, attributes and users the CRM lacks,
// aggregates, other tenants, prompt injection).
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind16'));

checkCaseSet('sixteenth blind eval cases', cases, { total: [150, 240], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('sixteenth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
