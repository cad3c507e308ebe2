// The twenty-ninth blind set (evals/blind29/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the requests of a mid-size European software reseller's marketing and sales staff over a busy month — an
// email marketer (named campaigns, opens, clicks, deliveries, unsubscribes, the last N sends), a lead-generation
// specialist (sources, lifecycle stages, per-product and cross-product fit scores), country managers for DACH
// and Southern Europe (country and language lists, company industry, size, revenue, domain and name), a
// sales-operations analyst (deal stages, amounts in k and m, counts, close and creation windows, owners by full
// name, first name and email) and a non-technical office manager (polite, plain phrasing). Mostly ordinary
// requests with about a fifth harder ones: negation over a conjunction, precedence of mixed and/or, "every"
// and "none" quantifiers over related rows, exact and bounded counts, calendar arithmetic against the
// 2026-11-01 clock (named months, quarters, halves, "since", "before", ranges), current and ever/never
// segment membership. Lengths run from one word to two clauses; a typo-and-shorthand category; genuinely
// ambiguous descriptions with every reading listed; refusals spread across categories (data changes,
// reports and aggregates, fields the CRM lacks, another tenant's user, segment or data, prompt and SQL
// injection), two stay-scoped cases and plain audiences carrying question- or instruction-like words.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind29'));

checkCaseSet('twenty-ninth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-ninth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
