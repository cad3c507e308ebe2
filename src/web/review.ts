// Describe → review → edit → preview → approve. The description becomes a draft (POST /v1/drafts);
// the reviewer edits its rule tree in the builder; every edit is previewed 300 ms after the last
// keystroke (POST /v1/preview) with the count, the first 10 contacts, the explanation and the clock;
// approving saves the edit (PUT /v1/drafts/:id) and approves it. The same page edits a saved
// dynamic segment's rules (PATCH /v1/segments/:id) and builds a segment from an empty filter.
import type { Group } from '../rules/grammar.js';
import { api, ApiError, type DraftBody, type PreviewBody, type SegmentBody } from './api.js';
import { type App, canDefine, canEdit, definerNote, type View } from './app.js';
import { Builder } from './builder.js';
import { field, formatCount, formatInstant, h, replace, say } from './dom.js';
import { clearErrors, showProblem } from './errors.js';

const DEBOUNCE_MS = 300;
const EXAMPLE = 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days';

type Mode = { kind: 'blank' } | { kind: 'draft'; draft: DraftBody } | { kind: 'segment'; segment: SegmentBody };

interface Work {
  mode: Mode;
  rules: Group;
  description: string;
  title: string;
  slug: string;
}

/** The unsaved work on "New segment", kept while the reviewer looks at other pages. */
let kept: Work | undefined;

/** Drops the unsaved work (on sign-out: the next key may belong to another tenant). */
export function forgetWork(): void {
  kept = undefined;
}

