// The fifteenth blind set (evals/blind15/): 199 descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own
// character: a balanced mix — plain and precise, colloquial, terse with typos, regional vocabulary and calendar
// phrases (DACH, LATAM, Labor Day, Easter, fortnight, day-first dates), the design document's example reworded, and refusals
// spread across categories (data changes, questions, attributes the CRM lacks, other tenants).
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind15'));

checkCaseSet('fifteenth blind eval cases', cases, { total: [150, 240], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('fifteenth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
