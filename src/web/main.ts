// The page shell: sign in with an API key (kept in sessionStorage, sent as the bearer header), the
// evaluation clock, and a hash router over the views.
import type { UiCatalog } from '../ui/catalog.js';
import { api, ApiError, type DraftBody, session, type SegmentBody, UNAUTHORIZED_EVENT } from './api.js';
import type { App, View } from './app.js';
import { h, replace } from './dom.js';
import { clearErrors, showErrors, showProblem } from './errors.js';
import { currentWork, forgetWork, reviewView } from './review.js';
import { segmentView } from './segment.js';
import { segmentsView } from './segments.js';

const CLOCK = 'segment-builder.asOf';
const CATALOG_PATH = '/app/api/catalog';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const sessionBox = document.getElementById('session')!;

let catalog: UiCatalog | undefined;
let view: View = {};
let flash: { text: string; segmentId?: string } | undefined;
let clockTimer: ReturnType<typeof setTimeout> | undefined;

// ?asOf=2026-11-01 in the page URL pins the clock (handy for the demo data, dated 2026-11-01).
const pinned = new URLSearchParams(location.search).get('asOf');
if (pinned !== null) sessionStorage.setItem(CLOCK, pinned);

const clockValue = sessionStorage.getItem(CLOCK) ?? '';
// A date picker; a pinned instant with a time of day (?asOf=…T12:00:00Z) stays editable as text.
const clockInput = h('input', {
  type: clockValue === '' || /^\d{4}-\d{2}-\d{2}$/.test(clockValue) ? 'date' : 'text',
  id: 'clock',
  'data-path': 'asOf',
  autocomplete: 'off',
  min: '1900-01-01',
  max: '2999-12-31',
  value: clockValue,
  'aria-describedby': 'clock-hint',
  onInput: () => {
    sessionStorage.setItem(CLOCK, clockInput.value.trim());
    clearTimeout(clockTimer);
    clockTimer = setTimeout(() => view.onClock?.(), 300);
  },
});
const clockBox = h(
  'div',
  { class: 'clock-box', 'data-errors': true },
  h('label', { for: 'clock' }, 'Count as of'),
  clockInput,
  h('span', { id: 'clock-hint', class: 'hint' }, 'Leave empty for today'),
  h('div', { class: 'errors' }),
);

const app: App = {
  catalog: () => catalog!,
  refreshCatalog: async () => {
    catalog = await api<UiCatalog>('GET', CATALOG_PATH);
  },
  asOf: () => clockInput.value.trim() || undefined,
  clockScope: () => clockBox,
  navigate: (hash, message) => {
    flash = message;
    if (location.hash === hash) void route();
    else location.hash = hash;
  },
  takeFlash: () => {
    const f = flash;
    flash = undefined;
    return f;
  },
};

function signedIn(): void {
  nav.hidden = false;
  replace(
    sessionBox,
    clockBox,
    h('span', { class: 'who' }, `${catalog!.principal.orgId} · ${catalog!.principal.role}`),
    h('button', { type: 'button', class: 'secondary small', onClick: () => signOut() }, 'Sign out'),
  );
}

function signOut(message?: string): void {
  session.clear();
  catalog = undefined;
  forgetWork();
  view.dispose?.();
  view = {};
  nav.hidden = true;
  replace(sessionBox);
  signInView(message);
}

function signInView(message?: string): void {
  const key = h('input', { type: 'password', id: 'api-key', 'data-path': 'key', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'key-hint' });
  const status = h('div', { class: 'problem', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { class: 'signin', 'aria-labelledby': 'signin-title', onSubmit: async (e: Event) => {
      e.preventDefault();
      clearErrors([form]);
      status.replaceChildren();
      const candidate = key.value.trim();
      try {
        catalog = await api<UiCatalog>('GET', CATALOG_PATH, undefined, candidate);
        session.set(candidate);
        signedIn();
        await route();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.problem.status === 401) showErrors({ ...err.problem, errors: [{ path: 'key', message: err.problem.detail }] }, [form]);
        else showProblem(err.problem, [form], status);
        key.focus();
      }
    } },
    h('h2', { id: 'signin-title', tabindex: '-1' }, 'Sign in'),
    h('div', { class: 'field' }, h('label', { for: 'api-key' }, 'API key'), key, h('p', { id: 'key-hint', class: 'hint' }, 'An admin or editor key for your workspace, e.g. from `npm run keys -- create`. It is kept in this tab only.'), h('div', { class: 'errors' })),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    status,
  );
  replace(main, form);
  key.focus();
}

/** The page the reviewer is on, to go back to when they decide to stay. */
let shown = location.hash;

async function route(): Promise<void> {
  if (!catalog) return;
  const warning = view.guardsNavigation ? view.unsaved?.() : null;
  if (warning && location.hash !== shown && !window.confirm(`${warning} Leave this page anyway?`)) {
    history.replaceState(null, '', shown);
    return;
  }
  view.dispose?.();
  view = {};
  if (!location.hash || location.hash === '#/new') {
    const work = currentWork();
    if (work !== '#/new') history.replaceState(null, '', work);
  }
  const hash = location.hash || '#/new';
  shown = hash;
  const [, section, id, sub] = hash.split('/');
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a')) {
    if (link.dataset.nav === (section === 'drafts' ? 'new' : section)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    if (section === 'segments' && id) {
      const segment = await api<SegmentBody>('GET', `/v1/segments/${encodeURIComponent(id)}`);
      view = sub === 'edit' && segment.rules ? reviewView(app, main, { segment }) : segmentView(app, main, segment);
    } else if (section === 'segments') {
      view = segmentsView(app, main);
    } else if (section === 'drafts' && id) {
      const draft = await api<DraftBody>('GET', `/v1/drafts/${encodeURIComponent(id)}`);
      if (draft.approvedSegmentId) {
        history.replaceState(null, '', '#/new');
        sessionStorage.removeItem('segment-builder.current');
        shown = '#/new';
        view = reviewView(app, main);
      } else view = reviewView(app, main, { draft });
    } else {
      view = reviewView(app, main);
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    replace(main, h('h2', { class: 'page-title', tabindex: '-1' }, err.problem.title), h('p', { class: 'problem' }, err.problem.detail), h('p', null, h('a', { href: '#/segments' }, 'All segments')));
  }
  main.querySelector<HTMLElement>('.page-title')?.focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => void route());
// Closing or reloading the tab with edits the server does not have yet asks first.
window.addEventListener('beforeunload', (e) => {
  if (view.unsaved?.()) e.preventDefault();
});
window.addEventListener(UNAUTHORIZED_EVENT, (e) => signOut((e as CustomEvent<string>).detail));

async function start(): Promise<void> {
  if (!session.key()) return signInView();
  try {
    catalog = await api<UiCatalog>('GET', CATALOG_PATH);
    signedIn();
    await route();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    signOut(err.problem.detail);
  }
}

void start();
