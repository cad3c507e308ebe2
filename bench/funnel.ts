// Funnel counts' cost, for the preview benchmark's segments (bench/preview-cases.ts), in one process
// on one database, runs alternating so that machine noise hits all alike. Not a test.
//
//   npm run generate -- --contacts 100000 --org org_synth_100k
//   npm run bench:funnel -- --org org_synth_100k [--runs 30]
//
// Per segment, p50/p95 of:
//   plain    the plain preview (segments/preview.ts: count + the newest 10, one statement);
//   preview  the reviewer's preview (segments/insight.ts previewWithInsight: the same statement with
//            reachability, then why each of the 10 matches) — target ≤ 1.5× plain;
//   funnel   POST /v1/preview/funnel's statement (segments/insight.ts funnelOf: every node alone,
//            AND running, OR unique, each by reach), the request the page makes after the preview;
//   pass     a bare pass over the tenant's contacts grouped by email status, no leaf at all: the
//            least any statement counting nodes *alone* must do. Where pass > 1.5× plain, no
//            one-statement preview with funnel counts can meet the target — why the funnel is its
//            own request.
// The counts of plain, preview and funnel must agree.
import { sql } from 'drizzle-orm';
import { prepareRules } from '../src/rules/prepare.js';
import { funnelOf, previewWithInsight } from '../src/segments/insight.js';
import { previewSegment } from '../src/segments/preview.js';
import { cases } from './preview-cases.js';
import { quantile } from './stats.js';
import { runBench } from './target.js';

runBench(async ({ database, orgId, runs, asOf, tenant }) => {
  console.log('| segment | nodes | matches | emailable | plain p50 / p95 | preview p50 / p95 | funnel p50 / p95 | pass p50 | preview ÷ plain | funnel ÷ plain | pass ÷ plain |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const worst = { preview: 0, funnel: 0 };
  const pass = sql`select email_status, email = '' as no_email, count(*)::int as n from contacts c where c.org_id = ${orgId} group by 1, 2`;
  for (const c of cases(tenant, asOf)) {
    const prepared = prepareRules(c.rules, { tenant });
    if (!prepared.ok) throw new Error(`${c.name}: ${JSON.stringify(prepared.errors)}`);
    const ctx = { orgId, asOf, tenant };
    const times = { plain: [] as number[], preview: [] as number[], funnel: [] as number[], pass: [] as number[] };
    let last = { plain: 0, preview: 0, funnel: 0, emailable: 0, nodes: 0 };
    for (let i = 0; i < runs + 2; i += 1) {
      const t0 = performance.now();
      const p = await previewSegment(database.db, prepared.tree, ctx, { timeoutMs: 120_000 });
      const t1 = performance.now();
      const v = await previewWithInsight(database.db, prepared.tree, ctx, { timeoutMs: 120_000 });
      const t2 = performance.now();
      const f = await funnelOf(database.db, prepared.tree, ctx, { timeoutMs: 120_000 });
      const t3 = performance.now();
      await database.db.execute(pass);
      const t4 = performance.now();
      last = { plain: p.count, preview: v.count, funnel: f.count, emailable: v.reach.emailable, nodes: f.funnel.length };
      if (i >= 2) {
        // the first two runs warm the cache
        times.plain.push(t1 - t0);
        times.preview.push(t2 - t1);
        times.funnel.push(t3 - t2);
        times.pass.push(t4 - t3);
      }
    }
    if (last.plain !== last.preview || last.plain !== last.funnel) throw new Error(`${c.name}: plain preview found ${last.plain}, the reviewer's preview ${last.preview}, the funnel ${last.funnel}`);
    for (const t of Object.values(times)) t.sort((a, b) => a - b);
    const p50 = (t: number[]) => quantile(t, 0.5);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const both = (t: number[]) => `${ms(p50(t))} / ${ms(quantile(t, 0.95))}`;
    const ratio = (t: number[]) => p50(t) / p50(times.plain);
    worst.preview = Math.max(worst.preview, ratio(times.preview));
    worst.funnel = Math.max(worst.funnel, ratio(times.funnel));
    console.log(
      `| ${c.name} | ${last.nodes} | ${last.plain} | ${last.emailable} | ${both(times.plain)} | ${both(times.preview)} | ${both(times.funnel)} | ${ms(p50(times.pass))} | ${ratio(times.preview).toFixed(2)} | ${ratio(times.funnel).toFixed(2)} | ${ratio(times.pass).toFixed(2)} |`,
    );
  }
  console.log(`\nworst preview ÷ plain ${worst.preview.toFixed(2)} (target ≤ 1.50); worst funnel ÷ plain ${worst.funnel.toFixed(2)} (its own request, after the preview)`);
});
