// Funnel counts' cost: the preview with funnel counts, reachability and why-values
// (segments/insight.ts) against the plain preview (segments/preview.ts), for the preview
// benchmark's ten segments (bench/preview-cases.ts), in one process on one database. Not a test.
//
//   npm run generate -- --contacts 100000 --org org_synth_100k
//   npm run bench:funnel -- --org org_synth_100k [--runs 30]
//
// Reports p50/p95 of both per segment and the ratio with/without (of p50s); target ≤ 1.5. Runs
// alternate the two so that machine noise hits both alike; the counts must agree.
import { prepareRules } from '../src/rules/prepare.js';
import { previewWithInsight } from '../src/segments/insight.js';
import { previewSegment } from '../src/segments/preview.js';
import { cases } from './preview-cases.js';
import { quantile } from './stats.js';
import { runBench } from './target.js';

runBench(async ({ database, orgId, runs, asOf, tenant }) => {
  console.log('| segment | nodes | matches | emailable | plain p50 | plain p95 | funnel p50 | funnel p95 | ratio p50 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const ratios: number[] = [];
  for (const c of cases(tenant, asOf)) {
    const prepared = prepareRules(c.rules, { tenant });
    if (!prepared.ok) throw new Error(`${c.name}: ${JSON.stringify(prepared.errors)}`);
    const ctx = { orgId, asOf, tenant };
    const plain: number[] = [];
    const funnel: number[] = [];
    let last: { plain: number; funnel: number; emailable: number; nodes: number } = { plain: 0, funnel: 0, emailable: 0, nodes: 0 };
    for (let i = 0; i < runs + 2; i += 1) {
      const t0 = performance.now();
      const p = await previewSegment(database.db, prepared.tree, ctx, { timeoutMs: 120_000 });
      const t1 = performance.now();
      const f = await previewWithInsight(database.db, prepared.tree, ctx, { timeoutMs: 120_000 });
      const t2 = performance.now();
      last = { plain: p.count, funnel: f.count, emailable: f.reach.emailable, nodes: f.funnel.length };
      if (i >= 2) {
        // the first two runs warm the cache
        plain.push(t1 - t0);
        funnel.push(t2 - t1);
      }
    }
    if (last.plain !== last.funnel) throw new Error(`${c.name}: plain preview found ${last.plain}, the funnel ${last.funnel}`);
    plain.sort((a, b) => a - b);
    funnel.sort((a, b) => a - b);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const ratio = quantile(funnel, 0.5) / quantile(plain, 0.5);
    ratios.push(ratio);
    console.log(
      `| ${c.name} | ${last.nodes} | ${last.plain} | ${last.emailable} | ${ms(quantile(plain, 0.5))} | ${ms(quantile(plain, 0.95))} | ${ms(quantile(funnel, 0.5))} | ${ms(quantile(funnel, 0.95))} | ${ratio.toFixed(2)} |`,
    );
  }
  console.log(`\nworst ratio ${Math.max(...ratios).toFixed(2)} (target ≤ 1.50)`);
});
