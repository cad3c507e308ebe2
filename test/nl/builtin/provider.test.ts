import { describe, expect, it } from 'vitest';
import { lexiconFor } from '../../../src/nl/builtin/lexicon.js';
import { readNumber } from '../../../src/nl/builtin/numbers.js';
import { tokenize } from '../../../src/nl/builtin/tokens.js';
import type { TenantValues } from '../../../src/rules/tenant.js';
import { fixtureTenantValues } from '../../support/fixture-tenant.js';
import { and, c, engaged } from './build.js';
import { asOf, canonical, parse, provider, tenant } from './table.js';

describe('BuiltinProvider', () => {
  it('names itself and its prompt version', async () => {
    expect(provider).toMatchObject({ name: 'builtin', model: 'builtin-parser', promptVersion: 'builtin-1' });
    const out = await parse('customers');
    expect(out).toMatchObject({ kind: 'rules', provider: 'builtin', model: 'builtin-parser', promptVersion: 'builtin-1' });
  });

  it('builds the lexicon once per tenant object', () => {
    expect(lexiconFor(tenant)).toBe(lexiconFor(tenant));
    expect(lexiconFor(fixtureTenantValues('org_acme'))).not.toBe(lexiconFor(tenant));
  });

  it('gives the same answer every time', async () => {
    const say = 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days';
    expect(JSON.stringify(await parse(say))).toBe(JSON.stringify(await parse(say)));
  });

  it('takes its vocabulary from the tenant, not from a fixed list', async () => {
    const other: TenantValues = {
      ...tenant,
      orgId: 'org_other',
      tags: ['gold-member'],
      industries: ['Aerospace'],
      campaigns: [{ id: 'cpg_x1', name: 'Launch Day', sentAt: new Date('2026-10-01T00:00:00Z') }],
      segments: [],
    };
    const out = await provider.generate({ description: 'gold members at aerospace companies who clicked Launch Day', tenant: other, asOf });
    if (out.kind !== 'rules') throw new Error(out.reason);
    const { prepareRules } = await import('../../../src/rules/prepare.js');
    const got = prepareRules(out.rules, { tenant: other });
    const want = prepareRules(and(c('tags', 'eq', 'gold-member'), c('company.industry', 'eq', 'Aerospace'), engaged('clicked', 'any', { ids: ['Launch Day'] })), { tenant: other });
    expect(got.ok && want.ok && JSON.stringify(got.tree)).toBe(want.ok && JSON.stringify(want.tree));
    // The fixture tenant has no such tag: the word is reported, not guessed ("members" is a filler noun).
    const here = await parse('gold members who clicked Spring Sale');
    expect(here.kind === 'rules' && here.unrecognized.map((s) => s.text)).toEqual(['gold']);
  });

  it('points unrecognized spans at the original text, even after odd spacing and punctuation', async () => {
    const say = '  VIP contacts —   who collect stamps, in France ';
    const out = await parse(say);
    if (out.kind !== 'rules') throw new Error(out.reason);
    expect(out.unrecognized).toEqual([{ text: 'collect stamps', start: say.indexOf('collect'), end: say.indexOf('stamps') + 6 }]);
    expect(canonical(out.rules)).toBe(canonical(and(c('tags', 'eq', 'vip'), c('country', 'eq', 'FR'))));
  });

  it('reports a negation it could not attach instead of dropping it', async () => {
    const out = await parse('customers who are not frobnicated');
    if (out.kind !== 'rules') throw new Error(out.reason);
    expect(out.unrecognized.map((s) => s.text)).toEqual(['not frobnicated']);
    expect(canonical(out.rules)).toBe(canonical(c('lifecycle_stage', 'eq', 'customer')));
  });

  it('says why it refuses', async () => {
    const out = await parse('contacts of org_globex');
    expect(out).toMatchObject({ kind: 'refusal', reason: expect.stringContaining('your own organization') });
    const own = await parse('vip contacts of org_acme');
    expect(own.kind).toBe('rules');
  });
});

describe('builtin number reading', () => {
  it.each([
    ['twenty-five', 25],
    ['one hundred and fifty', 150],
    ['a dozen', 12],
    ['two million', 2_000_000],
    ['1,200', 1200],
    ['$1.5M', 1_500_000],
    ['20k', 20_000],
    ['3 thousand', 3000],
  ])('reads %s as %d', (text, value) => {
    expect(readNumber(tokenize(text), 0)?.value).toBe(value);
  });
});
