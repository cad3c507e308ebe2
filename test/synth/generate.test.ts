import { refreshFacts } from '../../src/db/facts.js';
import { loadTenantValues } from '../../src/tenants/values.js';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../../src/db/client.js';
import { copyRows, copyText, type CopyValue } from '../../src/synth/copy.js';
import { SyntheticError } from '../../src/synth/errors.js';
import { generateSynthetic, SYNTHETIC_AS_OF, SYNTHETIC_ORG_ID } from '../../src/synth/generate.js';
import { useTestDatabase } from '../support/db.js';

const TABLES = [
  ...['orgs', 'field_definitions', 'users', 'companies', 'contacts', 'deals', 'activities'],
  ...['campaigns', 'email_events', 'fit_scores', 'segments', 'segment_members', 'contact_facts', 'contact_activity_facts', 'contact_value_counts'],
];
const orgColumn = (table: string) => (table === 'orgs' ? 'id' : 'org_id');

/** Row count and content hash of every table, restricted to one org. */
async function orgSnapshot(sql: Sql, orgId: string): Promise<Record<string, { rows: number; md5: string | null }>> {
  const out: Record<string, { rows: number; md5: string | null }> = {};
  for (const table of TABLES) {
    const [row] = await sql.unsafe(
      `select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as md5
       from "${table}" t where ${orgColumn(table)} = $1`,
      [orgId],
    );
    out[table] = { rows: row!.rows as number, md5: row!.md5 as string | null };
  }
  return out;
}

// The drizzle-configured client neither takes nor returns Date objects for timestamps.
const AS_OF = SYNTHETIC_AS_OF.toISOString();

const rowsOf = (snapshot: Record<string, { rows: number }>) =>
  Object.fromEntries(Object.entries(snapshot).map(([table, s]) => [table, s.rows]));

