// A searchable, grouped picker (the WAI-ARIA "select-only combobox with listbox" pattern, editable):
// type to filter by label, group or key; ArrowUp/ArrowDown move, Enter or a click picks, Escape puts
// back what was chosen. Used for the builder's field list and for long value lists, where a plain
// <select> of 20+ unsorted options is hard to scan.
import { h, uid } from './dom.js';

export interface PickerOption {
  value: string;
  label: string;
  group: string;
}

export interface PickerSpec {
  options: readonly PickerOption[];
  value: string;
  /** Accessible name of the input. */
  label: string;
  path: string;
  key: string;
  placeholder?: string;
  onPick(value: string): void;
  className?: string;
}

const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export function picker(spec: PickerSpec): HTMLElement {
  const listId = uid('lb');
  const current = spec.options.find((o) => o.value === spec.value);
  const shownLabel = current ? current.label : spec.value ? `${spec.value} (unknown)` : '';
  const input = h('input', {
    type: 'text',
    role: 'combobox',
    class: `picker-input ${spec.className ?? ''}`,
    'aria-label': spec.label,
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'data-path': spec.path,
    'data-key': spec.key,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: spec.placeholder ?? 'Type to search…',
    value: shownLabel,
  });
  const list = h('div', { role: 'listbox', id: listId, class: 'picker-list', 'aria-label': 'Matching options', hidden: true });
  const box = h('div', { class: 'picker' }, input, list);
  let visible: { option: PickerOption; el: HTMLElement }[] = [];
  let active = -1;

  function fill(filter: string): void {
    const words = norm(filter).split(/\s+/).filter(Boolean);
    const matches = spec.options.filter((o) => {
      const hay = norm(`${o.label} ${o.group} ${o.value}`);
      return words.every((w) => hay.includes(w));
    });
    list.replaceChildren();
    visible = [];
    const groups = new Map<string, PickerOption[]>();
    for (const o of matches) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
    for (const [group, options] of groups) {
      const gid = uid('lbg');
      const wrap = h('div', { role: 'group', 'aria-labelledby': gid }, h('div', { role: 'presentation', id: gid, class: 'picker-group' }, group));
      for (const o of options) {
        const el = h('div', { role: 'option', id: uid('opt'), class: 'picker-option', 'aria-selected': String(o.value === spec.value) }, o.label);
        // mousedown, not click: the input must not blur (and close the list) before the pick.
        el.addEventListener('mousedown', (e) => {
          e.preventDefault();
          pick(o);
        });
        visible.push({ option: o, el });
        wrap.appendChild(el);
      }
      list.appendChild(wrap);
    }
    if (!visible.length) list.appendChild(h('div', { class: 'picker-empty' }, 'Nothing matches. Try another word.'));
    const selected = visible.findIndex((v) => v.option.value === spec.value);
    setActive(filter ? (visible.length ? 0 : -1) : selected);
  }

  function setActive(i: number): void {
    visible[active]?.el.classList.remove('active');
    active = i;
    const el = visible[active]?.el;
    if (el) {
      el.classList.add('active');
      input.setAttribute('aria-activedescendant', el.id);
      el.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function open(filter: string): void {
    fill(filter);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close(restore: boolean): void {
    list.hidden = true;
    list.replaceChildren(); // filled again on opening; a closed list holds no options (or group names)
    visible = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    if (restore) input.value = shownLabel;
  }

  function pick(o: PickerOption): void {
    close(false);
    input.value = o.label;
    if (o.value !== spec.value) spec.onPick(o.value);
  }

  input.addEventListener('focus', () => input.select());
  input.addEventListener('click', () => {
    if (list.hidden) open('');
  });
  input.addEventListener('input', () => open(input.value === shownLabel ? '' : input.value));
  input.addEventListener('blur', () => close(true));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) return open('');
      if (!visible.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 ? 0 : (active + step + visible.length) % visible.length);
    } else if (e.key === 'Enter') {
      if (list.hidden) return;
      e.preventDefault();
      const o = visible[active]?.option;
      if (o) pick(o);
    } else if (e.key === 'Escape') {
      if (list.hidden) return;
      e.preventDefault();
      e.stopPropagation();
      close(true);
      input.select();
    } else if (e.key === 'Tab' && !list.hidden) {
      close(true);
    }
  });
  return box;
}
