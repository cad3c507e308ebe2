// The API's validation messages are written for API clients ("expected a number for
// company.employee_count", "Too small: expected number to be >=0"); next to an input on the page they
// become plain words. Anything not recognised is shown as the server wrote it, field keys replaced by
// their labels — never hidden.
import type { UiCatalog } from '../ui/catalog.js';
import type { IssueBody, ProblemBody } from './api.js';

type Rule = [RegExp, (m: RegExpMatchArray) => string];

const quote = (json: string) => {
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === 'string' ? `“${v}”` : String(json);
  } catch {
    return json;
  }
};

const RULES: Rule[] = [
  [/^expected a number for .+?, got (.+)$/, (m) => `Enter a number — ${quote(m[1]!)} is not one.`],
  [/^expected an ISO-8601 date for .+?, got (.+)$/, () => 'Pick a date, or type it as YYYY-MM-DD.'],
  [/^expected (?:text|a string) for /, () => 'Enter some text.'],
  [/needs a non-empty list of values/, () => 'Choose at least one value.'],
  [/needs \[low, high\]/, () => 'Fill in both ends of the range.'],
  [/needs low ≤ high/, () => 'The first value must not be larger than the second.'],
  [/needs \{"amount"/, () => 'Enter an amount of days, weeks, months or years.'],
  [/needs a single value/, () => 'Choose one value.'],
  [/needs a value; to match missing values use is_null/, () => 'Enter a value, or choose “is empty” to find contacts without one.'],
  [/^expected a string, number, boolean, list/, () => 'Enter a value.'],
  [/^Too small: expected (?:number|int) to be >=\s*(\S+)/, (m) => `Enter ${m[1]} or more.`],
  [/^Too small: expected (?:number|int) to be >\s*(\S+)/, (m) => `Enter more than ${m[1]}.`],
  [/^Too big: expected (?:number|int) to be <=\s*(\S+)/, (m) => `Enter ${m[1]} or less.`],
  [/^Too small: expected string to have >=1 characters/, () => 'This cannot be empty.'],
  [/^Invalid input: expected (?:number|int)/, () => 'Enter a whole number.'],
  [/^Invalid input: expected string/, () => 'Enter some text.'],
  [/^unknown (field|relation|segment) "([^"]*)"(?: \(did you mean ([^)]+)\?\))?/, (m) => `There is no ${m[1]} “${m[2]}”.${m[3] ? ` Did you mean ${m[3]}?` : ''}`],
  [/^use 1–80 lower-case letters, digits and single dashes/, () => 'Use lower-case letters, digits and single dashes, e.g. “vip-germany”.'],
];

export function plainMessage(message: string, catalog?: UiCatalog): string {
  for (const [pattern, say] of RULES) {
    const m = message.match(pattern);
    if (m) return withLabels(say(m), catalog);
  }
  return withLabels(message, catalog);
}

/** Field keys ("company.employee_count") as the reviewer knows them ("Company size (employees)"). */
function withLabels(text: string, catalog?: UiCatalog): string {
  if (!catalog) return text;
  const labels = new Map<string, string>();
  for (const f of catalog.fields) labels.set(f.key, f.label);
  for (const r of catalog.relations) for (const f of r.fields) labels.set(`${r.name}.${f.key}`, f.label);
  return text.replace(/\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\b/g, (key) => (labels.has(key) ? labels.get(key)! : key));
}

/**
 * The problem as the page shows it: each message in plain words; a slug made from the title that is
 * taken is the title's problem (the reviewer never typed a slug).
 */
export function plainProblem(problem: ProblemBody, catalog?: UiCatalog, ctx: { typedSlug?: boolean } = {}): ProblemBody {
  const errors: IssueBody[] = (problem.errors ?? []).map((e) => ({ path: e.path, message: plainMessage(e.message, catalog) }));
  if (problem.status === 409 && /already uses the slug/.test(problem.detail) && !ctx.typedSlug) {
    const message = 'Another segment already has this title (or one that differs only in case or punctuation). Choose another title.';
    return { ...problem, detail: 'This title is taken.', errors: [...errors, { path: 'title', message }] };
  }
  if (problem.status === 409 && /already called/.test(problem.detail)) {
    return { ...problem, detail: 'This title is taken.', errors: [...errors, { path: 'title', message: `${problem.detail} Choose another title.` }] };
  }
  if (problem.status === 409 && /already uses the slug/.test(problem.detail)) {
    return { ...problem, errors: [...errors, { path: 'slug', message: `${problem.detail} Choose another slug.` }] };
  }
  return { ...problem, ...(problem.errors ? { errors } : {}) };
}
