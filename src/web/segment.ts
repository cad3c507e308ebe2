// One segment: what it is, its members (keyset-paginated, sortable), CSV export, archive and
// duplicate, and for static segments adding and removing members by contact id.
import { api, ApiError, download, type MembersPageBody, type MembershipChangeBody, query, type SegmentBody } from './api.js';
import { type App, canChangeMembers, canDefine, canEdit, type View } from './app.js';
import { field, formatCount, formatDate, h, replace, say } from './dom.js';
import { clearErrors, showProblem } from './errors.js';

const PAGE_SIZE = 25;
const SORTS = [
  { value: 'created_at', label: 'Created' },
  { value: 'email', label: 'Email' },
  { value: 'last_name', label: 'Last name' },
];

export function segmentView(app: App, main: HTMLElement, s: SegmentBody): View {
  const flash = app.takeFlash();
  const status = h('div', { class: 'flash', role: 'status' }, flash?.text ?? '');
  const countEl = h('span', { class: 'count-inline' });
  const membersBody = h('tbody');
  const pageInfo = h('span', { class: 'page-info', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'secondary', onClick: () => void turn(-1) }, '← Previous');
  const next = h('button', { type: 'button', class: 'secondary', onClick: () => void turn(1) }, 'Next →');
  let sort = 'created_at';
  let order: 'asc' | 'desc' = 'desc';
  // cursors[i] opens page i; page 0 has none.
  let cursors: (string | undefined)[] = [undefined];
  let page = 0;

  const sortSelect = h(
    'select',
    { onChange: (e: Event) => {
      sort = (e.target as HTMLSelectElement).value;
      void reload();
    } },
    SORTS.map((o) => h('option', { value: o.value, selected: o.value === sort }, o.label)),
  );
  const orderSelect = h(
    'select',
    { onChange: (e: Event) => {
      order = (e.target as HTMLSelectElement).value as 'asc' | 'desc';
      void reload();
    } },
    h('option', { value: 'desc', selected: true }, 'Descending'),
    h('option', { value: 'asc' }, 'Ascending'),
  );

  const actionStatus = h('p', { class: 'row-status', role: 'alert' });
  const action = (label: string, run: () => Promise<void>) =>
    h('button', { type: 'button', class: 'secondary', onClick: async (e: Event) => {
      const button = e.currentTarget as HTMLButtonElement;
      button.disabled = true;
      actionStatus.replaceChildren();
      try {
        await run();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        say(actionStatus, err.problem.detail, 'error');
      } finally {
        button.disabled = false;
      }
    } }, label);

  const post = (path: string) => api<SegmentBody>('POST', `/v1/segments/${s.id}/${path}`);
  const actions = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Segment actions' },
    s.type === 'dynamic' && canDefine(app) && canEdit(app) ? h('a', { class: 'button primary', href: `#/segments/${s.id}/edit` }, 'Edit rules') : null,
    action('Export CSV', () => download(`/v1/segments/${s.id}/export.csv${query({ asOf: app.asOf() })}`, `${s.slug}.csv`)),
    canDefine(app)
      ? [
          action('Duplicate', async () => {
            const copy = await post('duplicate');
            await app.refreshCatalog();
            app.navigate(`#/segments/${copy.id}`, { text: `Duplicated as “${copy.title}”.` });
          }),
          action(s.status === 'active' ? 'Archive' : 'Unarchive', async () => {
            const changed = await post(s.status === 'active' ? 'archive' : 'unarchive');
            await app.refreshCatalog();
            app.navigate(`#/segments/${s.id}`, { text: changed.status === 'archived' ? 'Archived.' : 'Unarchived.' });
          }),
        ]
      : null,
    actionStatus,
  );

  const membersSection = h(
    'section',
    { class: 'members', 'aria-labelledby': 'members-title' },
    h('h3', { id: 'members-title' }, 'Members ', countEl),
    h(
      'div',
      { class: 'toolbar' },
      field('Sort by', sortSelect),
      field('Order', orderSelect),
    ),
    h(
      'table',
      { class: 'members-table' },
      h('caption', { class: 'sr-only' }, `Members of ${s.title}`),
      h('thead', null, h('tr', null, ['Name', 'Email', 'Company', 'Created', 'Contact id'].map((c) => h('th', { scope: 'col' }, c)))),
      membersBody,
    ),
    h('nav', { class: 'pager', 'aria-label': 'Member pages' }, prev, pageInfo, next),
  );

  replace(
    main,
    h('p', { class: 'back' }, h('a', { href: '#/segments' }, '← All segments')),
    h('h2', { class: 'page-title', tabindex: '-1' }, s.title, ' ', h('span', { class: `badge ${s.type}` }, s.type), ' ', h('span', { class: `badge ${s.status}` }, s.status)),
    status,
    h('p', { class: 'muted' }, `${s.slug} · version ${s.version} · updated ${formatDate(s.updatedAt)}`),
    s.description ? h('p', null, s.description) : null,
    s.explanation ? h('p', { class: 'explanation' }, h('span', { class: 'label' }, 'In plain English: '), s.explanation) : null,
    actions,
    membersSection,
    s.type === 'static' && canChangeMembers(app) ? staticEditor() : null,
  );

  function staticEditor(): HTMLElement {
    const ids = h('textarea', { 'data-path': 'contactIds', rows: '3', placeholder: 'ct_00001, ct_00002' });
    const result = h('div', { class: 'problem', role: 'alert' });
    const form: HTMLFormElement = h('form', { class: 'member-edit', onSubmit: (e: Event) => e.preventDefault() });
    const change = (method: 'POST' | 'DELETE') => async () => {
      clearErrors([form]);
      result.replaceChildren();
      const contactIds = ids.value.split(/[\s,;]+/).filter(Boolean);
      try {
        const r = await api<MembershipChangeBody>(method, `/v1/segments/${s.id}/members`, { contactIds });
        const verb = method === 'POST' ? 'Added' : 'Removed';
        const lines = [`${verb} ${r.changed.length}.`];
        if (r.unchanged.length) lines.push(`${r.unchanged.length} ${method === 'POST' ? 'already members' : 'were not members'}: ${r.unchanged.join(', ')}.`);
        if (r.unknown.length) lines.push(`Not contacts of this tenant: ${r.unknown.join(', ')}.`);
        say(result, lines.join(' '), r.unknown.length ? 'error' : 'ok');
        if (!r.unknown.length) ids.value = '';
        await reload();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        showProblem(err.problem, [form], result)?.focus();
      }
    };
    form.append(
      field('Contact ids', ids, 'Separate with commas, spaces or new lines.'),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onClick: change('POST') }, 'Add to segment'), h('button', { type: 'button', class: 'secondary', onClick: change('DELETE') }, 'Remove from segment')),
      result,
    );
    return h('section', { class: 'static-edit', 'aria-labelledby': 'static-title' }, h('h3', { id: 'static-title' }, 'Add or remove members'), form);
  }

  async function loadCount(): Promise<void> {
    const asOf = app.asOf();
    try {
      const res = await api<{ counts: Record<string, number> }>('POST', '/v1/segments/counts', { ids: [s.id], ...(asOf ? { asOf } : {}) });
      countEl.textContent = `(${formatCount(res.counts[s.id] ?? 0)})`;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      countEl.textContent = '';
    }
  }

  async function loadPage(): Promise<void> {
    try {
      const res = await api<MembersPageBody>('GET', `/v1/segments/${s.id}/members${query({ limit: PAGE_SIZE, sort, order, cursor: cursors[page], asOf: app.asOf() })}`);
      cursors[page + 1] = res.nextCursor ?? undefined;
      replace(
        membersBody,
        res.members.length
          ? res.members.map((m) => h('tr', null, h('td', null, [m.firstName, m.lastName].filter(Boolean).join(' ') || '—'), h('td', null, m.email), h('td', null, m.company ?? '—'), h('td', null, formatDate(m.createdAt)), h('td', { class: 'mono' }, m.id)))
          : h('tr', null, h('td', { colspan: '5', class: 'muted' }, page === 0 ? 'No members.' : 'No more members.')),
      );
      const from = page * PAGE_SIZE + 1;
      pageInfo.textContent = res.members.length ? `Page ${page + 1} · ${from}–${from + res.members.length - 1}` : `Page ${page + 1}`;
      prev.disabled = page === 0;
      next.disabled = !res.nextCursor;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(membersBody, h('tr', null, h('td', { colspan: '5', class: 'problem' }, err.problem.detail)));
    }
  }

  async function turn(by: number): Promise<void> {
    page = Math.max(0, page + by);
    await loadPage();
  }

  async function reload(): Promise<void> {
    cursors = [undefined];
    page = 0;
    await Promise.all([loadCount(), loadPage()]);
  }

  void reload();
  return { onClock: () => void reload() };
}
