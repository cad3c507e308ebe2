// The saved segments: title, type, status and member count (at the page's clock), with archive,
// duplicate and "new static segment"; search by title, filter by type and status (archived ones
// hidden unless asked for), sort by any column. Counts come from one POST /v1/segments/counts per 200 ids.
import { api, ApiError, type SegmentBody } from './api.js';
import { type App, canDefine, type View } from './app.js';
import { field, formatCount, formatDate, h, replace, say } from './dom.js';
import { clearErrors, showProblem } from './errors.js';

type StatusFilter = 'active' | 'archived' | 'all';
type TypeFilter = 'all' | 'dynamic' | 'static';
type SortKey = 'title' | 'members' | 'updated';
let filter: StatusFilter = 'active';
let typeFilter: TypeFilter = 'all';
let sortKey: SortKey = 'title';
let search = '';

export function segmentsView(app: App, main: HTMLElement): View {
  const flash = app.takeFlash();
  const status = h('div', { class: 'flash', role: 'status' }, flash?.text ?? '');
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'segments' },
    h('caption', { class: 'sr-only' }, 'Saved segments'),
    h('thead', null, h('tr', null, ['Title', 'Type', 'Status', 'Members', 'Updated', 'Actions'].map((c) => h('th', { scope: 'col', class: c === 'Members' ? 'num' : undefined }, c)))),
    body,
  );
  let segments: SegmentBody[] = [];
  const counted = new Map<string, number>();
  const show = h(
    'select',
    { id: 'segment-filter', onChange: (e: Event) => {
      filter = (e.target as HTMLSelectElement).value as StatusFilter;
      void load();
    } },
    (['active', 'archived', 'all'] as const).map((s) => h('option', { value: s, selected: s === filter }, s === 'all' ? 'Active and archived' : s[0]!.toUpperCase() + s.slice(1))),
  );
  const types = h(
    'select',
    { id: 'segment-type', onChange: (e: Event) => {
      typeFilter = (e.target as HTMLSelectElement).value as TypeFilter;
      draw();
    } },
    (['all', 'dynamic', 'static'] as const).map((t) => h('option', { value: t, selected: t === typeFilter }, t === 'all' ? 'All types' : t === 'dynamic' ? 'Dynamic (rules)' : 'Static (lists)')),
  );
  const sorter = h(
    'select',
    { id: 'segment-sort', onChange: (e: Event) => {
      sortKey = (e.target as HTMLSelectElement).value as SortKey;
      draw();
    } },
    ([['title', 'Title'], ['members', 'Most members'], ['updated', 'Recently updated']] as const).map(([v, l]) => h('option', { value: v, selected: v === sortKey }, l)),
  );
  const finder = h('input', { type: 'search', id: 'segment-search', value: search, autocomplete: 'off', placeholder: 'Title or short name', onInput: () => {
    search = finder.value;
    draw();
  } });
  const shownCount = h('p', { class: 'muted small', 'aria-live': 'polite' });

  const newTitle = h('input', { type: 'text', 'data-path': 'title', autocomplete: 'off', placeholder: 'e.g. Trade show leads' });
  const createStatus = h('div', { class: 'problem', role: 'alert' });
  const createForm = h(
    'form',
    { class: 'inline', onSubmit: (e: Event) => {
      e.preventDefault();
      void createStatic();
    } },
    field('New static segment', newTitle),
    h('button', { type: 'submit', class: 'secondary' }, 'Create'),
    createStatus,
  );

  replace(
    main,
    h('h2', { class: 'page-title', tabindex: '-1' }, 'Segments'),
    status,
    h(
      'div',
      { class: 'toolbar' },
      h('a', { class: 'button primary', href: '#/new' }, 'New from a description'),
      canDefine(app) ? createForm : null,
    ),
    h(
      'search',
      { class: 'toolbar filters', 'aria-label': 'Find segments' },
      h('div', { class: 'field' }, h('label', { for: 'segment-search' }, 'Search'), finder),
      h('div', { class: 'field' }, h('label', { for: 'segment-type' }, 'Type'), types),
      h('div', { class: 'field' }, h('label', { for: 'segment-filter' }, 'Status'), show),
      h('div', { class: 'field' }, h('label', { for: 'segment-sort' }, 'Sort by'), sorter),
    ),
    shownCount,
    h('div', { class: 'table-wrap' }, table),
  );

  /** The list as filtered, searched and sorted now (no request: the list is small and already here). */
  function draw(): void {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const rows = segments
      .filter((s) => typeFilter === 'all' || s.type === typeFilter)
      .filter((s) => words.every((w) => `${s.title} ${s.slug}`.toLowerCase().includes(w)))
      .sort((a, b) =>
        sortKey === 'members' ? (counted.get(b.id) ?? -1) - (counted.get(a.id) ?? -1) : sortKey === 'updated' ? b.updatedAt.localeCompare(a.updatedAt) : a.title.localeCompare(b.title, 'en'),
      );
    replace(body, rows.length ? rows.map(row) : h('tr', null, h('td', { colspan: '6', class: 'muted' }, segments.length ? 'No segment matches. Clear the search or change the filters.' : 'No segments.')));
    for (const r of rows) {
      const n = counted.get(r.id);
      const cell = body.querySelector<HTMLElement>(`tr[data-segment-id="${CSS.escape(r.id)}"] [data-count]`);
      if (cell && n !== undefined) cell.textContent = formatCount(n);
    }
    shownCount.textContent = `${rows.length} of ${segments.length} ${filter === 'all' ? '' : `${filter} `}segments shown.`;
  }

  async function load(): Promise<void> {
    replace(body, h('tr', null, h('td', { colspan: '6', class: 'muted' }, 'Loading…')));
    try {
      const list = await api<{ segments: SegmentBody[] }>('GET', `/v1/segments${filter === 'all' ? '' : `?status=${filter}`}`);
      segments = list.segments;
      draw();
      await counts(segments.map((s) => s.id));
      if (sortKey === 'members') draw();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(body, h('tr', null, h('td', { colspan: '6', class: 'problem' }, err.problem.detail)));
    }
  }

  async function counts(ids: string[]): Promise<void> {
    const asOf = app.asOf();
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      try {
        const res = await api<{ counts: Record<string, number> }>('POST', '/v1/segments/counts', { ids: chunk, ...(asOf ? { asOf } : {}) });
        for (const [id, n] of Object.entries(res.counts)) {
          counted.set(id, n);
          const cell = body.querySelector<HTMLElement>(`tr[data-segment-id="${CSS.escape(id)}"] [data-count]`);
          if (cell) cell.textContent = formatCount(n);
        }
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        for (const id of chunk) {
          const cell = body.querySelector<HTMLElement>(`tr[data-segment-id="${CSS.escape(id)}"] [data-count]`);
          if (cell) {
            cell.textContent = '—';
            cell.title = err.problem.detail;
          }
        }
        say(status, `Counts unavailable: ${err.problem.detail}`, 'error');
      }
    }
  }

  function row(s: SegmentBody): HTMLTableRowElement {
    const rowStatus = h('p', { class: 'row-status', role: 'alert' });
    const act = (label: string, path: string, done: (result: SegmentBody) => string) =>
      h('button', { type: 'button', class: 'small', 'aria-label': `${label} “${s.title}”`, onClick: async (e: Event) => {
        const button = e.currentTarget as HTMLButtonElement;
        button.disabled = true;
        try {
          const result = await api<SegmentBody>('POST', `/v1/segments/${s.id}/${path}`);
          await app.refreshCatalog();
          say(status, done(result), 'ok');
          await load();
          body.querySelector<HTMLElement>(`tr[data-segment-id="${CSS.escape(result.id)}"]`)?.classList.add('highlight');
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          say(rowStatus, err.problem.detail, 'error');
          button.disabled = false;
        }
      } }, label);
    // A system segment cannot be archived; a copy of it is an ordinary segment.
    const actions = canDefine(app)
      ? [
          act('Duplicate', 'duplicate', (r) => `Duplicated as “${r.title}”.`),
          s.system ? null : s.status === 'active' ? act('Archive', 'archive', (r) => `Archived “${r.title}”.`) : act('Unarchive', 'unarchive', (r) => `Unarchived “${r.title}”.`),
        ]
      : [];
    return h(
      'tr',
      { 'data-segment-id': s.id, class: flash?.segmentId === s.id ? 'highlight' : undefined },
      h('th', { scope: 'row' }, h('a', { href: `#/segments/${s.id}` }, s.title), h('div', { class: 'muted small' }, s.slug)),
      h('td', null, h('span', { class: `badge ${s.type}` }, s.type)),
      h('td', null, h('span', { class: `badge ${s.status}` }, s.status)),
      h('td', { class: 'num', 'data-count': true }, '…'),
      h('td', null, h('time', { datetime: s.updatedAt }, formatDate(s.updatedAt))),
      h('td', null, h('div', { class: 'actions' }, actions), rowStatus),
    );
  }

  async function createStatic(): Promise<void> {
    clearErrors([createForm]);
    createStatus.replaceChildren();
    try {
      const created = await api<SegmentBody>('POST', '/v1/segments', { title: newTitle.value, type: 'static' });
      await app.refreshCatalog();
      app.navigate(`#/segments/${created.id}`, { text: `Created the static segment “${created.title}”. Add members below.` });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showProblem(err.problem, [createForm], createStatus)?.focus();
    }
  }

  void load();
  return { onClock: () => void load() };
}
