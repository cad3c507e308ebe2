// The thirty-first blind set (evals/blind31/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the requests of an agency team running this client's CRM from Madrid, Lyon and Munich, mostly non-native
// writers whose languages show through ("since N months" for "in the last N months", "which have not any",
// "of Germany", false friends such as societies, collaborators, commercial, inscribed, actual, "became" for
// received, "made an opening", slipped articles and word order), alongside an account-based marketing lead
// (industry, size, revenue and country of the accounts), an events coordinator building invitation lists
// for webinars and dinners, a sales-handoff coordinator (lifecycle stages, owners by first name, full name
// and email, unassigned contacts, fit scores per product and across products) and a data-quality checker
// (missing phones, NPS, companies, tags, scores). Most cases are ordinary; about a fifth are hard: negation
// scope over "and" / "or", precedence of a trailing clause, quantifiers over related rows (every deal lost,
// all scores above a bar, best score below one, last activity older than a span, counts that include zero),
// calendar arithmetic against the Sunday 2026-11-01 clock (last quarter, last Friday, inclusive day ranges,
// "exists since more than 18 months") and owner questions ("someone else than", "no owner yet or with …").
// Lengths run from two words to two sentences, terse to polite, with numbers in words and digits and k/m
// amounts; typos and shorthand are in typos_informal; plain audiences carry action- or question-like words
// (invite, give me, to be updated, a trailing question); refusals sit where they belong across categories
// (data changes, reports and aggregate questions, fields the CRM lacks, another tenant's user and segment,
// a segment the tenant does not have, prompt and SQL injection), with three stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind31'));

checkCaseSet('thirty-first blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-first blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28', 'blind29', 'blind30'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
