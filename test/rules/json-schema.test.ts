import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generationJsonSchema } from '../../src/rules/json-schema.js';
import { PROJECT_ROOT } from '../../src/config.js';

type Schema = Record<string, unknown>;

const FORBIDDEN = ['allOf', 'not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas', 'oneOf', 'patternProperties'];

/** Walks a JSON Schema and lists every way it breaks OpenAI Structured Outputs strict mode. */
function strictModeProblems(root: Schema): string[] {
  const problems: string[] = [];
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  let properties = 0;
  let enumValues = 0;
  let chars = 0;

  if (root.type !== 'object' || 'anyOf' in root) problems.push('root must be an object, not anyOf');

  const visit = (node: Schema, path: string) => {
    for (const key of FORBIDDEN) if (key in node) problems.push(`${path}: "${key}" is not allowed`);
    if (typeof node.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1];
      if (!name || !(name in defs)) problems.push(`${path}: $ref ${node.$ref} does not resolve`);
    }
    if (node.type === 'object' || 'properties' in node) {
      const props = (node.properties ?? {}) as Record<string, Schema>;
      if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
      const required = (node.required ?? []) as string[];
      for (const key of Object.keys(props)) {
        if (!required.includes(key)) problems.push(`${path}.${key}: every property must be required (use nullable)`);
        properties += 1;
        chars += key.length;
        visit(props[key]!, `${path}.${key}`);
      }
    }
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      chars += node.enum.reduce<number>((n, v) => n + String(v).length, 0);
    }
    if (node.items) visit(node.items as Schema, `${path}[]`);
    if (Array.isArray(node.anyOf)) node.anyOf.forEach((branch, i) => visit(branch as Schema, `${path}|${i}`));
  };
  visit(root, '$');
  for (const [name, def] of Object.entries(defs)) visit(def, `$defs.${name}`);

  // Nesting: follow $refs, but a recursive reference ends a path (recursion via $defs is allowed).
  const depth = (node: Schema, seen: Set<string>): number => {
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/$defs/', '');
      return seen.has(name) ? 0 : depth(defs[name]!, new Set([...seen, name]));
    }
    const kids: Schema[] = [
      ...Object.values((node.properties ?? {}) as Record<string, Schema>),
      ...(node.items ? [node.items as Schema] : []),
      ...((node.anyOf ?? []) as Schema[]),
    ];
    const own = node.type === 'object' ? 1 : 0;
    return own + Math.max(0, ...kids.map((k) => depth(k, seen)));
  };
  const levels = depth(root, new Set());
  if (levels > 10) problems.push(`nesting is ${levels} levels deep; at most 10 are allowed`);
  if (properties > 5000) problems.push(`${properties} properties; at most 5000`);
  if (enumValues > 1000) problems.push(`${enumValues} enum values; at most 1000`);
  if (chars > 120_000) problems.push(`${chars} characters of names and enum values; at most 120,000`);
  return problems;
}

describe('the generation JSON Schema', () => {
  const schema = generationJsonSchema();

  it('satisfies OpenAI Structured Outputs strict mode', () => {
    expect(strictModeProblems(schema)).toEqual([]);
  });

  it('is recursive through $defs and keeps tenant values out of its enums', () => {
    expect(Object.keys(schema.$defs as object)).toEqual(expect.arrayContaining(['Group', 'Node', 'Condition', 'Relation']));
    const text = JSON.stringify(schema);
    for (const tenantValue of ['vip', 'Software', 'Spring Sale', 'usr_00001']) expect(text).not.toContain(tenantValue);
  });

  it('catches what strict mode forbids (the walker can fail)', () => {
    const broken: Schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { anyOf: [{ type: 'object', properties: { c: { type: 'string' } } }] } },
      required: ['a'],
      additionalProperties: false,
      allOf: [],
    };
    expect(strictModeProblems(broken)).toEqual([
      '$: "allOf" is not allowed',
      '$.b: every property must be required (use nullable)',
      '$.b|0: additionalProperties must be false',
      '$.b|0.c: every property must be required (use nullable)',
    ]);
    expect(strictModeProblems({ anyOf: [] })).toContain('root must be an object, not anyOf');
  });

  it('is what `npm run schema` prints', () => {
    const printed = execFileSync('npx', ['tsx', 'src/cli/schema.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual(schema);
  });
});
