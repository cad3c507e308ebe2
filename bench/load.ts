// The service under preview load, over real HTTP on 127.0.0.1: `--connections` clients (default 10)
// send expensive previews (POST /v1/preview: the deep mixed tree and "≥ 3 activities in 90 days",
// alternating) for `--duration` seconds while two more clients, paced at `--rate` requests a second
// each, measure GET /v1/segments and GET /health. The service runs as its own process (`src/main.ts`,
// as `npm start` runs it) so the load generator does not share its event loop; it reaches the database
// this script opened (the embedded one unless DATABASE_URL is set) through DATABASE_URL. Bounded in
// time and count; loopback only. Not a test: the figures depend on the machine.
//
//   npm run generate -- --contacts 1000000 --org org_synth_1m        (once)
//   npm run bench:load -- --org org_synth_1m [--duration 20] [--connections 10] [--rate 20]
//
// Reports p50/p95/p99/max and status counts of each client, and GET /v1/segments' p99 in 5-second
// windows (the target is < 100 ms throughout); exits non-zero when any answer is neither 2xx nor 429.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApiKey } from '../src/auth/keys.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { connect, ensureDatabase, migrateDatabase } from '../src/db/client.js';
import { parseSettings, startEmbeddedPostgres } from '../src/db/embedded.js';
import { EMBEDDED_DATABASE_NAME } from '../src/db/open.js';
import { cases } from './preview-cases.js';
import { quantile } from './stats.js';
import { loadTenantValues } from '../src/tenants/values.js';

const { values } = parseArgs({
  options: {
    org: { type: 'string', default: 'org_synth_1m' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    asOf: { type: 'string', default: '2026-11-01T00:00:00Z' },
  },
});
const orgId = values.org!;
const duration = Number(values.duration);
const connections = Number(values.connections);
const rate = Number(values.rate);
if (!(duration > 0 && duration <= 300) || !(connections >= 1 && connections <= 100) || !(rate >= 1 && rate <= 200)) {
  throw new Error('--duration 1–300 s, --connections 1–100, --rate 1–200 per second');
}
const EXPENSIVE = ['deep mixed tree', 'activity count window'];

interface Tally {
  latencies: { at: number; ms: number }[];
  status: Map<number, number>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess, output: string[]): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}) before it answered:\n${output.slice(-20).join('')}`);
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not answer /health within 120 s:\n${output.slice(-20).join('')}`);
}

function run(options: autocannon.Options, tally: Tally, started: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      tally.latencies.push({ at: (performance.now() - started) / 1000, ms: responseTime });
      tally.status.set(statusCode, (tally.status.get(statusCode) ?? 0) + 1);
    });
  });
}

