// Fields said by what they hold rather than by their name: a person's name ("named Kenji", "named
// Paul Silva"), an email domain ("a mail.example address", "emails at mail.example", "@mail.example
// emails", "email domain is x.example", "gmail users") and a company's name ("with 'Capital' in the
// name", "companies whose name includes Works"). Field keys come from the catalog.
import { BUILTIN_CATALOG, type ContactFieldDef, resolveFieldName } from '../../../rules/catalog.js';
import { isKnownWord } from '../keywords.js';
import { cond } from '../nodes.js';
import type { Clause, Parse } from '../state.js';
import { ADDRESS_NOUNS, COMPANY_NOUNS, WEBMAIL } from '../vocabulary.js';
import { COMPANY_SIZES } from '../vocabulary.js';
import { compare } from './contact.js';

const fields = new Map<string, ContactFieldDef>();
/** A built-in field by its name (names, email, company name), looked up once. */
const field = (name: string): ContactFieldDef => {
  let f = fields.get(name);
  if (!f) fields.set(name, (f = resolveFieldName(BUILTIN_CATALOG.contactFields, name)!));
  return f;
};
const DOMAIN = /^@?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;
const ARTICLES = ['a', 'an', 'the', 'their', 'its', 'any'];
/** "at a Dubois Systems account": after a company's name, the word for it as a customer. */
const ACCOUNT_NOUNS = new Set(['account', 'accounts', 'customer', 'client']);

export function byContent(p: Parse, i: number): Clause | undefined {
  return companyCalled(p, i) ?? personName(p, i) ?? emailDomain(p, i) ?? companyName(p, i) ?? worksAt(p, i);
}

/**
 * "companies called Rossi Capital" (the name starts so), "companies named something with 'Capital'",
 * "firms called anything like 'Works'" (the name contains it): after a company noun, "called" and
 * "named" give the company's name, not a call or a first name. Said.
 */
function companyCalled(p: Parse, i: number): Clause | undefined {
  if (!p.is(i, 'called|named') || !COMPANY_NOUNS.has(p.w(i - 1))) return undefined;
  const vague = p.is(i + 1, 'something|anything');
  let j = vague ? p.skip(i + 2, ['like', 'with', 'containing']) : i + 1;
  const name = field('company name');
  const t = p.tokens[j];
  let text: string | undefined;
  if (t?.kind === 'quoted') {
    text = t.norm;
    j += 1;
  } else {
    const found = companyNameAt(p, j);
    if (!found) return undefined;
    text = found.text;
    j = found.end;
  }
  if (p.is(j, 'in', 'it|the') || p.is(j, 'in', 'the', 'name')) j += p.is(j + 1, 'the') ? 3 : 2;
  const operator = vague ? 'contains' : 'starts_with';
  p.assume(`read "${p.text(i, j)}" as companies whose name ${vague ? 'contains' : 'starts with'} "${text}"`);
  return { node: cond(name.key, operator, text.toLowerCase()), end: j };
}

/** Words before a company's own name: "people who work at Smith Health", "contacts at Rossi Capital". */
const AT_COMPANY: [string[], true][] = [
  ['work', 'at'], ['works', 'at'], ['working', 'at'], ['work', 'for'], ['works', 'for'], ['working', 'for'], ['employed', 'at'], ['employed', 'by'],
  ['employees', 'of'], ['staff', 'at'], ['staff', 'of'], ['at'], ['from'],
].map((words) => [words, true]);

/**
 * A company named in the description: capitalized words no field, value or vocabulary knows, after
 * "work at" / "contacts at" ("Smith Health 0", "Rossi Capital"). "Any of the Rossi Capital
 * companies" is every company whose name starts so. Said as an assumption: the reviewer sees the
 * words were taken as a name.
 */
