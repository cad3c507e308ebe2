// The thirty-sixth blind set (evals/blind36/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the demand-generation team of a cybersecurity vendor selling in North America and Europe during a product
// launch — a demand-gen manager stacking five conditions into one sentence (plan, country, source, tag,
// subscription), a webinar producer whose lists turn on who opened, clicked, received or ignored named
// campaigns and the last N sends, a sales-development lead counting calls, meetings and touches ("at least
// twice", "every month for the last three months", "not since", "no more than", "fewer than", "exactly"),
// a RevOps admin checking hygiene (no owner, no phone, no company, no NPS, stale records) and a CMO asking
// short high-level questions, some of them reports. Mostly ordinary audiences in plain, polite, terse and
// chatty registers; about a fifth hard: negation over "and"/"or", "A, or B" and "A and B" as a union,
// exceptions inside a set, quantifiers over related rows (all deals open, best deal or fit score below a
// bound, every product, two products, all three scored), calendar arithmetic against the 2026-11-01 clock
// (quarters, half-years, named months, inclusive day ranges, "since"), owners by full name, first name and
// email on contacts and deals, and "assigned to someone other than". Amounts in digits, words, k and m;
// company size, revenue, name prefix and substring, domain and headquarters; segment membership now, ever
// and never; ambiguous descriptions with every reading listed; typo-ridden shorthand; plain audiences that
// hold question marks and action words; and refusals placed where they belong (data changes, reports and
// metrics, fields the CRM lacks, another tenant's user, segment and contacts, prompt and SQL injection),
// with three stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind36'));

checkCaseSet('thirty-sixth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-sixth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10'];
    for (let n = 12; n <= 35; n++) earlier.push(`blind${n}`);
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('names every case with the blthsx id prefix', () => {
    for (const c of cases) expect(c.id.startsWith('blthsx'), c.id).toBe(true);
  });
});
