// The eval cases: audience descriptions as marketers type them, each with the meaning a careful
// analyst reads into it (one rule tree, or several where the English is genuinely ambiguous), or the
// instruction that it must be refused. One JSON file per category in evals/cases/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MAX_DESCRIPTION_LENGTH } from '../src/nl/generate.js';
import { canonicalJson } from '../src/rules/normalize.js';
import type { RuleTree } from '../src/rules/grammar.js';
import { prepareRules } from '../src/rules/prepare.js';
import type { TenantValues } from '../src/rules/tenant.js';
import type { Issue } from '../src/rules/validate.js';

export const EVALS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CASES_DIR = path.join(EVALS_DIR, 'cases');

/** Every category the suite must cover, in report order. Each is one file: `cases/<category>.json`. */
export const CATEGORIES = [
  'single_property',
  'and_or',
  'negation',
  'dates',
  'company',
  'deals',
  'activities',
  'email_engagement',
  'segments',
  'fit_scores',
  'owners',
  'ambiguous',
  'typos_informal',
  'adversarial',
] as const;
export type Category = (typeof CATEGORIES)[number];

const CaseSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z]+-\d{2,}$/, 'ids look like "deals-07"'),
    category: z.enum(CATEGORIES),
    description: z.string().trim().min(1).max(MAX_DESCRIPTION_LENGTH),
    /** Acceptable meanings; a node that is not a group is read as the root group's only child. */
    expected: z.array(z.unknown()).min(1).max(5).optional(),
    /** Not an audience (or not this tenant's): the only correct answer is a refusal. */
    refuse: z.literal(true).optional(),
    /** Has an expected meaning, but refusing is also safe (mixed requests that reach for other tenants). */
    acceptRefusal: z.literal(true).optional(),
    /** Why the expected tree reads the English the way it does. */
    note: z.string().optional(),
  })
  .refine((c) => (c.refuse === true) !== (c.expected !== undefined), 'a case has either `expected` trees or `refuse: true`')
  .refine((c) => !(c.refuse && c.acceptRefusal), '`acceptRefusal` only applies to cases with expected trees');

export type EvalCase = z.infer<typeof CaseSchema>;

/** What a provider should do with a case's description. */
export type RefusalExpectation = 'must' | 'may' | 'never';

export function refusalExpectation(c: EvalCase): RefusalExpectation {
  return c.refuse ? 'must' : c.acceptRefusal ? 'may' : 'never';
}

export class CaseFileError extends Error {
  override name = 'CaseFileError';
}

/** Reads and checks every case file; sorted by category (report order), then id. */
export function loadCases(dir = CASES_DIR): EvalCase[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const category = file.replace(/\.json$/, '');
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const parsed = z.array(CaseSchema).safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file} [${issue.path.join('.')}]: ${issue.message}`);
      continue;
    }
    for (const c of parsed.data) {
      if (c.category !== category) problems.push(`${file} ${c.id}: category "${c.category}" is not the file's category "${category}"`);
      cases.push(c);
    }
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) problems.push(`duplicate case id ${c.id}`);
    seen.add(c.id);
  }
  if (problems.length) throw new CaseFileError(`Invalid eval cases:\n  ${problems.join('\n  ')}`);
  return sortCases(cases);
}

export function sortCases<T extends { id: string; category: string }>(cases: readonly T[]): T[] {
  const rank = (c: T) => CATEGORIES.indexOf(c.category as Category);
  return [...cases].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A case's tree as a root group: a bare node becomes the only child of an AND group. */
export function asRoot(tree: unknown): unknown {
  const t = tree as { type?: unknown; children?: unknown };
  return t?.type === 'group' && Array.isArray(t.children) ? t : { type: 'group', op: 'and', negate: false, children: [tree] };
}

export type PreparedExpected =
  | { ok: true; trees: RuleTree[]; canonical: string[] }
  | { ok: false; errors: { alternative: number; issues: Issue[] }[] };

/** Every acceptable tree of a case through the one validation path, as canonical trees. */
export function prepareExpected(c: EvalCase, tenant: TenantValues): PreparedExpected {
  const trees: RuleTree[] = [];
  const errors: { alternative: number; issues: Issue[] }[] = [];
  (c.expected ?? []).forEach((tree, i) => {
    const prepared = prepareRules(asRoot(tree), { tenant }, `${c.id}.expected[${i}]`);
    if (prepared.ok) trees.push(prepared.tree);
    else errors.push({ alternative: i, issues: prepared.errors });
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, trees, canonical: trees.map((t) => canonicalJson(t, tenant.catalog)) };
}
