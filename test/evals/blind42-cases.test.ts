// The forty-second blind set (evals/blind42/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the go-to-market team of a logistics-software scale-up in Spain, Portugal and Brazil — a field-sales
// director (open opportunities, deals stuck in proposal, biggest deal, reps' books, a loss "to a
// competitor" that is not recorded and must be refused), a Portuguese-speaking marketer ("the contacts that
// already bought", "clients of Brazil with more of 2 meetings", "didn't open none of the emails"), an events
// coordinator (misspelled campaigns and tags — "Sprng Sale", "Black Fri teaser", "webnar" — mixed with
// segments), a RevOps engineer ("stage ∈ {lead, mql}", "deals(won) ≥ 2", "last_activity < now-60d",
// "!partner & plan=enterprise") and a VP marketing joining two audiences with "plus" or "as well as" around
// deadlines that are not conditions. Scope of except / neither / unless / parentheses / "A, or B and C";
// counts and windows inside relations; regions and periods (EMEA, North America, YTD, this quarter, the
// second half of 2025); company names by part; per-product fit thresholds and counts; the headline example
// and variations; 23 refusals (fields the CRM lacks — job title, city, department, credit limit, support
// tickets, website visits, renewal date, owner history — data changes, SQL, aggregates, injection, another
// tenant) beside look-alikes that must be answered.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind42'));

checkCaseSet('forty-second blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-second blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 30 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
