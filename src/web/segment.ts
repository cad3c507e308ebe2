// One segment: what it is, its actions, and tabs for its members (searchable, sortable, paged, with
// totals), its rules (read-only, with "Edit rules"), its history (size over time, versions, restore)
// and what uses it. Actions that the segment or the key cannot do are not shown (a system segment has
// no Edit, Archive or Delete; a viewer has no actions that write). Static segments add members by
// contact search, pasted emails, a CSV file or contact ids, and remove them by id.
import { api, ApiError, download, type MembersPageBody, type MembershipChangeBody, query, RawBody, type SegmentBody } from './api.js';
import { type App, canChangeMembers, canDefine, canEdit, type View } from './app.js';
import { historyPanel } from './history.js';
import { field, formatCount, formatDate, h, replace, say } from './dom.js';
import { clearErrors, showProblem } from './errors.js';
import { plainProblem } from './messages.js';
import { rulesOutline } from './outline.js';
import { tabs } from './tabs.js';

const PAGE_SIZE = 25;
const COLUMNS: { label: string; sort?: 'created_at' | 'email' | 'last_name' }[] = [
  { label: 'Name', sort: 'last_name' },
  { label: 'Email', sort: 'email' },
  { label: 'Company' },
  { label: 'Created', sort: 'created_at' },
];

interface UsedByBody {
  segments: { id: string; title: string }[];
  webhooks: { id: string; url: string; description: string | null }[];
}

