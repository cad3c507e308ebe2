// The twenty-second blind set (evals/blind22/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// short, plain marketer and sales-ops phrasing across all fourteen categories — coordination and scope
// ("A, or B and C", parentheses, "plus", two audiences joined by "and", neither/nor, "unless", "but not",
// excluding lists), relations with counts and windows (exact counts, "2 or more", "one or two", "all lost",
// "most recent activity … ago", "in September but none in October", the first week of a month), calendar
// phrases against the 2026-11-01 clock (Q3, H1, last month, so far this year, an inclusive day range),
// company size, revenue, name prefix and domain, membership ("ever in", "minus", "any of our segments"),
// fit-score quantifiers ("for every product", "at least two products", "both"), owners by name, first name
// and email (contact owner vs deal owner), a reworded headline example with four readings and other
// genuinely ambiguous descriptions, terse typo-ridden shorthand, plain audiences holding action- or
// question-like words ("assigned to", "send list", "don't update anything", a trailing question mark) and
// refusals spread across categories (data changes, reporting and aggregate questions, fields the CRM lacks,
// a user and a segment of another tenant, prompt and SQL injection), with two stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind22'));

checkCaseSet('twenty-second blind eval cases', cases, { total: [160, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-second blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
