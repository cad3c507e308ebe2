// The fifty-fourth blind set (evals/blind54/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the lifecycle and customer-success team of a Dublin-based HR-software scale-up selling across Europe and
// Latin America, writing in many Englishes — colleagues with English as a second language (Brazilian,
// Polish, Indian, Spanish: durations written with "since", dropped or doubled articles, false friends,
// borrowed word order), a customer-success lead's Irish and British English (fortnights, bank holidays,
// the financial year, the Irish summer, British spelling), a growth PM's spreadsheet formulas, filter-UI
// pipes and bullet lists, a legal reviewer's long provisos and double negatives, and a phone's autocorrect,
// run-together words and dictated punctuation. Scope of negation and coordination, counts and time windows
// inside relations, quarters and YTD, regions (Europe, Iberia, Benelux, the UK and Ireland, LATAM), company
// size, revenue, industry and name, owners, static segments, the headline example in two Englishes, and
// genuinely ambiguous wording with every reading listed; 23 refusals (unknown attributes under their own
// categories, data changes, reports, a copywriting task, injections), three stay-scoped requests, and
// audiences that only sound like instructions. Held out until scored; it gets the same checks as the main
// set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind54'));

checkCaseSet('fifty-fourth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fifty-fourth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 42 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
