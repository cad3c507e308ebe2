// The forty-fourth blind set (evals/blind44/): descriptions written by a session that never saw the
// built-in parser, briefed only with the catalog, the fixture and the product's purpose. Its own character:
// the marketing team of an Italian and Spanish fashion-and-retail software company — a CRM coordinator's
// bullet and numbered checklists ("- customers - IT/ES - opened Spring Sale - no open deal", "1) vips
// 2) in Italy 3) not in cooldown"), an Italian-speaking account manager's English ("the contacts that have
// not opened nothing", "leads arrived from the webinar", "who is in the segment of the Q1 batch"), a
// data-quality analyst's incomplete records (no phone, no NPS, no company, no tags, no owner), a campaign
// manager's loose campaign names ("the spring one", "the one before the Black Friday teaser", "our first
// campaign of the year") and a regional director's hurried shorthand ("custmers italy open deal over 20k",
// "leds no owner"). Scope of negation and coordination, counts and windows inside relations, regions as
// country lists, YTD, quarters and halves, the headline example and a shorthand variant; 25 refusals
// (fields the CRM lacks, data changes, reports, injection, other tenants) and look-alikes to answer.
// Held out until scored; it gets the same checks as the main set so its trees stay valid as the catalog moves.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'blind44'));

checkCaseSet('forty-fourth blind eval cases', cases, { total: [165, 200], perCategory: [8, 20], minStayScoped: 2, refusalsAnywhere: true });

describe('forty-fourth blind eval cases: apart from the other sets', () => {
  it('shares no id with the main set or the earlier blind sets', () => {
    const earlier = ['blind', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `blind${n}`), ...Array.from({ length: 32 }, (_, i) => `blind${i + 12}`)];
    const others = new Set(earlier.flatMap((d) => loadCases(path.join(EVALS_DIR, d))).concat(loadCases()).map((c) => c.id));
    expect(cases.filter((c) => others.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
