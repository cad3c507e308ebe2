// A segment's history tab: its size per day (GET /v1/segments/:id/size-history) as a small chart with
// the same numbers in a table, and every version of its definition (GET …/versions) newest first, with
// who changed what (the server's structural diff, in plain words) and "Restore", which asks first and
// is recorded as a new version (POST …/versions/:n/restore).
import type { z } from '@hono/zod-openapi';
import type { SegmentVersions, SizeHistory } from '../http/history-schemas.js';
import { api, ApiError, type SegmentBody } from './api.js';
import { type App, canDefine } from './app.js';
import { formatCount, formatInstant, h, replace, say } from './dom.js';
import { plainProblem } from './messages.js';

type SizeHistoryBody = z.infer<typeof SizeHistory>;
type VersionsBody = z.infer<typeof SegmentVersions>;
type Version = VersionsBody['versions'][number];
type Change = Version['changes'][number];

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Size per day as bars (one per day), named by a sentence; the table below carries every number. */
function sizeChart(points: SizeHistoryBody['points']): SVGElement {
  const width = 600;
  const height = 120;
  const max = Math.max(1, ...points.map((p) => p.size));
  // Bars at most 40 units wide, so a young segment's few days do not fill the chart.
  const step = Math.min(40, width / Math.max(1, points.length));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 4}`, class: 'size-chart', role: 'img', 'aria-label': `Size from ${formatCount(first.size)} on ${first.date} to ${formatCount(last.size)} on ${last.date}; largest ${formatCount(max)}.` });
  points.forEach((p, i) => {
    const barHeight = Math.max(p.size > 0 ? 2 : 0, Math.round((p.size / max) * height));
    const bar = svg('rect', { x: (i * step + step * 0.15).toFixed(1), y: height - barHeight, width: (step * 0.7).toFixed(1), height: barHeight, class: 'bar' });
    const tip = svg('title', {});
    tip.textContent = `${p.date}: ${formatCount(p.size)}`;
    bar.appendChild(tip);
    chart.appendChild(bar);
  });
  chart.appendChild(svg('line', { x1: 0, y1: height + 1, x2: width, y2: height + 1, class: 'axis' }));
  return chart;
}

const CHANGE_WORDS: Record<Version['change'], string> = { created: 'Created', edited: 'Edited', restored: 'Restored', imported: 'Imported' };

/** One change of a version in plain words: the title, or a rule before → after in the explanation's words. */
function changeItem(c: Change): HTMLElement {
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (c.path === 'title' || c.path === 'type') {
    const what = c.path === 'title' ? 'Title' : 'Type';
    return h('li', null, `${what}: `, h('del', null, text(c.before)), ' → ', h('ins', null, text(c.after)));
  }
  const before = c.beforeText ?? text(c.before);
  const after = c.afterText ?? text(c.after);
  if (c.kind === 'added') return h('li', { class: 'added' }, h('span', { class: 'badge added' }, 'Added'), ' ', after);
  if (c.kind === 'removed') return h('li', { class: 'removed' }, h('span', { class: 'badge removed' }, 'Removed'), ' ', h('del', null, before));
  return h('li', { class: 'changed' }, h('span', { class: 'badge changed' }, 'Changed'), ' ', h('del', null, before), ' → ', h('ins', null, after));
}

export function historyPanel(app: App, s: SegmentBody): { el: HTMLElement; load: () => Promise<void> } {
  const sizeBox = h('section', { class: 'size-history', 'aria-labelledby': 'size-title' }, h('h3', { id: 'size-title' }, 'Size over the last 30 days'), h('p', { class: 'muted' }, 'Loading…'));
  const versionsBox = h('section', { class: 'versions', 'aria-labelledby': 'versions-title' }, h('h3', { id: 'versions-title' }, 'Versions'), h('p', { class: 'muted' }, 'Loading…'));
  const status = h('p', { class: 'row-status', role: 'alert' });
  const el = h('div', { class: 'history' }, sizeBox, versionsBox, status);

  async function loadSize(): Promise<void> {
    try {
      const res = await api<SizeHistoryBody>('GET', `/v1/segments/${s.id}/size-history`);
      const points = res.points;
      if (!points.length) {
        replace(sizeBox, h('h3', { id: 'size-title' }, 'Size over time'), h('p', { class: 'muted' }, 'No size recorded yet.'));
        return;
      }
      const joined = points.reduce((n, p) => n + p.joined, 0);
      const left = points.reduce((n, p) => n + p.left, 0);
      const now = `${formatCount(points[points.length - 1]!.size)} members on ${res.to.slice(0, 10)}`;
      replace(
        sizeBox,
        h('h3', { id: 'size-title' }, points.length > 1 ? `Size over ${points.length} days` : 'Size'),
        h('p', { class: 'size-summary' }, points.length > 1 ? `${now}; ${formatCount(joined)} joined and ${formatCount(left)} left since ${res.from.slice(0, 10)}.` : `${now}, the first day it was recorded.`),
        sizeChart(points),
        h(
          'details',
          null,
          h('summary', null, 'Size per day'),
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'size-table' },
              h('thead', null, h('tr', null, ['Day', 'Members', 'Joined', 'Left'].map((t) => h('th', { scope: 'col' }, t)))),
              h('tbody', null, [...points].reverse().map((p) => h('tr', null, h('td', null, p.date), h('td', null, formatCount(p.size)), h('td', null, formatCount(p.joined)), h('td', null, formatCount(p.left))))),
            ),
          ),
        ),
      );
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(sizeBox, h('h3', { id: 'size-title' }, 'Size over time'), h('p', { class: 'problem' }, plainProblem(err.problem).detail));
    }
  }

  async function restore(v: Version, button: HTMLButtonElement): Promise<void> {
    if (!window.confirm(`Restore version ${v.number} (“${v.title}”)? Its title and rules replace the current ones, as a new version; members are recomputed.`)) return;
    button.disabled = true;
    try {
      const restored = await api<SegmentBody>('POST', `/v1/segments/${s.id}/versions/${v.number}/restore`);
      await app.refreshCatalog();
      app.navigate(`#/segments/${s.id}`, { text: restored.version === s.version ? `Version ${v.number} is what the segment already is; nothing changed.` : `Restored version ${v.number} as version ${restored.version}.` });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      say(status, plainProblem(err.problem).detail, 'error');
      button.disabled = false;
    }
  }

  async function loadVersions(): Promise<void> {
    try {
      const res = await api<VersionsBody>('GET', `/v1/segments/${s.id}/versions`);
      const mayRestore = canDefine(app) && !s.system;
      replace(
        versionsBox,
        h('h3', { id: 'versions-title' }, 'Versions'),
        res.draft
          ? h('p', { class: 'muted' }, 'Approved from the description ', h('q', null, res.draft.description), res.draft.stale ? ' — the rules have changed since, so it no longer says what the segment is.' : '.')
          : null,
        res.versions.length === 0 ? h('p', { class: 'muted' }, 'No versions recorded for this segment.') : null,
        h(
          'ol',
          { class: 'version-list', reversed: true },
          [...res.versions].reverse().map((v) =>
            h(
              'li',
              { class: v.current ? 'version current' : 'version', 'data-version': v.number },
              h(
                'div',
                { class: 'version-head' },
                h('strong', null, `Version ${v.number}`),
                ' · ',
                v.change === 'restored' && v.restoredFrom !== null ? `Restored from version ${v.restoredFrom}` : CHANGE_WORDS[v.change],
                ' · ',
                h('time', { datetime: v.changedAt }, formatInstant(v.changedAt)),
                v.changedBy ? ` · by an ${v.changedBy.role} key (${v.changedBy.keyId})` : ' · by the service',
                v.current ? [' ', h('span', { class: 'badge current' }, 'current')] : null,
              ),
              v.changes.length ? h('ul', { class: 'changes', 'aria-label': `What version ${v.number} changed` }, v.changes.map(changeItem)) : v.explanation ? h('p', { class: 'muted' }, v.explanation) : null,
              !v.current && mayRestore
                ? h('button', { type: 'button', class: 'secondary small', onClick: (e: Event) => void restore(v, e.currentTarget as HTMLButtonElement) }, `Restore version ${v.number}`)
                : null,
            ),
          ),
        ),
      );
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      replace(versionsBox, h('h3', { id: 'versions-title' }, 'Versions'), h('p', { class: 'problem' }, plainProblem(err.problem).detail));
    }
  }

  return { el, load: () => Promise.all([loadSize(), loadVersions()]).then(() => undefined) };
}
