// Overlap latency: the exact Venn regions of 2–5 segments in one statement, at the tenant's size.
// Not a test: run it on generated data.
//
//   npm run generate -- --contacts 100000 --org org_synth_100k
//   npm run bench:overlap -- --org org_synth_100k [--runs 10]
//
// Takes the preview benchmark's segments (bench/preview-cases.ts) in groups of 2, 3 and 5 and reports
// p50/p95 of the overlap statement, next to the statement timeout it must stay within.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { withStatementTimeout } from '../src/db/timeout.js';
import { prepareRules } from '../src/rules/prepare.js';
import type { RuleTree } from '../src/rules/grammar.js';
import { loadTenantValues } from '../src/tenants/values.js';
import { overlapFromRows, overlapQuery } from '../src/sql/overlap.js';
import { cases } from './preview-cases.js';
import { quantile } from './stats.js';

const { values } = parseArgs({
  options: { org: { type: 'string', default: 'org_synth_100k' }, runs: { type: 'string', default: '10' }, asOf: { type: 'string' } },
});
const orgId = values.org!;
const runs = Number(values.runs);

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const tenant = await loadTenantValues(database.db, orgId);
    const asOf = new Date(values.asOf ?? '2026-11-01T00:00:00Z');
    const [{ n: contacts } = { n: 0 }] = await database.sql<{ n: number }[]>`select count(*)::int as n from contacts where org_id = ${orgId}`;
    const trees: { name: string; tree: RuleTree }[] = cases(tenant, asOf).map((c) => {
      const prepared = prepareRules(c.rules, { tenant });
      if (!prepared.ok) throw new Error(`${c.name}: ${JSON.stringify(prepared.errors)}`);
      return { name: c.name, tree: prepared.tree };
    });
    const timeoutMs = config.STATEMENT_TIMEOUT_MS;
    console.log(`org ${orgId}: ${contacts} contacts; asOf ${asOf.toISOString()}; ${runs} runs each; statement timeout ${timeoutMs} ms\n`);
    console.log('| sets | segments | union | overlap p50 | overlap p95 |');
    console.log('|---:|---|---:|---:|---:|');
    const ctx = { orgId, asOf, tenant };
    for (const size of [2, 3, 5]) {
      for (let start = 0; start + size <= trees.length; start += size) {
        const group = trees.slice(start, start + size);
        const times: number[] = [];
        let union = 0;
        for (let i = 0; i < runs + 1; i += 1) {
          const t0 = performance.now();
          const rows = await withStatementTimeout(database.db, { timeoutMs }, (tx) => tx.execute<{ mask: number; n: number }>(overlapQuery(group.map((g) => g.tree), ctx)));
          if (i >= 1) times.push(performance.now() - t0); // the first run warms the cache
          union = overlapFromRows(rows, group.length).union;
        }
        times.sort((a, b) => a - b);
        const f = (ms: number) => `${ms.toFixed(1)} ms`;
        console.log(`| ${size} | ${group.map((g) => g.name).join(', ')} | ${union} | ${f(quantile(times, 0.5))} | ${f(quantile(times, 0.95))} |`);
      }
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
