// The twenty-eighth blind set (evals/blind28/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the requests of a small B2B SaaS growth team over a quarter — a product-led-growth marketer (trials,
// plans, activation read through email engagement), a partner manager (partner and vip tags, company
// fields), an events lead (countries, languages, webinar sources), a revenue-operations analyst (deals,
// stages, amounts, owners, dates) and the head of sales (owners, activities, pipeline). Mostly ordinary
// requests a competent product must get right, with about a fifth hard ones: negation scope over "and"
// and "or", precedence, quantifiers over related rows, calendar arithmetic against the 2026-11-01 clock,
// contact owner vs deal owner and membership history. Lengths run from a few words to two sentences in
// terse, polite and chatty registers, with varied vocabulary for stages, activities and engagement,
// numbers in words and digits, k/m amounts, relative and absolute dates, count bounds, exceptions,
// owners by name, first name and email, segment membership now, ever and never, per-product and
// cross-product fit scores, realistic typos and shorthand, plain audiences that carry action- or
// question-like wording, genuinely ambiguous descriptions with every reading listed, and refusals spread
// across categories (data changes, reports and aggregate questions, fields the CRM lacks, another
// tenant's user or segment, prompt and SQL injection), with two stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind28'));

checkCaseSet('twenty-eighth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-eighth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
