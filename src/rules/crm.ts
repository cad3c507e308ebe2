// The CRM's fixed vocabulary, shared by the rule engine and the database: closed value sets and the
// names of the tables rules read. The catalog, the grammar and the compiler take them from here, and
// so does the drizzle schema (pgEnum, pgTable), so the rule engine needs nothing from db/.
export const LIFECYCLE_STAGES = ['lead', 'marketing_qualified', 'sales_qualified', 'opportunity', 'customer', 'churned'] as const;
export const EMAIL_STATUSES = ['subscribed', 'unsubscribed', 'bounced', 'suppressed'] as const;
export const DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
export const ACTIVITY_TYPES = ['email', 'call', 'meeting', 'note'] as const;
export const ACTIVITY_DIRECTIONS = ['inbound', 'outbound'] as const;
export const EMAIL_EVENT_TYPES = ['delivered', 'opened', 'clicked', 'unsubscribed', 'bounced'] as const;

/**
 * Email status vs email events — which fact wins: the latest. An `unsubscribed` or `bounced` event
 * makes a subscribed contact unsubscribed / bounced, in the transaction that records the event (and
 * the fixture import applies the same rule to its rows). A contact already not subscribed keeps its
 * status (a suppressed contact stays suppressed). Setting `emailStatus` later — a re-opt-in — is a
 * newer fact, and stands until the next such event.
 */
export const STATUS_OF_EVENT: Partial<Record<(typeof EMAIL_EVENT_TYPES)[number], (typeof EMAIL_STATUSES)[number]>> = {
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
};

export function statusAfterEvent(
  status: (typeof EMAIL_STATUSES)[number],
  event: (typeof EMAIL_EVENT_TYPES)[number],
): (typeof EMAIL_STATUSES)[number] {
  const implied = STATUS_OF_EVENT[event];
  return implied && status === 'subscribed' ? implied : status;
}

/** What a segment is a segment of. Every node of a rule tree is read at one object type's root. */
export const OBJECT_TYPES = ['contacts', 'companies', 'deals'] as const;

/** Tables that rules read. Each holds `org_id` and is keyed tenant-first. */
export const TABLES = {
  contacts: 'contacts',
  companies: 'companies',
  deals: 'deals',
  activities: 'activities',
  emailEvents: 'email_events',
  fitScores: 'fit_scores',
  segmentMembers: 'segment_members',
  companySegmentMembers: 'company_segment_members',
  dealSegmentMembers: 'deal_segment_members',
} as const;
