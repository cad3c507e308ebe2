// Resolving the values people and models write ("Germany", "enterprize", "Sara Sales") to the values
// rules store ("DE", an error with a suggestion, "usr_00003").
import { closest, distance } from 'fastest-levenshtein';
import countries from 'i18n-iso-countries';
import ISO6391 from 'iso-639-1';
import type { FieldDef, Reference, TenantLookup } from './catalog.js';
import type { TenantValues } from './tenant.js';

export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();
export const LANGUAGE_CODES: readonly string[] = ISO6391.getAllCodes().slice().sort();

/** "did you mean …" — the closest candidate when it is close enough to be a plausible typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word.length === 0) return undefined;
  const lower = word.toLowerCase();
  const best = closest(lower, candidates.map((c) => c.toLowerCase()));
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (distance(lower, best) > limit) {
    const prefix = candidates.find((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    return prefix;
  }
  return candidates.find((c) => c.toLowerCase() === best);
}

export function countryCode(input: string): string | undefined {
  const upper = input.trim().toUpperCase();
  if (upper.length === 2 && countries.isValid(upper)) return upper;
  if (upper.length === 3 && countries.isValid(upper)) return countries.alpha3ToAlpha2(upper) || undefined;
  return countries.getAlpha2Code(input.trim(), 'en') || undefined;
}

export function countryName(code: string): string {
  return countries.getName(code, 'en', { select: 'official' }) ?? code;
}

/** Every English name of every country (official and short), for the parser's vocabulary. */
export function countryNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const [code, value] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    for (const name of value as string[]) names.set(name.toLowerCase(), code);
  }
  return names;
}

export function languageCode(input: string): string | undefined {
  const lower = input.trim().toLowerCase();
  if (ISO6391.validate(lower)) return lower;
  const code = ISO6391.getCode(input.trim().replace(/^./, (c) => c.toUpperCase()));
  return code || undefined;
}

export function languageName(code: string): string {
  return ISO6391.getName(code) || code;
}

export type Resolved = { ok: true; value: string } | { ok: false; message: string };

const list = (values: readonly string[]) =>
  values.length <= 25 ? `; allowed: ${values.join(', ')}` : `; ${values.length} values allowed, e.g. ${values.slice(0, 8).join(', ')}`;

function unknown(what: string, input: string, candidates: readonly string[], shown: readonly string[] = candidates): Resolved {
  const hint = suggest(input, candidates);
  return { ok: false, message: `unknown ${what} "${input}"${hint ? ` (did you mean "${hint}"?)` : ''}${list(shown)}` };
}

/** The allowed values of an enum or reference field for this tenant (reference fields: ids). */
export function enumValues(field: FieldDef, tenant: TenantValues): readonly string[] {
  if (field.references) return referenceIds(field.references, tenant);
  const source = field.values;
  if (!source) return [];
  switch (source.kind) {
    case 'static':
      return source.values;
    case 'countries':
      return COUNTRY_CODES;
    case 'languages':
      return LANGUAGE_CODES;
    case 'tenant':
      return tenantValues(source.lookup, tenant);
  }
}

export function tenantValues(lookup: TenantLookup, tenant: TenantValues): readonly string[] {
  switch (lookup) {
    case 'industries':
      return tenant.industries;
    case 'products':
      return tenant.products;
    case 'tags':
      return tenant.tags;
  }
}

function referenceIds(reference: Reference, tenant: TenantValues): readonly string[] {
  switch (reference) {
    case 'users':
      return tenant.owners.map((o) => o.id);
    case 'campaigns':
      return tenant.campaigns.map((c) => c.id);
  }
}

/** Resolves what a reference field's value names (an id, a name, an email) to the referenced id. */
export function resolveReference(reference: Reference, input: string, tenant: TenantValues): Resolved {
  switch (reference) {
    case 'users':
      return resolveOwner(input, tenant);
    case 'campaigns':
      return resolveCampaign(input, tenant);
  }
}

