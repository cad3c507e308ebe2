// Describe → review → edit → preview → approve. The description becomes a draft (POST /v1/drafts)
// and the URL then carries its id (#/drafts/<id>), so a reload or a shared link opens the same draft.
// The reviewer edits the rule tree in the builder; 300 ms after the last edit the finished part of
// the tree (complete.ts: unfinished rows are marked, not counted, and block approval) is saved into
// the draft and previewed in one call (PUT /v1/drafts/:id), or just previewed (POST /v1/preview) for
// a filter built from scratch. The work also lives in sessionStorage, so unfinished rows and the title
// survive a reload; what the server does not have yet is "unsaved" and warns before the tab closes.
// The same page edits a saved dynamic segment's rules (PATCH /v1/segments/:id).
import type { Group } from '../rules/grammar.js';
import { api, ApiError, type DraftBody, type FunnelBody, type PreviewBody, type PreviewEditBody, type ProblemBody, type SegmentBody } from './api.js';
import { type App, canDefine, canEdit, definerNote, type View } from './app.js';
import { Builder } from './builder.js';
import { pairPaths, ready, type Ready, toBuilderPath } from './complete.js';
import { field, formatCount, formatInstant, h, replace, say } from './dom.js';
import { clearErrors, showProblem } from './errors.js';
import { plainProblem } from './messages.js';

const DEBOUNCE_MS = 300;
const EXAMPLE = 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days';
const STORE = 'segment-builder.work:';
/** The draft (or "new") that "New segment" returns to. */
const CURRENT = 'segment-builder.current';

type Mode = { kind: 'blank' } | { kind: 'draft'; draft: DraftBody } | { kind: 'segment'; segment: SegmentBody };

interface Stored {
  rules: Group;
  title: string;
  slug: string;
  description: string;
}

const storeKey = (mode: Mode) => STORE + (mode.kind === 'draft' ? `draft:${mode.draft.id}` : mode.kind === 'segment' ? `segment:${mode.segment.id}` : 'new');

function readStored(mode: Mode): Stored | undefined {
  try {
    const raw = sessionStorage.getItem(storeKey(mode));
    return raw ? (JSON.parse(raw) as Stored) : undefined;
  } catch {
    return undefined;
  }
}

/** Drops the unsaved work (on sign-out: the next key may belong to another tenant). */
export function forgetWork(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(STORE) || key === CURRENT) sessionStorage.removeItem(key);
}

/** Where "New segment" goes: the draft being reviewed in this tab, if any. */
export function currentWork(): string {
  const id = sessionStorage.getItem(CURRENT);
  return id ? `#/drafts/${id}` : '#/new';
}

const emptyRules = (): Group => ({ type: 'group', op: 'and', negate: false, children: [] });

type PreviewData = NonNullable<DraftBody['preview']>;

/** Every node path of a tree (groups and leaves, relation filters included). */
function pathList(g: Group, root = 'rules'): string[] {
  const out = [root];
  g.children.forEach((c, i) => {
    const p = `${root}.children[${i}]`;
    if (c.type === 'group') out.push(...pathList(c, p));
    else out.push(p);
  });
  return out;
}

