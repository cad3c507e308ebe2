// A saved segment's rules, read-only, in the builder's words: nested lists of "Country is Germany",
// "has no deals where Deal creation date is within the last 90 days"… with the catalog's labels and
// the tenant's names for owners, campaigns and segments.
import type { Group, Node, Value, WhereGroup } from '../rules/grammar.js';
import type { UiCatalog, UiField } from '../ui/catalog.js';
import { type Child, h } from './dom.js';
import { valueKind } from './values.js';

function valueText(field: UiField | undefined, operator: string, value: Value): string {
  const name = (v: unknown) => field?.choices?.find((c) => c.value === String(v))?.label ?? String(v).replace(/T00:00:00(?:\.000)?Z$/, '');
  if (value === null) return '';
  if (Array.isArray(value)) return field && valueKind(field, operator) === 'pair' ? `${name(value[0])} and ${name(value[1])}` : value.map(name).join(', ');
  if (typeof value === 'object') return `${value.amount} ${value.unit}`;
  return name(value);
}

function node(n: Node, catalog: UiCatalog, fields: readonly UiField[]): Child {
  switch (n.type) {
    case 'group':
      return group(n, catalog, fields);
    case 'condition': {
      const field = fields.find((f) => f.key === n.field);
      const op = field?.operators.find((o) => o.value === n.operator)?.label ?? n.operator;
      const value = valueText(field, n.operator, n.value);
      return h('li', null, h('strong', null, field?.label ?? n.field), ` ${op}`, value ? [' ', h('span', { class: 'value' }, value)] : null);
    }
    case 'relation': {
      const rel = catalog.relations.find((r) => r.name === n.relation);
      const count = n.count ? ` ${catalog.countOperators.find((c) => c.value === n.count!.operator)?.label ?? n.count.operator} ${n.count.value}` : '';
      return h('li', null, `${n.has ? 'has' : 'has no'}${count} `, h('strong', null, (rel?.label ?? n.relation).toLowerCase()), n.where ? [' where', group(n.where, catalog, rel?.fields ?? [])] : null);
    }
    case 'engagement': {
      const match = catalog.matchModes.find((m) => m.value === n.match)?.label ?? n.match;
      const which = n.campaigns.ids ? n.campaigns.ids.map((id) => catalog.tenant.campaigns.find((c) => c.value === id)?.label ?? id).join(', ') : n.campaigns.last !== null ? `the last ${n.campaigns.last} campaigns sent` : 'every campaign';
      return h('li', null, h('strong', null, `${n.event}`), ` ${match} ${which}`);
    }
    case 'segment': {
      const seg = catalog.tenant.segments.find((x) => x.id === n.segment);
      return h('li', null, n.operator === 'in' ? 'is in segment ' : 'is not in segment ', seg ? h('a', { href: `#/segments/${seg.id}` }, seg.title) : n.segment);
    }
  }
}

function group(g: Group | WhereGroup, catalog: UiCatalog, fields: readonly UiField[]): HTMLElement {
  const lead = g.negate ? (g.op === 'and' ? 'Not all of these:' : 'None of these:') : g.op === 'and' ? 'All of these:' : 'Any of these:';
  return h('div', { class: 'outline-group' }, h('span', { class: 'lead' }, lead), h('ul', null, (g.children as Node[]).map((c) => node(c, catalog, fields))));
}

export function rulesOutline(rules: Group, catalog: UiCatalog): HTMLElement {
  return h('div', { class: 'outline' }, group(rules, catalog, catalog.fields));
}
