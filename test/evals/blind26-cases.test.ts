// The twenty-sixth blind set (evals/blind26/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// a week of requests from a whole go-to-market team (lifecycle marketers, field-event planners, account
// executives, SDR managers, customer-success leads, a data analyst) in mixed registers: terse notes to self,
// full polite sentences, mid-sentence self-corrections, asides about who a list is for or why, and team jargon
// both where the CRM has a matching field and where it has none (then refused). Most cases are ordinary one-
// and several-field audiences; about a fifth are hard: negation and exception scope, and/or precedence and an
// exclusive or, quantifiers over related rows (all/none, exact counts, upper bounds that include zero), calendar
// arithmetic against the 2026-11-01 clock (previous quarter, half-years, inclusive day ranges, windows bounded
// on both sides, most recent activity), deal owner vs contact owner, and membership history (ever and never in,
// a join window combined with current membership). Vocabulary varies: numbers in words and digits, k/m amounts,
// relative and absolute dates, owners by full name, first name and email, per-product and cross-product fit
// scores, company size, revenue, name, domain and country. Ambiguous cases list two to four readings;
// typos_informal holds misspellings and chat shorthand. Refusals (25) are spread across categories: data changes,
// report and aggregate questions, fields the CRM lacks, another tenant's user, segment and data, prompt and SQL
// injection, non-audience tasks; three stay-scoped cases, and a few plain audiences phrased as questions or
// carrying action words.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind26'));

checkCaseSet('twenty-sixth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-sixth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