describe('generateSynthetic', () => {
  let database: Database;
  let first: Awaited<ReturnType<typeof orgSnapshot>>;
  beforeAll(async () => {
    database = await useTestDatabase('tmpl_empty');
  });

  it('loads the asked-for contacts with fixture-like ratios, all in the one org', async () => {
    const progress: number[] = [];
    const counts = await generateSynthetic(database.sql, { contacts: 2000, seed: 1, onProgress: (done) => progress.push(done) });
    first = await orgSnapshot(database.sql, SYNTHETIC_ORG_ID);

    expect(rowsOf(first)).toEqual(counts);
    expect(counts).toMatchObject({ orgs: 1, field_definitions: 3, users: 4, companies: 250, contacts: 2000, campaigns: 12, segments: 3 });
    const perContact = (table: string) => counts[table]! / counts.contacts!;
    expect(perContact('activities')).toBeGreaterThan(2);
    expect(perContact('activities')).toBeLessThan(4);
    expect(perContact('email_events')).toBeGreaterThan(7);
    expect(perContact('email_events')).toBeLessThan(13);
    expect(perContact('deals')).toBeGreaterThan(0.3);
    expect(perContact('deals')).toBeLessThan(0.6);
    expect(perContact('fit_scores')).toBeGreaterThan(1.5);
    expect(perContact('fit_scores')).toBeLessThan(2.1);
    expect(counts.segment_members).toBeGreaterThan(100);
    expect(progress.at(-1)).toBe(2000);
    // The facts came with the load, one row per contact, and equal a rebuild from the raw tables.
    expect(counts.contact_facts).toBe(2000);
    await refreshFacts(database.db, SYNTHETIC_ORG_ID, null);
    const again = await orgSnapshot(database.sql, SYNTHETIC_ORG_ID);
    expect([again.contact_facts, again.contact_activity_facts]).toEqual([first.contact_facts, first.contact_activity_facts]);
    expect(first.contact_activity_facts!.rows).toBe(2000);
    const [withActivities] = await database.sql`select count(*)::int as n from contact_activity_facts where org_id = ${SYNTHETIC_ORG_ID} and cardinality(activity_at) > 0`;
    expect(withActivities!.n).toBeGreaterThan(1000);
    // So did the tenant's value counts: its values are what a distinct over the contacts says.
    const values = await loadTenantValues(database.db, SYNTHETIC_ORG_ID);
    const distinct = async (expr: string) =>
      (await database.sql.unsafe(`select distinct ${expr} as v from contacts where org_id = $1 order by v`, [SYNTHETIC_ORG_ID])).flatMap((r) => (r.v === null ? [] : [r.v as string]));
    expect(values.tags).toEqual(await distinct('unnest(tags)'));
    expect(values.languages).toEqual(await distinct('language'));
    expect(values.tags.length).toBeGreaterThan(3);

    for (const table of TABLES) {
      const sql = `select count(*)::int as n from "${table}" where ${orgColumn(table)} <> $1`;
      const [row] = await database.sql.unsafe(sql, [SYNTHETIC_ORG_ID]);
      expect(row!.n, table).toBe(0);
    }
  });

  it('makes data a segment builder can tell apart: consistent, skewed, nothing after asOf', async () => {
    const [c] = await database.sql`
      select avg((company_id is not null)::int)::float as with_company,
             avg((phone is null)::int)::float as without_phone,
             avg((email_status = 'subscribed')::int)::float as subscribed,
             count(distinct tags) > 20 as varied_tags,
             bool_and(properties ? 'plan' and properties ? 'source') as has_properties,
             max(created_at) < ${AS_OF} as created_before_as_of,
             min(created_at) > ${AS_OF}::timestamptz - interval '3 years' as created_recently
      from contacts`;
    expect(c!.with_company).toBeCloseTo(0.85, 1);
    expect(c!.without_phone).toBeCloseTo(0.4, 1);
    expect(c!.subscribed).toBeGreaterThan(0.75);
    expect(c).toMatchObject({ varied_tags: true, has_properties: true, created_before_as_of: true, created_recently: true });

    const languages = await database.sql`
      select country, array_agg(distinct language order by language) as languages from contacts group by country`;
    const spoken = Object.fromEntries(languages.map((r) => [r.country as string, r.languages as string[]]));
    expect(spoken).toMatchObject({ US: ['en'], DE: ['de'], FR: ['fr'], CA: ['en', 'fr'], JP: ['ja'] });

    const [d] = await database.sql`
      select bool_and((stage in ('closed_won', 'closed_lost')) = (closed_at is not null)) as closed_iff_closed_stage,
             bool_and(closed_at is null or closed_at between created_at and ${AS_OF}) as closed_in_order
      from deals`;
    expect(d).toEqual({ closed_iff_closed_stage: true, closed_in_order: true });

    // An opened mail was delivered first, and nobody receives mail after unsubscribing.
    const [e] = await database.sql`
      select count(*) filter (where o.type = 'opened' and not exists (
               select 1 from email_events d where d.org_id = o.org_id and d.contact_id = o.contact_id
                 and d.campaign_id = o.campaign_id and d.type = 'delivered'
                 and d.occurred_at <= o.occurred_at))::int as opened_undelivered,
             count(*) filter (where o.type = 'delivered' and exists (
               select 1 from email_events u where u.org_id = o.org_id and u.contact_id = o.contact_id
                 and u.type = 'unsubscribed' and u.occurred_at < o.occurred_at))::int as delivered_after_unsubscribe,
             max(o.occurred_at) < ${AS_OF} as before_as_of
      from email_events o`;
    expect(e).toEqual({ opened_undelivered: 0, delivered_after_unsubscribe: 0, before_as_of: true });
  });

  it('gives identical data for the same seed, and replaces rather than adds on a re-run', async () => {
    await generateSynthetic(database.sql, { contacts: 2000, seed: 2 });
    const other = await orgSnapshot(database.sql, SYNTHETIC_ORG_ID);
    expect(other.contacts!.rows).toBe(2000);
    expect(other.contacts!.md5).not.toBe(first.contacts!.md5);

    await generateSynthetic(database.sql, { contacts: 2000, seed: 1 });
    expect(await orgSnapshot(database.sql, SYNTHETIC_ORG_ID)).toEqual(first);
  });

  it('leaves other orgs alone', async () => {
    await generateSynthetic(database.sql, { orgId: 'org_other', contacts: 300, seed: 7 });
    const other = await orgSnapshot(database.sql, 'org_other');
    await generateSynthetic(database.sql, { contacts: 2000, seed: 1 });
    expect(await orgSnapshot(database.sql, 'org_other')).toEqual(other);
    expect(await orgSnapshot(database.sql, SYNTHETIC_ORG_ID)).toEqual(first);
  });

  it('refuses to replace an org that it did not make', async () => {
    await database.sql`insert into orgs (id, name) values ('org_customer', 'Customer Inc')`;
    const attempt = generateSynthetic(database.sql, { orgId: 'org_customer', contacts: 10 });
    await expect(attempt).rejects.toThrow(SyntheticError);
    await expect(attempt).rejects.toThrow(/org_customer \("Customer Inc"\) was not made by the generator/);
    const [row] = await database.sql`select name from orgs where id = 'org_customer'`;
    expect(row!.name).toBe('Customer Inc');
  });

  it('leaves no half-loaded org behind when a run fails, and releases its lock', async () => {
    const failing = generateSynthetic(database.sql, {
      orgId: 'org_failing',
      contacts: 500,
      onProgress: (done) => {
        if (done === 500) throw new Error('interrupted');
      },
    });
    await expect(failing).rejects.toThrow('interrupted');
    expect((await orgSnapshot(database.sql, 'org_failing')).contacts!.rows).toBe(0);
    const [locks] = await database.sql`select count(*)::int as n from pg_locks where locktype = 'advisory'`;
    expect(locks!.n).toBe(0);
  });

  it('rejects a contact count that is not a positive integer', async () => {
    await expect(generateSynthetic(database.sql, { contacts: 0 })).rejects.toThrow(/contacts must be a positive integer/);
    await expect(generateSynthetic(database.sql, { contacts: 1.5 })).rejects.toThrow(/contacts must be a positive integer/);
  });
});

