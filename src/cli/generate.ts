// npm run generate -- [--contacts 10000] [--org org_synth] [--seed 1] [--as-of 2026-11-01T00:00:00Z]
// Replaces one synthetic tenant in the configured database with freshly generated data, for
// benchmarks at scale. Same flags, same data.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import type { Sql } from '../db/client.js';
import { openDatabase } from '../db/open.js';
import {
  generateSynthetic,
  SYNTHETIC_AS_OF,
  SYNTHETIC_ORG_ID,
  type SyntheticCounts,
  type SyntheticOptions,
  type SyntheticPhase,
} from '../synth/generate.js';

const USAGE = 'usage: npm run generate -- [--contacts 10000] [--org org_synth] [--seed 1] [--as-of 2026-11-01T00:00:00Z]';
const MAX_CONTACTS = 50_000_000;

class UsageError extends Error {
  override name = 'UsageError';
}

type Flags = Required<Pick<SyntheticOptions, 'orgId' | 'contacts' | 'seed' | 'asOf'>>;

function parseFlags(argv: string[]): Flags {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        contacts: { type: 'string', default: '10000' },
        org: { type: 'string', default: SYNTHETIC_ORG_ID },
        seed: { type: 'string', default: '1' },
        'as-of': { type: 'string', default: SYNTHETIC_AS_OF.toISOString() },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return {
    contacts: wholeNumber('--contacts', values.contacts, 1, MAX_CONTACTS),
    seed: wholeNumber('--seed', values.seed, 0, 0xffffffff),
    orgId: orgId(values.org),
    asOf: instant('--as-of', values['as-of']),
  };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const digits = text.replace(/_/g, ''); // 1_000_000 reads better than 1000000
  const n = /^\d+$/.test(digits) ? Number(digits) : NaN;
  if (!(n >= min && n <= max)) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max.toLocaleString('en')}, got "${text}"`);
  }
  return n;
}

function orgId(text: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) {
    throw new UsageError(`--org must be 1–64 letters, digits, "_" or "-", got "${text}"`);
  }
  return text;
}

function instant(flag: string, text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`${flag} must be an ISO-8601 timestamp such as 2026-11-01T00:00:00Z, got "${text}"`);
  }
  return at;
}

const PHASE_LABEL: Record<SyntheticPhase, string> = {
  replace: 'removing the previous org',
  load: 'loading',
  facts: 'contact facts',
  vacuum: 'vacuum analyze',
};

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const database = await openDatabase(loadConfig(), (line) => console.error(line));
  try {
    const what = `${flags.contacts.toLocaleString('en')} contacts into ${flags.orgId} (seed ${flags.seed})`;
    console.error(`generating ${what} in ${database.describe}`);
    const bar = new cliProgress.SingleBar(
      {
        format: '{bar} {percentage}% | {value}/{total} contacts | {duration_formatted} | ETA {eta_formatted}',
        hideCursor: true,
        // Redirected to a file (a long run in the background), still print a line every 10 s.
        noTTYOutput: true,
        notTTYSchedule: 10_000,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    const phases: { phase: SyntheticPhase; at: number }[] = [];
    let counts: SyntheticCounts;
    try {
      counts = await generateSynthetic(database.sql, {
        ...flags,
        onPhase: (phase) => {
          phases.push({ phase, at: Date.now() });
          if (phase === 'load') return bar.start(flags.contacts, 0);
          bar.stop();
          console.error(`${PHASE_LABEL[phase]}…`);
        },
        onProgress: (done) => bar.update(done),
      });
    } finally {
      bar.stop(); // gives the cursor back when the run fails half-way
    }
    const ended = Date.now();
    const breakdown = phases.map(({ phase, at }, i) => {
      return `${PHASE_LABEL[phase]} ${seconds((phases[i + 1]?.at ?? ended) - at)}`;
    });
    console.log(`generated ${flags.orgId} in ${seconds(ended - started)} (${breakdown.join(', ')})`);
    await report(database.sql, counts);
    return 0;
  } finally {
    await database.close();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Rows this run wrote, and what each table (all orgs, with indexes) and the database now weigh. */
async function report(sql: Sql, counts: SyntheticCounts): Promise<void> {
  const sizes = await sql<{ table: string; size: string }[]>`
    select relname as table, pg_size_pretty(pg_total_relation_size(oid)) as size
    from pg_class where relname in ${sql(Object.keys(counts))} and relkind = 'r'`;
  const sizeOf = new Map(sizes.map((s) => [s.table, s.size]));
  const rows = Object.entries(counts).map(([table, n]) => [table, { rows: n, 'table size (all orgs)': sizeOf.get(table) }]);
  console.table(Object.fromEntries(rows));
  const [db] = await sql<{ size: string }[]>`select pg_size_pretty(pg_database_size(current_database())) as size`;
  console.log(`database size: ${db!.size}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    if (err instanceof UsageError) console.error(USAGE);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
