// The parser's vocabulary for one tenant, built from the catalog (field labels, synonyms, enum values
// and their synonyms, relation nouns) and the tenant's values (tags, industries, products, owners,
// campaigns, segments), plus country and language names. Built once per tenant object and cached.
import type { FieldDef, RelationName } from '../../rules/catalog.js';
import type { TenantValues } from '../../rules/tenant.js';
import { COUNTRY_CODES, countryNames, tenantValues } from '../../rules/values.js';
import ISO6391 from 'iso-639-1';
import { REGIONS } from './regions.js';
import { COUNTRY_ALIASES, DEMONYMS, INDUSTRY_NOUNS, VALUE_SYNONYMS } from './vocabulary.js';
import { phraseWords } from './tokens.js';

export type Sense =
  /** A value of a contact field (enum, tag, industry, owner id). */
  | { kind: 'value'; field: string; value: string; label: string }
  /** A country, or a region of several (`region`; `code` is then its first country). */
  | { kind: 'country'; code: string; label: string; demonym: boolean; short: boolean; region?: { label: string; codes: readonly string[] } }
  | { kind: 'language'; code: string; label: string }
  /** A word naming a contact field. */
  | { kind: 'field'; field: string }
  | { kind: 'relation'; relation: RelationName }
  | { kind: 'relValue'; relation: RelationName; field: string; value: string; label: string }
  | { kind: 'relField'; relation: RelationName; field: string }
  /** `family`: a name prefix several campaigns share ("Feature Digest" of "Feature Digest Jan" and "… Jul"), standing for all of them. */
  | { kind: 'campaign'; id: string; label: string; partial: boolean; family?: readonly string[] }
  | { kind: 'segment'; id: string; label: string; partial: boolean };

export type SenseKind = Sense['kind'];

interface Trie {
  next: Map<string, Trie>;
  senses: Sense[];
}

export interface Phrase {
  words: string[];
  text: string;
  senses: Sense[];
}

export interface Lexicon {
  trie: Trie;
  /** Every word of every phrase: a word outside this set (and the general vocabulary) is unknown. */
  words: Set<string>;
  /** Phrases that typos may be corrected to, by word count and first letter ("2 s" → "spring sale", …), in lexicon order. */
  fuzzy: Map<string, Phrase[]>;
}

const cache = new WeakMap<TenantValues, Lexicon>();

export function lexiconFor(tenant: TenantValues): Lexicon {
  let lex = cache.get(tenant);
  if (!lex) {
    lex = buildLexicon(tenant);
    cache.set(tenant, lex);
  }
  return lex;
}

const FUZZY_KINDS = new Set<SenseKind>(['value', 'country', 'language', 'field', 'relValue', 'campaign', 'segment', 'relation']);

