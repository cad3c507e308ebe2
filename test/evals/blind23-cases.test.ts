// The twenty-third blind set (evals/blind23/, ids bltwth<abbr>-NN): descriptions written by a session that
// never saw the built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own
// character: chat- and ticket-style requests, mostly short and plain, about a third longer and conversational —
// polite lead-ins ("can you pull…", "I need…", "looking for…"), trailing purposes that name things the CRM also
// has (a partner newsletter, an enterprise ABM program, a case study, a thank-you note, retargeting) and must not
// leak into the tree, asides in parentheses and dashes, loosely joined conditions ("…, also only …"). It covers
// lifecycle, plan, source, NPS, email status, surname and email domain; unions with "plus", parenthesised
// precedence, neither/nor, "anything but"; calendar and relative dates against the 2026-11-01 clock (last month,
// this quarter, Q2, Q3, the first half of 2025, an inclusive June–August range, six weeks, "more than 90 days
// ago but less than a year"); company size, revenue in k/m, name prefix and contains, domain, HQ country; deals
// by stage, amount, exact / at-least / no-more-than counts, "only deal was lost", won-and-open; activities by type
// and direction ("called us" = inbound), counts, recency and "gone quiet"; engagement over named campaigns and the
// last N, delivered-but-not-opened, opens counted since a month; segments now, ever, never, joined and left (the
// last two inside compounds, as the fixture carries no membership history); fit scores per product, on any, every
// and at least two products; owners by full name, first name and email, contact vs deal owner, unowned deals;
// fourteen genuinely ambiguous descriptions with two or three readings; terse typo-ridden shorthand; plain
// audiences holding action or question words; and 23 refusals across thirteen categories (data changes, reports
// and counts, fields the CRM lacks — job title, tech stack, churn risk, web visits —, another tenant's user,
// segment and records, prompt and SQL injection), with three stay-scoped cases.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind23'));

checkCaseSet('twenty-third blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('twenty-third blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
