// npm run eval -- --provider builtin|openai [--model gpt-4.1-mini] [--base-url URL] [--prompt-version V]
//   [--concurrency 4] [--out evals/results/<name>.json] [--floor 0.xx|stored] [--category deals,owners]
//   [--case deals-03,owners-01] [--cases evals/holdout] [--price-in USD --price-out USD] [--no-progress]
//
// Runs the eval cases through one provider, scores them on the in-memory fixture and writes a JSON
// result plus a Markdown report beside it. Exits 1 when --floor is given and accuracy is below it.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../src/config.js';
import { BuiltinProvider } from '../src/nl/builtin/provider.js';
import { OpenAIProvider } from '../src/nl/openai.js';
import type { Provider } from '../src/nl/provider.js';
import { CATEGORIES, EVALS_DIR, loadCases } from './cases.js';
import { runEval } from './core.js';
import { FLOOR_FILE, readStoredFloors } from './floor.js';
import { type Price, priceOf } from './pricing.js';
import { categoryTable, renderReport, summaryTable } from './report.js';
import { loadWorld } from './world.js';

const USAGE = `Usage: npm run eval -- --provider builtin|openai [options]
  --model NAME            LLM model (default: LLM_MODEL, gpt-4.1-mini)
  --base-url URL          OpenAI-compatible server (default: OPENAI_BASE_URL); the key comes from OPENAI_API_KEY
  --prompt-version V      prompt version of the openai provider (default: the current one)
  --concurrency N         descriptions in flight at once (default 4)
  --out FILE.json         result file; the report is FILE.md (default evals/results/<provider>-<model>.json)
  --floor X|stored        fail (exit 1) when execution accuracy < X; "stored" reads evals/floor.json
  --category a,b          only these categories (${CATEGORIES.join(', ')})
  --case id,id            only these cases
  --cases DIR             folder of case files (default evals/cases; e.g. evals/holdout)
  --price-in USD          $ per 1M prompt tokens (overrides the price table)
  --price-out USD         $ per 1M completion tokens
  --no-progress           no progress bar`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowNegative: true,
      options: {
        provider: { type: 'string', default: 'builtin' },
        model: { type: 'string' },
        'base-url': { type: 'string' },
        'prompt-version': { type: 'string' },
        concurrency: { type: 'string', default: '4' },
        out: { type: 'string' },
        floor: { type: 'string' },
        category: { type: 'string' },
        case: { type: 'string' },
        cases: { type: 'string' },
        'price-in': { type: 'string' },
        'price-out': { type: 'string' },
        progress: { type: 'boolean', default: true },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }

  let provider: Provider;
  if (args.provider === 'builtin') {
    provider = new BuiltinProvider();
  } else if (args.provider === 'openai') {
    const baseURL = args['base-url'] ?? config.OPENAI_BASE_URL;
    if (!config.OPENAI_API_KEY && !baseURL) {
      console.log('skipped: the openai eval needs an LLM; set OPENAI_API_KEY or OPENAI_BASE_URL (or pass --base-url).');
      return 0;
    }
    provider = new OpenAIProvider({
      ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
      ...(baseURL ? { baseURL } : {}),
      model: args.model ?? config.LLM_MODEL,
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxRetries: config.LLM_MAX_RETRIES,
      ...(args['prompt-version'] ? { promptVersion: args['prompt-version'] } : {}),
    });
  } else {
    console.error(`unknown --provider "${args.provider}"; expected builtin or openai`);
    return 2;
  }

  const concurrency = Number(args.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    console.error('--concurrency must be a positive integer');
    return 2;
  }
  const price = readPrice(args['price-in'], args['price-out'], provider);
  if (price === 'invalid') {
    console.error('--price-in and --price-out must be non-negative numbers');
    return 2;
  }
  const floor = readFloor(args.floor, provider);
  if (floor === 'invalid') {
    console.error('--floor must be a number between 0 and 1, or "stored"');
    return 2;
  }

  let cases = loadCases(args.cases ? path.resolve(args.cases) : undefined);
  if (args.category) {
    const wanted = args.category.split(',').map((s) => s.trim());
    const unknown = wanted.filter((w) => !(CATEGORIES as readonly string[]).includes(w));
    if (unknown.length) {
      console.error(`unknown category ${unknown.join(', ')}; expected some of ${CATEGORIES.join(', ')}`);
      return 2;
    }
    cases = cases.filter((c) => wanted.includes(c.category));
  }
  if (args.case) {
    const ids = new Set(args.case.split(',').map((s) => s.trim()));
    cases = cases.filter((c) => ids.has(c.id));
  }
  if (cases.length === 0) {
    console.error('no cases selected');
    return 2;
  }

  const world = loadWorld();
  const bar = args.progress && process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: `${provider.name} {bar} {value}/{total} · correct {correct} · eta {eta_formatted}`, stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let correct = 0;
  bar?.start(cases.length, 0, { correct });
  const result = await runEval({
    provider,
    world,
    cases,
    concurrency,
    price,
    onCase: (r, done) => {
      if (r.correct) correct += 1;
      bar?.update(done, { correct });
    },
  }).finally(() => bar?.stop());

  const slug = (s: string) => s.replace(/[^a-z0-9.]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  const name = [provider.name, provider.name === 'builtin' ? '' : slug(provider.model), args['prompt-version'] ? slug(args['prompt-version']) : '']
    .filter(Boolean)
    .join('-');
  const out = path.resolve(args.out ?? path.join(EVALS_DIR, 'results', `${name}.json`));
  const report = out.replace(/\.json$/, '') + '.md';
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  fs.writeFileSync(report, renderReport(result, floor === undefined ? {} : { floor }));

  console.log(`${result.meta.provider} · ${result.meta.model} · prompt ${result.meta.promptVersion}\n`);
  console.log([...summaryTable(result.summary, floor), '', ...categoryTable(result.categories, result.summary)].join('\n'));
  console.log(`\nwrote ${path.relative(process.cwd(), out)} and ${path.relative(process.cwd(), report)}`);
  if (floor !== undefined && result.summary.executionAccuracy < floor) {
    console.error(`\nexecution accuracy ${result.summary.executionAccuracy} is below the floor ${floor}`);
    return 1;
  }
  return 0;
}

function readPrice(input: string | undefined, output: string | undefined, provider: Provider): Price | null | 'invalid' {
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const override = { input: num(input), output: num(output) };
  if ([override.input, override.output].some((x) => x !== undefined && !(Number.isFinite(x) && x >= 0))) return 'invalid';
  if (provider.name === 'builtin') return null;
  return priceOf(provider.model, {
    ...(override.input !== undefined ? { input: override.input } : {}),
    ...(override.output !== undefined ? { output: override.output } : {}),
  });
}

/** The floor from the flag: a number, or "stored" for the provider's entry in evals/floor.json
 *  (`<provider>:<model>` first, then `<provider>`). */
function readFloor(flag: string | undefined, provider: Provider): number | undefined | 'invalid' {
  if (flag === undefined) return undefined;
  if (flag === 'stored') {
    const floors = readStoredFloors();
    const stored = floors[`${provider.name}:${provider.model}`] ?? floors[provider.name];
    if (stored === undefined) console.log(`no stored floor for ${provider.name} (${provider.model}) in ${path.relative(process.cwd(), FLOOR_FILE)}; not checked`);
    return stored;
  }
  const n = Number(flag);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : 'invalid';
}

process.exitCode = await main(process.argv.slice(2));
