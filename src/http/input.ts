// The first look at what a client sent, once for every /v1 route, before any handler or schema:
// - a body needs a JSON content type (CSV_ROUTES also take text/csv, streamed by their handler); a request without a body needs no content type at all;
// - the body must be JSON, nested at most MAX_JSON_DEPTH levels;
// - no string anywhere (body keys and values, query names and values, path segments) may hold a NUL
//   character or a lone UTF-16 surrogate: Postgres cannot store NUL in text or JSON (that was a 500)
//   and silently turns a lone surrogate into U+FFFD (or fails on it inside JSON);
// - no body key may be "__proto__": a JavaScript object drops it silently, so what was stored
//   would not be what was sent.
// Each problem names where it is (body.contacts.0.tags.1, query.limit, path.id) in the paths the
// schema validation uses.
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ProblemDetail } from '../lib/errors.js';
import { AppError } from '../lib/errors.js';

export const MAX_JSON_DEPTH = 64;
const MAX_REPORTED = 20;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be taken as it is, or undefined when it can. */
export function badText(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored; remove it';
  if (LONE_SURROGATE.test(s)) return 'is not well-formed Unicode (a lone UTF-16 surrogate); send valid UTF-8';
  return undefined;
}

/**
 * Problems in a parsed JSON value, at most MAX_REPORTED. Iterative, so no nesting can overflow the
 * stack; nesting deeper than MAX_JSON_DEPTH is itself a problem.
 */
export function jsonProblems(value: unknown, root = 'body'): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length > 0 && out.length < MAX_REPORTED) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const why = badText(v);
      if (why) out.push({ path, message: `the text ${why}` });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({ path, message: `JSON is nested more than ${MAX_JSON_DEPTH} levels deep here; flatten it` });
      continue;
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const at = `${path}.${key}`;
      if (!Array.isArray(v)) {
        const why = badText(key);
        if (why) {
          out.push({ path: `${path}.${JSON.stringify(key).slice(1, -1)}`, message: `the key ${why}` });
          continue;
        }
        if (key === '__proto__') {
          out.push({ path: at, message: '"__proto__" is a reserved name and cannot be a key' });
          continue;
        }
      }
      stack.push([child, at, depth + 1]);
    }
  }
  return out;
}

function queryProblems(c: Context): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    const nameWhy = badText(name);
    if (nameWhy) {
      out.push({ path: `query.${JSON.stringify(name).slice(1, -1)}`, message: `the parameter name ${nameWhy}` });
      continue;
    }
    for (const v of values) {
      const why = badText(v);
      if (why) out.push({ path: `query.${name}`, message: `the value ${why}` });
    }
  }
  return out;
}

/** Path segments, decoded, named by the matched route's parameter (path.id) where there is one. */
function pathProblems(c: Context): ProblemDetail[] {
  const segments = new URL(c.req.url).pathname.split('/'); // still percent-encoded: decoded once, here
  const pattern = routePath(c, -1).split('/');
  const out: ProblemDetail[] = [];
  segments.forEach((raw, i) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return; // not percent-decodable: the router treats it as literal text, which is harmless
    }
    const why = badText(decoded);
    if (!why) return;
    const param = pattern.length === segments.length && pattern[i]?.startsWith(':') ? pattern[i]!.slice(1).replace(/\{.*$/, '') : undefined;
    out.push({ path: param ? `path.${param}` : 'path', message: `the URL path segment ${why}` });
  });
  return out;
}

/** Routes that take a CSV body (text/csv), streamed by their handler rather than read here. */
const CSV_ROUTES = [/^\/v1\/segments\/[^/]+\/members\/import$/];

function takesCsv(c: Context): boolean {
  return /^text\/csv\b/i.test(c.req.header('content-type') ?? '') && CSV_ROUTES.some((r) => r.test(c.req.path));
}

export const inputGuard: MiddlewareHandler = async (c, next) => {
  const problems = [...pathProblems(c), ...queryProblems(c)];
  if (BODY_METHODS.has(c.req.method) && c.req.raw.body !== null && !takesCsv(c)) {
    const text = await c.req.text(); // cached: the route's validator reads the same text
    if (text.length > 0) {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(type)) {
        throw new AppError('unsupported_media_type', `Send the body as application/json (got ${type ? `"${type}"` : 'no content type'}).`);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new AppError('bad_request', `Malformed JSON in the request body: ${(err as Error).message.replace(/\.$/, '')}.`, [{ path: 'body', message: 'not valid JSON' }]);
      }
      problems.push(...jsonProblems(parsed));
    }
  }
  if (problems.length > 0) throw new AppError('validation_failed', 'The request holds text that cannot be accepted.', problems.slice(0, MAX_REPORTED));
  await next();
};
