// The thirty-seventh blind set (evals/blind37/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// a quarter of requests from an HR-software vendor's marketing and sales team in the UK, Ireland and
// Australia — a field-events manager (event and webinar sources, meetings, tags), an email marketer
// (named campaigns, the last N sends, received-but-unopened, unsubscribes, opens and clicks in a month),
// an inside-sales lead (open, won and lost deals, amounts in k, stage lists, counts, calls in and out,
// "every deal lost"), a marketing-ops analyst (exact and inclusive date ranges, quarters, halves, last
// month against the 2026-11-01 clock, "exactly", "more than", "no more than … but at least one") and a
// regional director (terse asks). Mostly ordinary audiences, about a fifth hard: negation over a pair,
// precedence of "or" against "and"/"plus", quantifiers over related rows ("only notes", "all under",
// "every product"), most-recent-activity and September-but-not-October windows, segment membership now,
// ever and never, fit scores per product and across products, owners by full name, first name and
// email, contact owner vs deal owner. Ambiguous cases list each reading (calendar quarter vs last three
// months, "enterprise" as plan or company size, UK accounts, engagement, precedence). Typos and shorthand
// ("ppl w/", "mnth", "hc or fin cos"), plain audiences in the form of polite requests, questions or
// to-dos, and refusals spread across categories (data changes, reports and aggregate questions, fields
// and channels the CRM lacks, another tenant's user, segment and data, prompt and SQL injection), with
// three stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind37'));

checkCaseSet('thirty-seventh blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-seventh blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 25 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
