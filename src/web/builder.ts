// The rule tree as an editable builder: nested AND/OR groups (negatable), field conditions with the
// catalog's fields and operators, "has / has no" related records, email engagement and segment
// membership. Each control carries the API path it edits (`data-path`), which is how validation
// errors find their way back to it. Typing edits the tree in place; structural edits re-render,
// keeping focus on the control that had it. Every edit is a step of the undo history (typing in one
// input coalesces into one step). The field picker also offers related records, email engagement
// and segment membership: picking "Deals · Amount" turns the row into "has deals where Amount …".
import type { Condition, Engagement, Group, Node, RelationCondition, SegmentMembership, WhereGroup } from '../rules/grammar.js';
import type { UiCatalog, UiField, UiRelation } from '../ui/catalog.js';
import type { Unfinished } from './complete.js';
import { type Child, h, replace, select } from './dom.js';
import { picker, type PickerOption } from './picker.js';
import { choiceList, convertValue, defaultValue, valueEditor } from './values.js';

const SCOPE_GROUPS: Record<string, string> = { contact: 'Contact', company: 'Company' };
const HISTORY_LIMIT = 200;
/** Keystrokes in one input closer together than this are one undo step. */
const COALESCE_MS = 1200;

type AnyGroup = Group | WhereGroup;

const KIND_LABELS = { condition: 'Condition', group: 'Group', relation: 'Related records', engagement: 'Email engagement', segment: 'Segment' } as const;
type Kind = keyof typeof KIND_LABELS;

export class Builder {
  readonly el: HTMLDivElement = h('div', { class: 'builder' });
  private tree: Group = { type: 'group', op: 'and', negate: false, children: [] };
  private focusNext: string | undefined;
  private history: string[] = [];
  private at = -1;
  private lastEdit: { key: string | undefined; time: number } = { key: undefined, time: 0 };
  private unfinished: Unfinished[] = [];
  private counts = new Map<string, { text: string; title: string }>();

  constructor(
    private catalog: UiCatalog,
    private readonly onChange: () => void,
  ) {}

  /** The tree as the reviewer has it now (their order, their values, errors and all). */
  get rules(): Group {
    return this.tree;
  }

  /** Replaces the tree; `fresh` starts a new undo history (a new draft), otherwise it is one more step. */
  load(tree: Group, fresh = true): void {
    this.tree = structuredClone(tree);
    if (fresh) {
      this.history = [JSON.stringify(this.tree)];
      this.at = 0;
    } else this.record(undefined);
    this.render();
  }

