// The layers point one way (README, Architecture): the rule engine (rules/, sql/) is pure and imports
// nothing from db/, and no two folders of src/ import each other. Read from the source's own import
// statements, so a new import that breaks the direction fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

const SRC = path.join(PROJECT_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Relative imports of a file (static, re-exports, type-only and dynamic), as absolute paths. */
export function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s+['"]([^'"]+)['"]/g), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts')));
}

/** The folder of src/ a file belongs to ("rules", "sql", …); files directly in src/ are their own. */
export function folderOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : rel[0]!.replace(/\.tsx?$/, '');
}

function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), path.relative(PROJECT_ROOT, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

describe('layers', () => {
  const graph = folderGraph();

  it('reads imports the way TypeScript writes them', () => {
    const file = path.join(SRC, 'x', 'a.ts');
    const text = "import { a } from '../rules/catalog.js';\nimport type { B } from './b.js';\nexport { c } from '../db/schema.js';\nconst d = await import('../sql/compile.js');\nimport fs from 'node:fs';";
    expect(importsOf(file, text).map((f) => path.relative(SRC, f))).toEqual(['rules/catalog.ts', 'x/b.ts', 'db/schema.ts', 'sql/compile.ts']);
  });

  it('keeps the rule engine (rules/, sql/) free of db/', () => {
    const offending = ['rules', 'sql'].flatMap((f) => (graph.get(f)?.get('db') ?? []).map((file) => `${file} imports db/`));
    expect(offending).toEqual([]);
  });

  it('has no two folders that import each other', () => {
    const pairs: string[] = [];
    for (const [from, edges] of graph) {
      for (const [to, files] of edges) {
        const back = graph.get(to)?.get(from);
        if (back && from < to) pairs.push(`${from} ↔ ${to} (${files[0]} → ${to}/, ${back[0]} → ${from}/)`);
      }
    }
    expect(pairs).toEqual([]);
  });
});
