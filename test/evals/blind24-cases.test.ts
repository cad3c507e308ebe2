// The twenty-fourth blind set (evals/blind24/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// three kinds of writers, about a third each, in every category — sales-ops admins typing filter syntax
// ("lifecycle = MQL, country FR/BE/CH", "plan: free or starter; NPS <= 4", "& … |" precedence, "!=",
// parentheses, "has open deals: exactly 2", "calls >= 3", "created since 15/10/2026", "mtgs in last 30d",
// "fit: all 3 products >= 60"); marketers writing one long sentence of stacked clauses and exceptions ("as
// long as", "but only if", "unless … in which case keep them", "excluding anyone who …", "leaving out …",
// "not counting people created in the last 30 days"); and managers asking with a lead-in or a reason ("Pull …",
// "I need … for the feedback panel", "For the pipeline review …", "Who have we not touched …? Pull them for
// re-engagement"). It exercises numbers in words and digits and k/m amounts, calendar and relative dates
// against the 2026-11-01 clock (Q3, named months, inclusive day ranges, weeks, "more than a year ago", "most
// recent activity > 60 days ago"), count bounds (exactly, more than, no more than — zero included — fewer than
// but at least one), "every deal lost", all-below and per-product fit quantifiers, contact owner vs deal owner
// (by name, first name and email), membership now / ever / never / joined / left, company size, revenue, name,
// domain and HQ country, fourteen ambiguous descriptions with two to four readings each (enterprise as plan or
// size, the contact's or the account's country, "last quarter", "last year", "closed a deal", "3 meetings",
// "didn't open the last 2", "calls and meetings", precedence of "or … in", "VIP customers and partners"),
// typo-ridden shorthand, plain audiences holding action- or question-like words ("so we can clean them out",
// "we need to run the scoring job", "route them", "don't update anything", trailing question marks), and 23
// refusals spread across categories (data changes, reports and aggregate questions, fields the CRM lacks —
// job title, birthday, tech stack, support tickets, churn risk —, another tenant's user and segment, prompt
// and SQL injection, injected rule JSON), with three stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind24'));

checkCaseSet('twenty-fourth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-fourth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
