// The readable report beside each JSON result: summary, per-category table, then every failure with
// what was expected and what came back, both in plain English (explain()). Cases are in a fixed
// order and nothing run-specific but timings and the commit is printed, so two reports diff cleanly.
import type { EvalResult } from './core.js';
import type { CaseResult, CategoryMetrics, Metrics } from './score.js';

export interface ReportOptions {
  floor?: number;
}

export function renderReport(result: EvalResult, options: ReportOptions = {}): string {
  const { meta, summary } = result;
  const failures = result.cases.filter((c) => !c.correct);
  const lines = [
    `# Eval: ${meta.provider} · ${meta.model} · prompt ${meta.promptVersion}`,
    '',
    header(result),
    '',
    '## Summary',
    '',
    ...summaryTable(summary, options.floor),
    '',
    '## By category',
    '',
    ...categoryTable(result.categories, summary),
    '',
    `## Failures (${failures.length})`,
    '',
    ...(failures.length ? failures.flatMap(failure) : ['None.']),
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function header(result: EvalResult): string {
  const { meta } = result;
  const commit = meta.commit ? `commit \`${meta.commit.slice(0, 12)}\`${meta.dirty ? ' (with uncommitted changes)' : ''}` : 'commit unknown';
  const { file, orgId, asOf, contacts } = meta.fixture;
  return [
    `${result.cases.length} cases · ${commit} · fixture \`${file}\`, tenant \`${orgId}\` (${contacts.toLocaleString('en-US')} contacts), clock ${asOf}.`,
    `A case is correct when the generated segment selects exactly the contacts of an accepted tree (execution accuracy,`,
    `as BIRD scores SQL), or when a description that must be refused is refused. ${meta.execution}`,
  ].join('\n');
}

export function summaryTable(m: Metrics, floor?: number): string[] {
  const rows: [string, string][] = [
    ['**Execution accuracy**', `**${pct(m.executionAccuracy)}** (${m.correct}/${m.cases})`],
    ['**Silent errors** (wrong, no open span, no assumption)', `**${m.silentErrors}**`],
    ['Wrong but flagged (open spans or assumptions)', String(m.flaggedErrors)],
    ['Exact canonical-tree match', pct(m.exactMatch)],
    ['Mean Jaccard (partial credit)', m.meanJaccard.toFixed(3)],
    ['Valid on first try / after repair', `${pct(m.validFirstTry)} / ${pct(m.validAfterRepair)}`],
    ['Must-refuse cases refused', `${m.refused}/${m.mustRefuse}`],
    ['False refusals (audiences refused)', String(m.falseRefusals)],
    ['Refuse-or-answer decisions right', pct(m.refusalAccuracy)],
    ['Errors', String(m.errors)],
    ['Latency mean / p50 / p95 / max', `${ms(m.latency.meanMs)} / ${ms(m.latency.p50Ms)} / ${ms(m.latency.p95Ms)} / ${ms(m.latency.maxMs)}`],
    ['Tokens prompt + completion (mean per case)', m.tokens ? `${m.tokens.prompt} + ${m.tokens.completion} (${m.tokens.meanPerCase})` : '—'],
    ['Cost total / per case', m.cost ? `$${m.cost.totalUsd.toFixed(4)} / $${m.cost.perCaseUsd.toFixed(5)}` : '—'],
  ];
  if (floor !== undefined) {
    rows.push(['Floor', `${pct(floor)}: ${m.executionAccuracy >= floor ? 'passed' : '**FAILED**'}`]);
  }
  return ['| metric | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

export function categoryTable(categories: readonly CategoryMetrics[], total: Metrics): string[] {
  const row = (name: string, m: Metrics) =>
    `| ${name} | ${m.cases} | ${pct(m.executionAccuracy)} (${m.correct}) | ${m.silentErrors} | ${pct(m.exactMatch)} | ${m.meanJaccard.toFixed(3)} | ${pct(m.refusalAccuracy)} | ${ms(m.latency.meanMs)} |`;
  return [
    '| category | cases | execution | silent errors | exact | Jaccard | refuse/answer right | mean latency |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...categories.map((c) => row(c.category, c)),
    row('**all**', total),
  ];
}

function failure(c: CaseResult): string[] {
  const lines = [`### ${c.id} · ${c.description}${c.silent ? ' · **silent**' : ''}`, ''];
  if (c.refusal === 'must') lines.push('- Expected: a refusal (not an audience of this tenant’s contacts).');
  c.expected.forEach((e, i) => {
    const label = c.expected.length > 1 ? `Expected (${i + 1} of ${c.expected.length})` : 'Expected';
    lines.push(`- ${label}: ${e.explanation} (${count(e.members)})`);
  });
  if (c.got.refusal !== undefined) lines.push(`- Got: refused: “${c.got.refusal}”`);
  else if (c.got.explanation !== undefined) {
    lines.push(`- Got: ${c.got.explanation}${c.got.members !== undefined ? ` (${count(c.got.members)})` : ''}`);
  }
  if (c.got.error) lines.push(`- Error (${c.got.error.code}): ${oneLine(c.got.error.message)}`);
  if (c.refusal !== 'must') lines.push(`- Jaccard ${c.jaccard.toFixed(3)}`);
  if (c.got.unrecognized?.length) lines.push(`- Not understood: ${c.got.unrecognized.map((s) => `“${s}”`).join(', ')}`);
  if (c.got.assumptions?.length) lines.push(`- Assumptions: ${c.got.assumptions.join(' ')}`);
  if (c.note) lines.push(`- Case note: ${c.note}`);
  lines.push('');
  return lines;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function ms(x: number): string {
  return x < 10 ? `${x.toFixed(2)} ms` : x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(2)} s`;
}

function count(n: number): string {
  return `${n.toLocaleString('en-US')} contact${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' · ');
}
