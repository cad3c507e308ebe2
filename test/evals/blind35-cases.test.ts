// The thirty-fifth blind set (evals/blind35/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the requests of a marketing agency's account team running this CRM for a B2B manufacturer selling in
// Europe and Latin America. An account director writes one-line briefs in business jargon, defined inline
// where the CRM can give it a meaning and refused where it cannot; a campaign manager names campaigns by
// partial, lower-cased or abbreviated names; a junior analyst writes each condition as its own short
// sentence, which must collapse onto one related row when the sentences describe one activity or one fit
// score; a sales coordinator describes people by what they did and did not do with deals and calls (all
// closed, lost but never won, open with no recent outbound call, last call long ago, exact and bounded
// counts where "fewer than" and "no more than" include zero); a compliance officer asks about email status,
// suppression and consent-like fields the CRM lacks. About a fifth is hard: negation scope over "and" and
// "or", precedence set by commas and "plus", quantifiers over related rows (all below, every product, at
// least two products, any versus every deal), calendar arithmetic against the 2026-11-01 clock (last
// quarter, last month, a named quarter, a month range, this year minus a recent window) and owner
// questions (contact versus deal owner, unassigned, by first name, full name and email, "not owned by"
// with and without unassigned contacts). Segment membership now, ever and never, in one, both, any and
// none of the tenant's segments; company size, revenue, industry, name and headquarters against the
// contact's own country; plain audiences phrased as questions or carrying action words; refusals spread
// across categories (data changes, reports and aggregate questions, fields the CRM lacks, another tenant's
// user and segment, prompt and SQL injection) and three stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind35'));

checkCaseSet('thirty-fifth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-fifth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28', 'blind29', 'blind30', 'blind31', 'blind32', 'blind33', 'blind34'];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
