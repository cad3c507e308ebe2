// Puts each of a problem's {path, message} next to the control that caused it. Controls carry the
// API path they edit in `data-path` ("rules.children[1].value", "title", "asOf"); an error's path is
// matched exactly, then with the request prefix ("body.") dropped, then by its nearest parent path
// ("rules.children[1].value[0]" → "rules.children[1].value" → "rules.children[1]"), so a message
// about a list item lands on the list and one about a node lands on that node.
import type { ProblemBody } from './api.js';
import { h, uid } from './dom.js';

export function clearErrors(scopes: readonly Element[]): void {
  for (const scope of scopes) {
    for (const msg of scope.querySelectorAll('.field-error')) msg.remove();
    for (const el of scope.querySelectorAll<HTMLElement>('[data-invalid]')) {
      el.removeAttribute('data-invalid');
      el.removeAttribute('aria-invalid');
      const original = el.dataset.describedby;
      if (original) el.setAttribute('aria-describedby', original);
      else el.removeAttribute('aria-describedby');
      delete el.dataset.describedby;
    }
  }
}

function parents(path: string): string[] {
  const out: string[] = [];
  for (let p = path; p; ) {
    out.push(p);
    const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (up === p) break;
    p = up;
  }
  return out;
}

function findTarget(scopes: readonly Element[], path: string): HTMLElement | undefined {
  const candidates = [path, ...(path.startsWith('body.') ? [path.slice(5)] : [])];
  for (const candidate of candidates) {
    for (const p of parents(candidate)) {
      for (const scope of scopes) {
        const found = scope.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`) ?? (scope instanceof HTMLElement && scope.dataset.path === p ? scope : null);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The errors slot of the row or node that holds `target`. */
function slotFor(target: HTMLElement): HTMLElement | undefined {
  const owner = target.closest<HTMLElement>('[data-node], .field, [data-errors]');
  return owner?.querySelector<HTMLElement>(':scope > .errors') ?? undefined;
}

export interface Shown {
  placed: number;
  /** Messages with no control on the page, with their paths. */
  unplaced: string[];
  first: HTMLElement | undefined;
}

/** Marks the controls named by the problem's errors; returns what could not be placed. */
export function showErrors(problem: ProblemBody, scopes: readonly Element[]): Shown {
  const shown: Shown = { placed: 0, unplaced: [], first: undefined };
  for (const issue of problem.errors ?? []) {
    const target = findTarget(scopes, issue.path);
    const slot = target && slotFor(target);
    if (!target || !slot) {
      shown.unplaced.push(`${issue.path}: ${issue.message}`);
      continue;
    }
    const msg = h('p', { class: 'field-error', id: uid('err') }, issue.message);
    slot.appendChild(msg);
    if (!target.dataset.invalid) {
      const before = target.getAttribute('aria-describedby');
      if (before) target.dataset.describedby = before;
    }
    target.dataset.invalid = 'true';
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), msg.id].filter(Boolean).join(' '));
    shown.first ??= target;
    shown.placed += 1;
  }
  return shown;
}

/**
 * Shows a problem: per-path messages next to their controls, and the summary (plus anything that
 * had no control) in `region`. Returns the first marked control, to move focus there when the
 * reviewer pressed a button (not while they type).
 */
export function showProblem(problem: ProblemBody, scopes: readonly Element[], region: HTMLElement): HTMLElement | undefined {
  const shown = showErrors(problem, scopes);
  const lines = [shown.placed > 0 ? `${problem.detail} See the ${shown.placed === 1 ? 'highlighted field' : `${shown.placed} highlighted fields`}.` : problem.detail, ...shown.unplaced];
  region.dataset.tone = 'error';
  region.replaceChildren(...lines.map((line) => h('span', { class: 'line' }, line)));
  return shown.first;
}
