// Descriptions of companies and deals, read with the contact parser: a separate entry point, so the
// parser itself stays about contacts. The object noun ("companies", "accounts", "deals") and a count
// of contacts ("at least 3 contacts who …") are taken out, the rest is parsed as a contact
// description (a deal description as "with a deal …"), and the contact tree is re-rooted at the
// object: a contact's company.* conditions become the company's own fields, its deals the
// company's deals; for deals, the conditions of "a deal …" become the deal's own; whatever else is
// about contacts goes into a relation to the object's contact(s). Each such reading is an assumption.
import type { ObjectType } from '../../rules/catalog.js';
import type { CountBound, Group, Node, RelationCondition } from '../../rules/grammar.js';
import type { GenerateRequest, Generation, Span } from '../provider.js';
import { objectNoun } from '../object-noun.js';

type ContactParse = (request: GenerateRequest) => Generation;

const COUNT_WORDS: Record<string, CountBound['operator']> = {
  'at least': 'gte',
  'more than': 'gt',
  over: 'gt',
  'fewer than': 'lt',
  'less than': 'lt',
  'at most': 'lte',
  exactly: 'eq',
};
const CONTACT_COUNT = new RegExp(`\\b(${Object.keys(COUNT_WORDS).join('|')})\\s+(\\d+)\\s+(?:contacts|people|persons)(?:\\s+(?:who|that))?\\b`, 'i');

export function parseObjectDescription(request: GenerateRequest, objectType: Exclude<ObjectType, 'contacts'>, parseContacts: ContactParse): Generation {
  const original = request.description;
  const blank = (text: string, start: number, end: number) => text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
  let text = original;
  const noun = objectNoun(original);
  if (noun.start !== undefined) text = blank(text, noun.start, noun.end!);
  let count: CountBound | null = null;
  const m = objectType === 'companies' ? CONTACT_COUNT.exec(text) : null;
  if (m) {
    count = { operator: COUNT_WORDS[m[1]!.toLowerCase()]!, value: Number(m[2]) };
    text = blank(text, m.index, m.index + m[0].length);
  }
  const prefix = objectType === 'deals' ? 'with a deal ' : '';
  const out = parseContacts({ ...request, description: prefix + text, objectType: 'contacts' });
  if (out.kind !== 'rules') return out;
  const shift = (s: Span): Span | undefined => {
    const start = s.start - prefix.length;
    const end = s.end - prefix.length;
    return start < 0 ? undefined : { text: original.slice(start, end), start, end };
  };
  const assumptions = [...out.assumptions];
  const rules = objectType === 'companies' ? companyTree(out.rules as Group, count, assumptions) : dealTree(out.rules as Group, assumptions);
  return { ...out, rules, assumptions, unrecognized: out.unrecognized.map(shift).filter((s): s is Span => s !== undefined) };
}

const and = (children: Node[]): Group => ({ type: 'group', op: 'and', negate: false, children });
const relation = (name: RelationCondition['relation'], where: Node[], count: CountBound | null = null): RelationCondition => ({
  type: 'relation',
  relation: name,
  has: true,
  where: where.length ? and(where) : null,
  count,
});

/** Whether a contact-tree node reads only the contact's company and deals (so it is the company's own). */
function companyLevel(n: Node): boolean {
  if (n.type === 'condition') return n.field.startsWith('company.');
  if (n.type === 'relation') return n.relation === 'deals';
  if (n.type === 'group') return n.children.every(companyLevel);
  return false;
}

/** A company-level contact node, read at the company. */
function atCompany(n: Node): Node {
  if (n.type === 'condition') return { ...n, field: n.field.replace(/^company\./, '') };
  if (n.type === 'group') return { ...n, children: n.children.map(atCompany) };
  return n; // deals: the company's deals, the same where
}

function companyTree(tree: Group, count: CountBound | null, assumptions: string[]): Group {
  // A bare contact country ("companies in France") is the company's country.
  const children = tree.children.map((c) => (c.type === 'condition' && c.field === 'country' ? { ...c, field: 'company.country' } : c));
  if (children.some((c, i) => c !== tree.children[i])) {
    // The contact parser's note ("… as the contact's country") no longer holds.
    for (let i = assumptions.length - 1; i >= 0; i -= 1) if (/contact'?s country/.test(assumptions[i]!)) assumptions.splice(i, 1);
    assumptions.push('Read the country as the company’s country.');
  }
  if (tree.op !== 'and' || tree.negate) {
    if (companyLevel(tree)) return and([atCompany({ ...tree, children })]);
    assumptions.push('Read the description as: the company has a contact matching all of it.');
    return and([relation('contacts', [{ ...tree, children }], count)]);
  }
  const own = children.filter(companyLevel).map(atCompany);
  const aboutContacts = children.filter((c) => !companyLevel(c));
  if (aboutContacts.length || count) {
    assumptions.push(count ? `Counted the company’s contacts that match the rest (${count.operator} ${count.value}).` : 'Read the conditions on people as: the company has a contact matching them.');
    own.push(relation('contacts', aboutContacts, count));
  }
  return and(own);
}

function dealTree(tree: Group, assumptions: string[]): Group {
  const own: Node[] = [];
  const aboutContact: Node[] = [];
  const company: Node[] = [];
  for (const c of tree.op === 'and' && !tree.negate ? tree.children : [tree]) {
    if (c.type === 'relation' && c.relation === 'deals' && c.has && c.count === null) own.push(...(c.where?.children ?? []));
    else if (c.type === 'condition' && c.field === 'owner') {
      own.push(c);
      assumptions.push('Read the owner as the deal’s owner.');
    } else if (companyLevel(c) && c.type !== 'relation') company.push(atCompany(c));
    else aboutContact.push(c);
  }
  if (company.length) own.push(relation('company', company));
  if (aboutContact.length) {
    assumptions.push('Read the conditions on people as the deal’s contact.');
    own.push(relation('contact', aboutContact));
  }
  if (own.length === 0) own.push({ type: 'condition', field: 'name', operator: 'is_not_null', value: null });
  return and(own);
}