export function reviewView(app: App, main: HTMLElement, start: { segment?: SegmentBody; draft?: DraftBody } = {}): View {
  const { segment } = start;
  if (!canEdit(app)) {
    replace(main, h('h2', { class: 'page-title', tabindex: '-1' }, 'New segment'), h('p', { class: 'notice' }, `This key is ${app.catalog().principal.role}: it can browse segments but not build them. Sign in with an editor or admin key.`));
    return {};
  }
  let mode: Mode = segment ? { kind: 'segment', segment } : start.draft ? { kind: 'draft', draft: start.draft } : { kind: 'blank' };
  const stored = readStored(mode);
  const initialRules = stored?.rules ?? (segment ? segment.rules! : start.draft ? start.draft.rules : emptyRules());
  /** What the server has: differences from it are unsaved. */
  let baseline = JSON.stringify(segment ? segment.rules : start.draft ? start.draft.rules : emptyRules());
  let started = mode.kind !== 'blank' || initialRules.children.length > 0;
  let finished: Ready = { rules: null, unfinished: [], paths: new Map() };
  /** Open spans of the description the reviewer accepts the rules without ("start:end"). */
  const acknowledged = new Set<string>();

  // ── preview panel: the count bar (fixed at the bottom on a phone) and the first contacts ──
  const count = h('p', { class: 'count', 'aria-live': 'polite', 'aria-atomic': 'true' }, '—');
  const left = h('p', { class: 'left-out' });
  const reach = h('p', { class: 'reach' });
  const clock = h('p', { class: 'clock' });
  const previewStatus = h('p', { class: 'status', role: 'status' });
  const sampleBody = h('tbody');
  const sample = h('table', { class: 'sample' }, h('caption', null, 'First 10 contacts'), h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Why it matches'))), sampleBody);
  // Editing a saved segment: who the edit would add and remove, before it is saved.
  const impact = segment ? h('section', { class: 'edit-impact', 'aria-labelledby': 'impact-title', 'aria-live': 'polite' }, h('h3', { id: 'impact-title' }, 'If you save'), h('p', { class: 'muted' }, 'Change the rules to see who would join or leave.')) : null;
  const preview = h(
    'aside',
    { class: 'preview', 'aria-labelledby': 'preview-title' },
    h('div', { class: 'count-bar' }, h('h2', { id: 'preview-title' }, 'Live count'), count, reach, left, clock, previewStatus),
    impact,
    h('div', { class: 'sample-box' }, sample),
  );

  // ── builder and what surrounds it ──
  const explanation = h('p', { class: 'explanation' });
  const warnings = h('ul', { class: 'warnings' });
  const builderProblem = h('div', { class: 'problem', role: 'alert' });
  const undo = h('button', { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'Control+Z', onClick: () => builder.undo() }, '↶ Undo');
  const redo = h('button', { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'Control+Shift+Z', onClick: () => builder.redo() }, '↷ Redo');
  const builder = new Builder(app.catalog(), () => edited());

  // ── description ──
  const description = h('textarea', { 'data-path': 'description', rows: '2', placeholder: `e.g. ${EXAMPLE}`, value: stored?.description ?? (start.draft?.description ?? ''), onInput: () => persist(), onKeydown: (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) describeForm.requestSubmit();
  } });
  const describeStatus = h('div', { class: 'status', role: 'status' });
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
  const alternativeStatus = h('p', { class: 'row-status', role: 'alert' });

  // ── save ──
  const title = h('input', { type: 'text', 'data-path': 'title', value: stored?.title ?? segment?.title ?? '', autocomplete: 'off', onInput: () => persist() });
  const slug = h('input', { type: 'text', 'data-path': 'slug', value: stored?.slug ?? segment?.slug ?? '', autocomplete: 'off', placeholder: 'made from the title', onInput: () => persist() });
  const saveStatus = h('div', { class: 'problem', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary', disabled: !canDefine(app) }, saveLabel());
  const saveForm = h(
    'form',
    { class: 'approve', 'aria-label': 'Save', onSubmit: (e: Event) => {
      e.preventDefault();
      void approve();
    } },
    h('div', { class: 'fields' }, field('Segment title', title), field('Short name in links (optional)', slug)),
    h('div', { class: 'actions' }, save, segment ? h('a', { href: `#/segments/${segment.id}`, class: 'button secondary' }, 'Cancel') : null),
    canDefine(app) ? null : h('p', { class: 'notice' }, definerNote(app)),
    saveStatus,
  );

  const filterSection = h(
    'section',
    { class: 'filter', 'aria-labelledby': 'filter-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'filter-title' }, 'Rules'), h('div', { class: 'history-buttons', role: 'group', 'aria-label': 'Undo and redo' }, undo, redo)),
    explanation,
    warnings,
    builderProblem,
    builder.el,
  );

  const unbindKeys = builder.bindKeys(filterSection);
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
  let countsSeq = 0;

  function saveLabel(): string {
    return mode.kind === 'draft' ? 'Approve and save segment' : mode.kind === 'segment' ? 'Save changes' : 'Save segment';
  }

  function persist(): void {
    const work: Stored = { rules: builder.rules, title: title.value, slug: slug.value, description: description.value };
    sessionStorage.setItem(storeKey(mode), JSON.stringify(work));
    if (mode.kind === 'draft') sessionStorage.setItem(CURRENT, mode.draft.id);
    else if (mode.kind === 'blank') sessionStorage.removeItem(CURRENT);
  }

  /** After every builder edit; `preview: false` when the server has just previewed the tree itself. */
  function edited(preview = true): void {
    persist();
    undo.disabled = !builder.canUndo;
    redo.disabled = !builder.canRedo;
    finished = ready(builder.rules, app.catalog());
    builder.mark(finished.unfinished);
    if (preview) schedule();
  }

  function schedule(): void {
    clearTimeout(timer);
    say(previewStatus, 'Updating…');
    timer = setTimeout(() => void runPreview(), DEBOUNCE_MS);
  }

  function showLeftOut(): void {
    const n = finished.unfinished.length;
    left.textContent = n ? `${n === 1 ? '1 unfinished condition is' : `${n} unfinished conditions are`} not counted.` : '';
  }

  async function runPreview(): Promise<void> {
    const mine = ++seq;
    const asOf = app.asOf();
    finished = ready(builder.rules, app.catalog());
    const sent = finished;
    builder.mark(finished.unfinished);
    showLeftOut();
    clearErrors([builder.el, app.clockScope()]);
    builderProblem.replaceChildren();
    if (!finished.rules) {
      replace(count, h('strong', null, '—'));
      count.classList.add('stale');
      say(previewStatus, 'Add a condition to see how many contacts match.');
      replace(sampleBody);
      explanation.replaceChildren();
      return;
    }
    try {
      let result: PreviewData;
      let canonical: Group;
      let text: string;
      let issues: { path: string; message: string }[];
      const clockOf = (t: string | null | undefined) => (t ? Date.parse(t) : null);
      if (mode.kind === 'draft' && JSON.stringify(finished.rules) !== baseline && clockOf(mode.draft.asOf) === clockOf(asOf)) {
        // Saved into the draft and previewed at the draft's clock in one call.
        const draft = await api<DraftBody>('PUT', `/v1/drafts/${mode.draft.id}`, { rules: finished.rules });
        if (mine !== seq) return;
        mode.draft = draft;
        baseline = JSON.stringify(finished.rules);
        if (!draft.preview) {
          say(previewStatus, draft.previewError?.detail ?? 'The count could not be computed.', 'error');
          return;
        }
        result = draft.preview;
        canonical = draft.rules;
        text = draft.explanation;
        issues = draft.warnings;
        showNotes(draft);
      } else {
        if (mode.kind === 'draft' && JSON.stringify(finished.rules) !== baseline) {
          mode.draft = await api<DraftBody>('PUT', `/v1/drafts/${mode.draft.id}`, { rules: finished.rules });
          baseline = JSON.stringify(finished.rules);
        }
        const p = await api<PreviewBody>('POST', '/v1/preview', { rules: finished.rules, ...(asOf ? { asOf } : {}) });
        if (mine !== seq) return;
        result = p;
        canonical = p.rules;
        text = p.explanation;
        issues = p.warnings;
      }
      showPreview(result, canonical, text, issues, pairPaths(canonical, sent.rules!, sent.paths));
      if (mode.kind === 'segment') await showImpact(mode.segment, sent.rules!, mine);
    } catch (err) {
      if (mine !== seq || !(err instanceof ApiError)) throw err;
      const problem = mapPaths(plainProblem(err.problem, app.catalog()), sent);
      showProblem(problem, [builder.el, app.clockScope()], builderProblem);
      count.classList.add('stale');
      const n = problem.errors?.length ?? 0;
      say(previewStatus, n ? `Fix ${n === 1 ? 'the problem' : `the ${n} problems`} in the rules to update the count.` : problem.detail, 'error');
    }
  }

  /** Who joins and who leaves if the edited rules were saved (POST …/preview-edit; changes nothing). */
  async function showImpact(saved: SegmentBody, rules: Group, mine: number): Promise<void> {
    if (!impact) return;
    const asOf = app.asOf();
    const e = await api<PreviewEditBody>('POST', `/v1/segments/${saved.id}/preview-edit`, { rules, ...(asOf ? { asOf } : {}) });
    if (mine !== seq) return;
    const people = (what: string, change: PreviewEditBody['joining']) =>
      change.count
        ? h(
            'details',
            { class: `impact-${what}` },
            h('summary', null, `${formatCount(change.count)} would ${what}`),
            h('ul', { class: 'people' }, change.sample.map((c) => h('li', null, [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email, ' ', h('span', { class: 'muted' }, c.email)))),
            change.count > change.sample.length ? h('p', { class: 'muted small' }, `First ${change.sample.length} of ${formatCount(change.count)} by id.`) : null,
          )
        : h('p', { class: `impact-${what} muted` }, `No one would ${what}.`);
    replace(
      impact,
      h('h3', { id: 'impact-title' }, 'If you save'),
      e.changed
        ? [h('p', { class: 'impact-total' }, h('strong', null, `${formatCount(e.before)} → ${formatCount(e.after)} members`), e.comparedWith === 'recorded_members' ? ' (compared with the members recorded now)' : ''), people('join', e.joining), people('leave', e.leaving)]
        : h('p', { class: 'muted' }, `These rules mean the same as the saved ones: the ${formatCount(e.before)} members stay.`),
    );
  }

  /** The server's paths are about the finished tree; the builder shows the whole one. */
  function mapPaths(problem: ProblemBody, sent: Ready = finished): ProblemBody {
    return problem.errors ? { ...problem, errors: problem.errors.map((e) => ({ ...e, path: toBuilderPath(e.path, sent.paths) })) } : problem;
  }

  function showPreview(p: PreviewData, rules: Group, text: string, issues: { path: string; message: string }[], paths: Map<string, string>): void {
    count.classList.remove('stale');
    replace(count, h('strong', null, formatCount(p.count)), p.count === 1 ? ' contact' : ' contacts');
    // Reach is about emailing contacts: none for segments of companies and deals.
    const r = p.reach ?? { emailable: p.count, unsubscribed: 0, bounced: 0, suppressed: 0, noEmail: 0 };
    const others = [[r.unsubscribed, 'unsubscribed'], [r.bounced, 'bounced'], [r.suppressed, 'suppressed'], [r.noEmail, 'without an email address']] as const;
    const why = others.filter(([n]) => n > 0).map(([n, what]) => `${formatCount(n)} ${what}`);
    reach.textContent = p.count && p.reach ? `${formatCount(r.emailable)} of ${formatCount(p.count)} can be emailed${why.length ? ` (${why.join(', ')})` : ''}.` : '';
    reach.dataset.tone = p.count && r.emailable < p.count ? 'warn' : 'ok';
    replace(clock, 'as of ', h('time', { datetime: p.asOf }, formatInstant(p.asOf)), app.asOf() ? '' : ' (now)');
    say(previewStatus, `Updated ${new Date().toLocaleTimeString('en-GB')}.`, 'ok');
    // Counts per row are about contacts (a funnel of companies or deals is not computed).
    if ((p.objectType ?? 'contacts') === 'contacts') void showRowCounts(rules, p.asOf, paths);
    else builder.showCounts(new Map());
    replace(
      sampleBody,
      p.sample.length
        ? p.sample.map((c) =>
            'email' in c
              ? h('tr', null, h('td', null, [c.firstName, c.lastName].filter(Boolean).join(' ') || '—', c.company ? h('div', { class: 'muted small' }, c.company) : null), h('td', null, c.email), h('td', { class: 'why' }, whyText(c.why)))
              : h('tr', null, ...sampleCells(c).map((cell) => h('td', null, cell))),
          )
        : h('tr', null, h('td', { colspan: '3', class: 'muted' }, 'No contacts match.')),
    );
    explanation.replaceChildren(h('span', { class: 'label' }, 'In plain English: '), text);
    replace(warnings, issues.map((w) => h('li', null, w.message)));
  }

  /**
   * Counts next to each row: how many match it alone, and how many are left after it (AND) or only
   * it brings (OR). A request of their own after the preview (they read every contact, the preview
   * only the matches); an answer for rules or a clock no longer shown is dropped, a failure leaves
   * the rows without counts.
   */
  async function showRowCounts(rules: Group, at: string, paths: Map<string, string>): Promise<void> {
    const mine = ++countsSeq;
    builder.showCounts(new Map());
    let f: FunnelBody;
    try {
      f = await api<FunnelBody>('POST', '/v1/preview/funnel', { rules, asOf: at });
    } catch (err) {
      if (err instanceof ApiError) return;
      throw err;
    }
    if (mine !== countsSeq) return;
    const rowCounts = new Map<string, { text: string; title: string }>();
    for (const node of f.funnel) {
      const path = paths.get(node.path);
      if (!path || node.path === 'rules') continue;
      const extra = node.running ? ` · ${formatCount(node.running.count)} with the rows above` : node.unique ? ` · ${formatCount(node.unique.count)} only here` : '';
      const title = node.running ? 'Contacts matching this row alone; contacts matching it and every row above it in this group.' : node.unique ? 'Contacts matching this row alone; contacts that only this row of the group brings in.' : 'Contacts matching this row alone.';
      rowCounts.set(path, { text: `${formatCount(node.alone.count)} match${extra}`, title });
    }
    builder.showCounts(rowCounts);
  }

  /** The values that made a sample contact match: its matching leaf conditions, in plain words. */
  function whyText(why: Extract<PreviewBody['sample'][number], { why: unknown }>['why']): string {
    const cat = app.catalog();
    const label = (key: string) => cat.fields.find((f) => f.key === key)?.label ?? key;
    const shown = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null ? 'empty' : typeof v === 'string' ? v.replace(/T00:00:00(?:\.000)?Z$/, '') : String(v));
    const parts: string[] = [];
    for (const w of why) {
      if (!w.matches) continue;
      if (w.type === 'condition') parts.push(`${label(w.field)}: ${shown(w.actual)}`);
      else if (w.type === 'relation') parts.push(w.matching ? `${w.matching} matching ${w.relation}` : `no matching ${w.relation}`);
      else if (w.type === 'engagement') parts.push(`${w.event} ${w.hits} of ${w.of} campaigns`);
      else if (w.type === 'segment') parts.push(`${w.member ? 'in' : 'not in'} ${w.title}`);
    }
    return parts.join(' · ') || '—';
  }

  function showNotes(draft: DraftBody): void {
    const parts: HTMLElement[] = [];
    if (draft.assumptions.length) {
      // An assumption with a real other reading offers it as one click, with the exact count it gives.
      const switches = (i: number) =>
        draft.alternatives
          .filter((a) => a.index === i)
          .map((a) =>
            h(
              'button',
              { type: 'button', class: 'secondary small alternative', 'data-alternative': a.index, onClick: (e: Event) => void switchReading(a.index, e.currentTarget as HTMLButtonElement) },
              a.applied ? 'Switch back' : `Use ${a.says} instead`,
              ' — ',
              h('strong', null, formatCount(a.count)),
              a.count === 1 ? ' contact' : ' contacts',
              a.reach.emailable < a.count ? `, ${formatCount(a.reach.emailable)} can be emailed` : '',
            ),
          );
      const item = (text: string, i: number) => {
        const applied = draft.alternatives.find((a) => a.index === i && a.applied);
        const buttons = switches(i);
        return h('li', null, applied ? [h('span', { class: 'badge switched' }, 'Switched'), ' Now: ', applied.says, '. ', h('span', { class: 'muted' }, `Was: ${text}`)] : text, buttons.length ? h('div', { class: 'alternatives' }, buttons) : null);
      };
      parts.push(h('div', { class: 'callout assumptions' }, h('h3', null, 'Check these assumptions'), h('ul', null, draft.assumptions.map(item)), alternativeStatus));
    }
    if (draft.unrecognized.length) {
      const open = new Set(draft.openSpans.map((o) => `${o.start}:${o.end}`));
      parts.push(
        h(
          'div',
          { class: 'callout unrecognized' },
          h('h3', null, 'Words that were not understood — they are not in the rules'),
          h('p', { class: 'quoted' }, highlight(draft.description, draft.unrecognized.map((s) => s.text))),
          draft.openSpans.length
            ? [
                h('p', null, 'Approving needs each of them settled: change the rules to cover it, or tick it to approve without it.'),
                h(
                  'ul',
                  { class: 'spans' },
                  draft.unrecognized.map((u, i) => {
                    const key = `${u.start}:${u.end}`;
                    if (!open.has(key)) return null;
                    const message = draft.openSpans.find((o) => `${o.start}:${o.end}` === key)?.message ?? '';
                    const box = h('input', { type: 'checkbox', id: `span-${i}`, checked: acknowledged.has(key), 'data-path': `openSpans[${i}]`, onChange: () => {
                      if (box.checked) acknowledged.add(key);
                      else acknowledged.delete(key);
                    } });
                    return h('li', { class: 'field', 'data-errors': true }, h('span', { class: 'choice' }, box, h('label', { for: `span-${i}` }, `Approve without “${u.text}”`)), message ? h('span', { class: 'hint' }, message) : null, h('div', { class: 'errors' }));
                  }),
                ),
              ]
            : h('p', { class: 'muted' }, 'You have edited the rules since, so they no longer block approval.'),
        ),
      );
    }
    parts.push(h('p', { class: 'muted provenance' }, draft.provider === 'builtin' ? 'Read by the built-in reader (offline).' : `Read by the AI model ${draft.model}.`, draft.edited ? ' You have edited the rules since.' : ''));
    replace(notes, parts);
  }

  /** Switches an assumption to its other reading (or back): an edit of the draft, re-previewed by the server. */
  async function switchReading(index: number, button: HTMLButtonElement): Promise<void> {
    if (mode.kind !== 'draft') return;
    button.disabled = true;
    alternativeStatus.replaceChildren();
    clearTimeout(timer);
    const mine = ++seq;
    try {
      const draft = await api<DraftBody>('POST', `/v1/drafts/${mode.draft.id}/alternatives/${index}/apply`);
      if (mine !== seq) return;
      mode.draft = draft;
      baseline = JSON.stringify(draft.rules);
      builder.load(draft.rules, false);
      edited(false);
      showNotes(draft);
      if (draft.preview) showPreview(draft.preview, draft.rules, draft.explanation, draft.warnings, pairPaths(draft.rules, draft.rules, new Map(pathList(draft.rules).map((p) => [p, p]))));
      else say(previewStatus, draft.previewError?.detail ?? 'The count could not be computed.', 'error');
      notes.querySelector<HTMLElement>(`[data-alternative="${index}"]`)?.focus();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      say(alternativeStatus, plainProblem(err.problem, app.catalog()).detail, 'error');
      button.disabled = false;
    }
  }

  /** A refusal says what can be said instead: examples from this tenant's catalog, one click each. */
  function refused(problem: ProblemBody): void {
    const examples = suggestions(app);
    replace(
      describeStatus,
      h(
        'div',
        { class: 'callout refusal' },
        h('p', null, problem.detail),
        h('p', null, 'Describe who should be in the segment, for example:'),
        h(
          'ul',
          { class: 'suggestions' },
          examples.map((text) => h('li', null, h('button', { type: 'button', class: 'link', onClick: () => {
            description.value = text;
            persist();
            description.focus();
          } }, text))),
        ),
      ),
    );
  }

  async function describe(): Promise<void> {
    const asOf = app.asOf();
    clearErrors([describeForm, app.clockScope()]);
    generate.disabled = true;
    say(describeStatus, 'Generating…');
    try {
      const draft = await api<DraftBody>('POST', '/v1/drafts', { description: description.value, ...(asOf ? { asOf } : {}) });
      sessionStorage.removeItem(storeKey(mode));
      mode = { kind: 'draft', draft };
      baseline = JSON.stringify(draft.rules);
      history.replaceState(null, '', `#/drafts/${draft.id}`);
      say(describeStatus, '');
      started = true;
      show(draft.rules);
      persist();
      if (draft.preview) showPreview(draft.preview, draft.rules, draft.explanation, draft.warnings, pairPaths(draft.rules, draft.rules, new Map(pathList(draft.rules).map((p) => [p, p]))));
      else say(previewStatus, draft.previewError?.detail ?? 'The count could not be computed.', 'error');
      filterSection.querySelector<HTMLElement>('h2')?.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.problem.status === 422) {
        refused(err.problem);
        description.focus();
      } else showProblem(plainProblem(err.problem, app.catalog()), [describeForm, app.clockScope()], describeStatus)?.focus();
    } finally {
      generate.disabled = false;
    }
  }

  function startBlank(): void {
    sessionStorage.removeItem(storeKey(mode));
    mode = { kind: 'blank' };
    baseline = JSON.stringify(emptyRules());
    history.replaceState(null, '', '#/new');
    const rules = emptyRules();
    rules.children.push({ type: 'condition', field: '', operator: 'eq', value: '' });
    started = true;
    replace(notes);
    show(rules);
    persist();
    schedule();
    builder.el.querySelector<HTMLElement>('[role="combobox"]')?.focus();
  }

  async function approve(): Promise<void> {
    clearTimeout(timer);
    clearErrors([saveForm, builder.el, notes]);
    saveStatus.replaceChildren();
    finished = ready(builder.rules, app.catalog());
    builder.mark(finished.unfinished);
    if (finished.unfinished.length || !finished.rules) {
      const n = finished.unfinished.length;
      say(saveStatus, n ? `Finish or remove the ${n === 1 ? 'unfinished condition' : `${n} unfinished conditions`} before saving.` : 'Add at least one condition before saving.', 'error');
      const first = finished.unfinished[0];
      const row = first && builder.el.querySelector<HTMLElement>(`[data-node][data-path="${CSS.escape(first.path)}"]`);
      (row?.querySelector<HTMLElement>('input, select, button') ?? builder.el.querySelector<HTMLElement>('button.add'))?.focus();
      return;
    }
    save.disabled = true;
    const typedSlug = slug.value.trim() !== '';
    const names = { title: title.value, ...(typedSlug ? { slug: slug.value.trim() } : {}) };
    try {
      let saved: SegmentBody;
      if (mode.kind === 'draft') {
        if (JSON.stringify(finished.rules) !== JSON.stringify(mode.draft.rules)) {
          mode.draft = await api<DraftBody>('PUT', `/v1/drafts/${mode.draft.id}`, { rules: finished.rules });
        }
        const acknowledge = mode.draft.openSpans.filter((o) => acknowledged.has(`${o.start}:${o.end}`)).map((o) => ({ start: o.start, end: o.end }));
        saved = await api<SegmentBody>('POST', `/v1/drafts/${mode.draft.id}/approve`, { ...names, ...(acknowledge.length ? { acknowledge } : {}) });
      } else if (mode.kind === 'segment') {
        // New rules make the original description wrong: the explanation describes them now.
        const rulesChanged = JSON.stringify(finished.rules) !== JSON.stringify(mode.segment.rules);
        saved = await api<SegmentBody>('PATCH', `/v1/segments/${mode.segment.id}`, { ...names, ...(typedSlug ? {} : { slug: mode.segment.slug }), rules: finished.rules, ...(rulesChanged ? { description: null } : {}) });
      } else {
        saved = await api<SegmentBody>('POST', '/v1/segments', { ...names, type: 'dynamic', rules: finished.rules });
      }
      sessionStorage.removeItem(storeKey(mode));
      if (mode.kind !== 'segment') sessionStorage.removeItem(CURRENT);
      baseline = JSON.stringify(builder.rules);
      await app.refreshCatalog();
      app.navigate(segment ? `#/segments/${saved.id}` : '#/segments', { text: `Saved “${saved.title}”.`, segmentId: saved.id });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (mode.kind === 'draft' && err.problem.status === 409 && /open span/.test(err.problem.detail)) {
        const n = err.problem.errors?.length ?? 0;
        const problem = { ...err.problem, detail: `${n === 1 ? 'One part' : `${n} parts`} of the description ${n === 1 ? 'is' : 'are'} not in the rules. Change the rules to cover ${n === 1 ? 'it' : 'them'}, or tick “Approve without …” above.` };
        showProblem(problem, [saveForm, notes], saveStatus)?.focus();
        return;
      }
      showProblem(mapPaths(plainProblem(err.problem, app.catalog(), { typedSlug })), [saveForm, builder.el], saveStatus)?.focus();
    } finally {
      save.disabled = !canDefine(app);
    }
  }

  function show(rules: Group): void {
    filterSection.hidden = !started;
    saveForm.hidden = !started;
    preview.hidden = !started;
    save.textContent = saveLabel();
    builder.load(rules);
    undo.disabled = !builder.canUndo;
    redo.disabled = !builder.canRedo;
    finished = ready(builder.rules, app.catalog());
    builder.mark(finished.unfinished);
    showLeftOut();
    if (mode.kind === 'draft') showNotes(mode.draft);
  }

  show(initialRules);
  if (started) schedule();
  const unsaved = (): string | null => {
    if (!started) return null;
    const rulesChanged = JSON.stringify(builder.rules) !== baseline;
    const namesChanged = mode.kind === 'segment' && (title.value !== mode.segment.title || (slug.value.trim() !== '' && slug.value.trim() !== mode.segment.slug));
    return rulesChanged || namesChanged ? (mode.kind === 'segment' ? 'Your changes to this segment are not saved.' : 'Some edits (unfinished conditions) are not saved in the draft yet.') : null;
  };
  return {
    onClock: () => {
      if (started) schedule();
    },
    dispose: () => {
      clearTimeout(timer);
      unbindKeys();
    },
    unsaved,
    // Leaving a segment's edit loses the edit; drafts and new filters come back with "New segment".
    guardsNavigation: mode.kind === 'segment',
  };
}

/** Examples of what can be said, made from this tenant's own fields and values. */
function suggestions(app: App): string[] {
  const t = app.catalog().tenant;
  const country = t.countries[0]?.label.replace(/ \([A-Z]{2}\)$/, '') ?? 'Germany';
  const tag = t.tags[0] ?? 'vip';
  const industry = t.industries[0];
  return [
    `customers in ${country}`,
    `contacts tagged ${tag} who opened one of the last 3 campaigns`,
    industry ? `leads in the ${industry.toLowerCase()} industry with no deal created in the last 90 days` : 'leads with no deal created in the last 90 days',
  ];
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

/** A sample row as three cells, whatever its object type (contacts, companies, deals). */
function sampleCells(r: PreviewBody['sample'][number]): [string, string, string] {
  if ('email' in r) return [[r.firstName, r.lastName].filter(Boolean).join(' ') || '—', r.email, r.company ?? '—'];
  if ('stage' in r) return [r.name, `${r.stage.replace(/_/g, ' ')}${r.amount === null ? '' : ` · ${r.amount.toLocaleString('en-US')}`}`, r.company ?? r.contact ?? '—'];
  return [r.name, r.domain ?? '—', [r.industry, r.country].filter(Boolean).join(', ') || '—'];
}
