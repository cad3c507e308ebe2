// The thirty-ninth blind set (evals/blind39/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the growth team of a European e-commerce-platform vendor — a lifecycle-email specialist (named sends,
// "got it but didn't open", "opened but never clicked", opens counted since summer, distinct campaigns
// clicked, unsubscribes and bounces in a month), a sales-ops admin pasting half-converted filter summaries
// (pipes, "any of", "none of", "is known", "is empty", one with no brackets where precedence matters), a
// junior marketer's long hedged messages with self-corrections ("Spain — sorry, Italy"), a data-protection
// officer's suppression audiences and requests the CRM cannot answer (consent dates, legal basis,
// deletion), and a country manager's lower-case phone shorthand ("cstmrs in nl+es w/o an owner", "Brzil",
// "lst mnth"). Scope of except / neither-nor / unless / negated pairs; counts and windows inside relations
// ("at least one call but no more than 3", "latest deal more than 6 months ago", "most recent activity in
// September"); regions as country lists (EMEA, DACH, LATAM, Nordics / Benelux); the headline example and
// variations; 23 refusals (fields the CRM lacks, data changes) and audiences that only contain words like
// "update", "assigned", "tag" or "don't send".
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind39'));

checkCaseSet('thirty-ninth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-ninth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 27 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
