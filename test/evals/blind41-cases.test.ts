// The forty-first blind set (evals/blind41/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the revenue team of a mid-size HR-tech and payroll company in Germany, the Netherlands and the UK — a
// marketing automation manager's journeys and suppression rules ("everyone except churned and except the
// Q1 batch", "not yet in any segment", "dropped out of the Q1 batch", "ever in"), a German-speaking rep's
// German-structured English ("the customers by Sara", "since 2 months no activity", "eventually" for
// possibly, "actual" for current, "dealowner", "fitscore", "leadsource"), a BI analyst's exact bounds
// ("strictly more than", "between 10M and 50M inclusive", "the 7 days before 2026-10-15", "in each of the
// last 2 months"), a head of partnerships' tags, company names and domains, owners by email and size bands
// ("51-200" exact; SMB, mid-market, enterprise with stated readings), and an intern's questions and
// shorthand, with exports and totals to refuse. Scope of negation and coordination, counts and windows
// inside relations, regions, the headline example and variations; 23 refusals (fields the CRM lacks —
// job title, city, credit limit, department, support tickets, website visits, a "payroll" fit product —
// data changes, sends, reports, other tenants, SQL, injection) and audiences that only contain such words.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind41'));

checkCaseSet('forty-first blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-first blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 29 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
