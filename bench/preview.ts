// Preview latency of compiled segments against hand-written SQL with the same result, in one process
// on one database, for ~10 representative segments. Not a test: run it on generated data.
//
//   npm run generate -- --contacts 100000 --org org_synth_100k
//   npm run bench:preview -- --org org_synth_100k [--runs 30]
//
// Reports p50/p95 per segment for the compiled query with the contact facts, without them (raw
// tables only) and hand-written, and the ratio facts/raw (of p50s). Runs alternate
// compiled and hand-written so that machine noise hits both alike.
import { prepareRules } from '../src/rules/prepare.js';
import { previewSegment } from '../src/segments/preview.js';
import { cases, handPreview } from './preview-cases.js';
import { quantile } from './stats.js';
import { runBench } from './target.js';

runBench(async ({ database, orgId, runs, asOf, tenant }) => {
  console.log('| segment | matches | facts p50 | facts p95 | raw tables p50 | raw tables p95 | hand p50 | hand p95 | facts / raw p50 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of cases(tenant, asOf)) {
    const prepared = prepareRules(c.rules, { tenant });
    if (!prepared.ok) throw new Error(`${c.name}: ${JSON.stringify(prepared.errors)}`);
    const ctx = { orgId, asOf, tenant };
    const compiled: number[] = [];
    const raw: number[] = [];
    const hand: number[] = [];
    let counts: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < runs + 2; i += 1) {
      const t0 = performance.now();
      const p = await previewSegment(database.db, prepared.tree, ctx, { timeoutMs: 120_000 });
      const t1 = performance.now();
      const r = await previewSegment(database.db, prepared.tree, { ...ctx, facts: false }, { timeoutMs: 120_000 });
      const t2 = performance.now();
      const h = c.hand ? (await handPreview(database.db, orgId, c)).count : r.count;
      const t3 = performance.now();
      counts = [p.count, r.count, h];
      if (i >= 2) {
        // the first two runs warm the cache
        compiled.push(t1 - t0);
        raw.push(t2 - t1);
        hand.push(t3 - t2);
      }
    }
    if (counts[0] !== counts[1] || counts[1] !== counts[2]) throw new Error(`${c.name}: facts found ${counts[0]}, raw tables ${counts[1]}, hand-written ${counts[2]}`);
    for (const xs of [compiled, raw, hand]) xs.sort((a, b) => a - b);
    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    const h = (q: number) => (c.hand ? f(quantile(hand, q)) : '–');
    console.log(
      `| ${c.name} | ${counts[0]} | ${f(quantile(compiled, 0.5))} | ${f(quantile(compiled, 0.95))} | ${f(quantile(raw, 0.5))} | ${f(quantile(raw, 0.95))} | ${h(0.5)} | ${h(0.95)} | ${(quantile(compiled, 0.5) / quantile(raw, 0.5)).toFixed(2)} |`,
    );
  }
});
