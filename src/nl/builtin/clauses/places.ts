// Countries and languages: "in Germany", "from the UK", "outside Germany", "companies based in
// Brazil", "German companies", "French contacts", "German-speaking", "speaks French", "Spanish
// speakers", regions ("in DACH", "Nordic leads", said with their list), and "elsewhere" (not the
// place said before). A country on a company noun is the company's; otherwise the contact's (said).
import { BUILTIN_CATALOG } from '../../../rules/catalog.js';
import type { Node } from '../../../rules/grammar.js';
import { countryName } from '../../../rules/values.js';
import { countryCodes, type Sense } from '../lexicon.js';
import { all, cond, oneOrIn } from '../nodes.js';
import { regionSays } from '../regions.js';
import type { Clause, Parse } from '../state.js';
import { COMPANY_NOUNS, PEOPLE_NOUNS } from '../vocabulary.js';
import { readList, usesAnd, type ValueList } from './lists.js';

type Country = Extract<Sense, { kind: 'country' }>;
type Language = Extract<Sense, { kind: 'language' }>;

const countryField = (company: boolean) => BUILTIN_CATALOG.contactFields.find((f) => f.values?.kind === 'countries' && f.scope === (company ? 'company' : 'contact'))!.key;
const languageField = () => BUILTIN_CATALOG.contactFields.find((f) => f.values?.kind === 'languages')!.key;

/** Verbs of being somewhere; a company verb puts the place on the company. */
const PLACE_VERBS: [string[], boolean][] = [
  [['based'], false], [['located'], false], [['living'], false], [['live'], false], [['lives'], false], [['situated'], false], [['sitting'], false],
  [['headquartered'], true], [['hq'], true], [['hq', 'is'], true], [['registered'], true], [["hq'd"], true], [['hqd'], true], [['hq', 'in'], true],
];
const PREPOSITIONS: [string[], boolean][] = [
  [['in'], false], [['from'], false], [['of'], false], [['within'], false], [['out', 'of'], false], [['across'], false], [['throughout'], false],
  [['outside'], true], [['outside', 'of'], true],
];
/** Places that mean "not the place said before". */
const ELSEWHERE: [string[], true][] = [[['elsewhere'], true], [['somewhere', 'else'], true], [['in', 'another', 'country'], true], [['in', 'a', 'different', 'country'], true], [['in', 'other', 'countries'], true]];

export function place(p: Parse, i: number): Clause | undefined {
  return countryAfterVerb(p, i) ?? elsewhere(p, i) ?? adjectives(p, i) ?? speaks(p, i) ?? bareCountry(p, i);
}

function countries(p: Parse, k: number, demonyms: boolean): ValueList<Country> | undefined {
  // "in the States": a country's name may begin with "the".
  const at = p.is(k, 'the') && p.sense(k, 'country') ? k : p.skip(k, ['the']);
  return readList(p, at, (j) => p.sense(j, 'country', (s) => demonyms || !s.demonym));
}

function countryAfterVerb(p: Parse, i: number): Clause | undefined {
  const verb = p.phrase(i, PLACE_VERBS);
  const prep = p.phrase(verb?.end ?? i, PREPOSITIONS);
  if (!prep) return undefined;
  let list = countries(p, prep.end, false);
  if (!list) return undefined;
  // ("the clients of Germany and of Netherlands": "of" again before the next country is one list.)
  const again = p.is(prep.end - 1, 'of') && p.is(list.end, 'and|or') && p.is(list.end + 1, 'of') ? countries(p, list.end + 2, false) : undefined;
  if (again) list = { items: [...list.items, ...again.items], conj: [...list.conj, p.w(list.end) as 'and' | 'or', ...again.conj], end: again.end };
  const company = !!verb?.value || companyBefore(p, i);
  return { node: countryNode(p, list, company, prep.value, i), end: list.end };
}

/** "based elsewhere", "somewhere else": not the countries of the last place clause. */
function elsewhere(p: Parse, i: number): Clause | undefined {
  if (!p.lastPlace) return undefined;
  const verb = p.phrase(i, PLACE_VERBS);
  const at = verb?.end ?? i;
  const words = p.phrase(at, ELSEWHERE);
  if (!words) return undefined;
  const company = !!verb?.value || companyBefore(p, i);
  const { codes } = p.lastPlace;
  p.assume(`read "${p.text(at, words.end)}" as not in ${codes.map(countryName).join(' / ')}`);
  p.lastPlace = { codes, company };
  // (Somewhere else is a known country: an unknown one is not elsewhere.)
  return { node: all([cond(countryField(company), 'is_not_null'), oneOrIn(countryField(company), codes, true)]), end: words.end };
}