  /**
   * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y inside `scope` (the builder and its undo buttons) or with nothing
   * focused (a disabled Undo button drops focus to the page). Returns the unbinding.
   */
  bindKeys(scope: HTMLElement): () => void {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof Node ? e.target : null;
      if (target && target !== document.body && !scope.contains(target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        this.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        this.redo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }

  get canUndo(): boolean {
    return this.at > 0;
  }

  get canRedo(): boolean {
    return this.at < this.history.length - 1;
  }

  undo(): void {
    if (!this.canUndo) return;
    this.at -= 1;
    this.restore();
  }

  redo(): void {
    if (!this.canRedo) return;
    this.at += 1;
    this.restore();
  }

  private restore(): void {
    this.tree = JSON.parse(this.history[this.at]!) as Group;
    this.lastEdit = { key: undefined, time: 0 };
    this.render();
    this.onChange();
  }

  /** Adds the current tree to the history; a keystroke right after one in the same input replaces it. */
  private record(key: string | undefined): void {
    const snapshot = JSON.stringify(this.tree);
    if (snapshot === this.history[this.at]) return;
    const now = Date.now();
    const coalesce = key !== undefined && key === this.lastEdit.key && now - this.lastEdit.time < COALESCE_MS && this.at > 0;
    this.history.splice(this.at + (coalesce ? 0 : 1));
    this.history.push(snapshot);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    this.at = this.history.length - 1;
    this.lastEdit = { key, time: now };
  }

  /** Per-row counts (from the preview's funnel), keyed by builder path; rows without one show none. */
  showCounts(counts: Map<string, { text: string; title: string }>): void {
    this.counts = counts;
    for (const el of this.el.querySelectorAll('.row-count')) el.remove();
    for (const [path, c] of counts) {
      const node = this.el.querySelector<HTMLElement>(`[data-node][data-path="${CSS.escape(path)}"]`);
      const head = node?.querySelector<HTMLElement>(':scope > .row > .controls, :scope > .group-head');
      head?.appendChild(h('span', { class: 'row-count', title: c.title }, c.text));
    }
  }

  /** Marks the rows that are not finished (complete.ts) with what they still need. */
  mark(unfinished: Unfinished[]): void {
    this.unfinished = unfinished;
    for (const el of this.el.querySelectorAll<HTMLElement>('[data-node].unfinished')) {
      el.classList.remove('unfinished');
      el.querySelector(':scope > .todo')?.remove();
    }
    for (const u of unfinished) {
      const node = this.el.querySelector<HTMLElement>(`[data-node][data-path="${CSS.escape(u.path)}"]`);
      if (!node) continue;
      node.classList.add('unfinished');
      const todo = h('p', { class: 'todo' }, h('span', { class: 'badge todo-badge' }, 'Unfinished'), ' ', u.message, ' Not counted yet.');
      const row = node.querySelector(':scope > .row, :scope > .group-head');
      row?.after(todo);
    }
  }

  setCatalog(catalog: UiCatalog): void {
    this.catalog = catalog;
    this.render();
  }

  render(): void {
    const focused = document.activeElement instanceof HTMLElement && this.el.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
    const key = this.focusNext ?? focused;
    this.focusNext = undefined;
    replace(this.el, this.group(this.tree, 'rules', null, 0, null));
    this.mark(this.unfinished);
    this.showCounts(this.counts);
    if (key) this.el.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  }

  private changed(structural: boolean, focus?: string): void {
    const active = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
    this.record(structural ? undefined : active);
    if (focus) this.focusNext = focus;
    if (structural) this.render();
    this.onChange();
  }

  // ── groups ────────────────────────────────────────────────────────────────────────────────

  private group(g: AnyGroup, path: string, rel: UiRelation | null, depth: number, remove: { label: string; run: () => void } | null): HTMLElement {
    const children = g.children as Node[];
    const op = select(
      { 'data-path': `${path}.op`, 'data-key': `${path}.op`, 'aria-label': 'Match', onChange: (e: Event) => {
        g.op = (e.target as HTMLSelectElement).value as 'and' | 'or';
        this.changed(true);
      } },
      [
        { value: 'and', label: 'all of these (AND)' },
        { value: 'or', label: 'any of these (OR)' },
      ],
      g.op,
    );
    const negateId = `${path}.negate`;
    const negate = h('label', { class: 'negate' }, h('input', { type: 'checkbox', checked: g.negate, 'data-path': negateId, 'data-key': negateId, onChange: (e: Event) => {
      g.negate = (e.target as HTMLInputElement).checked;
      this.changed(true);
    } }), ' NOT (exclude matches)');
    const kinds: Kind[] = rel ? ['condition', 'group'] : ['condition', 'group', 'relation', 'engagement', 'segment'];
    const adders = kinds.map((kind) =>
      h('button', { type: 'button', class: 'add', 'data-key': `${path}:add-${kind}`, onClick: () => {
        children.push(this.newNode(kind, rel, g.op));
        this.changed(true, this.firstKey(`${path}.children[${children.length - 1}]`, kind));
      } }, `+ ${KIND_LABELS[kind]}`),
    );
    const list = children.map((child, i) => {
      const childPath = `${path}.children[${i}]`;
      const removeChild = () => {
        children.splice(i, 1);
        const next = children[i] ? `${path}.children[${i}]:remove` : `${path}:add-condition`;
        this.changed(true, next);
      };
      const replaceChild = (n: Node) => {
        children[i] = n;
      };
      return h('li', null, i > 0 ? h('span', { class: 'connector', 'aria-hidden': 'true' }, g.op === 'and' ? 'and' : 'or') : null, this.node(child, childPath, rel, depth, removeChild, replaceChild));
    });
    return h(
      'div',
      { role: 'group', class: `node group depth-${depth % 4}${g.negate ? ' negated' : ''}`, 'data-node': true, 'data-path': path, 'aria-label': depth === 0 ? 'Conditions' : rel ? `Conditions on ${rel.label.toLowerCase()}` : 'Group of conditions' },
      h(
        'div',
        { class: 'group-head' },
        g.negate ? h('span', { class: 'badge not' }, 'NOT') : null,
        h('span', { class: 'lead' }, depth === 0 && !rel ? 'Contacts matching' : 'Matching'),
        op,
        negate,
        remove ? h('button', { type: 'button', class: 'remove', 'data-key': `${path}:remove`, 'aria-label': remove.label, title: remove.label, onClick: remove.run }, '✕') : null,
      ),
      h('div', { class: 'errors' }),
      children.length ? h('ol', { class: 'children' }, list) : h('p', { class: 'muted empty' }, 'No conditions yet.'),
      h('div', { class: 'adders', role: 'group', 'aria-label': 'Add to this group' }, adders),
    );
  }

  /** Where focus goes after adding a node of this kind: its first control. */
  private firstKey(path: string, kind: Kind): string {
    return { condition: `${path}.field`, group: `${path}.op`, relation: `${path}.has`, engagement: `${path}.event`, segment: `${path}.operator` }[kind];
  }

  private newNode(kind: Kind, rel: UiRelation | null, parentOp: 'and' | 'or'): Node {
    switch (kind) {
      case 'condition':
        return this.newCondition(rel);
      case 'group':
        return { type: 'group', op: parentOp === 'and' ? 'or' : 'and', negate: false, children: [this.newCondition(rel)] };
      case 'relation':
        return { type: 'relation', relation: this.catalog.relations[0]!.name, has: true, where: null, count: null };
      case 'engagement':
        return { type: 'engagement', event: 'opened', match: 'any', campaigns: { last: null, ids: null } };
      case 'segment':
        return { type: 'segment', operator: 'in', segment: '' };
    }
  }

  /** A condition with nothing chosen yet: unfinished (and not counted) until it has a field and a value. */
  private newCondition(_rel: UiRelation | null): Condition {
    return { type: 'condition', field: '', operator: 'eq', value: '' };
  }

  // ── nodes ─────────────────────────────────────────────────────────────────────────────────

  private node(n: Node, path: string, rel: UiRelation | null, depth: number, remove: () => void, replaceNode: (n: Node) => void): HTMLElement {
    switch (n.type) {
      case 'group':
        return this.group(n, path, rel, depth + 1, { label: 'Remove group', run: remove });
      case 'condition':
        return this.condition(n, path, rel, remove, rel ? undefined : replaceNode);
      case 'relation':
        return this.relation(n, path, depth, remove);
      case 'engagement':
        return this.engagement(n, path, remove);
      case 'segment':
        return this.segment(n, path, remove);
    }
  }

  private row(path: string, kind: string | null, controls: Child[], removeLabel: string, remove: () => void, extra?: Child): HTMLElement {
    return h(
      'div',
      { class: 'node leaf', 'data-node': true, 'data-path': path },
      h(
        'div',
        { class: 'row' },
        h('div', { class: 'controls' }, kind ? h('span', { class: 'kind' }, kind) : null, controls),
        h('button', { type: 'button', class: 'remove', 'data-key': `${path}:remove`, 'aria-label': removeLabel, title: removeLabel, onClick: remove }, '✕'),
      ),
      h('div', { class: 'errors' }),
      extra,
    );
  }

  private condition(c: Condition, path: string, rel: UiRelation | null, remove: () => void, replaceNode?: (n: Node) => void): HTMLElement {
    const fields = rel ? rel.fields : this.catalog.fields;
    const field = fields.find((f) => f.key === c.field);
    const fieldSelect = this.fieldPicker(c, path, fields, rel, replaceNode);
    if (!field) return this.row(path, null, [fieldSelect], 'Remove condition', remove);
    const operator = select(
      { 'data-path': `${path}.operator`, 'data-key': `${path}.operator`, 'aria-label': `Operator for ${field.label}`, onChange: (e: Event) => {
        const next = (e.target as HTMLSelectElement).value;
        c.value = convertValue(field, c.operator, next, c.value);
        c.operator = next as Condition['operator'];
        this.changed(true);
      } },
      field.operators,
      c.operator,
    );
    const value = valueEditor(c, field, `${path}.value`, { catalog: this.catalog, changed: (s, focus) => this.changed(s, focus) });
    return this.row(path, null, [fieldSelect, operator, value], `Remove condition on ${field.label}`, remove);
  }

  /** The field picker: contact and company fields, and (outside a relation) related records, email and segments. */
  private fieldPicker(c: Condition, path: string, fields: readonly UiField[], rel: UiRelation | null, replaceNode?: (n: Node) => void): HTMLElement {
    // The tenant's own fields (defined through /v1/fields) are one group of their own.
    const groupOf = (f: UiField) => (rel ? rel.label : f.defined ? 'Custom fields' : (SCOPE_GROUPS[f.scope ?? ''] ?? 'Custom fields'));
    const options: PickerOption[] = fields.map((f) => ({ value: f.key, label: f.label, group: groupOf(f) }));
    if (!rel && replaceNode) {
      for (const r of this.catalog.relations) for (const f of r.fields) options.push({ value: `relation:${r.name}:${f.key}`, label: `${r.noun} ${f.label.toLowerCase()}`.replace(/^./, (x) => x.toUpperCase()), group: r.label });
      for (const event of this.catalog.emailEvents) options.push({ value: `engagement:${event}`, label: `Email ${event}`, group: 'Email' });
      options.push({ value: 'segment:in', label: 'Is in segment', group: 'Segments' }, { value: 'segment:not_in', label: 'Is not in segment', group: 'Segments' });
    }
    return picker({
      options,
      value: c.field,
      label: 'Field',
      path: `${path}.field`,
      key: `${path}.field`,
      placeholder: 'Choose a field… (type to search)',
      className: 'field-picker',
      onPick: (value) => {
        const [kind, a, b] = value.split(':');
        if (replaceNode && kind === 'relation' && a && b) {
          const r = this.catalog.relations.find((x) => x.name === a)!;
          replaceNode({ type: 'relation', relation: r.name, has: true, count: null, where: { type: 'group', op: 'and', negate: false, children: [this.withField({ type: 'condition', field: '', operator: 'eq', value: '' }, r.fields, b)] } });
          this.changed(true, `${path}.where.children[0].operator`);
          return;
        }
        if (replaceNode && kind === 'engagement' && a) {
          replaceNode({ type: 'engagement', event: a as Engagement['event'], match: 'any', campaigns: { last: 3, ids: null } });
          this.changed(true, `${path}.match`);
          return;
        }
        if (replaceNode && kind === 'segment' && a) {
          replaceNode({ type: 'segment', operator: a as SegmentMembership['operator'], segment: '' });
          this.changed(true, `${path}.segment`);
          return;
        }
        this.withField(c, fields, value);
        this.changed(true, `${path}.operator`);
      },
    });
  }

  /** Points a condition at another field, keeping operator and value where they still fit. */
  private withField(c: Condition, fields: readonly UiField[], key: string): Condition {
    const next = fields.find((f) => f.key === key)!;
    const before = fields.find((f) => f.key === c.field);
    const operator = next.operators.some((o) => o.value === c.operator) ? c.operator : next.operators[0]!.value;
    const sameValues = before && before.type === next.type && JSON.stringify(before.choices) === JSON.stringify(next.choices);
    c.value = sameValues ? convertValue(next, c.operator, operator, c.value) : defaultValue(next, operator);
    c.field = next.key;
    c.operator = operator;
    return c;
  }

  private relation(r: RelationCondition, path: string, depth: number, remove: () => void): HTMLElement {
    const rel = this.catalog.relations.find((x) => x.name === r.relation);
    const has = select(
      { 'data-path': `${path}.has`, 'data-key': `${path}.has`, 'aria-label': 'Has or has no', onChange: (e: Event) => {
        r.has = (e.target as HTMLSelectElement).value === 'true';
        if (!r.has) r.count = null;
        this.changed(true);
      } },
      [
        { value: 'true', label: 'has' },
        { value: 'false', label: 'has no' },
      ],
      String(r.has),
    );
    const countOp = r.has || r.count
      ? select(
          { 'data-path': `${path}.count`, 'data-key': `${path}.count`, 'aria-label': 'How many', onChange: (e: Event) => {
            const op = (e.target as HTMLSelectElement).value;
            r.count = op ? { operator: op as NonNullable<RelationCondition['count']>['operator'], value: r.count?.value ?? 1 } : null;
            this.changed(true);
          } },
          [{ value: '', label: 'any' }, ...this.catalog.countOperators],
          r.count?.operator ?? '',
        )
      : null;
    const countValue = r.count
      ? h('input', { type: 'text', inputmode: 'numeric', class: 'value-input amount', 'data-path': `${path}.count.value`, 'data-key': `${path}.count.value`, 'aria-label': 'Number of related records', value: String(r.count.value), onInput: (e: Event) => {
          const text = (e.target as HTMLInputElement).value.trim();
          const n = Number(text);
          r.count = { operator: r.count!.operator, value: (text !== '' && Number.isFinite(n) ? n : text) as number };
          this.changed(false);
        } })
      : null;
    const which = select(
      { 'data-path': `${path}.relation`, 'data-key': `${path}.relation`, 'aria-label': 'Related records', onChange: (e: Event) => {
        r.relation = (e.target as HTMLSelectElement).value as RelationCondition['relation'];
        r.where = null; // the old filter names the other relation's fields
        this.changed(true);
      } },
      this.catalog.relations.map((x) => ({ value: x.name, label: x.label.toLowerCase() })),
      r.relation,
    );
    const where = !rel
      ? null
      : r.where
        ? h('div', { class: 'where' }, h('span', { class: 'lead' }, 'where'), this.group(r.where, `${path}.where`, rel, depth + 1, { label: `Remove the filter on ${rel.label.toLowerCase()}`, run: () => {
            r.where = null;
            this.changed(true, `${path}:add-where`);
          } }))
        : h('button', { type: 'button', class: 'add', 'data-key': `${path}:add-where`, onClick: () => {
            r.where = { type: 'group', op: 'and', negate: false, children: [this.newCondition(rel) as Condition] };
            this.changed(true, `${path}.where.children[0].field`);
          } }, `+ Only ${rel.label.toLowerCase()} where…`);
    return this.row(path, 'Related', [has, countOp, countValue, which], `Remove condition on ${rel?.label.toLowerCase() ?? r.relation}`, remove, where);
  }

  private engagement(e: Engagement, path: string, remove: () => void): HTMLElement {
    const mode = e.campaigns.ids !== null ? 'ids' : e.campaigns.last !== null ? 'last' : 'every';
    const event = select(
      { 'data-path': `${path}.event`, 'data-key': `${path}.event`, 'aria-label': 'Email event', onChange: (ev: Event) => {
        e.event = (ev.target as HTMLSelectElement).value as Engagement['event'];
        this.changed(false);
      } },
      this.catalog.emailEvents.map((x) => ({ value: x, label: x })),
      e.event,
    );
    const match = select(
      { 'data-path': `${path}.match`, 'data-key': `${path}.match`, 'aria-label': 'Match campaigns', onChange: (ev: Event) => {
        e.match = (ev.target as HTMLSelectElement).value as Engagement['match'];
        this.changed(false);
      } },
      this.catalog.matchModes,
      e.match,
    );
    const which = select(
      { 'data-path': `${path}.campaigns`, 'data-key': `${path}.campaigns`, 'aria-label': 'Which campaigns', onChange: (ev: Event) => {
        const next = (ev.target as HTMLSelectElement).value;
        e.campaigns = next === 'last' ? { last: 3, ids: null } : next === 'ids' ? { last: null, ids: [] } : { last: null, ids: null };
        this.changed(true);
      } },
      [
        { value: 'every', label: 'every campaign' },
        { value: 'last', label: 'the last' },
        { value: 'ids', label: 'these campaigns' },
      ],
      mode,
    );
    const last = mode === 'last'
      ? h('input', { type: 'text', inputmode: 'numeric', class: 'value-input amount', 'data-path': `${path}.campaigns.last`, 'data-key': `${path}.campaigns.last`, 'aria-label': 'Number of recent campaigns', value: String(e.campaigns.last), onInput: (ev: Event) => {
          const text = (ev.target as HTMLInputElement).value.trim();
          const n = Number(text);
          e.campaigns = { last: (text !== '' && Number.isFinite(n) ? n : text) as number, ids: null };
          this.changed(false);
        } })
      : null;
    const ids = mode === 'ids'
      ? choiceList(`${path}.campaigns.ids`, 'Campaigns', this.catalog.tenant.campaigns, e.campaigns.ids ?? [], (values) => {
          e.campaigns = { last: null, ids: values };
          this.changed(false);
        })
      : null;
    const noun = mode === 'last' ? h('span', { class: 'joiner' }, 'campaigns sent') : null;
    return this.row(path, 'Email', [event, match, which, last, noun, ids], 'Remove email engagement condition', remove);
  }

  private segment(s: SegmentMembership, path: string, remove: () => void): HTMLElement {
    const operator = select(
      { 'data-path': `${path}.operator`, 'data-key': `${path}.operator`, 'aria-label': 'In or not in segment', onChange: (e: Event) => {
        s.operator = (e.target as HTMLSelectElement).value as SegmentMembership['operator'];
        this.changed(false);
      } },
      [
        { value: 'in', label: 'is in' },
        { value: 'not_in', label: 'is not in' },
      ],
      s.operator,
    );
    const segments = this.catalog.tenant.segments.map((x) => ({ value: x.id, label: `${x.title} (${x.type}${x.status === 'archived' ? ', archived' : ''})` }));
    const which = select(
      { 'data-path': `${path}.segment`, 'data-key': `${path}.segment`, 'aria-label': 'Segment', onChange: (e: Event) => {
        s.segment = (e.target as HTMLSelectElement).value;
        this.changed(false);
      } },
      [...(s.segment === '' ? [{ value: '', label: 'Choose…' }] : []), ...segments],
      s.segment,
    );
    return this.row(path, 'Segment', [operator, which], 'Remove segment condition', remove);
  }
}
