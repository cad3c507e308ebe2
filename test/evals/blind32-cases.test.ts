// The thirty-second blind set (evals/blind32/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the lifecycle-marketing and revenue team of a B2B fintech selling into APAC and Latin America (Japan,
// Australia, Vietnam, Brazil), in five voices — a lifecycle marketer typing lower-case phone shorthand with
// dropped words, a RevOps analyst writing capitalised AND / OR / NOT with nested parentheses and field = value
// pairs, a brand manager writing long sentences (and one two-sentence request) with asides and exclusions
// placed in a later clause, a deliverability specialist (hard bounces, suppression, unsubscribes, opens and
// clicks over recent sends), and a partner manager (tags, static segments, owners by first name, full name and
// email). Several descriptions set a contact's own country against its company's country. Most cases are
// ordinary; about a fifth are hard: negation over "or" and "both", boolean precedence, quantifiers over
// related rows ("every deal won", "all notes", "on every product", "all below"), counts that include zero
// ("fewer than", "no more than"), calendar arithmetic against the 2026-11-01 clock (Q3, this year but not
// this quarter, named months, a month with its last day included) and owner questions (an owner with no
// contacts, "doesn't own" keeping unassigned contacts). Amounts come as 5k, 2.5m, 1k, $25,000 and "$50 million",
// numbers in words and digits. Ambiguous cases list every reading (precedence, "and" as union, contact vs
// company country, vacuous quantifiers, calendar vs rolling quarter). Refusals sit where they belong — data
// changes, reports and aggregate questions, fields the CRM lacks (job title, birthday, funding, support
// tickets), another tenant's user and segment, prompt, JSON and SQL injection — beside plain audiences worded
// as questions or tasks ("who's churned?", "can you pull…", "send list…", "call list…"), with three
// stay-scoped cases. Held out until scored; it gets the same checks as the main set so its trees stay valid
// as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind32'));

checkCaseSet('thirty-second blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-second blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28', 'blind29', 'blind30', 'blind31'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