function summary(name: string, tally: Tally, result: autocannon.Result): string {
  const ms = tally.latencies.map((l) => l.ms).sort((a, b) => a - b);
  const count = (pred: (s: number) => boolean) => [...tally.status].filter(([s]) => pred(s)).reduce((n, [, c]) => n + c, 0);
  const other = count((s) => !(s >= 200 && s < 300) && s !== 429);
  const f = (q: number) => (ms.length ? quantile(ms, q).toFixed(1) : '–');
  return `| ${name} | ${ms.length} | ${f(0.5)} | ${f(0.95)} | ${f(0.99)} | ${f(1)} | ${count((s) => s >= 200 && s < 300)} | ${count((s) => s === 429)} | ${other + result.errors + result.timeouts} |`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const server = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, settings: parseSettings(config.EMBEDDED_PG_SETTINGS) });
  let child: ChildProcess | undefined;
  const database = await (async () => {
    if (server) await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
    return connect(config.DATABASE_URL ?? server!.urlFor(EMBEDDED_DATABASE_NAME));
  })();
  const url = config.DATABASE_URL ?? server!.urlFor(EMBEDDED_DATABASE_NAME);
  try {
    await migrateDatabase(database);
    const [{ n } = { n: 0 }] = await database.sql<{ n: number }[]>`select count(*)::int as n from contacts where org_id = ${orgId}`;
    if (n === 0) throw new Error(`org ${orgId} has no contacts: npm run generate -- --contacts 1000000 --org ${orgId}`);
    const tenant = await loadTenantValues(database.db, orgId);
    const asOf = new Date(values.asOf!);
    const chosen = cases(tenant, asOf).filter((c) => EXPENSIVE.includes(c.name));
    const bodies = chosen.map((c) => JSON.stringify({ rules: c.rules, asOf: asOf.toISOString() }));
    const { key } = await createApiKey(database.db, orgId, 'admin', 'bench:load');

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const output: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: url, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RECOMPUTE_INTERVAL_MS: '0', LLM_PROVIDER: 'builtin' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    await waitForHealth(base, child, output);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    // One preview of each first, and a few of the measured reads: the tenant's values are loaded,
    // the pages and the code paths are warm, as on a service that has been up for a while.
    for (let i = 0; i < 5; i += 1) {
      for (const path of ['/v1/segments', '/health']) await (await fetch(`${base}${path}`, { headers })).text();
    }
    const alone: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      for (const [i, body] of bodies.entries()) {
        const t0 = performance.now();
        const res = await fetch(`${base}/v1/preview`, { method: 'POST', headers, body });
        if (!res.ok) throw new Error(`warm-up preview: ${res.status} ${await res.text()}`);
        await res.text();
        if (round === 1) alone.push(`${chosen[i]!.name} ${(performance.now() - t0).toFixed(0)} ms`);
      }
    }

    const loadBefore = os.loadavg();
    const started = performance.now();
    const tally = (): Tally => ({ latencies: [], status: new Map() });
    const tallies = { previews: tally(), segments: tally(), health: tally() };
    const common = { url: base, duration, timeout: 30, headers } as const;
    const [previews, segments, health] = await Promise.all([
      run({ ...common, connections, requests: bodies.map((body) => ({ method: 'POST' as const, path: '/v1/preview', body })) }, tallies.previews, started),
      run({ ...common, connections: 1, overallRate: rate, requests: [{ method: 'GET', path: '/v1/segments' }] }, tallies.segments, started),
      run({ ...common, connections: 1, overallRate: rate, requests: [{ method: 'GET', path: '/health' }] }, tallies.health, started),
    ]);
    const loadAfter = os.loadavg();

    console.log(`org ${orgId}: ${n.toLocaleString('en')} contacts; ${connections} clients sending previews (${EXPENSIVE.join(', ')}) for ${duration} s; GET /v1/segments and /health at ${rate}/s each`);
    console.log(`one preview alone, before the load: ${alone.join(', ')}`);
    console.log(`load average (1 min) before ${loadBefore[0]!.toFixed(1)}, after ${loadAfter[0]!.toFixed(1)}\n`);
    console.log('| client | answers | p50 ms | p95 ms | p99 ms | max ms | 2xx | 429 | other / errors |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(summary('POST /v1/preview', tallies.previews, previews));
    console.log(summary('GET /v1/segments', tallies.segments, segments));
    console.log(summary('GET /health', tallies.health, health));
    const windows: string[] = [];
    for (let from = 0; from < duration; from += 5) {
      const ms = tallies.segments.latencies.filter((l) => l.at >= from && l.at < from + 5).map((l) => l.ms).sort((a, b) => a - b);
      windows.push(`${from}–${from + 5} s: ${ms.length ? quantile(ms, 0.99).toFixed(1) : '–'} ms`);
    }
    console.log(`\nGET /v1/segments p99 by window: ${windows.join(', ')}`);
    const statuses = (t: Tally) => [...t.status].sort(([a], [b]) => a - b).map(([s, c]) => `${s}×${c}`).join(' ');
    console.log(`statuses: previews ${statuses(tallies.previews)}; segments ${statuses(tallies.segments)}; health ${statuses(tallies.health)}`);
    const bad = [previews, segments, health].reduce((n, r) => n + r.errors + r.timeouts, 0) +
      Object.values(tallies).reduce((n, t) => n + [...t.status].filter(([s]) => !(s >= 200 && s < 300) && s !== 429).reduce((m, [, c]) => m + c, 0), 0);
    if (bad > 0) {
      console.log(`\n${bad} answers were neither 2xx nor 429 (or errors/timeouts); the service said:\n${output.slice(-20).join('')}`);
      process.exitCode = 1;
    }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await database.sql`delete from api_keys where org_id = ${orgId} and name = 'bench:load'`.catch(() => {});
    await database.close();
    await server?.stop();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message ?? err);
  process.exit(1);
});
