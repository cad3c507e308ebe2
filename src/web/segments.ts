// The saved segments: title, type, status and member count (at the page's clock), with archive,
// duplicate and "new static segment". Counts come from one POST /v1/segments/counts per 200 ids.
import { api, ApiError, type SegmentBody } from './api.js';
import { type App, canDefine, type View } from './app.js';
import { field, formatCount, formatDate, h, replace, say } from './dom.js';
import { clearErrors, showProblem } from './errors.js';

type StatusFilter = 'active' | 'archived' | 'all';
let filter: StatusFilter = 'active';

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
  const show = h(
    'select',
    { id: 'segment-filter', onChange: (e: Event) => {
      filter = (e.target as HTMLSelectElement).value as StatusFilter;
      void load();
    } },
    (['active', 'archived', 'all'] as const).map((s) => h('option', { value: s, selected: s === filter }, s === 'all' ? 'All' : s[0]!.toUpperCase() + s.slice(1))),
  );

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
      h('div', { class: 'field' }, h('label', { for: 'segment-filter' }, 'Show'), show),
      h('a', { class: 'button primary', href: '#/new' }, 'New from a description'),
      canDefine(app) ? createForm : null,
    ),
    table,
  );

  async function load(): Promise<void> {
    replace(body, h('tr', null, h('td', { colspan: '6', class: 'muted' }, 'Loading…')));
    try {
      const list = await api<{ segments: SegmentBody[] }>('GET', `/v1/segments${filter === 'all' ? '' : `?status=${filter}`}`);
      replace(body, list.segments.length ? list.segments.map(row) : h('tr', null, h('td', { colspan: '6', class: 'muted' }, 'No segments.')));
      await counts(list.segments.map((s) => s.id));
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
    const actions = canDefine(app)
      ? [
          act('Duplicate', 'duplicate', (r) => `Duplicated as “${r.title}”.`),
          s.status === 'active' ? act('Archive', 'archive', (r) => `Archived “${r.title}”.`) : act('Unarchive', 'unarchive', (r) => `Unarchived “${r.title}”.`),
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