export function segmentView(app: App, main: HTMLElement, s: SegmentBody): View {
  const flash = app.takeFlash();
  const status = h('div', { class: 'flash', role: 'status' }, flash?.text ?? '');
  const countEl = h('span', { class: 'count-inline' });
  let total: number | undefined;
  const membersBody = h('tbody');
  const pageInfo = h('span', { class: 'page-info', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'secondary', onClick: () => void turn(-1) }, '← Previous');
  const next = h('button', { type: 'button', class: 'secondary', onClick: () => void turn(1) }, 'Next →');
  let sort: 'created_at' | 'email' | 'last_name' = 'created_at';
  let order: 'asc' | 'desc' = 'desc';
  // cursors[i] opens page i; page 0 has none.
  let cursors: (string | undefined)[] = [undefined];
  let page = 0;
  let rowsShown = 0;
  /** The members search (name or email); empty: every member. */
  let q = '';
  let matching: number | null = null;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const memberSearch = h('input', { type: 'search', id: 'member-search', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. anna@ or ann kow', onInput: () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      q = memberSearch.value.trim();
      void reloadPage();
    }, 250);
  } });

  const actionStatus = h('p', { class: 'row-status', role: 'alert' });
  const action = (label: string, run: () => Promise<void>, tone: 'secondary' | 'danger' = 'secondary') =>
    h('button', { type: 'button', class: tone, onClick: async (e: Event) => {
      const button = e.currentTarget as HTMLButtonElement;
      button.disabled = true;
      actionStatus.replaceChildren();
      try {
        await run();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        say(actionStatus, plainProblem(err.problem).detail, 'error');
      } finally {
        button.disabled = false;
      }
    } }, label);

  const post = <T = SegmentBody>(path: string, body?: unknown) => api<T>('POST', `/v1/segments/${s.id}/${path}`, body);
  const dynamic = s.type === 'dynamic';
  const define = canDefine(app);
  const actions = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Segment actions' },
    dynamic && !s.system && define && canEdit(app) ? h('a', { class: 'button primary', href: `#/segments/${s.id}/edit` }, 'Edit rules') : null,
    action('Export CSV', () => download(`/v1/segments/${s.id}/export.csv${query({ asOf: app.asOf() })}`, `${s.slug}.csv`)),
    define
      ? action('Duplicate', async () => {
          const copy = await post('duplicate');
          await app.refreshCatalog();
          app.navigate(`#/segments/${copy.id}`, { text: `Duplicated as “${copy.title}”.` });
        })
      : null,
    dynamic && define
      ? action('Freeze to a static list', async () => {
          const asOf = app.asOf();
          const frozen = await post('freeze', asOf ? { asOf } : {});
          await app.refreshCatalog();
          app.navigate(`#/segments/${frozen.id}`, { text: `Froze today’s members into the static segment “${frozen.title}”.` });
        })
      : null,
    dynamic && canChangeMembers(app)
      ? action('Recompute now', async () => {
          const r = await post<{ count: number; computedAt: string }>('recompute');
          say(status, `Recomputed: ${formatCount(r.count)} ${r.count === 1 ? 'member' : 'members'}.`, 'ok');
          await reload();
        })
      : null,
    !s.system && define
      ? action(s.status === 'active' ? 'Archive' : 'Unarchive', async () => {
          const changed = await post(s.status === 'active' ? 'archive' : 'unarchive');
          await app.refreshCatalog();
          app.navigate(`#/segments/${s.id}`, { text: changed.status === 'archived' ? 'Archived. It is hidden from the list unless you show archived segments.' : 'Unarchived.' });
        })
      : null,
    !s.system && define
      ? action(
          'Delete',
          async () => {
            if (!window.confirm(`Delete “${s.title}”? This cannot be undone.`)) return;
            await api('DELETE', `/v1/segments/${s.id}`);
            await app.refreshCatalog();
            app.navigate('#/segments', { text: `Deleted “${s.title}”.` });
          },
          'danger',
        )
      : null,
    actionStatus,
  );

  const head = h(
    'tr',
    null,
    COLUMNS.map((c) => {
      if (!c.sort) return h('th', { scope: 'col' }, c.label);
      const key = c.sort;
      const active = sort === key;
      return h(
        'th',
        { scope: 'col', 'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', class: 'sort', 'data-sort': key, onClick: () => {
          order = sort === key && order === 'asc' ? 'desc' : sort === key ? 'asc' : key === 'created_at' ? 'desc' : 'asc';
          sort = key;
          refreshHead();
          void reload();
        } }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (order === 'asc' ? ' ▲' : ' ▼') : '')),
      );
    }),
  );
  function refreshHead(): void {
    for (const th of head.querySelectorAll<HTMLElement>('th[aria-sort]')) {
      const key = th.querySelector<HTMLElement>('button')!.dataset.sort;
      const active = key === sort;
      th.setAttribute('aria-sort', active ? (order === 'asc' ? 'ascending' : 'descending') : 'none');
      th.querySelector('.sort-mark')!.textContent = active ? (order === 'asc' ? ' ▲' : ' ▼') : '';
    }
  }

  const membersPanel = h(
    'div',
    { class: 'members' },
    h('h3', { id: 'members-title' }, 'Members ', countEl),
    // Searching by name or email is for contacts; companies and deals page through their members.
    (s.objectType ?? 'contacts') === 'contacts' ? h('div', { class: 'member-search', role: 'search', 'aria-label': 'Members' }, field('Search members by name or email', memberSearch)) : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'members-table', 'aria-labelledby': 'members-title' }, h('thead', null, head), membersBody)),
    h('nav', { class: 'pager', 'aria-label': 'Member pages' }, prev, pageInfo, next),
    s.type === 'static' && !s.system && canChangeMembers(app) ? staticEditor() : null,
  );

  const rulesPanel = h(
    'div',
    { class: 'rules-view' },
    s.rules ? [s.explanation ? h('p', { class: 'explanation' }, h('span', { class: 'label' }, 'In plain English: '), s.explanation) : null, rulesOutline(s.rules, app.catalog())] : h('p', { class: 'muted' }, 'A static segment has no rules: its members are the contacts added to it.'),
    s.description ? h('p', { class: 'muted' }, 'Originally described as: ', h('q', null, s.description)) : null,
    dynamic && !s.system && define && canEdit(app) ? h('p', null, h('a', { class: 'button secondary', href: `#/segments/${s.id}/edit` }, 'Edit rules')) : null,
  );

  const usedByPanel = h('div', { class: 'used-by' }, h('p', { class: 'muted' }, 'Loading…'));
  const history = historyPanel(app, s);

  replace(
    main,
    h('p', { class: 'back' }, h('a', { href: '#/segments' }, '← All segments')),
    h(
      'h2',
      { class: 'page-title', tabindex: '-1' },
      s.title,
      ' ',
      h('span', { class: `badge ${s.type}` }, s.type),
      ' ',
      h('span', { class: `badge ${s.status}` }, s.status),
      s.system ? [' ', h('span', { class: 'badge system' }, 'maintained by the service')] : null,
    ),
    status,
    h('p', { class: 'muted' }, `Version ${s.version} · updated ${formatDate(s.updatedAt)} · created ${formatDate(s.createdAt)}`),
    actions,
    tabs('Segment', [
      { id: 'members', label: 'Members', panel: membersPanel },
      { id: 'rules', label: 'Rules', panel: rulesPanel },
      { id: 'history', label: 'History', panel: history.el, onShow: () => void history.load() },
      { id: 'used-by', label: 'Used by', panel: usedByPanel, onShow: () => void loadUsedBy() },
    ]),
  );

  function staticEditor(): HTMLElement {
    // 1. Find contacts by name or email (GET /v1/contacts?q=…) and add one with a click.
    const finder = h('input', { type: 'search', autocomplete: 'off', placeholder: 'e.g. anna@ or ann kow', onInput: () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => void search(), 250);
    } });
    const found = h('ul', { class: 'found', 'aria-label': 'Contacts found' });
    const foundStatus = h('p', { class: 'status', role: 'status' });
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    let searchSeq = 0;
    async function search(): Promise<void> {
      const q = finder.value.trim();
      const mine = ++searchSeq;
      if (!q) {
        replace(found);
        say(foundStatus, '');
        return;
      }
      try {
        const page = await api<{ contacts: { id: string; email: string; firstName: string | null; lastName: string | null }[]; nextCursor: string | null }>('GET', `/v1/contacts${query({ q, limit: 8, sort: 'email', order: 'asc' })}`);
        if (mine !== searchSeq) return;
        replace(
          found,
          page.contacts.map((c) => {
            const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email;
            return h('li', null, h('button', { type: 'button', class: 'secondary small', 'aria-label': `Add ${name} <${c.email}>`, onClick: async (e: Event) => {
              const button = e.currentTarget as HTMLButtonElement;
              button.disabled = true;
              await add([c.id], `${name} <${c.email}>`);
            } }, '+ Add'), ' ', h('span', null, name), ' ', h('span', { class: 'muted' }, c.email));
          }),
        );
        say(foundStatus, page.contacts.length ? `${page.contacts.length}${page.nextCursor ? '+' : ''} found.` : 'No contact matches. Try the start of an email address or of a name.');
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        say(foundStatus, plainProblem(err.problem).detail, 'error');
      }
    }
    async function add(contactIds: string[], who: string): Promise<void> {
      try {
        const r = await api<MembershipChangeBody>('POST', `/v1/segments/${s.id}/members`, { contactIds });
        say(result, r.changed.length ? `Added ${who}.` : `${who} is already a member.`, 'ok');
        await reload();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        say(result, plainProblem(err.problem).detail, 'error');
      }
    }

    // 2. Paste emails, or 3. upload a CSV file: both go through the CSV import (all or nothing).
    const emails = h('textarea', { rows: '3', placeholder: 'anna@example.com\nben@example.com' });
    const file = h('input', { type: 'file', accept: '.csv,text/csv' });
    async function importCsv(text: string, what: string): Promise<void> {
      result.replaceChildren();
      try {
        const r = await api<{ rows: number; added: number; alreadyMembers: number; unmatched: { count: number; rows: { row: number; value: string; reason: string }[] } }>(
          'POST',
          `/v1/segments/${s.id}/members/import`,
          new RawBody(text, 'text/csv'),
        );
        const lines = [`${what}: added ${formatCount(r.added)} of ${formatCount(r.rows)}.`];
        if (r.alreadyMembers) lines.push(`${formatCount(r.alreadyMembers)} already members.`);
        if (r.unmatched.count) lines.push(`No contact for ${formatCount(r.unmatched.count)}: ${r.unmatched.rows.slice(0, 10).map((u) => u.value || `row ${u.row}`).join(', ')}${r.unmatched.count > 10 ? ', …' : ''}.`);
        say(result, lines.join(' '), r.unmatched.count ? 'error' : 'ok');
        await reload();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        say(result, plainProblem(err.problem).detail, 'error');
      }
    }

    // 4. By contact id, also to remove.
    const ids = h('textarea', { 'data-path': 'contactIds', rows: '2', placeholder: 'ct_00001, ct_00002' });
    const result = h('div', { class: 'problem', role: 'alert' });
    const form: HTMLFormElement = h('form', { class: 'member-edit', onSubmit: (e: Event) => e.preventDefault() });
    const change = (method: 'POST' | 'DELETE') => async () => {
      clearErrors([form]);
      result.replaceChildren();
      const contactIds = ids.value.split(/[\s,;]+/).filter(Boolean);
      if (!contactIds.length) {
        say(result, 'Enter at least one contact id.', 'error');
        ids.focus();
        return;
      }
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
        showProblem(plainProblem(err.problem, app.catalog()), [form], result)?.focus();
      }
    };
    form.append(
      h('div', { class: 'add-ways' },
        h('div', null, field('Find a contact by name or email', finder), foundStatus, found),
        h('div', null, field('Paste email addresses', emails, 'One per line, or separated by commas.'), h('button', { type: 'button', class: 'secondary', onClick: () => {
          const list = emails.value.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
          if (!list.length) return say(result, 'Paste at least one email address.', 'error');
          void importCsv(`email\n${list.map((x) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x)).join('\n')}\n`, 'Pasted emails').then(() => (emails.value = ''));
        } }, 'Add these emails')),
        h('div', null, field('Upload a CSV file', file, 'With an “email” or an “id” column; other columns are ignored.'), h('button', { type: 'button', class: 'secondary', onClick: async () => {
          const chosen = file.files?.[0];
          if (!chosen) return say(result, 'Choose a CSV file first.', 'error');
          await importCsv(await chosen.text(), chosen.name);
        } }, 'Add from file')),
      ),
      field('Contact ids', ids, 'Separate with commas, spaces or new lines.'),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onClick: change('POST') }, 'Add to segment'), h('button', { type: 'button', class: 'secondary', onClick: change('DELETE') }, 'Remove from segment')),
      result,
    );
    return h('section', { class: 'static-edit', 'aria-labelledby': 'static-title' }, h('h3', { id: 'static-title' }, 'Add or remove members'), form);
  }

  async function loadUsedBy(): Promise<void> {
    try {
      const used = await api<UsedByBody>('GET', `/v1/segments/${s.id}/used-by`);
      replace(
        usedByPanel,
        used.segments.length || used.webhooks.length
          ? [
              used.segments.length ? [h('h3', null, 'Segments whose rules use it'), h('ul', null, used.segments.map((x) => h('li', null, h('a', { href: `#/segments/${x.id}` }, x.title))))] : null,
              used.webhooks.length ? [h('h3', null, 'Webhooks that follow it'), h('ul', null, used.webhooks.map((w) => h('li', null, w.description ? `${w.description} — ` : '', h('span', { class: 'mono' }, w.url))))] : null,
              h('p', { class: 'muted' }, 'While something uses this segment it cannot be archived or deleted.'),
            ]
          : h('p', { class: 'muted' }, 'Nothing uses this segment: no other segment’s rules and no webhook refer to it.'),
      );
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(usedByPanel, h('p', { class: 'problem' }, err.problem.detail));
    }
  }

  async function loadCount(): Promise<void> {
    const asOf = app.asOf();
    try {
      const res = await api<{ counts: Record<string, number> }>('POST', '/v1/segments/counts', { ids: [s.id], ...(asOf ? { asOf } : {}) });
      total = res.counts[s.id] ?? 0;
      countEl.textContent = `(${formatCount(total)})`;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      total = undefined;
      countEl.textContent = '';
    }
    showPageInfo();
  }

  function showPageInfo(): void {
    const from = page * PAGE_SIZE + 1;
    const of = q && matching !== null ? ` of ${formatCount(matching)} matching “${q}”` : total !== undefined ? ` of ${formatCount(total)}` : '';
    pageInfo.textContent = rowsShown ? `${formatCount(from)}–${formatCount(from + rowsShown - 1)}${of} · page ${page + 1}` : q ? `No member matches “${q}”.` : `Page ${page + 1}`;
  }

  async function loadPage(): Promise<void> {
    try {
      const asked = q;
      const contacts = (s.objectType ?? 'contacts') === 'contacts';
      const res = await api<MembersPageBody>('GET', `/v1/segments/${s.id}/members${query({ limit: PAGE_SIZE, sort: contacts ? sort : undefined, order, cursor: cursors[page], asOf: app.asOf(), q: contacts ? asked : undefined })}`);
      if (asked !== q) return; // a newer search is on its way
      cursors[page + 1] = res.nextCursor ?? undefined;
      rowsShown = res.members.length;
      matching = res.matching;
      replace(
        membersBody,
        res.members.length
          ? res.members.map((m) =>
              'email' in m
                ? h('tr', null, h('td', null, [m.firstName, m.lastName].filter(Boolean).join(' ') || '—'), h('td', null, m.email), h('td', null, m.company ?? '—'), h('td', null, formatDate(m.createdAt)))
                : h('tr', null, h('td', null, m.name), h('td', null, 'stage' in m ? m.stage.replace(/_/g, ' ') : (m.domain ?? '—')), h('td', null, ('stage' in m ? m.company : m.industry) ?? '—'), h('td', null, 'createdAt' in m ? formatDate(m.createdAt) : '—')),
            )
          : h('tr', null, h('td', { colspan: '4', class: 'muted' }, q ? `No member matches “${q}”. Try the start of an email address or of a name.` : page === 0 ? 'No members.' : 'No more members.')),
      );
      showPageInfo();
      prev.disabled = page === 0;
      next.disabled = !res.nextCursor;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(membersBody, h('tr', null, h('td', { colspan: '4', class: 'problem' }, err.problem.detail)));
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

  async function reloadPage(): Promise<void> {
    cursors = [undefined];
    page = 0;
    await loadPage();
  }

  void reload();
  return { onClock: () => void reload(), dispose: () => clearTimeout(searchTimer) };
}
