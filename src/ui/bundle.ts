// The page's script: src/web/*.ts (the browser program) bundled into one ES module on first request, in memory.
// The client is TypeScript so `npm run typecheck` checks it against the server's own types
// (UiCatalog, the rule grammar); there is no build step and nothing generated is committed.
//
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'main.ts');

let bundled: Promise<string> | undefined;

/** The client bundle, built once per process. A failed build is retried on the next request. */
export function clientBundle(): Promise<string> {
  bundled ??= buildClient().catch((err: unknown) => {
    bundled = undefined;
    throw err;
  });
  return bundled;
}

async function buildClient(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
