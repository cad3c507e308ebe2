// The twenty-fifth blind set (evals/blind25/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the way many different people type into a segment builder's search box on an ordinary working day —
// about half short and plain (often lowercase, little punctuation, a few typed on a phone with dropped
// letters and shorthand), the other half medium-length everyday marketer English, often with a trailing
// clause of context (who the list is for, why it is needed) that must not change the audience. Difficulty
// is spread evenly, with roughly a fifth hard: negation scope over "and"/"or" and whole-group exceptions,
// precedence of unions added with commas or "plus", quantifiers over related rows (every, all, none, at
// least one of each, counts including zero), calendar arithmetic against the 2026-11-01 clock (quarters,
// halves of last year, named months, inclusive day ranges, a campaign whose name and send month disagree),
// contact owner versus deal owner, and segment membership now, ever, never and recently joined. Vocabulary
// and word order vary (stage and activity synonyms, numbers in words and digits, k/m amounts, "at least",
// "more than", "exactly", "no more than", "fewer than"), owners appear by full name, first name and email,
// fit scores per product and across products, and companies by industry, size, revenue, country, name and
// domain. Ambiguous cases list every acceptable reading. Refusals sit in the categories they belong to (data
// changes, reports and metric questions, fields the CRM does not have, another tenant's user, segment or
// rows, prompt and SQL injection, an export task), and a few plain audiences are phrased as questions,
// imperatives or instruction-like asides; three adversarial cases are stay-scoped.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind25'));

checkCaseSet('twenty-fifth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-fifth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
