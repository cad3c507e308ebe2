// npm run segment -- "enterprise accounts in Germany with no deal in the last 90 days" [--org org_acme] [--as-of 2026-11-01]
// Turns a description into a segment with the configured provider (the built-in parser when no LLM
// is configured) and previews it against the database (the demo data is loaded if it is missing).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { importFixture, readFixtureFile } from '../fixture/import.js';
import { DEMO_FIXTURE } from '../fixture/demo.js';
import { GenerationError } from '../nl/errors.js';
import { generateRules } from '../nl/generate.js';
import { createProvider } from '../nl/providers.js';
import { loadTenantValues } from '../tenants/values.js';
import { previewSegment } from '../segments/preview.js';
import { sampleCells } from '../sql/preview.js';
import { runCli } from './run.js';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { org: { type: 'string', default: 'org_acme' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const description = positionals.join(' ').trim();
  if (!description) {
    console.error('usage: npm run segment -- "<audience description>" [--org org_acme] [--as-of 2026-11-01] [--json]');
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const fixture = readFixtureFile(DEMO_FIXTURE);
    const [known] = await database.sql`select 1 from orgs where id = ${values.org!}`;
    if (!known && fixture.orgs.some((o) => o.id === values.org)) await importFixture(database.db, fixture);
    // The demo data's clock is its asOf; elsewhere, now.
    const asOf = values['as-of'] ? new Date(values['as-of']) : fixture.orgs.some((o) => o.id === values.org) ? fixture.asOf : new Date();
    if (Number.isNaN(asOf.getTime())) throw new ConfigError(`--as-of "${values['as-of']}" is not a date; use e.g. 2026-11-01`);
    const tenant = await loadTenantValues(database.db, values.org!);
    const out = await generateRules(createProvider(config), { description, tenant, asOf });
    if (out.kind === 'refusal') {
      console.log(`refused (${out.provider}): ${out.reason}`);
      return 3;
    }
    const preview = await previewSegment(database.db, out.rules, { orgId: values.org!, asOf, tenant }, { timeoutMs: config.STATEMENT_TIMEOUT_MS });
    if (values.json) {
      console.log(JSON.stringify({ ...out, preview }, null, 2));
      return 0;
    }
    console.log(`provider:     ${out.provider} (${out.model}, prompt ${out.promptVersion}) in ${out.latencyMs} ms`);
    console.log(`explanation:  ${out.explanation}`);
    console.log(`assumptions:  ${out.assumptions.length ? out.assumptions.map((a) => `\n  - ${a}`).join('') : '(none)'}`);
    console.log(`unrecognized: ${out.unrecognized.length ? out.unrecognized.map((s) => `"${s.text}" (at ${s.start})`).join(', ') : '(none)'}`);
    console.log(`count:        ${preview.count} ${preview.objectType} of ${values.org} as of ${preview.asOf}`);
    for (const c of preview.sample) console.log(`  ${c.id}  ${sampleCells(c).join('  ')}`);
    console.log(`rules:\n${JSON.stringify(out.rules, null, 2)}`);
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main, [ConfigError, GenerationError]);
