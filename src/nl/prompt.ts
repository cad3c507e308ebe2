// Prompts are versioned files in prompts/<version>/, not strings in code. The static part (rules,
// built-in fields, few-shot examples) comes first and is identical for every tenant and request, so
// providers can cache it; the tenant's own fields, its values and the clock follow; the description
// comes last.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { BUILTIN_CATALOG, type Catalog, type FieldDef, type ObjectType } from '../rules/catalog.js';
import { OPERATORS_BY_TYPE } from '../rules/operators.js';
import type { TenantValues } from '../rules/tenant.js';

export const PROMPT_VERSION = 'segment-v1';
export const PROMPTS_DIR = path.join(PROJECT_ROOT, 'prompts');

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

interface Example {
  description: string;
  answer: unknown;
}

interface PromptFiles {
  system: string;
  tenant: string;
  examples: Example[];
}

const loaded = new Map<string, PromptFiles>();

function files(version: string): PromptFiles {
  let found = loaded.get(version);
  if (!found) {
    const dir = path.join(PROMPTS_DIR, version);
    if (!fs.existsSync(dir)) throw new Error(`Unknown prompt version "${version}": no folder ${dir}`);
    found = {
      system: fs.readFileSync(path.join(dir, 'system.md'), 'utf8'),
      tenant: fs.readFileSync(path.join(dir, 'tenant.md'), 'utf8'),
      examples: JSON.parse(fs.readFileSync(path.join(dir, 'examples.json'), 'utf8')) as Example[],
    };
    loaded.set(version, found);
  }
  return found;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`Prompt template uses {{${key}}}, which is not provided`);
    return values[key]!;
  });
}

function fieldLine(f: FieldDef): string {
  const values = f.values?.kind === 'static' ? `; values: ${f.values.values.join(', ')}` : f.values?.kind === 'tenant' ? `; values: the tenant's ${f.values.lookup}` : f.references ? `; values: ids of the tenant's ${f.references}` : '';
  const hint = f.hint ? `; ${f.hint}` : '';
  const synonyms = f.synonyms.length ? `; also called: ${f.synonyms.join(', ')}` : '';
  return `- \`${f.key}\` (${f.type}${f.nullable ? ', may be missing' : ''}): ${f.label}${hint}${values}${synonyms}. Operators: ${OPERATORS_BY_TYPE[f.type].join(', ')}.`;
}

/** The static, cacheable system prompt: the same bytes for every tenant and request. */
export function staticPrompt(version = PROMPT_VERSION): string {
  const p = files(version);
  return fill(p.system, {
    version,
    contactFields: BUILTIN_CATALOG.contactFields.map(fieldLine).join('\n'),
    relations: BUILTIN_CATALOG.relations.map((r) => `## ${r.name} (${r.label.toLowerCase()})\n${r.fields.map(fieldLine).join('\n')}`).join('\n\n'),
  });
}

export function tenantPrompt(tenant: TenantValues, asOf: Date, version = PROMPT_VERSION): string {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : '(none)');
  return fill(files(version).tenant, {
    asOf: asOf.toISOString(),
    ownFields: tenant.catalog.contactFields.filter((f) => f.definition).map(fieldLine).join('\n') || '(none)',
    tags: list(tenant.tags),
    industries: list(tenant.industries),
    products: list(tenant.products),
    countries: list(tenant.countries),
    languages: list(tenant.languages),
    owners: list(tenant.owners.map((o) => `${o.name} <${o.email}>`)),
    campaigns: list(tenant.campaigns.map((c) => `${c.name} (${c.sentAt ? c.sentAt.toISOString().slice(0, 10) : 'not sent'})`)),
    segments: list(
      tenant.segments
        .filter((s) => s.status === 'active')
        .map((s) => ((s.objectType ?? 'contacts') === 'contacts' ? s.title : `${s.title} (a segment of ${s.objectType})`)),
    ),
  });
}

/**
 * For a segment of companies or deals: that object type's catalog (its fields at the root, its
 * relations), after the static prefix so the cacheable part stays byte-identical. Segments of
 * contacts need nothing more than the static prompt.
 */
export function objectTypePrompt(objectType: ObjectType, catalog: Catalog = BUILTIN_CATALOG): string | undefined {
  if (objectType === 'contacts') return undefined;
  const def = catalog.object(objectType);
  const label = (type: ObjectType) => catalog.object(type).label.toLowerCase();
  const relations = def.relations.map((r) => {
    const inside = r.target
      ? `inside "where", everything that applies to ${label(r.target)} (the ${label(r.target)} fields and relations above and below${r.target === 'contacts' ? ', engagement and segments of contacts' : ''})`
      : `inside "where", conditions on these fields:\n${r.fields.map(fieldLine).join('\n')}`;
    return `## relation \`${r.name}\` (the ${def.noun}'s ${r.label.toLowerCase()})\n${inside}`;
  });
  return [
    `# This segment selects ${def.label.toLowerCase()}, not contacts`,
    `The rule tree is read at each ${def.noun}: the root's conditions use these ${def.noun} fields (not the contact fields above):`,
    def.fields.map(fieldLine).join('\n'),
    `Relations from a ${def.noun} (count bounds work as for contacts: "at least 3 contacts who …" is {"type": "relation", "relation": "contacts", "has": true, "where": {…}, "count": {"operator": "gte", "value": 3}}):`,
    relations.join('\n\n'),
    `Email engagement applies to contacts only: put it inside a relation to the ${def.noun}'s contacts. "segment" nodes may name only segments of ${def.label.toLowerCase()} at the root, and segments of contacts inside a relation to contacts.`,
  ].join('\n\n');
}

/** The whole conversation for one description. */
export function buildMessages(description: string, tenant: TenantValues, asOf: Date, version = PROMPT_VERSION, objectType: ObjectType = 'contacts'): ChatMessage[] {
  const object = objectTypePrompt(objectType, tenant.catalog);
  const shots = files(version).examples.flatMap((e): ChatMessage[] => [
    { role: 'user', content: e.description },
    { role: 'assistant', content: JSON.stringify(e.answer) },
  ]);
  return [
    { role: 'system', content: staticPrompt(version) },
    ...shots,
    { role: 'system', content: tenantPrompt(tenant, asOf, version) },
    ...(object ? [{ role: 'system' as const, content: object }] : []),
    { role: 'user', content: description },
  ];
}
