// The thirty-fourth blind set (evals/blind34/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the requests of an e-commerce platform's B2B partnerships team working across the Middle East, India and
// Africa — a terse operations lead writing in symbols (=, !=, >=, <, +, /, &, parentheses), a manager whose
// long polite emails bury the audience between greetings, event venues and sign-offs, a junior who misspells
// nearly every word, a channel marketer who thinks in time (since, before, after, between, Q2/Q3, the first
// half of a year, "between 90 and 30 days ago", dates written 3/10, 10 March, March 10th and 2026-03-10, with
// the month-first/day-first reading of a slash date both accepted), and a data steward asking about empty and
// missing values (no phone, no NPS, no company, no owner, no tags, an NPS that is present but not a 10).
// Words that could be a tag, a campaign or a segment name (webinar, newsletter, Spring Sale, Q1 batch, partner)
// appear both as traps in plain audiences and as genuinely ambiguous cases with every reading listed. Most cases
// are ordinary; about a fifth are hard: negation scope over "and"/"or", precedence and unions ("plus anyone"),
// quantifiers over related rows ("every deal lost", "most recent activity", "for every product", "two or more
// products", "at least two of our segments", exclusive or), calendar arithmetic against the 2026-11-01 clock and
// owner questions (contact owner vs deal owner, by name, first name and email, unassigned). Refusals sit where
// they belong (fields the CRM lacks, reports and aggregates, data changes, another tenant's user and segment,
// prompt and SQL injection), alongside plain audiences phrased as questions or action lists, and three
// stay-scoped cases that reach for another tenant.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind34'));

checkCaseSet('thirty-fourth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('thirty-fourth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const others = new Set(['blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8', 'blind9', 'blind10', 'blind12', 'blind13', 'blind14', 'blind15', 'blind16', 'blind17', 'blind18', 'blind19', 'blind20', 'blind21', 'blind22', 'blind23', 'blind24', 'blind25', 'blind26', 'blind27', 'blind28', 'blind29', 'blind30', 'blind31', 'blind32', 'blind33'].flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