/** Whether the place is said of a company: "companies based in", "whose company is in". */
function companyBefore(p: Parse, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && ['that', 'which', 'are', 'is', 'were', 'based', 'located', 'their', 'whose', 'situated', 'headquartered', 'headquarter', 'headquarters', 'hq', 'with', 'not', "isn't", "aren't", 'no', 'longer'].includes(p.w(k))) k -= 1;
  return COMPANY_NOUNS.has(p.w(k)) || p.senses(k, 'field').some((s) => s.sense.field.startsWith('company.'));
}

function countryNode(p: Parse, list: ValueList<Country>, company: boolean, negated: boolean, start: number) {
  const codes = codesOf(p, list.items.map((it) => it.sense));
  const node = oneOrIn(countryField(company), codes, negated);
  if (!company) p.assume(`read "${p.text(start, list.end)}" as the contact's country, not the company's`, companyReading(node, codes, negated));
  if (usesAnd(list) && codes.length > 1) p.assume(`read "${p.text(list.items[0]!.match.start, list.end)}" as any of these countries`);
  p.lastPlace = { codes, company };
  return node;
}

/** The other reading of a contact's country: the company's. */
function companyReading(reading: Node, codes: string[], negated = false) {
  return { says: "the company's country", reading, alternative: oneOrIn(countryField(true), codes, negated) };
}

/** The codes of countries and regions, each region said with its list. */
function codesOf(p: Parse, senses: Country[]): string[] {
  for (const s of senses) if (s.region) p.assume(`read "${s.label}" as ${regionSays(s.region)}`);
  return [...new Set(senses.flatMap((s) => countryCodes(s)))];
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
    if (usesAnd(list) && codes.length > 1) p.assume(`read "${p.text(i, end)}" as any of these languages (a contact has one)`);
    return { node: oneOrIn(languageField(), [...new Set(codes as string[])]), end: end + 1 };
  }
  const senses = list.items.map((it) => p.senses(it.match.start, 'country', (s) => s.demonym).find((s) => s.match.end === it.match.end)?.sense);
  if (senses.some((c) => c === undefined)) return undefined;
  // "Canadian or American retail companies": an industry between the adjective and the company noun.
  const industry = p.sense(end, 'value', (v) => v.field === 'company.industry');
  // ("a Brazilian manufacturer", "German fintechs": an industry said by a noun for its companies, not by its name, is companies too.)
  const named = industry ? p.text(industry.match.start, industry.match.end).toLowerCase() : '';
  const value = industry ? String(industry.sense.value).toLowerCase() : '';
  const companyWord = !!industry && named !== value && named !== `${value}s`;
  const company = COMPANY_NOUNS.has(p.w(end)) || (!!industry && (companyWord || COMPANY_NOUNS.has(p.w(industry.match.end)) || COMPANY_NOUNS.has(p.w(industry.match.end - 1))));
  const codes = codesOf(p, senses as Country[]);
  const node = oneOrIn(countryField(company), codes);
  if (!company) p.assume(`read "${p.text(i, end)}" as the contact's country, not the company's`, companyReading(node, codes));
  p.lastPlace = { codes, company };
  return { node, end };
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
  // "whales — anyone with an open deal": a country reached only by a typo, with no preposition, names a
  // place only before a word for the people or their companies ("germny customers"), never by itself.
  const peopleAfter = PEOPLE_NOUNS.has(p.w(list.end)) || COMPANY_NOUNS.has(p.w(list.end)) || !!p.sense(list.end, 'value', (s) => s.field === 'lifecycle_stage');
  // ("enterprize plan, itlay": one more item of a list of attributes is a place too.)
  const listed = p.is(i - 1, ',|and|&|+|;|/') || list.end >= p.tokens.length;
  if (list.items.every((it) => it.match.typo) && !peopleAfter && !listed) return undefined;
  const company = COMPANY_NOUNS.has(p.w(list.end));
  return { node: countryNode(p, list, company, false, i), end: list.end };
}
