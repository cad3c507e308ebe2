// The forty-sixth blind set (evals/blind46/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the marketing-operations team of a Nordic and Baltic e-learning platform selling to companies — a careful
// ops specialist's "where / whose" clauses with "i.e.", "respectively" and semicolons, a Swedish-speaking
// content marketer ("contacts who have not got any deal", "leads without phone and without owner"), an SDR
// lead's call lists ("people we called but who never called back", "no touch in 45 days", "at most 2 calls
// and no meeting"), a product marketer's per-product fit ("analytics fit 60-80", "not scored on payments at
// all") and a head of marketing's short or vague questions (reports, rankings and forecasts refused). Scope
// of except / neither-nor / unless / "A, or B and C"; counts and windows inside relations; regions and
// calendar words; typos and shorthand; the headline example and variations; 22 refusals (fields the CRM
// lacks, data changes and sends, SQL, injection, another tenant), stay-scoped requests, and audiences that
// only contain words like "update", "do-not-call" or "stop emailing".
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind46'));

checkCaseSet('forty-sixth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-sixth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 34 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
