// The forty-eighth blind set (evals/blind48/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the go-to-market team of a Montreal event-management software company — a French-first coordinator
// ("actual customers", "since 3 months", "did not open nothing", day-first dates), an event marketer (webinar
// and event sources, real campaign names, meetings after a send, attendance the CRM does not record), a
// terse demand-gen manager (slash lists, excl./w/o/≥/≤, a pasted bullet list), a revenue analyst (nested
// and/or, "in each of", "exactly", "no more than", per-product fit thresholds and product counts) and a CEO
// on a phone (typos, no punctuation, predictions). Scope of except / neither / unless / "but not both";
// counts and windows inside relations; regions as country lists; the headline example and variations;
// 25 refusals (fields the CRM lacks, score-vs-score comparisons, an unknown segment, data changes, sends,
// reports, SQL, injection, other tenants) and look-alikes that must be answered.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind48'));

checkCaseSet('forty-eighth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-eighth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 36 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
