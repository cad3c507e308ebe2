// npm run eval:compare -- a.json b.json [--out diff.md]
//
// What changed between two eval runs (two prompt versions, two models, before/after a parser change):
// summary and per-category deltas, then every case that flipped between correct and wrong.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { EvalResult } from './core.js';
import { pct } from './report.js';
import type { CaseResult, Metrics } from './score.js';

export function compareResults(a: EvalResult, b: EvalResult, names: [string, string] = ['A', 'B']): string {
  const [na, nb] = names;
  const label = (r: EvalResult) => `${r.meta.provider} · ${r.meta.model} · prompt ${r.meta.promptVersion}${r.meta.commit ? ` · ${r.meta.commit.slice(0, 12)}` : ''}`;
  const lines = [`# Eval comparison`, '', `- ${na}: ${label(a)}`, `- ${nb}: ${label(b)}`, '', '## Summary', ''];
  lines.push(`| metric | ${na} | ${nb} | Δ |`, '|---|---:|---:|---:|');
  const rates: [string, (m: Metrics) => number][] = [
    ['Execution accuracy', (m) => m.executionAccuracy],
    ['Exact canonical-tree match', (m) => m.exactMatch],
    
    ['Valid on first try', (m) => m.validFirstTry],
    ['Refuse-or-answer decisions right', (m) => m.refusalAccuracy],
  ];
  for (const [name, get] of rates) lines.push(`| ${name} | ${pct(get(a.summary))} | ${pct(get(b.summary))} | ${delta(get(b.summary) - get(a.summary))} |`);
  const silent = (r: EvalResult) => r.summary.silentErrors ?? 0; // results written before the metric existed have none
  lines.push(`| Silent errors | ${silent(a)} | ${silent(b)} | ${silent(b) - silent(a)} |`);
  const jac = (r: EvalResult) => r.summary.meanJaccard;
  lines.push(`| Mean Jaccard | ${jac(a).toFixed(3)} | ${jac(b).toFixed(3)} | ${(jac(b) - jac(a)).toFixed(3)} |`);
  lines.push(`| Latency p95 | ${a.summary.latency.p95Ms} ms | ${b.summary.latency.p95Ms} ms | ${round(b.summary.latency.p95Ms - a.summary.latency.p95Ms)} ms |`);
  const cost = (m: Metrics) => (m.cost ? `$${m.cost.perCaseUsd.toFixed(5)}` : '—');
  lines.push(`| Cost per case | ${cost(a.summary)} | ${cost(b.summary)} | |`);

  lines.push('', '## By category (execution accuracy)', '', `| category | ${na} | ${nb} | Δ |`, '|---|---:|---:|---:|');
  const categories = [...new Set([...a.categories.map((c) => c.category), ...b.categories.map((c) => c.category)])];
  for (const category of categories) {
    const ca = a.categories.find((c) => c.category === category);
    const cb = b.categories.find((c) => c.category === category);
    const show = (m: Metrics | undefined) => (m ? `${pct(m.executionAccuracy)} (${m.correct}/${m.cases})` : '—');
    const d = ca && cb ? delta(cb.executionAccuracy - ca.executionAccuracy) : '';
    lines.push(`| ${category} | ${show(ca)} | ${show(cb)} | ${d} |`);
  }

  const before = new Map(a.cases.map((c) => [c.id, c]));
  const fixed: [CaseResult, CaseResult][] = [];
  const broke: [CaseResult, CaseResult][] = [];
  for (const cb of b.cases) {
    const ca = before.get(cb.id);
    if (!ca || ca.correct === cb.correct) continue;
    (cb.correct ? fixed : broke).push([ca, cb]);
  }
  const onlyIn = (x: EvalResult, y: EvalResult) => x.cases.filter((c) => !y.cases.some((d) => d.id === c.id)).map((c) => c.id);
  lines.push('', `## Now wrong (${broke.length})`, '', ...(broke.length ? broke.flatMap(flip) : ['None.']));
  lines.push('', `## Now correct (${fixed.length})`, '', ...(fixed.length ? fixed.flatMap(flip) : ['None.']));
  const missing = [...onlyIn(a, b).map((id) => `${id} (only in ${na})`), ...onlyIn(b, a).map((id) => `${id} (only in ${nb})`)];
  if (missing.length) lines.push('', `## Not in both runs`, '', missing.join(', '));
  return lines.join('\n') + '\n';
}

function flip([a, b]: [CaseResult, CaseResult]): string[] {
  return [`- **${b.id}** · ${b.description}`, `  - before: ${got(a)}`, `  - after: ${got(b)}`];
}

function got(c: CaseResult): string {
  if (c.got.refusal !== undefined) return `refused: “${c.got.refusal}”`;
  if (c.got.error && c.got.explanation === undefined) return `error (${c.got.error.code}): ${c.got.error.message.split('\n')[0]}`;
  return `${c.got.explanation ?? '—'} (Jaccard ${c.jaccard.toFixed(3)})`;
}

function delta(x: number): string {
  const points = round(x * 100);
  return points === 0 ? '0' : `${points > 0 ? '+' : ''}${points.toFixed(1)} pt`;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length !== 2) {
    console.error('Usage: npm run eval:compare -- a.json b.json [--out diff.md]');
    return 2;
  }
  const [fa, fb] = positionals as [string, string];
  const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as EvalResult;
  const text = compareResults(read(fa), read(fb), [fa, fb]);
  if (values.out) fs.writeFileSync(values.out, text);
  process.stdout.write(text);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
