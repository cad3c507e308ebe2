// Runs a phrasing table through the built-in provider and checks every row the way a reviewer
// would: the same canonical tree as the expected one, the assumptions they should see, the words
// that were not understood, and that the output passes the one validation path.
import { describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../../src/nl/builtin/provider.js';
import type { Generation } from '../../../src/nl/provider.js';
import { prepareRules } from '../../../src/rules/prepare.js';
import { fixtureTenantValues } from '../../support/fixture-tenant.js';
import { and, type Row } from './build.js';

export const tenant = fixtureTenantValues('org_acme');
export const asOf = new Date('2026-11-01T00:00:00Z');
export const provider = new BuiltinProvider();

export function canonical(rules: unknown): string {
  const root = Array.isArray(rules) ? and(...rules) : isRoot(rules) ? rules : and(rules);
  const prepared = prepareRules(root, { tenant });
  if (!prepared.ok) throw new Error(`invalid tree: ${JSON.stringify(prepared.errors)}\n${JSON.stringify(root)}`);
  return JSON.stringify(prepared.tree, null, 1);
}

function isRoot(rules: unknown): boolean {
  const r = rules as { type?: string; children?: unknown[] };
  return r?.type === 'group' && Array.isArray(r.children);
}

export function parse(say: string): Promise<Generation> {
  return provider.generate({ description: say, tenant, asOf });
}

export function table(family: string, rows: Row[]): void {
  describe(`builtin parser: ${family}`, () => {
    it.each(rows.map((row) => [row.say, row] as const))('%s', async (_say, row) => {
      const out = await parse(row.say);
      if (row.refuse) {
        expect(out.kind, JSON.stringify(out)).toBe('refusal');
        if (out.kind === 'refusal') expect(out.reason.length).toBeGreaterThan(10);
        return;
      }
      if (out.kind !== 'rules') throw new Error(`refused: ${out.reason}`);
      expect(canonical(out.rules)).toBe(canonical(row.rules));
      expect(out.unrecognized.map((s) => s.text)).toEqual(row.unrecognized ?? []);
      for (const span of out.unrecognized) expect(row.say.slice(span.start, span.end)).toBe(span.text);
      for (const want of row.assume ?? []) {
        const hit = out.assumptions.some((a) => (typeof want === 'string' ? a.toLowerCase().includes(want.toLowerCase()) : want.test(a)));
        expect(hit, `assumption ${String(want)} in ${JSON.stringify(out.assumptions)}`).toBe(true);
      }
    });
  });
}
