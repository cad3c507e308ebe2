// The fifty-fifth blind set (evals/blind55/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the demand-generation and revenue-operations team of a Montréal-based fleet-telematics SaaS company selling
// across North America and Europe — Québécois colleagues writing English with French word order and false
// friends ("actual" clients, "since 3 months", "assist to a meeting", "the accounts enterprise"), a RevOps
// analyst's boolean and SQL-ish filters (caps AND/OR, parentheses, !=, >=, IN (…), IS NULL, NOT (…)), an SDR's
// Slack shorthand (accts, opps, mtgs, w/, w/o, b/c, lmk, emoji) and dictated punctuation, a VP's long
// sentences with nested provisos, and a compliance officer's double negatives, "unless", "other than" and
// "neither … nor". Scope of negation and coordination, counts and time windows inside relations, Labour Day,
// quarters, the fiscal year, YTD and last fall, regions (EMEA, DACH, Benelux, Iberia, APAC, North America,
// the Nordics), company size, revenue, industry versus company name, owners, static segments, the headline
// example in three wordings, and genuinely ambiguous wording with every reading listed; 26 refusals (unknown
// attributes under their own categories — job title, province, department, birthday, credit limit, fleet size,
// support tickets, page visits, forwards, churn risk, an office, a missing segment, a sum of deals — data
// changes, reports, a copywriting task, injections), three stay-scoped requests, and audiences that only
// sound like instructions. Held out until scored; it gets the same checks as the main set so its trees stay
// valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind55'));

checkCaseSet('fifty-fifth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fifty-fifth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 43 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
