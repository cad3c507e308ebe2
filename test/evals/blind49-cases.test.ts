// The forty-ninth blind set (evals/blind49/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the CRM team of a German industrial-parts distributor — a CRM administrator's formal German-English
// (relative clauses with "which", carried-over word order, "resp." and "incl.", dots for thousands,
// compound nouns), a data-protection officer's consent and contactability questions, a hurried sales
// director (sometimes rankings or totals), an agency account manager writing for the client with loose
// names for real campaigns, and an intern's long descriptions with asides and self-corrections. Scope of
// negation and coordination, counts and windows inside relations, calendar periods, regions as country
// lists, per-product fit thresholds, the headline example; 24 refusals (attributes the CRM does not
// record, data changes and sends, rankings and aggregates, injection, SQL, other tenants) and look-alikes.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind49'));

checkCaseSet('forty-ninth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-ninth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 37 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