function buildLexicon(tenant: TenantValues): Lexicon {
  const trie: Trie = { next: new Map(), senses: [] };
  const words = new Set<string>();
  const phrases = new Map<string, Phrase>();
  const add = (text: string, sense: Sense, fuzzy = true) => {
    const ws = phraseWords(text);
    if (ws.length === 0) return;
    let node = trie;
    for (const w of ws) {
      words.add(w);
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: new Map(), senses: [] }));
      node = child;
    }
    if (!node.senses.some((s) => JSON.stringify(s) === JSON.stringify(sense))) node.senses.push(sense);
    if (fuzzy && FUZZY_KINDS.has(sense.kind) && !(sense.kind === 'campaign' || sense.kind === 'segment' ? sense.partial : false)) {
      const key = ws.join(' ');
      const phrase = phrases.get(key) ?? { words: ws, text: key, senses: [] };
      phrase.senses.push(sense);
      phrases.set(key, phrase);
    }
  };
  const addWithPlural = (text: string, sense: Sense) => {
    add(text, sense);
    if (/[a-z]$/i.test(text) && !/\d/.test(text)) add(plural(text), sense);
    // A plural field word is also used as a modifier: "500+ employee companies".
    if (sense.kind === 'field' && text.length > 4 && /[^siu]s$/i.test(text)) add(text.slice(0, -1), sense);
  };

  // A field's value, and (for a tenant's industries and own select fields) its other names from
  // VALUE_SYNONYMS ("fintechs" for Finance, "a trade show" for the source event), read as written,
  // never as a typo's target ("collect" is not "college").
  const addValue = (field: string, v: string, otherNames: boolean) => {
    addWithPlural(v, { kind: 'value', field, value: v, label: v });
    // "hotlead", "betatester": a value of several words written as one.
    const joined = v.toLowerCase().replace(/[\s_-]+/g, '');
    if (joined !== v.toLowerCase() && joined.length >= 6 && /^[a-z]+$/.test(joined)) addWithPlural(joined, { kind: 'value', field, value: v, label: v });
    for (const word of otherNames ? (VALUE_SYNONYMS[v.toLowerCase()] ?? []) : []) {
      for (const text of new Set([word, `${word}s`, plural(word)])) add(text, { kind: 'value', field, value: v, label: v }, false);
    }
    // "the software space", "the healthcare sector": the industry itself.
    if (field === 'company.industry') for (const noun of INDUSTRY_NOUNS) add(`${v} ${noun}`, { kind: 'value', field, value: v, label: v }, false);
  };

  // Contact fields: their words, and the words of their values.
  for (const f of tenant.catalog.contactFields) {
    for (const word of fieldWords(f)) addWithPlural(word, { kind: 'field', field: f.key });
    const values = f.values;
    if (values?.kind === 'static') {
      for (const v of values.values) addValue(f.key, v, f.key.startsWith('properties.'));
      for (const [word, v] of Object.entries(f.valueSynonyms ?? {})) addWithPlural(word, { kind: 'value', field: f.key, value: v, label: v });
    } else if (values?.kind === 'tenant') {
      for (const v of tenantValues(values.lookup, tenant)) addValue(f.key, v, values.lookup === 'industries');
    }
    if (f.references === 'users') addOwners(tenant, (text, id, label) => add(text, { kind: 'value', field: f.key, value: id, label }));
  }
  addCountries(add);
  for (const code of ISO6391.getAllCodes()) {
    for (const name of ISO6391.getName(code).split(/[;,]\s*/)) add(name, { kind: 'language', code, label: ISO6391.getName(code) });
  }

  for (const r of tenant.catalog.relations) {
    for (const word of new Set([r.name, r.label, r.noun, plural(r.noun), ...r.synonyms])) add(word, { kind: 'relation', relation: r.name });
    for (const f of r.fields) {
      for (const word of fieldWords(f)) add(word, { kind: 'relField', relation: r.name, field: f.key });
      const values = f.values;
      const list = values?.kind === 'static' ? values.values : values?.kind === 'tenant' ? tenantValues(values.lookup, tenant) : [];
      for (const v of list) addWithPlural(v, { kind: 'relValue', relation: r.name, field: f.key, value: v, label: v });
      for (const [word, v] of Object.entries(f.valueSynonyms ?? {})) add(word, { kind: 'relValue', relation: r.name, field: f.key, value: v, label: v });
    }
  }

  addTitles(tenant.campaigns.map((c) => ({ id: c.id, label: c.name })), 'campaign', add);
  addTitles(tenant.segments.flatMap((s) => [{ id: s.id, label: s.title }, { id: s.id, label: s.slug, title: s.title }]), 'segment', add);

  const fuzzy = new Map<string, Phrase[]>();
  for (const p of phrases.values()) {
    // Owners' first names are short ("sara"): still a target, for a longer typo of them ("sarah").
    // A relation's four-letter noun ("deal") too, for two letters swapped ("dael").
    if (p.text.length < 5 && !(p.text.length === 4 && p.senses.some((s) => (s.kind === 'value' && s.field === 'owner') || s.kind === 'relation'))) continue;
    const key = fuzzyKey(p.words.length, p.text);
    const list = fuzzy.get(key);
    if (list) list.push(p);
    else fuzzy.set(key, [p]);
  }
  return { trie, words, fuzzy };
}

