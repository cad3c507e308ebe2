// The value part of a condition, by field type and operator: nothing for is_null, a picker for
// closed sets (tenant tags, owners, campaigns, industries…; searchable when long), date pickers for
// dates, text/number inputs otherwise, two inputs for between, amount + unit for relative dates.
// A new value starts empty (the row is unfinished until the reviewer fills it, see complete.ts);
// what the reviewer types goes to the server as typed (numbers parsed when they parse) so the
// server's validation speaks, not a second copy.
import type { Condition, RelativeDate, Value } from '../rules/grammar.js';
import type { CanonicalOperator, ValueShape } from '../rules/operators.js';
import type { UiCatalog, UiField } from '../ui/catalog.js';
import { h, select, uid } from './dom.js';
import { picker } from './picker.js';

/** Past this many choices a value list gets a search box (or a searchable picker for one value). */
const SEARCH_FROM = 10;

/** The value an operator takes on this field, as the server's operator table says. */
export function valueKind(field: UiField, op: string): ValueShape {
  return field.operators.find((o) => o.value === op)?.shape ?? 'scalar';
}

export function defaultValue(field: UiField, op: CanonicalOperator | string): Value {
  switch (valueKind(field, op)) {
    case 'none':
      return null;
    case 'list':
      return [];
    case 'span':
      return { amount: 30, unit: 'days' };
    case 'pair':
      return ['', ''];
    case 'scalar':
      return '';
  }
}

/** Keeps what the reviewer had when the operator changes shape (one value ↔ a list ↔ a range). */
export function convertValue(field: UiField, from: string, to: string, value: Value): Value {
  const a = valueKind(field, from);
  const b = valueKind(field, to);
  if (a === b) return value;
  const items = Array.isArray(value) ? value : a === 'scalar' && value !== '' && value !== null && typeof value !== 'object' ? [value as string | number] : [];
  switch (b) {
    case 'list':
      return items;
    case 'pair':
      return [items[0] ?? '', items[1] ?? ''];
    case 'scalar':
      return items[0] ?? defaultValue(field, to);
    default:
      return defaultValue(field, to);
  }
}

function isRelative(v: Value): v is RelativeDate {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What a text box holds, as the rule value: numbers for number fields when they parse. */
function typed(field: UiField, text: string): string | number {
  if (field.type !== 'number' || text.trim() === '') return text;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : text;
}

function shown(field: UiField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'date' && typeof value === 'string') return value.replace(/T00:00:00(?:\.000)?Z$/, '');
  return String(value);
}

function placeholder(field: UiField): string {
  if (field.type === 'date') return 'YYYY-MM-DD';
  if (field.type === 'number') return field.hint ?? 'a number';
  return field.hint ?? '';
}

export interface ValueContext {
  catalog: UiCatalog;
  /** `focus`: the data-key of the control to focus after a structural re-render. */
  changed(structural: boolean, focus?: string): void;
}

const MIDNIGHT = /^\d{4}-\d{2}-\d{2}$/;

function textInput(field: UiField, path: string, label: string, value: unknown, onValue: (text: string) => void): HTMLInputElement {
  const text = shown(field, value);
  // A date picker for dates; a value with a time of day (from the API) stays editable as text.
  const date = field.type === 'date' && (text === '' || MIDNIGHT.test(text));
  return h('input', {
    type: date ? 'date' : 'text',
    class: `value-input type-${field.type}`,
    'data-path': path,
    'data-key': path,
    'aria-label': label,
    inputmode: field.type === 'number' ? 'decimal' : undefined,
    placeholder: date ? undefined : placeholder(field),
    value: text,
    min: date ? '1900-01-01' : undefined,
    max: date ? '2999-12-31' : undefined,
    autocomplete: 'off',
    onInput: (e: Event) => onValue((e.target as HTMLInputElement).value),
  });
}

