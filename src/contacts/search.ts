// The contact book: list and search contacts, optionally filtered by a rule tree, keyset-paginated.
// Search matches an email prefix or, word by word, prefixes of the first and last name
// ("yann dub" finds Yann Dubois), case-insensitively; LIKE patterns are escaped. A rule tree takes
// the one path every tree takes (validation against the tenant, normalization) and compiles to the
// same predicate a segment would. Pages are keyed on (sort value, id), so they are stable at any
// depth; the cursor encodes that key and is refused when it does not fit the sort.
import { type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { contacts } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../db/cursor.js';
import type { LongRead } from '../db/long-reads.js';
import { withStatementTimeout } from '../db/timeout.js';
import { AppError } from '../lib/errors.js';
import { explain } from '../rules/explain.js';
import { prepareRules } from '../rules/prepare.js';
import type { Services } from '../services.js';
import { compilePredicate } from '../sql/compile.js';
import { NARROW_THE_SEGMENT } from '../sql/preview.js';
import { type ContactView, toContactView } from './contacts.js';

/** The compiler's predicates read `contacts c`. */
const c = alias(contacts, 'c');

export const CONTACT_SORTS = { created_at: 'c.created_at', email: 'lower(c.email)', last_name: "coalesce(lower(c.last_name), '')" } as const;
export type ContactSort = keyof typeof CONTACT_SORTS;

export interface ContactSearch {
  /** Email prefix, or name word prefixes. */
  q?: string | undefined;
  /** A rule tree (already converted from its format); validated here. */
  rules?: unknown;
  /** Where the rules came from in the request, for error paths ("query.rules", "body.rules"). */
  rulesPath: string;
  asOf?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
  sort: ContactSort;
  order: 'asc' | 'desc';
}

export interface ContactPage {
  contacts: ContactView[];
  nextCursor: string | null;
  /** The plain-English reading of the filter, when one was given. */
  explanation: string | null;
}

/** `%`, `_` and `\` are literal in what a user typed. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Contacts `c` whose email starts with `q`, or whose names start with each of its words. */
export function searchPredicate(q: string): SQL {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 10);
  const email = sql`lower(c.email) like ${likePrefix(q.toLowerCase())}`;
  const names = words.map((w) => {
    const p = likePrefix(w.toLowerCase());
    return sql`(lower(c.first_name) like ${p} or lower(c.last_name) like ${p})`;
  });
  return sql`(${email} or (${sql.join(names, sql` and `)}))`;
}

export async function searchContacts(services: Services, read: LongRead, search: ContactSearch): Promise<ContactPage> {
  const orgId = read.orgId;
  const filters: SQL[] = [];
  let explanation: string | null = null;
  const q = search.q?.trim();
  if (q) filters.push(searchPredicate(q));
  if (search.rules !== undefined && search.rules !== null) {
    const tenant = await services.tenants.get(orgId);
    const prepared = prepareRules(search.rules, { tenant }, search.rulesPath);
    if (!prepared.ok) throw new AppError('validation_failed', 'The rules are not valid for this tenant.', prepared.errors);
    filters.push(compilePredicate(prepared.tree, { orgId, asOf: search.asOf ?? services.now(), tenant }).where);
    explanation = explain(prepared.tree, tenant);
  }
  const key = sql.raw(CONTACT_SORTS[search.sort]);
  const dir = sql.raw(search.order);
  if (search.cursor !== undefined) {
    const [value, id] = decodeCursor(search.cursor, { parts: 2, ...(search.sort === 'created_at' ? { dates: [0] } : {}) });
    const cmp = sql.raw(search.order === 'asc' ? '>' : '<');
    filters.push(sql`(${key}, c.id) ${cmp} (${search.sort === 'created_at' ? sql`${value}::timestamptz` : sql`${value}`}, ${id})`);
  }
  const where = filters.length ? sql`and ${sql.join(filters, sql` and `)}` : sql``;
  const rows = await withStatementTimeout(
    read.db,
    { timeoutMs: services.statementTimeoutMs, accessMode: 'read only', advice: NARROW_THE_SEGMENT, cancellation: read.cancellation },
    (tx) =>
      tx
        .select({ contact: c, sortKey: sql<string>`(${key})::text` })
        .from(c)
        .where(sql`c.org_id = ${orgId} ${where}`)
        .orderBy(sql`${key} ${dir}`, sql`c.id ${dir}`)
        .limit(search.limit + 1),
  );
  const page = rows.slice(0, search.limit);
  const last = page[page.length - 1];
  return {
    contacts: page.map((r) => toContactView(r.contact)),
    nextCursor: rows.length > search.limit && last ? encodeCursor([last.sortKey, last.contact.id]) : null,
    explanation,
  };
}
