// Countries and languages: "in Germany", "from the UK", "outside Germany", "companies based in
// Brazil", "German companies", "French contacts", "German-speaking", "speaks French", "Spanish
// speakers". A country on a company noun is the company's; otherwise the contact's (said).
import { CONTACT_FIELDS } from '../../../rules/catalog.js';
import type { Sense } from '../lexicon.js';
import { oneOrIn } from '../nodes.js';
import type { Clause, Parse } from '../state.js';
import { COMPANY_NOUNS } from '../vocabulary.js';
import { readList, usesAnd, type ValueList } from './lists.js';

type Country = Extract<Sense, { kind: 'country' }>;
type Language = Extract<Sense, { kind: 'language' }>;

const countryField = (company: boolean) => CONTACT_FIELDS.find((f) => f.values?.kind === 'countries' && f.scope === (company ? 'company' : 'contact'))!.key;
const languageField = () => CONTACT_FIELDS.find((f) => f.values?.kind === 'languages')!.key;

const PLACE_VERBS: [string[], { company: boolean; outside: boolean }][] = [
  [['in'], { company: false, outside: false }], [['from'], { company: false, outside: false }], [['within'], { company: false, outside: false }],
  [['based', 'in'], { company: false, outside: false }], [['located', 'in'], { company: false, outside: false }],
  [['living', 'in'], { company: false, outside: false }], [['live', 'in'], { company: false, outside: false }], [['lives', 'in'], { company: false, outside: false }],
  [['situated', 'in'], { company: false, outside: false }], [['based', 'out', 'of'], { company: false, outside: false }],
  [['headquartered', 'in'], { company: true, outside: false }], [['hq', 'in'], { company: true, outside: false }], [['hq', 'is', 'in'], { company: true, outside: false }],
  [['outside'], { company: false, outside: true }], [['outside', 'of'], { company: false, outside: true }], [['outside', 'the'], { company: false, outside: true }],
];

export function place(p: Parse, i: number): Clause | undefined {
  return countryAfterVerb(p, i) ?? adjectives(p, i) ?? speaks(p, i) ?? bareCountry(p, i);
}

function countries(p: Parse, k: number, demonyms: boolean): ValueList<Country> | undefined {
  return readList(p, p.skip(k, ['the']), (j) => p.sense(j, 'country', (s) => demonyms || !s.demonym));
}

function countryAfterVerb(p: Parse, i: number): Clause | undefined {
  const verb = p.phrase(i, PLACE_VERBS);
  if (!verb) return undefined;
  const list = countries(p, verb.end, false);
  if (!list) return undefined;
  const company = verb.value.company || companyBefore(p, i);
  return { node: countryNode(p, list, company, verb.value.outside, i), end: list.end };
}

/** Whether the place is said of a company: "companies based in", "whose company is in". */
function companyBefore(p: Parse, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && ['that', 'which', 'are', 'is', 'were', 'based', 'located', 'their', 'whose', 'situated', 'headquartered'].includes(p.w(k))) k -= 1;
  return COMPANY_NOUNS.has(p.w(k)) || p.senses(k, 'field').some((s) => s.sense.field.startsWith('company.'));
}

function countryNode(p: Parse, list: ValueList<Country>, company: boolean, negated: boolean, start: number) {
  const codes = [...new Set(list.items.map((it) => it.sense.code))];
  if (!company) p.assume(`read "${p.text(start, list.end)}" as the contact's country, not the company's`);
  if (usesAnd(list) && codes.length > 1) p.assume(`read "${p.text(list.items[0]!.match.start, list.end)}" as any of these countries`);
  return oneOrIn(countryField(company), codes, negated);
}

/** "German companies", "French contacts", "Dutch or Italian speaking", "Spanish speakers". */
function adjectives(p: Parse, i: number): Clause | undefined {
  const list = readList(p, i, (j) => {
    const lang = p.sense(j, 'language');
    const demonym = p.sense(j, 'country', (s) => s.demonym);
    const best = [lang, demonym].filter((x) => x !== undefined).sort((a, b) => b.match.end - a.match.end)[0];
    return best ? { sense: best.sense as Country | Language, match: best.match } : undefined;
  });
  if (!list) return undefined;
  const end = list.end;
  if (p.is(end, 'speaking|speakers|speaker|speak|language|languages')) {
    const codes = list.items.map((it) => p.senses(it.match.start, 'language').find((s) => s.match.end === it.match.end)?.sense.code);
    if (codes.some((c) => c === undefined)) return undefined;
    return { node: oneOrIn(languageField(), [...new Set(codes as string[])]), end: end + 1 };
  }
  const codes = list.items.map((it) => p.senses(it.match.start, 'country', (s) => s.demonym).find((s) => s.match.end === it.match.end)?.sense.code);
  if (codes.some((c) => c === undefined)) return undefined;
  const company = COMPANY_NOUNS.has(p.w(end));
  if (!company) p.assume(`read "${p.text(i, end)}" as the contact's country, not the company's`);
  return { node: oneOrIn(countryField(company), [...new Set(codes as string[])]), end };
}

/** "speak French", "speaks German or Dutch", "speaking in Spanish". */
function speaks(p: Parse, i: number): Clause | undefined {
  if (!p.is(i, 'speak|speaks|speaking')) return undefined;
  const list = readList(p, p.skip(i + 1, ['in']), (j) => p.sense(j, 'language'));
  if (!list) return undefined;
  return { node: oneOrIn(languageField(), [...new Set(list.items.map((it) => it.sense.code))]), end: list.end };
}

/** "Germany", "Germany or France" with no preposition. */
function bareCountry(p: Parse, i: number): Clause | undefined {
  const list = countries(p, i, false);
  if (!list || p.tokens[i]?.norm === 'the') return undefined;
  const company = COMPANY_NOUNS.has(p.w(list.end));
  return { node: countryNode(p, list, company, false, i), end: list.end };
}
