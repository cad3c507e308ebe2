// Tabs (WAI-ARIA tabs pattern): a tablist of buttons, one visible panel; ArrowLeft/ArrowRight,
// Home and End move between tabs, and the chosen tab is the one in the tab order.
import { h, uid } from './dom.js';

export interface TabSpec {
  id: string;
  label: string;
  panel: HTMLElement;
  /** Called the first time the tab is shown (load on demand). */
  onShow?: () => void;
}

export function tabs(name: string, specs: TabSpec[], initial = specs[0]!.id): HTMLElement {
  const base = uid('tabs');
  const shown = new Set<string>();
  const buttons = specs.map((t) =>
    h('button', { type: 'button', role: 'tab', id: `${base}-${t.id}`, 'aria-controls': `${base}-${t.id}-panel`, 'data-tab': t.id, onClick: () => select(t.id, true) }, t.label),
  );
  const panels = specs.map((t) => {
    const panel = h('div', { role: 'tabpanel', id: `${base}-${t.id}-panel`, 'aria-labelledby': `${base}-${t.id}`, tabindex: '0', class: 'tabpanel' });
    panel.appendChild(t.panel);
    return panel;
  });
  const list = h('div', { role: 'tablist', 'aria-label': name, class: 'tablist' }, buttons);
  list.addEventListener('keydown', (e) => {
    const i = buttons.findIndex((b) => b === document.activeElement);
    if (i < 0) return;
    const to = e.key === 'ArrowRight' ? (i + 1) % buttons.length : e.key === 'ArrowLeft' ? (i - 1 + buttons.length) % buttons.length : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    select(specs[to]!.id, true);
  });

  function select(id: string, focus: boolean): void {
    specs.forEach((t, i) => {
      const on = t.id === id;
      buttons[i]!.setAttribute('aria-selected', String(on));
      buttons[i]!.tabIndex = on ? 0 : -1;
      panels[i]!.hidden = !on;
      if (on && !shown.has(id)) {
        shown.add(id);
        t.onShow?.();
      }
      if (on && focus) buttons[i]!.focus();
    });
  }

  select(initial, false);
  return h('div', { class: 'tabs' }, list, panels);
}
