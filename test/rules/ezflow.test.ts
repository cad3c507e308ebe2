import { describe, expect, it } from 'vitest';
import { fromEzFlow } from '../../src/rules/ezflow.js';
import { prepareRules } from '../../src/rules/prepare.js';
import { fixtureTenantValues } from '../support/fixture-tenant.js';

const tenant = fixtureTenantValues('org_acme');

describe('EzFlow criteria import', () => {
  it('maps properties and operators into the grammar, then through validation and normalization', () => {
    const imported = fromEzFlow({
      operator: 'AND',
      conditions: [
        { type: 'PROPERTY', propertyName: 'customProperties.plan', operator: '=', value: 'Enterprise' },
        { type: 'PROPERTY', propertyName: 'email', operator: 'ends_with', value: '@Acme.example' },
        { type: 'PROPERTY', propertyName: 'phone', operator: 'is_not_null' },
        { operator: 'OR', conditions: [{ type: 'PROPERTY', propertyName: 'firstName', operator: '!=', value: 'Ann' }] },
      ],
    });
    expect(imported.ok).toBe(true);
    const prepared = prepareRules(imported.ok ? imported.rules : null, { tenant });
    expect(prepared.ok && prepared.tree).toEqual({
      type: 'group',
      op: 'and',
      negate: false,
      children: [
        { type: 'condition', field: 'email', operator: 'ends_with', value: '@acme.example' },
        { type: 'condition', field: 'first_name', operator: 'neq', value: 'ann' },
        { type: 'condition', field: 'phone', operator: 'is_not_null', value: null },
        { type: 'condition', field: 'properties.plan', operator: 'eq', value: 'enterprise' },
      ],
    });
  });

  it('reports structural problems with paths, and leaves catalog problems to validation', () => {
    expect(fromEzFlow({ operator: 'XOR', conditions: [{ type: 'EVENT', propertyName: 'x', operator: '=' }] })).toEqual({
      ok: false,
      errors: [{ path: 'criteria.operator', message: 'Invalid option: expected one of "AND"|"OR"' }],
    });
    expect(fromEzFlow({ operator: 'AND', conditions: [{ type: 'PROPERTY', propertyName: 'email', operator: '=' }] })).toEqual({
      ok: false,
      errors: [{ path: 'criteria.conditions[0].value', message: 'operator = needs a value' }],
    });
    const unknown = fromEzFlow({ operator: 'AND', conditions: [{ type: 'PROPERTY', propertyName: 'customProperties.plam', operator: '=', value: 'pro' }] });
    const prepared = prepareRules(unknown.ok ? unknown.rules : null, { tenant });
    // The importer maps EzFlow's customProperties.<key> onto our properties.<key>, so the message names ours.
    expect(prepared.ok ? [] : prepared.errors[0]!.message).toMatch(/unknown field "properties\.plam" \(did you mean properties\.plan\?\)/);
  });
});
