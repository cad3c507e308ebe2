// The eighteenth blind set (evals/blind18/): 196 descriptions (27 must-refuse, 3 stay-scoped) written
// by a session that never saw the built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own
// character: sales-ops phrasing with scope to resolve — "A, or B who …", trailing ", all of them …",
// parentheses, except / unless / neither-nor / "but not" / "excluding" lists, two audiences joined by
// "and"; relations with counts, ranges and windows ("between 2 and 4 calls", "at least 2 of the last 3
// campaigns", "latest deal created in October", "most recent activity before July", "a meeting in
// August but none in September", "exactly one deal, and it's lost", "all closed won"); calendar
// phrases against the 2026-11-01 clock (H1, last quarter, since last Christmas, day-first dates,
// inclusive ranges); regional words (Holland, down under, the UK, outside Europe); terse shorthand with
// typos; plain audiences holding command- or question-like words ("list everyone …", "need an update",
// "assigned to", "who opened …?", "don't delete anything", "ignored"); a reworded headline example with
// four readings; and refusals spread across categories (data changes, reporting and aggregate questions,
// fields the CRM lacks, a user and a segment the tenant lacks, other tenants, prompt and SQL injection).
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind18'));

checkCaseSet('eighteenth blind eval cases', cases, { total: [160, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('eighteenth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
