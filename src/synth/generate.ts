// A synthetic CRM tenant at benchmark scale (10k … 1M+ contacts), shaped like the demo fixture
// (fixtures/FIXTURE.md) but with skewed, realistic distributions.
//
// Everything is a pure function of the seed: contact n, and each child table of contact n, draws
// from its own PRNG stream, so the data does not depend on chunk size or load order. Rows are
// streamed into PostgreSQL with COPY one chunk of contacts at a time, so memory stays flat however
// many contacts are asked for.
//
// The previous tenant is deleted first (see removeOrg), then the new one is loaded in one transaction:
// a failed load leaves no half-loaded tenant behind, and re-running starts over.
import { getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Sql } from '../db/client.js';
import {
  activities,
  campaigns,
  companies,
  contactActivityFacts,
  contactFacts,
  contactValueCounts,
  contacts,
  deals,
  emailEvents,
  fieldDefinitions,
  fitScores,
  orgs,
  segmentMembers,
  segments,
  users,
} from '../db/schema.js';
import { refreshFactsRaw } from '../db/facts.js';
import { rebuildValueCountsRaw } from '../db/value-counts.js';
import { copyRows, type CopyValue, type Session } from './copy.js';
import { SyntheticError } from './errors.js';
import { type Contact, type Context, makeCampaigns, makeContact, seconds } from './records.js';
import {
  ACTIVITY_COLUMNS,
  activityRows,
  CAMPAIGN_COLUMNS,
  campaignRows,
  COMPANY_COLUMNS,
  companyRows,
  CONTACT_COLUMNS,
  contactRow,
  DEAL_COLUMNS,
  dealRows,
  EMAIL_EVENT_COLUMNS,
  emailEventRows,
  FIELD_COLUMNS,
  fieldRows,
  FIT_SCORE_COLUMNS,
  fitScoreRows,
  SEGMENT_COLUMNS,
  SEGMENT_MEMBER_COLUMNS,
  segmentMemberRows,
  segmentRows,
  USER_COLUMNS,
  userRows,
} from './rows.js';

export const SYNTHETIC_ORG_ID = 'org_synth';
/** The demo fixture's clock, so that relative-date segments mean the same on both data sets. */
export const SYNTHETIC_AS_OF = new Date('2026-11-01T00:00:00Z');
/** Org names start with this; it is how the generator knows an org is its own to replace. */
const ORG_NAME_PREFIX = 'Synthetic';

export interface SyntheticOptions {
  orgId?: string;
  contacts: number;
  seed?: number;
  asOf?: Date;
  onProgress?: (done: number, total: number) => void;
  onPhase?: (phase: SyntheticPhase) => void;
}

export type SyntheticPhase = 'replace' | 'load' | 'facts' | 'vacuum';

/** Load order: every table after the tables it references. */
const TABLES = [orgs, fieldDefinitions, users, companies, campaigns, segments, contacts, deals, activities, emailEvents, fitScores, segmentMembers];
export type SyntheticCounts = Record<string, number>;

/** Contacts generated, and their children loaded, per round: bounds memory and COPY statement size. */
const CHUNK_CONTACTS = 10_000;

/**
 * (Re)creates tenant `orgId` with `contacts` synthetic contacts and everything that hangs off them.
 * Refuses to replace an org that the generator did not make.
 */
export async function generateSynthetic(sql: Sql, options: SyntheticOptions): Promise<SyntheticCounts> {
  const ctx = createContext(options);
  // One session for the whole run: it holds the per-org lock and the relaxed statement timeout.
  const conn = await sql.reserve();
  try {
    await conn`set statement_timeout = 0`; // a bulk job, not an interactive query
    // A second run on the same org waits for this one rather than interleaving with it.
    await conn`select pg_advisory_lock(hashtext(${lockKey(ctx.orgId)}))`;
    options.onPhase?.('replace');
    await removeOrg(conn, ctx.orgId);
    options.onPhase?.('load');
    const counts = await inTransaction(conn, async () => {
      const loaded = await load(conn, ctx, options);
      // Facts in the load's transaction: one set-based pass over the tenant beats one per chunk.
      options.onPhase?.('facts');
      // Statistics that know the new tenant (ANALYZE sees this transaction's own rows).
      await conn.unsafe('analyze contacts, activities, deals, email_events, fit_scores');
      loaded[getTableName(contactFacts)] = await refreshFactsRaw(conn, ctx.orgId);
      const [activityFacts] = await conn<{ n: number }[]>`select count(*)::int as n from contact_activity_facts where org_id = ${ctx.orgId}`;
      loaded[getTableName(contactActivityFacts)] = activityFacts!.n;
      loaded[getTableName(contactValueCounts)] = await rebuildValueCountsRaw(conn, ctx.orgId);
      return loaded;
    });
    options.onPhase?.('vacuum');
    await vacuumAnalyze(conn, [...TABLES, contactFacts, contactActivityFacts]);
    return counts;
  } finally {
    await conn`select pg_advisory_unlock(hashtext(${lockKey(ctx.orgId)}))`.catch(() => {});
    await conn`reset statement_timeout`.catch(() => {});
    conn.release();
  }
}

const lockKey = (orgId: string) => `synthetic:${orgId}`;

/** A transaction on the reserved session: postgres.js offers begin() on the pool only. */
async function inTransaction<T>(conn: postgres.ReservedSql, work: () => Promise<T>): Promise<T> {
  await conn`begin`;
  try {
    const result = await work();
    await conn`commit`;
    return result;
  } catch (err) {
    await conn`rollback`.catch(() => {}); // the connection may be gone; the original error matters
    throw err;
  }
}