export function reviewView(app: App, main: HTMLElement, segment?: SegmentBody): View {
  if (!canEdit(app)) {
    replace(main, h('h2', { class: 'page-title', tabindex: '-1' }, 'New segment'), h('p', { class: 'notice' }, `This key is ${app.catalog().principal.role}: it can browse segments but not build them. Sign in with an editor or admin key.`));
    return {};
  }
  const work: Work = segment
    ? { mode: { kind: 'segment', segment }, rules: segment.rules!, description: '', title: segment.title, slug: segment.slug }
    : (kept ??= { mode: { kind: 'blank' }, rules: emptyRules(), description: '', title: '', slug: '' });
  let started = Boolean(segment) || work.mode.kind !== 'blank' || work.rules.children.length > 0;

  // ── preview panel ──
  const count = h('p', { class: 'count', 'aria-live': 'polite', 'aria-atomic': 'true' }, '—');
  const clock = h('p', { class: 'clock' });
  const previewStatus = h('p', { class: 'status', role: 'status' });
  const sampleBody = h('tbody');
  const sample = h('table', { class: 'sample' }, h('caption', null, 'First 10 contacts'), h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Company'))), sampleBody);
  const canonical = h('pre', { class: 'json' });
  const preview = h(
    'aside',
    { class: 'preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title' }, 'Live preview'),
    count,
    clock,
    previewStatus,
    sample,
    h('details', null, h('summary', null, 'Canonical rules (JSON)'), canonical),
  );

  // ── builder and what surrounds it ──
  const explanation = h('p', { class: 'explanation' });
  const warnings = h('ul', { class: 'warnings' });
  const builderProblem = h('div', { class: 'problem', role: 'alert' });
  const builder = new Builder(app.catalog(), () => {
    work.rules = builder.rules;
    schedule();
  });

  // ── description ──
  const description = h('textarea', { 'data-path': 'description', rows: '2', placeholder: `e.g. ${EXAMPLE}`, value: work.description, onInput: (e: Event) => (work.description = (e.target as HTMLTextAreaElement).value), onKeydown: (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) describeForm.requestSubmit();
  } });
  const describeStatus = h('p', { class: 'status', role: 'status' });
  const generate = h('button', { type: 'submit', class: 'primary' }, 'Generate filter');
  const describeForm = h(
    'form',
    { class: 'describe', onSubmit: (e: Event) => {
      e.preventDefault();
      void describe();
    } },
    field('Describe the audience', description, 'Plain words; press Ctrl+Enter to generate.'),
    h('div', { class: 'actions' }, generate, h('button', { type: 'button', class: 'secondary', onClick: () => startBlank() }, 'Start from an empty filter'), describeStatus),
  );
  const notes = h('section', { class: 'notes', 'aria-label': 'What to check' });

  // ── save ──
  const title = h('input', { type: 'text', 'data-path': 'title', value: work.title, autocomplete: 'off', onInput: (e: Event) => (work.title = (e.target as HTMLInputElement).value) });
  const slug = h('input', { type: 'text', 'data-path': 'slug', value: work.slug, autocomplete: 'off', placeholder: 'made from the title', onInput: (e: Event) => (work.slug = (e.target as HTMLInputElement).value) });
  const saveStatus = h('div', { class: 'problem', role: 'alert' });
  const saveLabel = work.mode.kind === 'draft' ? 'Approve and save segment' : work.mode.kind === 'segment' ? 'Save changes' : 'Save segment';
  const save = h('button', { type: 'submit', class: 'primary', disabled: !canDefine(app) }, saveLabel);
  const saveForm = h(
    'form',
    { class: 'approve', 'aria-label': 'Save', onSubmit: (e: Event) => {
      e.preventDefault();
      void approve();
    } },
    h('div', { class: 'fields' }, field('Segment title', title), field('Slug (optional)', slug)),
    h('div', { class: 'actions' }, save, segment ? h('a', { href: `#/segments/${segment.id}`, class: 'button secondary' }, 'Cancel') : null),
    canDefine(app) ? null : h('p', { class: 'notice' }, definerNote(app)),
    saveStatus,
  );

  const filterSection = h(
    'section',
    { class: 'filter', 'aria-labelledby': 'filter-title' },
    h('h2', { id: 'filter-title' }, 'Filter'),
    explanation,
    warnings,
    builderProblem,
    builder.el,
  );

  replace(
    main,
    h(
      'div',
      { class: 'review' },
      h(
        'div',
        { class: 'work' },
        h('h2', { class: 'page-title', tabindex: '-1' }, segment ? `Edit “${segment.title}”` : 'New segment'),
        segment ? h('p', { class: 'muted' }, `Changing the rules makes version ${segment.version + 1}; members are recomputed.`) : h('section', { class: 'describe-panel', 'aria-label': 'Description' }, describeForm, notes),
        filterSection,
        saveForm,
      ),
      preview,
    ),
  );

  // ── behaviour ──
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  function schedule(): void {
    clearTimeout(timer);
    say(previewStatus, 'Updating…');
    timer = setTimeout(() => void runPreview(), DEBOUNCE_MS);
  }

  async function runPreview(): Promise<void> {
    const mine = ++seq;
    const asOf = app.asOf();
    try {
      const result = await api<PreviewBody>('POST', '/v1/preview', { rules: builder.rules, ...(asOf ? { asOf } : {}) });
      if (mine !== seq) return;
      clearErrors([builder.el, app.clockScope()]);
      builderProblem.replaceChildren();
      showPreview(result, result.explanation, result.warnings);
    } catch (err) {
      if (mine !== seq || !(err instanceof ApiError)) throw err;
      clearErrors([builder.el, app.clockScope()]);
      showProblem(err.problem, [builder.el, app.clockScope()], builderProblem);
      count.classList.add('stale');
      const n = err.problem.errors?.length ?? 0;
      say(previewStatus, n ? `Fix ${n === 1 ? 'the problem' : `the ${n} problems`} in the filter to update the count.` : err.problem.detail, 'error');
    }
  }

  function showPreview(p: { count: number; sample: PreviewBody['sample']; asOf: string; rules?: Group }, text: string, issues: { path: string; message: string }[]): void {
    count.classList.remove('stale');
    replace(count, h('strong', null, formatCount(p.count)), p.count === 1 ? ' contact' : ' contacts');
    replace(clock, 'as of ', h('time', { datetime: p.asOf }, formatInstant(p.asOf)), app.asOf() ? '' : ' (now)');
    say(previewStatus, `Updated ${new Date().toLocaleTimeString('en-GB')}.`, 'ok');
    replace(sampleBody, p.sample.length ? p.sample.map((c) => h('tr', null, h('td', null, [c.firstName, c.lastName].filter(Boolean).join(' ') || '—'), h('td', null, c.email), h('td', null, c.company ?? '—'))) : h('tr', null, h('td', { colspan: '3', class: 'muted' }, 'No contacts match.')));
    canonical.textContent = JSON.stringify(p.rules ?? builder.rules, null, 2);
    explanation.replaceChildren(h('span', { class: 'label' }, 'In plain English: '), text);
    replace(warnings, issues.map((w) => h('li', null, w.message)));
  }

  function showNotes(draft: DraftBody): void {
    const parts: HTMLElement[] = [];
    if (draft.assumptions.length) {
      parts.push(h('div', { class: 'callout assumptions' }, h('h3', null, 'Check these assumptions'), h('ul', null, draft.assumptions.map((a) => h('li', null, a)))));
    }
    if (draft.unrecognized.length) {
      parts.push(
        h(
          'div',
          { class: 'callout unrecognized' },
          h('h3', null, 'Words the generator did not understand — they are not in the filter'),
          h('p', { class: 'quoted' }, highlight(draft.description, draft.unrecognized.map((s) => s.text))),
        ),
      );
    }
    parts.push(h('p', { class: 'muted provenance' }, `Generated by ${draft.provider} (${draft.model})${draft.edited ? ', edited' : ''}.`));
    replace(notes, parts);
  }

  async function describe(): Promise<void> {
    const asOf = app.asOf();
    clearErrors([describeForm, app.clockScope()]);
    generate.disabled = true;
    say(describeStatus, 'Generating…');
    try {
      const draft = await api<DraftBody>('POST', '/v1/drafts', { description: description.value, ...(asOf ? { asOf } : {}) });
      work.mode = { kind: 'draft', draft };
      work.rules = structuredClone(draft.rules);
      say(describeStatus, '');
      started = true;
      show();
      if (draft.preview) showPreview({ ...draft.preview, rules: draft.rules }, draft.explanation, draft.warnings);
      else say(previewStatus, draft.previewError?.detail ?? 'The preview failed.', 'error');
      save.textContent = 'Approve and save segment';
      filterSection.querySelector<HTMLElement>('h2')?.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showProblem(err.problem, [describeForm, app.clockScope()], describeStatus)?.focus();
    } finally {
      generate.disabled = false;
    }
  }

  function startBlank(): void {
    work.mode = { kind: 'blank' };
    work.rules = emptyRules();
    work.rules.children.push({ type: 'condition', field: app.catalog().fields[0]!.key, operator: 'eq', value: '' });
    started = true;
    replace(notes);
    save.textContent = 'Save segment';
    show();
    schedule();
    builder.el.querySelector<HTMLElement>('select')?.focus();
  }

  async function approve(): Promise<void> {
    clearTimeout(timer);
    clearErrors([saveForm, builder.el]);
    saveStatus.replaceChildren();
    save.disabled = true;
    const names = { title: title.value, ...(slug.value.trim() ? { slug: slug.value.trim() } : {}) };
    try {
      let saved: SegmentBody;
      const mode = work.mode;
      if (mode.kind === 'draft') {
        if (JSON.stringify(builder.rules) !== JSON.stringify(mode.draft.rules)) {
          mode.draft = await api<DraftBody>('PUT', `/v1/drafts/${mode.draft.id}`, { rules: builder.rules });
        }
        saved = await api<SegmentBody>('POST', `/v1/drafts/${mode.draft.id}/approve`, names);
      } else if (mode.kind === 'segment') {
        saved = await api<SegmentBody>('PATCH', `/v1/segments/${mode.segment.id}`, { ...names, rules: builder.rules });
      } else {
        saved = await api<SegmentBody>('POST', '/v1/segments', { ...names, type: 'dynamic', rules: builder.rules });
      }
      if (!segment) kept = undefined;
      await app.refreshCatalog();
      app.navigate(segment ? `#/segments/${saved.id}` : '#/segments', { text: `Saved “${saved.title}”.`, segmentId: saved.id });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showProblem(err.problem, [saveForm, builder.el], saveStatus)?.focus();
    } finally {
      save.disabled = !canDefine(app);
    }
  }

  function show(): void {
    filterSection.hidden = !started;
    saveForm.hidden = !started;
    preview.hidden = !started;
    builder.load(work.rules);
    work.rules = builder.rules;
    if (work.mode.kind === 'draft') showNotes(work.mode.draft);
  }

  show();
  if (started) schedule();
  return {
    onClock: () => {
      if (started) schedule();
    },
    dispose: () => clearTimeout(timer),
  };
}

function emptyRules(): Group {
  return { type: 'group', op: 'and', negate: false, children: [] };
}

/** The description with the words the generator could not place marked. */
function highlight(text: string, words: string[]): (string | HTMLElement)[] {
  const out: (string | HTMLElement)[] = [];
  let at = 0;
  for (const word of words) {
    const i = text.toLowerCase().indexOf(word.toLowerCase(), at);
    if (i < 0) continue;
    out.push(text.slice(at, i), h('mark', null, text.slice(i, i + word.length)));
    at = i + word.length;
  }
  out.push(text.slice(at));
  return out;
}
