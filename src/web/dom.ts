// A tiny element builder: every text goes in as a text node (never as HTML), so nothing a tenant or
// a model wrote can become markup.
type Listener = (event: never) => void;
type AttrValue = string | number | boolean | null | undefined | Listener;
export type Attrs = Record<string, AttrValue>;
export type Child = Node | string | number | null | undefined | false | Child[];

/** Set as properties, not attributes, so they reflect the live state of form controls. */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'open']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (name === 'class') el.className = String(value);
    else if (PROPERTIES.has(name)) (el as unknown as Record<string, unknown>)[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled control: `<div class="field"><label>…</label>control<hint/><errors/></div>`. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLDivElement {
  control.id ||= uid('f');
  const hintEl = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl, h('div', { class: 'errors' }));
}

export function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  return h('option', { value, selected }, label);
}

export function select(attrs: Attrs, options: { value: string; label: string }[], current: string): HTMLSelectElement {
  const known = options.some((o) => o.value === current);
  return h(
    'select',
    attrs,
    !known && current !== '' ? option(current, `${current} (not offered)`, true) : null,
    options.map((o) => option(o.value, o.label, o.value === current)),
  );
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "2026-11-01 00:00 UTC" — the clock is always shown in UTC, as the API evaluates it. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

/** Shows a short message in a status region (role=status or alert set by the caller). */
export function say(region: HTMLElement, text: string, tone: 'ok' | 'error' | 'info' = 'info'): void {
  region.dataset.tone = tone;
  region.textContent = text;
}
