// The thirtieth blind set (evals/blind30/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the requests of a customer-success and renewals team at a SaaS vendor selling into North America, the UK
// and the Nordics — a renewals manager (won and lost deals, signed/closed-won synonyms, renewal anniversaries
// read as won-deal close dates, churned contacts, engagement drop-off over the last N campaigns), a
// customer-success lead (meeting and call recency, quiet customers, inbound vs outbound touches, "no more
// than" / "fewer than" counts that include zero, most-recent-activity phrasing), an ABM marketer (industry,
// headcount and revenue bands in k/m/B, a size-defined tier, named accounts, company vs contact country, the
// Nordics as a region the fixture has no contacts in), a founder typing lowercase fragments with no
// punctuation, and an intern who asks for audiences as questions. It leans on back-references ("in that
// period", "those deals", "that same month", "the same campaign", "her"), exclusion lists, negation scope over
// "and" and "unless", precedence across "or … plus …" and "but only if", quantifiers over related rows
// ("every deal", "every product", "all under", "at least two products"), calendar arithmetic against the
// 2026-11-01 clock (last quarter, H1, the first two weeks of this quarter, November last year, a one-to-two
// year band), owners by full name, first name and email (contact owner vs deal owner, unassigned), membership
// now, ever and never, and genuinely ambiguous readings listed side by side. Refusals sit where they belong
// across categories (data changes, reports and aggregate questions, fields the CRM lacks such as job title,
// contract renewal, funding, support tickets and health score, another tenant's user and segment, prompt and
// SQL injection), with three stay-scoped cases and a few plain audiences phrased with action or question words.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind30'));

checkCaseSet('thirtieth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirtieth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28', 'blind29'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