/** How a reference field's id reads for a person: the user's name, the campaign's name. */
export function referenceName(reference: Reference, id: string, tenant: Pick<TenantValues, 'owners' | 'campaigns'>): string | undefined {
  switch (reference) {
    case 'users':
      return tenant.owners.find((o) => o.id === id)?.name;
    case 'campaigns':
      return tenant.campaigns.find((c) => c.id === id)?.name;
  }
}

/** Resolves an enum value: exact, case-insensitive, a value synonym, or (countries, languages) a name. */
export function resolveEnum(field: FieldDef, input: string, tenant: TenantValues): Resolved {
  const allowed = enumValues(field, tenant);
  const exact = allowed.find((v) => v === input) ?? allowed.find((v) => v.toLowerCase() === input.trim().toLowerCase());
  if (exact) return { ok: true, value: exact };
  const key = input.trim().toLowerCase().replace(/[\s-]+/g, ' ');
  const synonym = field.valueSynonyms?.[key] ?? field.valueSynonyms?.[key.replace(/ /g, '_')];
  if (synonym) return { ok: true, value: synonym };
  const snake = key.replace(/ /g, '_');
  if (allowed.includes(snake)) return { ok: true, value: snake };
  if (field.values?.kind === 'countries') {
    const code = countryCode(input);
    if (code) return { ok: true, value: code };
    return { ok: false, message: `unknown country "${input}"; use an ISO 3166-1 alpha-2 code such as "DE" or an English country name` };
  }
  if (field.values?.kind === 'languages') {
    const code = languageCode(input);
    if (code) return { ok: true, value: code };
    return { ok: false, message: `unknown language "${input}"; use an ISO 639-1 code such as "de" or an English language name` };
  }
  return unknown(`value for ${field.key}`, input, allowed);
}

/**
 * Names JavaScript objects treat specially: as a property key "__proto__" vanishes and the others
 * shadow Object.prototype members; as a tag they read like keywords. Contact writes refuse them as
 * property names and tags, so rules never need to match them.
 */
export const RESERVED_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.includes(name.trim());
}

export function resolveTag(input: string, tenant: TenantValues): Resolved {
  if (isReservedName(input)) return { ok: false, message: `"${input.trim()}" is a reserved name and cannot be a tag (reserved: ${RESERVED_NAMES.join(', ')})` };
  const found = tenant.tags.find((t) => t === input) ?? tenant.tags.find((t) => t.toLowerCase() === input.trim().toLowerCase());
  return found ? { ok: true, value: found } : unknown('tag', input, tenant.tags);
}

export function resolveOwner(input: string, tenant: TenantValues): Resolved {
  const needle = input.trim().toLowerCase();
  const owner =
    tenant.owners.find((o) => o.id === input) ??
    tenant.owners.find((o) => o.name.toLowerCase() === needle || o.email.toLowerCase() === needle) ??
    uniquePrefix(tenant.owners, (o) => o.name.toLowerCase().split(/\s+/), needle);
  if (owner) return { ok: true, value: owner.id };
  return unknown('owner', input, tenant.owners.map((o) => o.name));
}

export function resolveCampaign(input: string, tenant: TenantValues): Resolved {
  const needle = input.trim().toLowerCase();
  const campaign =
    tenant.campaigns.find((c) => c.id === input) ?? tenant.campaigns.find((c) => c.name.toLowerCase() === needle);
  if (campaign) return { ok: true, value: campaign.id };
  return unknown('campaign', input, tenant.campaigns.map((c) => c.name));
}

export function resolveSegment(input: string, tenant: TenantValues): Resolved {
  const needle = input.trim().toLowerCase();
  const segment =
    tenant.segments.find((s) => s.id === input) ??
    tenant.segments.find((s) => s.slug === needle || s.title.toLowerCase() === needle);
  if (segment) return { ok: true, value: segment.id };
  return unknown('segment', input, tenant.segments.map((s) => s.title));
}

/** "Sara" finds "Sara Sales" when exactly one owner has a name word equal to it. */
function uniquePrefix<T>(items: readonly T[], words: (t: T) => string[], needle: string): T | undefined {
  const hits = items.filter((item) => words(item).includes(needle));
  return hits.length === 1 ? hits[0] : undefined;
}
