// The twenty-seventh blind set (evals/blind27/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// a month of requests from a European regional marketing team and a customer-success team — campaign
// managers planning sends by country and language, a CS lead watching customers, satisfaction and
// engagement, an ops person cleaning lists and a sales director asking for pipeline audiences. Mostly
// ordinary, realistic audiences of varying length and register (terse, polite, chatty), with about a fifth
// hard: negation scope over "and"/"or", "or" precedence, quantifiers over related rows (every, none, exact
// and bounded counts, "most recent"), calendar arithmetic against the 2026-11-01 clock (quarters, halves,
// named months, "since", ranges), contact owner vs deal owner, and membership history (ever, never, joined
// since). Vocabulary varies across synonyms for stages, activities and engagement, numbers in words and
// digits, k/m amounts, country and language codes and names, owners by full name, first name and email.
// Genuinely ambiguous descriptions list every acceptable reading; typos and shorthand are realistic. Refusals
// sit where they belong across categories (data changes, reports and aggregate questions, fields the CRM
// lacks, another tenant's user or segment, prompt and SQL injection), with four stay-scoped cases and a few
// plain audiences that carry action- or question-like words.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind27'));

checkCaseSet('twenty-seventh blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-seventh blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
