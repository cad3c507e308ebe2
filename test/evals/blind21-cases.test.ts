// The twenty-first blind set (evals/blind21/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// compositional everyday phrasing across all fourteen categories — scope to resolve ("A, or B and C",
// parenthesised alternatives, two audiences joined by "and", "plus", unless / excluding / neither-nor /
// "but not"), relations with counts, ranges and windows (exact counts, "N or more", "1 or 2", "all still
// open", "last deal opened more than 6 months ago", "most recent activity", "in September but none in
// October"), calendar phrases against the 2026-11-01 clock (Q2, H2 2025, yesterday, a fortnight, an inclusive
// day range, a day-first/month-first date), regional words and nationality adjectives, company name prefixes
// and domains, membership history, fit-score quantifiers, owners by name and email, a reworded headline
// example with four readings and other genuinely ambiguous descriptions, terse typo-ridden shorthand, plain
// audiences holding command- or question-like words ("update", "send … to", "assigned to", "don't change
// anything", a trailing question mark, an aside) and refusals spread across categories (data changes,
// reporting questions, aggregates, fields the CRM lacks, a user and a segment the tenant lacks, other
// tenants, prompt and SQL injection), with two stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind21'));

checkCaseSet('twenty-first blind eval cases', cases, { total: [160, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-first blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