function worksAt(p: Parse, i: number): Clause | undefined {
  const lead = p.phrase(i, AT_COMPANY);
  if (!lead) return undefined;
  let j = lead.end;
  // "contacts at c12.acme.example": the company's domain (an address ending in it is the email field's).
  const t = p.tokens[j];
  if (t?.kind === 'literal' && DOMAIN.test(t.text) && !t.text.startsWith('@') && !ADDRESS_NOUNS.has(p.w(i - 1))) {
    const domain = field('company domain');
    p.assume(`read "${t.text}" as the company's domain`);
    return { node: cond(domain.key, 'eq', t.norm.toLowerCase()), end: j + 1 };
  }
  if (p.is(j, 'any|one|all', 'of')) j += 2;
  // "working at any Novak company", "at a Rossi firm": an article, a name, then a word for a company.
  const article = p.is(j, 'a|an|any|some|one') ? companyNameAt(p, j + 1) : undefined;
  if (article && (COMPANY_NOUNS.has(p.w(article.end)) || ACCOUNT_NOUNS.has(p.w(article.end)))) j += 1;
  j = p.skip(j, ['the']);
  const start = j;
  // "Dubois Systems, Fischer Logistics or Tanaka Media": one name or a list of them.
  const names: string[] = [];
  for (;;) {
    const name = companyNameAt(p, j);
    if (!name) break;
    names.push(name.text);
    j = name.end;
    const k = p.w(j) === ',' ? j + 1 : j;
    const next = p.is(k, 'or|and') ? k + 1 : k;
    if (next === j || !companyNameAt(p, next)) break;
    j = next;
  }
  if (!names.length) return undefined;
  let end = j;
  if (COMPANY_NOUNS.has(p.w(end)) || ACCOUNT_NOUNS.has(p.w(end))) end += 1;
  const field_ = field('company name');
  // A name as said is the start of the company's name: "Costa Capital" is also "Costa Capital 2" and "Costa Capital GmbH".
  // A name ending in a number ("Pham Health 2") is whole: "Pham Health 21" is another company.
  const whole = (n: string) => /\s\d+$/.test(n);
  const says = names.map((n) => (whole(n) ? `named "${n}"` : `whose name starts with "${n}"`));
  p.assume(`read "${p.text(start, j)}" as companies ${says.join(' or ')}`);
  const nodes = names.map((n) => cond(field_.key, whole(n) ? 'eq' : 'starts_with', n));
  return { node: nodes.length === 1 ? nodes[0]! : { type: 'group', op: 'or', negate: false, children: nodes }, end };
}

/** A company's name at k: a capitalized word nothing else knows, then capitalized words or numbers. */
function companyNameAt(p: Parse, k: number): { text: string; end: number } | undefined {
  if (!nameAt(p, k, true)) return undefined;
  // ("at SMB companies": a size word, not a name.)
  if (COMPANY_SIZES[p.tokens[k]!.norm]) return undefined;
  // A misspelt place or value ("the Netherlnds") is that, not a company's name.
  const misspelt = (m: { end: number; typo?: string; senses: { kind: string }[] }) => !!m.typo && m.end > k && m.senses.some((s) => s.kind === 'country' || s.kind === 'value');
  if (p.lattice[k]!.some(misspelt) || p.lattice[k - 1]?.some(misspelt)) return undefined;
  const words = [p.tokens[k]!.text];
  let j = k + 1;
  while (j < p.tokens.length && words.length < 5) {
    const t = p.tokens[j]!;
    // "Fischer Logistics": once an unknown capitalized word began it, a capitalized known word continues it.
    if ((t.kind === 'word' && /^\p{Lu}/u.test(t.text)) || t.kind === 'number') words.push(t.text);
    else break;
    j += 1;
  }
  return { text: words.join(' '), end: j };
}

/** A word that can only be a name here: quoted, or a word that is neither known nor in the lexicon. */
function nameAt(p: Parse, k: number, capitalized: boolean): string | undefined {
  const t = p.tokens[k];
  if (!t || (t.kind !== 'word' && t.kind !== 'quoted') || isKnownWord(t.norm)) return undefined;
  if (capitalized && (t.kind !== 'word' || !/^\p{Lu}/u.test(t.text) || p.lattice[k]!.some((m) => !m.typo))) return undefined;
  return t.norm;
}