/** A typo keeps its first letter and word count: the only phrases worth comparing with it. */
export function fuzzyKey(words: number, text: string): string {
  return `${words} ${text[0] ?? ''}`;
}

function fieldWords(f: FieldDef): string[] {
  return [...new Set([f.key.replace(/^(properties|company)\./, ''), f.label, ...f.synonyms].filter((w) => !w.includes('.') && !w.includes('_id')))];
}

function addOwners(tenant: TenantValues, add: (text: string, id: string, label: string) => void): void {
  const firstNames = new Map<string, number>();
  for (const o of tenant.owners) {
    const first = o.name.split(/\s+/)[0]!.toLowerCase();
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  for (const o of tenant.owners) {
    add(o.name, o.id, o.name);
    // "owned by sara@acme.example": the address is one literal token.
    if (o.email) add(o.email, o.id, o.name);
    const first = o.name.split(/\s+/)[0]!;
    if (firstNames.get(first.toLowerCase()) === 1) add(first, o.id, o.name);
  }
}

function addCountries(add: (text: string, sense: Sense) => void): void {
  const known = new Set(COUNTRY_CODES);
  const country = (code: string, label: string, demonym = false, short = false): Extract<Sense, { kind: 'country' }> => ({ kind: 'country', code, label, demonym, short });
  for (const [name, code] of countryNames()) {
    if (/[,()]/.test(name)) continue;
    add(name, country(code, name, false, name.replace(/\W/g, '').length <= 3));
  }
  for (const code of known) add(code, country(code, code, false, true));
  for (const [name, code] of Object.entries(COUNTRY_ALIASES)) add(name, country(code, name));
  for (const [name, code] of Object.entries(DEMONYMS)) if (known.has(code)) add(name, country(code, name, true));
  for (const r of REGIONS) {
    const region = { label: r.label, codes: r.codes.filter((c) => known.has(c)) };
    const sense = (name: string, demonym: boolean): Sense => ({ ...country(region.codes[0]!, r.label, demonym, name.length <= 3), region });
    for (const name of r.names) for (const text of [name, `${name} region`, `${name} area`]) add(text, sense(name, false));
    for (const name of r.adjectives) add(name, sense(name, true));
  }
}

/** The countries a country sense stands for: one, or a region's list. */
export function countryCodes(s: Extract<Sense, { kind: 'country' }>): readonly string[] {
  return s.region?.codes ?? [s.code];
}

/** Full titles, plus unique prefixes (two words or more; one word next to the word "segment"/"campaign"). */
function addTitles(items: { id: string; label: string; title?: string }[], kind: 'campaign' | 'segment', add: (text: string, sense: Sense) => void): void {
  const prefixes = new Map<string, Set<string>>();
  for (const it of items) {
    add(it.label, { kind, id: it.id, label: it.title ?? it.label, partial: false });
    const ws = phraseWords(it.label);
    for (let n = 1; n < ws.length; n++) {
      const key = ws.slice(0, n).join(' ');
      prefixes.set(key, (prefixes.get(key) ?? new Set()).add(it.id));
    }
  }
  for (const [prefix, ids] of prefixes) {
    // A prefix of two words or more that several campaigns share names them all ("the Feature Digests").
    if (kind === 'campaign' && ids.size > 1 && prefix.includes(' ')) {
      const family = [...ids];
      for (const text of [prefix, `${prefix}s`]) add(text, { kind, id: family[0]!, label: prefix, partial: true, family });
      continue;
    }
    if (ids.size !== 1 || prefix.length < 4) continue;
    const id = [...ids][0]!;
    const item = items.find((i) => i.id === id)!;
    add(prefix, { kind, id, label: item.title ?? item.label, partial: true });
  }
}

export function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}