function createContext(options: SyntheticOptions): Context {
  const { contacts: total, seed = 1, orgId = SYNTHETIC_ORG_ID, asOf = SYNTHETIC_AS_OF } = options;
  if (!Number.isSafeInteger(total) || total < 1) {
    throw new SyntheticError(`contacts must be a positive integer, got ${total}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new SyntheticError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  if (Number.isNaN(asOf.getTime())) throw new SyntheticError('asOf must be a valid date');
  const at = seconds(asOf.getTime());
  return {
    orgId,
    seed,
    asOf: at,
    total,
    companyCount: Math.ceil(total / 8),
    campaigns: makeCampaigns(seed, at),
    seq: { deal: 0, activity: 0, event: 0 },
  };
}

/**
 * Deletes the org in two committed steps with a vacuum analyze between, not in the load's
 * transaction. deals has no index on (org_id, company_id), so the foreign-key check of each deleted
 * company reads the org's deals, or all deals while the statistics still say the org owns most of
 * them, and deleted but not yet vacuumed deals count too: in one transaction, deleting the companies
 * of a 100k-contact org took 40 s, growing with companies × deals. The vacuum also lets the load
 * reuse the freed heap space. The cost: while a run is under way the org is missing or partial, and a
 * failed run leaves it so until the next run replaces it.
 */
async function removeOrg(conn: postgres.ReservedSql, orgId: string): Promise<void> {
  const [existing] = await conn<{ name: string }[]>`select name from orgs where id = ${orgId}`;
  if (!existing) return;
  if (!existing.name.startsWith(ORG_NAME_PREFIX)) {
    throw new SyntheticError(
      `Org ${orgId} ("${existing.name}") was not made by the generator; refusing to replace it.`,
    );
  }
  const contactSide = [segmentMembers, fitScores, emailEvents, activities, deals, contactFacts, contactActivityFacts, contactValueCounts, contacts];
  const orgSide = [segments, campaigns, companies, users, fieldDefinitions, orgs];
  await inTransaction(conn, () => deleteOrgRows(conn, contactSide, orgId));
  await vacuumAnalyze(conn, contactSide);
  await inTransaction(conn, () => deleteOrgRows(conn, orgSide, orgId));
}

/** One bulk delete per table, children first: far faster than cascading row by row from orgs. */
async function deleteOrgRows(tx: Session, tables: PgTable[], orgId: string): Promise<void> {
  for (const table of tables) {
    const name = getTableName(table);
    await tx.unsafe(`delete from "${name}" where ${name === 'orgs' ? 'id' : 'org_id'} = $1`, [orgId]);
  }
}

async function load(tx: Session, ctx: Context, options: SyntheticOptions): Promise<SyntheticCounts> {
  const counts: SyntheticCounts = Object.fromEntries(TABLES.map((t) => [getTableName(t), 0]));
  const add = (table: PgTable, n: number) => (counts[getTableName(table)]! += n);
  const orgName = `${ORG_NAME_PREFIX}: ${ctx.total} contacts, seed ${ctx.seed}`;
  add(orgs, await copyRows(tx, orgs, ['id', 'name'], [[ctx.orgId, orgName]]));
  add(fieldDefinitions, await copyRows(tx, fieldDefinitions, FIELD_COLUMNS, fieldRows(ctx)));
  add(users, await copyRows(tx, users, USER_COLUMNS, userRows(ctx)));
  add(companies, await copyRows(tx, companies, COMPANY_COLUMNS, companyRows(ctx)));
  add(campaigns, await copyRows(tx, campaigns, CAMPAIGN_COLUMNS, campaignRows(ctx)));
  add(segments, await copyRows(tx, segments, SEGMENT_COLUMNS, segmentRows(ctx)));
  options.onProgress?.(0, ctx.total);
  for (let start = 1; start <= ctx.total; start += CHUNK_CONTACTS) {
    const size = Math.min(CHUNK_CONTACTS, ctx.total - start + 1);
    const chunk = Array.from({ length: size }, (_, i) => makeContact(ctx, start + i));
    await loadChunk(tx, ctx, chunk, add);
    options.onProgress?.(start - 1 + chunk.length, ctx.total);
  }
  return counts;
}

/** The chunk's contacts, then each child table: one COPY per table, parents before children. */
async function loadChunk(tx: Session, ctx: Context, chunk: Contact[], add: (table: PgTable, n: number) => void): Promise<void> {
  // Lazy: rows are made while COPY sends the previous piece, never all at once.
  const each = (rowsOf: (ctx: Context, c: Contact) => Iterable<CopyValue[]>) =>
    (function* () {
      for (const c of chunk) yield* rowsOf(ctx, c);
    })();
  add(contacts, await copyRows(tx, contacts, CONTACT_COLUMNS, chunk.map((c) => contactRow(ctx, c))));
  add(deals, await copyRows(tx, deals, DEAL_COLUMNS, each(dealRows)));
  add(activities, await copyRows(tx, activities, ACTIVITY_COLUMNS, each(activityRows)));
  add(emailEvents, await copyRows(tx, emailEvents, EMAIL_EVENT_COLUMNS, each(emailEventRows)));
  add(fitScores, await copyRows(tx, fitScores, FIT_SCORE_COLUMNS, each(fitScoreRows)));
  add(segmentMembers, await copyRows(tx, segmentMembers, SEGMENT_MEMBER_COLUMNS, each(segmentMemberRows)));
}

/**
 * After a delete, vacuum makes the space reusable. After a load it records page visibility, which
 * the first queries would otherwise pay for (and without which index-only scans do not happen), so
 * benchmarks see steady-state speed; analyze then gives the planner the new tenant's statistics.
 */
async function vacuumAnalyze(conn: postgres.ReservedSql, tables: PgTable[]): Promise<void> {
  for (const table of tables) await conn.unsafe(`vacuum (analyze) "${getTableName(table)}"`);
}