describe('copyRows', () => {
  const roundTrip = pgTable('copy_round_trip', {
    id: integer('id').primaryKey(),
    label: text('label'),
    tags: text('tags').array(),
    props: jsonb('props'),
    at: timestamp('at', { withTimezone: true }),
  });
  const columns = ['id', 'label', 'tags', 'props', 'at'] as const;
  let database: Database;

  beforeAll(async () => {
    database = await useTestDatabase('tmpl_empty');
    await database.sql`create table copy_round_trip (id int primary key, label text, tags text[], props jsonb, at timestamptz)`;
  });

  async function roundTripRows(rows: CopyValue[][]) {
    await database.sql`truncate copy_round_trip`;
    await database.sql.begin((tx) => copyRows(tx, roundTrip, columns, rows));
    return database.sql`select id, label, tags, props, at from copy_round_trip order by id`;
  }

  it('keeps tabs, backslashes, quotes, newlines and look-alikes of NULL exactly', async () => {
    const tricky = [
      ...['tab\there', 'back\\slash', 'new\nline', 'carriage\rreturn', '\\N', 'NULL', '', 'quote"d'],
      ...["it's", '{a,b}', ' spaced ', '\\.', 'Müller 😀'],
    ];
    const at = new Date('2026-03-04T05:06:07Z');
    const rows: CopyValue[][] = tricky.map((label, id) => [id, label, [label, 'x'], { [label]: label, list: [label] }, at]);
    rows.push(
      [100, null, [], {}, null],
      [101, 'arrays', ['NULL', '', ',', '"', '\\', ' '], { nested: { 'a\tb': 'c\\d"e\n' } }, at],
    );

    const back = await roundTripRows(rows);
    const expected = rows.map(([id, label, tags, props, when]) => ({ id, label, tags, props, at: when }));
    expect(back.map((r) => ({ ...r, at: r.at === null ? null : new Date(r.at as string) }))).toEqual(expected);
  });

  it('round-trips any text', async () => {
    const special = fc.constantFrom('\\', '\t', '\n', '\r', '"', "'", ',', '{', '}', ' ', 'N', '.');
    const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((s) => s !== '\0');
    const value = fc.string({ unit: fc.oneof(special, anyChar), maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 5 }), fc.dictionary(value, value, { maxKeys: 3 }), async (strings, props) => {
        const rows: CopyValue[][] = strings.map((s, id) => [id, s, strings, props, null]);
        const back = await roundTripRows(rows);
        expect(back.map((r) => [r.label, r.tags, r.props])).toEqual(strings.map((s) => [s, strings, props]));
      }),
      { numRuns: 40 },
    );
  }, 120_000); // 40 database round trips: sized by count, with room for a busy machine

  it('refuses NUL, which PostgreSQL text cannot hold', () => {
    expect(() => copyText('a\0b')).toThrow(/NUL/);
  });

  it('fails with the database error, rather than hanging, when the server rejects the rows', async () => {
    const twice: CopyValue[][] = [
      [1, 'a', [], {}, null],
      [1, 'b', [], {}, null],
    ];
    const duplicate = database.sql.begin((tx) => copyRows(tx, roundTrip, columns, twice));
    await expect(duplicate).rejects.toThrow(/duplicate key value violates unique constraint/);
    const malformed = database.sql.begin((tx) => copyRows(tx, roundTrip, columns, [['one', 'a', [], {}, null]]));
    await expect(malformed).rejects.toThrow(/invalid input syntax for type integer/);
    const [row] = await database.sql`select 1 as ok`;
    expect(row!.ok).toBe(1);
  });
});
