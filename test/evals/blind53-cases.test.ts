// The fifty-third blind set (evals/blind53/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the lifecycle-marketing and sales team of a Texas-based B2B cybersecurity vendor selling into Europe and
// the Americas — a VP of sales dictating voice memos (fillers, run-ons, self-corrections, numbers spoken as
// words), a RevOps analyst half-writing conditions as pseudo-code, a demand-gen manager's sports, military
// and sales jargon mapped to real fields (or refused when it maps to none), a field-marketing coordinator
// planning a regional roadshow (DACH, Nordics, Benelux, Iberia, LATAM, EMEA, the Americas), and a Slack
// user's lowercase shorthand, emoji and typos. US holidays as date anchors, quarters and YTD, scope of
// negation and coordination, counts and thresholds inside relations, company size, revenue and name,
// owners, segments, the headline example dictated; 25 refusals (unknown attributes under their own
// categories, data changes, reports, injections), three stay-scoped requests, and audiences that only
// sound like instructions. Held out until scored; it gets the same checks as the main set so its trees
// stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind53'));

checkCaseSet('fifty-third blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fifty-third blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 41 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
