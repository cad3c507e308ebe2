// The forty-fifth blind set (evals/blind45/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the sales and marketing team of an Australian and New Zealand accounting-software company selling
// worldwide — a channel-partner manager (partners, vips, referrals, owners' books: "Eddie's partners",
// "partners nobody owns"), a demand-gen lead's campaign audiences ("clicked two of our last three sends",
// "got Spring Sale but not Summer Promo", "opened but never clicked anything since June"), an Australian
// rep's quick notes with slang and typos ("hot leads in Oz … ta", "cstmrs in Brzil", "mtgs in the past
// fortnite"), a finance-minded analyst (deal amounts, revenue, the Australian financial year; other
// currencies refused) and a compliance officer (consent records, legal basis, retention dates: refused).
// Scope of except / neither-nor / unless / trailing qualifiers / "A, or B and C"; counts and windows inside
// relations; regions as country lists (DACH, EMEA, LATAM, ANZ); the headline example and variations; 23
// refusals and look-alike audiences to answer.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind45'));

checkCaseSet('forty-fifth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-fifth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 33 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
