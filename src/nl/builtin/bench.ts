// Parse-time benchmark over every phrasing table: `npx tsx src/nl/builtin/bench.ts [rounds]`.
// Prints the mean and the 95th percentile of one parse, with the tenant's lexicon already built
// (it is built once per tenant and cached), and the one-off cost of building it.
// The tables are the test workload, so this dev script reads them (and the fixture) from test/.
import { performance } from 'node:perf_hooks';
import { fixtureTenantValues } from '../../../test/support/fixture-tenant.js';
import { TABLES } from '../../../test/nl/builtin/tables/index.js';
import { BuiltinProvider } from './provider.js';

const rounds = Number(process.argv[2] ?? 20);
const asOf = new Date('2026-11-01T00:00:00Z');
const descriptions = Object.values(TABLES).flat().map((row) => row.say);
const provider = new BuiltinProvider();

const tenant = fixtureTenantValues('org_acme');
let t0 = performance.now();
provider.parse({ description: 'customers', tenant, asOf });
const firstMs = performance.now() - t0;

const times: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const description of descriptions) {
    t0 = performance.now();
    provider.parse({ description, tenant, asOf });
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const mean = times.reduce((s, t) => s + t, 0) / times.length;
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(`${descriptions.length} descriptions × ${rounds} rounds = ${times.length} parses`);
console.log(`mean ${mean.toFixed(3)} ms   p50 ${at(0.5).toFixed(3)} ms   p95 ${at(0.95).toFixed(3)} ms   max ${at(1).toFixed(3)} ms`);
console.log(`first parse for a tenant (builds its lexicon): ${firstMs.toFixed(1)} ms`);
