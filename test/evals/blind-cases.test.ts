// The blind set of 2026-12 (evals/blind/): 217 descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. It was scored
// once (README, "Evals") and is no longer held out; it gets the same checks as the main set so its
// trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind'));

checkCaseSet('blind eval cases', cases, { total: [150, 240], perCategory: [8, 20], minStayScoped: 2 });

describe('blind eval cases: apart from the main set', () => {
  it('shares no id with the main set, and only the eight short descriptions both sets wrote independently', () => {
    const main = loadCases();
    const mainIds = new Set(main.map((c) => c.id));
    const mainDescriptions = new Set(main.map((c) => c.description.trim().toLowerCase()));
    expect(cases.filter((c) => mainIds.has(c.id)).map((c) => c.id)).toEqual([]);
    // Written without seeing the main set; these plain phrasings came out word for word the same.
    // They were scored as part of the blind set as they are; a new coincidence should be looked at.
    const same = cases.filter((c) => mainDescriptions.has(c.description.trim().toLowerCase())).map((c) => c.id);
    expect(same.sort()).toEqual(['blindamb-07', 'blindco-02', 'blinddl-03', 'blinddl-09', 'blinddt-07', 'blinddt-14', 'blindsp-03', 'blindsp-10']);
  });
});
