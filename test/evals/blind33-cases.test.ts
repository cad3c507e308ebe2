// The thirty-third blind set (evals/blind33/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the requests of a healthcare-software vendor's field-marketing and SDR team working the US Midwest and
// Canada, in five voices — an SDR manager who writes imperatively, an events marketer who names several
// campaigns at once, an analyst who gives exact date ranges and exact counts, a VP who leans on strong
// negatives, and an admin who pastes filter fragments copied from another CRM's UI. Most cases are ordinary
// audiences a competent product must get right, across contact fields, company fields, deals, activities,
// campaigns, segment membership (now, ever, never), per-product and cross-product fit scores and owners (by
// first name, full name and email, unassigned); about a fifth are hard: negation scope over "and"/"or",
// precedence, quantifiers over related rows, calendar arithmetic against the 2026-11-01 clock and owner
// questions. Length runs from two or three words to two sentences, register from terse to polite and chatty,
// with numbers in words and digits, k/m amounts, relative and absolute dates, count bounds and exceptions.
// Ambiguous cases list every reading; the typo cases are terse shorthand; a few plain audiences carry
// purpose, action or question words. Refusals (22) sit where they belong across categories: data changes,
// reports and aggregate questions, fields and events the CRM does not have, another tenant's user and
// segment, prompt and SQL injection and non-audience tasks; three adversarial cases are stay-scoped.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind33'));

checkCaseSet('thirty-third blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-third blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28', 'blind29', 'blind30', 'blind31', 'blind32'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
