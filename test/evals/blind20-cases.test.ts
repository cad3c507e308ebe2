// The twentieth blind set (evals/blind20/): 187 descriptions (24 must-refuse, 3 stay-scoped) written
// by a session that never saw the built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own
// character: short, everyday marketer and sales-ops phrasing with shorthand and dropped letters ("ppl w/",
// "custs", "30d", "2 wks", "+"); regional words and nationality adjectives (Benelux, the UK, Dutch-based, Canadian or Australian, Italian);
// scope to resolve — "A, or B and C", two audiences joined by "and", "plus anyone …", except / unless /
// neither-nor / "but not" / "excluding" lists, a negated conjunction ("except Italian vips"); relations with
// counts, ranges and windows ("3+ calls in the last 60 days", "between 2 and 4 deals", "exactly one deal,
// still open", "won every deal", "latest deal created before 2026", "most recent activity before July", "a
// meeting in September but none in October", "every fit score 70 or higher"); calendar phrases against the
// 2026-11-01 clock (Q2, last month, last quarter, second half of 2025, ytd, an inclusive day range); company
// name prefixes and domains; a reworded headline example with four readings and eleven other genuinely
// ambiguous descriptions; plain audiences holding command- or question-like words ("assigned to", "send …
// to", "don't change anything", "show me", a trailing question mark, a do-not-call tag); and refusals spread
// across categories (data changes, count and reporting questions, aggregates, fields the CRM lacks, a user
// and a segment the tenant lacks, other tenants, prompt and SQL injection).
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind20'));

checkCaseSet('twentieth blind eval cases', cases, { total: [160, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twentieth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