/** "named Kenji" (first name), "named Paul Silva" (first and last name). */
function personName(p: Parse, i: number): Clause | undefined {
  if (!p.is(i, 'named') && !p.is(i, 'by', 'the', 'name')) return undefined;
  const j = p.is(i, 'named') ? i + 1 : p.is(i + 3, 'of') ? i + 4 : i + 3;
  const first = nameAt(p, j, false);
  if (!first) return undefined;
  const last = nameAt(p, j + 1, true);
  const end = last ? j + 2 : j + 1;
  p.assume(`read "${p.text(i, end)}" as ${last ? 'first and last name' : 'first name'} "${p.text(j, end)}"`);
  const node = cond(field('first name').key, 'eq', first);
  if (!last) return { node, end };
  return { node: { type: 'group', op: 'and', negate: false, children: [node, cond(field('last name').key, 'eq', last)] }, end };
}

function domainAt(p: Parse, k: number): string | undefined {
  const t = p.tokens[k];
  if (!t || t.kind !== 'literal' || !DOMAIN.test(t.text)) return undefined;
  return t.norm.startsWith('@') ? t.norm : `@${t.norm}`;
}

/** The email's domain, however it is said. */
function emailDomain(p: Parse, i: number): Clause | undefined {
  const email = field('email').key;
  const endsWith = (domain: string, end: number): Clause => ({ node: cond(email, 'ends_with', domain), end });
  const k = p.skip(i, ARTICLES);
  // "@mail.example emails", "a mail.example address", "from the mail.example domain"
  const literal = domainAt(p, k);
  if (literal) {
    const noun = ADDRESS_NOUNS.has(p.w(k + 1));
    if (noun || p.tokens[k]!.norm.startsWith('@')) return endsWith(literal, noun ? k + 2 : k + 1);
  }
  // "a hotmail address", "gmail users"
  const provider = WEBMAIL[p.w(k)];
  if (provider && (ADDRESS_NOUNS.has(p.w(k + 1)) || p.is(k + 1, 'users|user|people|contacts'))) {
    p.assume(`read "${p.text(k, k + 2)}" as an address ending in @${provider}`);
    return endsWith(`@${provider}`, k + 2);
  }
  // "email is at mail.example", "emails at mail.example", "email domain is c4.acme.example"
  const word = p.sense(k, 'field', (s) => s.field === email);
  if (!word) return undefined;
  let j = word.match.end;
  if (p.is(j, 'domain|domains')) j += 1;
  j = p.skip(j, ['is', 'are', '=', ':', 'of', 'address', 'addresses']);
  j = p.skip(j, ['at', 'on', 'from', 'under', '@', 'in', 'the']);
  const domain = domainAt(p, j);
  if (!domain) return undefined;
  return endsWith(domain, p.is(j + 1, 'domain') ? j + 2 : j + 1);
}

/** "with 'Capital' in their name", "companies whose name includes Works". */
function companyName(p: Parse, i: number): Clause | undefined {
  const name = field('company name');
  // with <words> in the (company) name
  if (p.is(i, 'with|having')) {
    let j = i + 1;
    const words: string[] = [];
    while (j < p.tokens.length && !p.is(j, 'in') && words.length < 3) {
      const w = nameAt(p, j, false);
      if (!w) return undefined;
      words.push(w);
      j += 1;
    }
    const k = p.skip(j + 1, ['the', 'their', 'its', 'company', "company's", 'business', 'account', 'firm', "'s"]);
    if (!words.length || !p.is(j, 'in') || !p.is(k, 'name|names')) return undefined;
    return { node: cond(name.key, 'contains', words.join(' ')), end: k + 1 };
  }
  // <company noun> whose name …, <company noun>'s name …
  if (!p.is(i, 'whose|with') || !COMPANY_NOUNS.has(p.w(i - 1))) return undefined;
  const j = p.skip(i + 1, ['a', 'the']);
  if (!p.is(j, 'name|names')) return undefined;
  return compare(p, name, j + 1);
}
