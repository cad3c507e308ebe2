// The preview benchmark's segments: each one compiled from rules and written by hand as SQL with the
// same audience. bench/preview.ts times them; test/citus/ checks that a Citus cluster answers them
// exactly as a single server does.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { lastCampaigns } from '../src/rules/clock.js';
import type { TenantValues } from '../src/rules/tenant.js';

const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const or = (...children: unknown[]) => ({ type: 'group', op: 'or', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });
const days = (amount: number) => ({ amount, unit: 'days' });

export interface Case {
  name: string;
  rules: unknown;
  /** The same audience, written by hand: a WHERE over `contacts c` (company joined as `co` when `company`). */
  hand?: SQL;
  company?: boolean;
}

const orgIdOf = (t: TenantValues) => t.orgId;

export function cases(t: TenantValues, asOf: Date): Case[] {
  const ago = (n: number) => new Date(asOf.getTime() - n * 86_400_000).toISOString();
  const now = asOf.toISOString();
  const last3 = lastCampaigns(t.campaigns, asOf, 3).map((c) => c.id);
  const last2 = lastCampaigns(t.campaigns, asOf, 2).map((c) => c.id);
  const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}`), sql`, `);
  const staticSegment = t.segments.find((s) => s.type === 'static')!;
  return [
    {
      name: 'property filters',
      rules: and(cond('lifecycle_stage', 'eq', 'customer'), cond('country', 'in', ['DE', 'AT', 'CH'])),
      hand: sql`c.lifecycle_stage = 'customer' and c.country in ('DE', 'AT', 'CH')`,
    },
    {
      name: 'tags',
      rules: and(cond('tags', 'eq', 'vip'), cond('tags', 'neq', 'do-not-call')),
      hand: sql`c.tags @> '{vip}' and not c.tags @> '{do-not-call}'`,
    },
    {
      name: 'company join',
      rules: and(cond('company.industry', 'eq', 'Software'), cond('company.employee_count', 'gte', 1000)),
      hand: sql`co.industry = 'Software' and co.employee_count >= 1000`,
      company: true,
    },
    {
      name: 'NOT EXISTS deal (90 days)',
      rules: and(cond('properties.plan', 'eq', 'enterprise'), {
        type: 'relation',
        relation: 'deals',
        has: false,
        where: and(cond('created_at', 'within_last', days(90))),
        count: null,
      }),
      hand: sql`c.properties @> '{"plan": "enterprise"}' and not exists (
        select 1 from deals d where d.org_id = c.org_id and d.contact_id = c.id and d.created_at >= ${ago(90)}::timestamptz and d.created_at <= ${now}::timestamptz)`,
    },
    {
      name: 'activity count window',
      rules: and({ type: 'relation', relation: 'activities', has: true, where: and(cond('occurred_at', 'within_last', days(90))), count: { operator: 'gte', value: 3 } }),
      hand: sql`c.id in (select a.contact_id from activities a where a.org_id = ${orgIdOf(t)} and a.occurred_at >= ${ago(90)}::timestamptz
                 and a.occurred_at <= ${now}::timestamptz group by a.contact_id having count(*) >= 3)`,
    },
    {
      name: 'opened each of last 3 campaigns',
      rules: and({ type: 'engagement', event: 'opened', match: 'all', campaigns: { last: 3, ids: null } }),
      hand: sql`c.id in (select e.contact_id from email_events e where e.org_id = ${orgIdOf(t)} and e.type = 'opened'
                 and e.campaign_id in (${ids(last3)}) group by e.contact_id having count(distinct e.campaign_id) = ${last3.length})`,
    },
    {
      name: 'segment membership',
      rules: and({ type: 'segment', operator: 'in', segment: staticSegment.id }, cond('email_status', 'eq', 'subscribed')),
      hand: sql`c.email_status = 'subscribed' and exists (select 1 from segment_members m where m.org_id = c.org_id and m.segment_id = ${staticSegment.id} and m.contact_id = c.id)`,
    },
    {
      name: 'jsonb properties',
      rules: and(cond('properties.plan', 'eq', 'pro'), cond('properties.nps', 'gte', 9)),
      hand: sql`c.properties @> '{"plan": "pro"}' and (c.properties->>'nps')::numeric >= 9 and jsonb_typeof(c.properties->'nps') = 'number'`,
    },
    {
      name: 'fit score',
      rules: and({ type: 'relation', relation: 'fit_scores', has: true, where: and(cond('product', 'eq', 'crm'), cond('score', 'gte', 80)), count: null }),
      hand: sql`exists (select 1 from fit_scores f where f.org_id = c.org_id and f.contact_id = c.id and f.product = 'crm' and f.score >= 80)`,
    },
    {
      name: 'deep mixed tree',
      rules: and(
        or(cond('company.industry', 'in', ['Software', 'Finance']), cond('tags', 'eq', 'partner')),
        { type: 'group', op: 'or', negate: true, children: [cond('email_status', 'in', ['bounced', 'unsubscribed']), cond('tags', 'eq', 'do-not-call')] },
        or(
          { type: 'relation', relation: 'deals', has: true, where: and(cond('stage', 'not_in', ['closed_won', 'closed_lost']), cond('amount', 'gt', 20000)), count: null },
          and(cond('lifecycle_stage', 'eq', 'customer'), { type: 'relation', relation: 'activities', has: false, where: and(cond('occurred_at', 'within_last', days(60))), count: null }),
        ),
      ),
      hand: sql`(co.industry in ('Software', 'Finance') or c.tags @> '{partner}')
        and not (c.email_status in ('bounced', 'unsubscribed') or c.tags @> '{do-not-call}')
        and (exists (select 1 from deals d where d.org_id = c.org_id and d.contact_id = c.id and d.stage not in ('closed_won', 'closed_lost') and d.amount > 20000)
             or (c.lifecycle_stage = 'customer' and not exists (
                   select 1 from activities a where a.org_id = c.org_id and a.contact_id = c.id and a.occurred_at >= ${ago(60)}::timestamptz and a.occurred_at <= ${now}::timestamptz)))`,
      company: true,
    },
    {
      // "fields" (per-tenant field definitions) had not landed: a catalog-declared jsonb property stands in.
      name: 'custom property (jsonb)',
      rules: and(cond('properties.source', 'eq', 'webinar')),
      hand: sql`c.properties @> '{"source": "webinar"}'`,
    },
    {
      // The headline example as a plain preview (funnel counts are timed through the HTTP benchmark only).
      name: 'headline: enterprise in DE, no deal 90 days',
      rules: and(cond('properties.plan', 'eq', 'enterprise'), cond('country', 'eq', 'DE'), {
        type: 'relation', relation: 'deals', has: false, where: and(cond('created_at', 'within_last', days(90))), count: null,
      }),
      hand: sql`c.properties @> '{"plan": "enterprise"}' and c.country = 'DE' and not exists (
        select 1 from deals d where d.org_id = c.org_id and d.contact_id = c.id and d.created_at >= ${ago(90)}::timestamptz and d.created_at <= ${now}::timestamptz)`,
    },
    {
      name: 'five-branch OR of relations',
      rules: or(
        { type: 'relation', relation: 'activities', has: true, where: and(cond('type', 'eq', 'meeting'), cond('occurred_at', 'within_last', days(30))), count: null },
        { type: 'relation', relation: 'deals', has: true, where: and(cond('stage', 'eq', 'closed_won')), count: null },
        { type: 'engagement', event: 'clicked', match: 'any', campaigns: { last: 2, ids: null } },
        { type: 'relation', relation: 'fit_scores', has: true, where: and(cond('product', 'eq', 'crm'), cond('score', 'gte', 90)), count: null },
        { type: 'relation', relation: 'activities', has: true, where: and(cond('occurred_at', 'within_last', days(14))), count: { operator: 'gte', value: 2 } },
      ),
      // One EXISTS per branch, as one writes it (and as the compiler did before it merged an OR's semi-joins).
      hand: sql`exists (select 1 from activities a where a.org_id = c.org_id and a.contact_id = c.id and a.type = 'meeting'
                  and a.occurred_at >= ${ago(30)}::timestamptz and a.occurred_at <= ${now}::timestamptz)
        or exists (select 1 from deals d where d.org_id = c.org_id and d.contact_id = c.id and d.stage = 'closed_won')
        or exists (select 1 from email_events e where e.org_id = c.org_id and e.contact_id = c.id and e.type = 'clicked' and e.campaign_id in (${ids(last2)}))
        or exists (select 1 from fit_scores f where f.org_id = c.org_id and f.contact_id = c.id and f.product = 'crm' and f.score >= 90)
        or c.id in (select a.contact_id from activities a where a.org_id = ${orgIdOf(t)} and a.occurred_at >= ${ago(14)}::timestamptz
                    and a.occurred_at <= ${now}::timestamptz group by a.contact_id having count(*) >= 2)`,
    },
  ];
}

/** The hand-written preview: the count and the ids of the newest 10 matches, as previewSegment shapes them. */
export async function handPreview(db: Db, orgId: string, c: Case): Promise<{ count: number; ids: string[] }> {
  const from = c.company ? sql`contacts c left join companies co on co.org_id = c.org_id and co.id = c.company_id` : sql`contacts c`;
  return db.transaction(
    async (tx) => {
      const rows = await tx.execute<{ total: number; id: string | null }>(sql`
        with m as materialized (select c.id, c.created_at from ${from} where c.org_id = ${orgId} and (${c.hand ?? sql`true`})),
             top as (select id, created_at from m order by created_at desc, id limit 10)
        select (select count(*) from m)::int as total, c.id, c.first_name, c.last_name, c.email,
               x.name as company
        from (select 1) one left join top on true left join contacts c on c.org_id = ${orgId} and c.id = top.id
        left join companies x on x.org_id = ${orgId} and x.id = c.company_id
        order by top.created_at desc, top.id`);
      return { count: rows[0]!.total, ids: rows.flatMap((r) => (r.id === null ? [] : [r.id])) };
    },
    { accessMode: 'read only' },
  );
}
