// The nineteenth blind set (evals/blind19/): 178 descriptions (25 must-refuse, 2 stay-scoped) written
// by a session that never saw the built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own
// character: terse and colloquial marketer phrasing ("pls", "+", "folks", "ppl w/", dropped letters);
// scope to resolve — "A, or B and C", two audiences joined by "and", "plus anyone …", except / unless /
// neither-nor / "but not" / "excluding" lists, a negated conjunction; relations with counts, ranges and
// windows ("between 2 and 4 calls", "at least 2 of the last 3 campaigns", "exactly one deal, still open",
// "all lost", "latest deal created before 2026", "most recent activity before July", "a meeting in August
// but none in September", "80+ for every product"); calendar phrases against the 2026-11-01 clock (Q2,
// last quarter, last month, since last Christmas, second half of 2024, day-first dates); regional words
// (Holland, the UK, outside Europe, Austria); company-name prefixes and domains; a reworded headline
// example with four readings and eleven other genuinely ambiguous descriptions; plain audiences holding
// command- or question-like words ("list", "assigned to", "update newsletter", "who opened …?", "don't
// change anything", "send … to"); and refusals spread across categories (data changes, reporting and
// aggregate questions, fields the CRM lacks, a user and a segment the tenant lacks, other tenants, prompt
// and SQL injection).
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind19'));

checkCaseSet('nineteenth blind eval cases', cases, { total: [160, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('nineteenth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