/** Checkboxes for a closed set; values the rule holds that are not offered stay listed and checked. */
export function choiceList(path: string, label: string, choices: { value: string; label: string }[], chosen: readonly unknown[], onChange: (values: string[]) => void): HTMLFieldSetElement {
  const extras = chosen.map(String).filter((v) => !choices.some((c) => c.value === v));
  const all = [...choices, ...extras.map((v) => ({ value: v, label: `${v} (not offered)` }))];
  const box = h('fieldset', { class: 'choices', 'data-path': path }, h('legend', { class: 'sr-only' }, label));
  const read = () => [...box.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')].map((i) => i.value);
  if (all.length > SEARCH_FROM) {
    const search = h('input', { type: 'search', class: 'choice-search', 'aria-label': `Search ${label.toLowerCase()}`, placeholder: 'Search…', 'data-key': `${path}:search`, autocomplete: 'off', onInput: () => {
      const q = search.value.trim().toLowerCase();
      for (const item of box.querySelectorAll<HTMLElement>('.choice')) item.hidden = q !== '' && !(item.dataset.label ?? '').includes(q) && !item.querySelector('input:checked');
    } });
    box.appendChild(search);
  }
  for (const c of all) {
    const id = uid('c');
    box.appendChild(
      h(
        'span',
        { class: 'choice', 'data-label': `${c.label} ${c.value}`.toLowerCase() },
        h('input', { type: 'checkbox', id, value: c.value, checked: chosen.map(String).includes(c.value), 'data-key': `${path}=${c.value}`, onChange: () => onChange(read()) }),
        h('label', { for: id }, c.label),
      ),
    );
  }
  if (all.length === 0) box.appendChild(h('span', { class: 'muted' }, 'Nothing to choose from in this tenant.'));
  return box;
}

/**
 * A multi-select's values as chips: each chosen value a chip with its own remove button, and a
 * searchable picker offering the allowed values not chosen yet. Values the rule holds that are not
 * allowed (any more) stay as chips, marked.
 */
export function chipsInput(path: string, label: string, choices: { value: string; label: string }[], chosen: readonly unknown[], onChange: (values: string[], focus: string) => void): HTMLElement {
  const values = chosen.map(String);
  const labelOf = (v: string) => choices.find((c) => c.value === v)?.label ?? `${v} (not offered)`;
  const chips = h(
    'ul',
    { class: 'chips', 'aria-label': `${label}: chosen` },
    values.map((v) =>
      h(
        'li',
        { class: 'chip' },
        h('span', null, labelOf(v)),
        h('button', { type: 'button', class: 'chip-remove', 'data-key': `${path}-${v}:remove`, 'aria-label': `Remove ${labelOf(v)}`, title: `Remove ${labelOf(v)}`, onClick: () => onChange(values.filter((x) => x !== v), `${path}:add`) }, '✕'),
      ),
    ),
  );
  const rest = choices.filter((c) => !values.includes(c.value));
  const adder = rest.length
    ? picker({
        options: rest.map((c) => ({ ...c, group: label })),
        value: '',
        label: `Add to ${label.toLowerCase()}`,
        path: `${path}:add`,
        key: `${path}:add`,
        placeholder: values.length ? 'Add another…' : 'Choose values… (type to search)',
        className: 'value-input chip-add',
        onPick: (v) => onChange([...values, v], `${path}:add`),
      })
    : h('span', { class: 'muted small' }, choices.length ? 'All values chosen.' : 'Nothing to choose from in this tenant.');
  return h('div', { class: 'chips-input', 'data-path': path, role: 'group', 'aria-label': label }, values.length ? chips : null, adder);
}

export function valueEditor(c: Condition, field: UiField, path: string, ctx: ValueContext): HTMLElement | null {
  const name = field.label;
  switch (valueKind(field, c.operator)) {
    case 'none':
      return null;
    case 'list': {
      const items = Array.isArray(c.value) ? c.value : [];
      if (field.choices && field.defined?.type === 'multi_select') {
        return chipsInput(path, `Values for ${name}`, field.choices, items, (values, focus) => {
          c.value = values;
          ctx.changed(true, focus);
        });
      }
      if (field.choices) {
        return choiceList(path, `Values for ${name}`, field.choices, items, (values) => {
          c.value = values;
          ctx.changed(false);
        });
      }
      return textInput(field, path, `Values for ${name} (comma-separated)`, items.join(', '), (text) => {
        c.value = text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => typed(field, s));
        ctx.changed(false);
      });
    }
    case 'pair': {
      const pair = Array.isArray(c.value) ? [...c.value] : ['', ''];
      const set = (i: number) => (text: string) => {
        pair[i] = typed(field, text);
        c.value = [pair[0] ?? '', pair[1] ?? ''];
        ctx.changed(false);
      };
      return h(
        'span',
        { class: 'value-group', 'data-path': path },
        textInput(field, `${path}[0]`, `Lowest ${name}`, pair[0], set(0)),
        h('span', { class: 'joiner' }, 'and'),
        textInput(field, `${path}[1]`, `Highest ${name}`, pair[1], set(1)),
      );
    }
    case 'span': {
      const span: RelativeDate = isRelative(c.value) ? { ...c.value } : { amount: 30, unit: 'days' };
      const amount = h('input', {
        type: 'number',
        min: '1',
        step: '1',
        class: 'value-input amount',
        'data-path': `${path}.amount`,
        'data-key': `${path}.amount`,
        'aria-label': `Amount of time for ${name}`,
        value: String(span.amount),
        onInput: (e: Event) => {
          const text = (e.target as HTMLInputElement).value.trim();
          const n = Number(text);
          // Empty: the row is unfinished (complete.ts) and is not sent.
          span.amount = (text !== '' && Number.isFinite(n) ? n : '') as number;
          c.value = { ...span };
          ctx.changed(false);
        },
      });
      const unit = select(
        { 'data-path': `${path}.unit`, 'data-key': `${path}.unit`, 'aria-label': `Unit of time for ${name}`, onChange: (e: Event) => {
          span.unit = (e.target as HTMLSelectElement).value as RelativeDate['unit'];
          c.value = { ...span };
          ctx.changed(false);
        } },
        ctx.catalog.relativeUnits.map((u) => ({ value: u, label: u })),
        span.unit,
      );
      return h('span', { class: 'value-group', 'data-path': path }, amount, unit, c.operator === 'more_than_ago' ? h('span', { class: 'joiner' }, 'ago') : null);
    }
    case 'scalar': {
      if (field.choices) {
        const current = typeof c.value === 'string' ? c.value : c.value === null ? '' : String(c.value);
        if (field.choices.length > SEARCH_FROM) {
          return picker({
            options: field.choices.map((o) => ({ ...o, group: field.label })),
            value: current,
            label: `Value for ${name}`,
            path,
            key: path,
            placeholder: 'Choose… (type to search)',
            className: 'value-input',
            onPick: (v) => {
              c.value = v;
              ctx.changed(true);
            },
          });
        }
        return select(
          { class: 'value-input', 'data-path': path, 'data-key': path, 'aria-label': `Value for ${name}`, onChange: (e: Event) => {
            c.value = (e.target as HTMLSelectElement).value;
            ctx.changed(true);
          } },
          [...(current === '' ? [{ value: '', label: 'Choose…' }] : []), ...field.choices],
          current,
        );
      }
      return textInput(field, path, `Value for ${name}`, c.value, (text) => {
        c.value = typed(field, text);
        ctx.changed(false);
      });
    }
  }
}
