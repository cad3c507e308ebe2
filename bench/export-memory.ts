// Memory of a streamed CSV export over HTTP: every contact of a large synthetic org, through the real
// server and a real HTTP client in this process, sampling RSS as rows arrive. Not a test.
//
//   npm run generate -- --contacts 1000000 --org org_synth_1m
//   npm run bench:export -- --org org_synth_1m
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApiKey } from '../src/auth/keys.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { createApp } from '../src/http/app.js';
import { BuiltinProvider } from '../src/nl/builtin/provider.js';
import { createServices } from '../src/services.js';

const { values } = parseArgs({ options: { org: { type: 'string', default: 'org_synth_1m' } } });
const orgId = values.org!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  const server = serve({ fetch: createApp(createServices({ database, provider: new BuiltinProvider() })).fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const { key } = await createApiKey(database.db, orgId, 'admin', 'export benchmark');
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const title = `Everyone (export benchmark ${Date.now()})`;
    const rules = { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'email', operator: 'contains', value: '@' }] };
    const created = await fetch(`${base}/segments`, { method: 'POST', headers, body: JSON.stringify({ title, type: 'dynamic', rules }) });
    const segment = (await created.json()) as { id: string };

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const res = await fetch(`${base}/segments/${segment.id}/export.csv?asOf=2026-11-01`, { headers });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines += 1;
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    console.log(`org ${orgId}: exported ${lines - 1} rows (${mb(bytes)} of CSV) in ${seconds.toFixed(1)} s`);
    console.log(`RSS before ${mb(baseline)}, peak ${mb(peak)}, growth ${mb(peak - baseline)}`);
    await fetch(`${base}/segments/${segment.id}`, { method: 'DELETE', headers });
  } finally {
    server.close();
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message ?? err);
  process.exit(1);
});
