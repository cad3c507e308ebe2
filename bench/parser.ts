// Parse time of the built-in parser, on the request thread: `npm run bench:parser [-- --rounds 20 --long 20 --warmup 400]`.
//
// Three workloads, each reported as mean / p50 / p95 / p99 / max of one parse with the tenant's lexicon
// already built (it is built once per tenant and cached):
//   - every phrasing row of the parser's tables (test/nl/builtin/tables), `--rounds` times;
//   - synthetic long descriptions of about 500, 1,000 and 2,000 characters, `--long` of each, made
//     of realistic clauses (phrasing rows that read as audiences) joined by "and", "or", commas and
//     "but not", from a fixed seed so every run parses the same text;
//   - hostile text of 2,000 characters (a run of "a", of "1,", of ")" …) built to make recognizers
//     look far from every word, which the parser's step budget bounds.
// Long descriptions are timed twice over: first `--long` of the longest length right after the phrasing
// rows ("just after start": V8 is still compiling the paths long text takes), then, after `--warmup`
// other long parses, the steady state of a service that has parsed a few hundred descriptions.
// Each is timed on both clocks (wall and process CPU); `--clock wall` lists wall time first.
// Also the one-off cost of the first parse for a tenant (it builds the lexicon).
// The tables are the test workload, so this script reads them (and the fixture) from test/.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BuiltinProvider } from '../src/nl/builtin/provider.js';
import { fixtureTenantValues } from '../test/support/fixture-tenant.js';
import { TABLES } from '../test/nl/builtin/tables/index.js';
import { quantile } from './stats.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    long: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    lengths: { type: 'string', default: '500,1000,2000' },
    warmup: { type: 'string', default: '400' },
    clock: { type: 'string', default: 'cpu' },
  },
});
const rounds = Number(values.rounds);
const perLength = Number(values.long);
const lengths = values.lengths!.split(',').map(Number);
// Both clocks, per parse: wall time (what the request waits for, on a quiet machine) and CPU time of the
// process (all its threads: V8 compiles and marks the heap on background threads beside the request,
// so this can exceed wall time on a multi-core machine; on a shared machine it is the steadier one).
const wall = (): number => performance.now();
const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const primary = values.clock === 'wall' ? 'wall' : 'cpu';

const asOf = new Date('2026-11-01T00:00:00Z');
const provider = new BuiltinProvider();
const tenant = fixtureTenantValues('org_acme');

/** mulberry32: a small deterministic generator, so the long descriptions are the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows = Object.values(TABLES).flat();
/** Clauses a person would chain: rows that are audiences, read whole, with no parentheses. */
const clauses = rows.filter((r) => r.rules !== undefined && !r.refuse && !r.unrecognized?.length && !/[()?]/.test(r.say)).map((r) => r.say);
const JOINS = [' and ', ' or ', ', ', ', and ', ' but not ', ' and also ', '; '];

/** A description of about `length` characters (never more), from clauses joined at random. */
export function longDescription(length: number, next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  let text = pick(clauses);
  for (;;) {
    const more = `${text}${pick(JOINS)}${pick(clauses)}`;
    if (more.length > length) return text;
    text = more;
  }
}

interface Times {
  wall: number[];
  cpu: number[];
}

function measure(descriptions: string[], times: number): Times {
  const out: Times = { wall: [], cpu: [] };
  for (let r = 0; r < times; r++) {
    for (const description of descriptions) {
      const w0 = wall();
      const c0 = cpu();
      provider.parse({ description, tenant, asOf });
      out.cpu.push(cpu() - c0);
      out.wall.push(wall() - w0);
    }
  }
  out.wall.sort((a, b) => a - b);
  out.cpu.sort((a, b) => a - b);
  return out;
}

function report(label: string, t: Times): void {
  for (const kind of [primary, primary === 'wall' ? 'cpu' : 'wall'] as const) line(`${label} ${kind === 'wall' ? 'wall' : 'cpu '}`, t[kind]);
}

function line(label: string, times: number[]): void {
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const at = (q: number) => quantile(times, q);
  const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  console.log(
    `${label.padEnd(44)} n=${String(times.length).padStart(5)}   mean ${f(mean)}   p50 ${f(at(0.5))}   p95 ${f(at(0.95))}   p99 ${f(at(0.99))}   max ${f(at(1))}`,
  );
}

const t0 = wall();
provider.parse({ description: 'customers', tenant, asOf });
const firstMs = wall() - t0;
console.log('wall: wall time of each parse; cpu: CPU time of the process (user + system, all threads) during it');

const phrasings = rows.map((r) => r.say);
report(`phrasing rows (${phrasings.length} × ${rounds})`, measure(phrasings, rounds));
const next = random(Number(values.seed));
// Just after start: V8 compiles and optimizes the paths long text takes over its first few hundred long
// parses (thousands of short ones do not train them), so the first ones are slower. Timed once each, on
// their own seed so none of the texts timed below are warm.
const first = random(Number(values.seed) + 2000);
const longest = Math.max(...lengths);
const firstTexts = Array.from({ length: perLength }, () => longDescription(longest, first));
report(`long, ~${longest} chars, first ${perLength} after start`, measure(firstTexts, 1));
// A service parses many descriptions. Before the steady state is timed, `--warmup` others (spread over the
// lengths; another seed, so none of the timed texts and none of their words' per-tenant lookups are warm)
// are parsed once, untimed.
const warm = random(Number(values.seed) + 1000);
const warmups = Number(values.warmup);
for (let n = 0; n < warmups; n++) provider.parse({ description: longDescription(lengths[n % lengths.length]!, warm), tenant, asOf });
for (const length of lengths) {
  const descriptions = Array.from({ length: perLength }, () => longDescription(length, next));
  const chars = Math.round(descriptions.reduce((s, d) => s + d.length, 0) / descriptions.length);
  // Fewer rounds for the long ones: each is one request's worth of text.
  report(`long, ~${length} chars (avg ${chars}; ${perLength} × 3), steady`, measure(descriptions, 3));
}
// Text no one writes, built to make the recognizers look far from every word; bounded by the parser's step budget.
const hostile = ['a ', 'the ', '1, ', ')', '( ', 'not ', 'who ', 'es ', 'xx, ', '"vip" ', 'twenty ', 'a a a b ', 'deals ', 'lorem ipsum dolor sit amet ']
  .map((unit) => unit.repeat(Math.ceil(2000 / unit.length)).slice(0, 2000));
report(`hostile, 2000 chars (${hostile.length} × 3)`, measure(hostile, 3));
console.log(`first parse for a tenant (builds its lexicon): ${firstMs.toFixed(1)} ms`);
