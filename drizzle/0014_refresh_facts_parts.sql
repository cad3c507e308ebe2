-- A related write refreshes only the part of the contact facts its relation feeds (issue 15: a
-- write at 1M): an activity the narrow activity table (contact_activity_facts), a deal, email event
-- or fit score the wide one (contact_facts); both by default, as before. The returned count is the
-- wide table's rows when it is refreshed, else the activity table's.
DROP FUNCTION segment_builder_refresh_facts(text, text[]);--> statement-breakpoint
CREATE FUNCTION segment_builder_refresh_facts(org text, ids text[] DEFAULT NULL, activity_part boolean DEFAULT true, other_part boolean DEFAULT true) RETURNS bigint
LANGUAGE plpgsql SET enable_nestloop = off AS $fn$
DECLARE
  only_ids text := CASE WHEN ids IS NULL THEN '' ELSE ' AND contact_id = ANY ($2)' END;
  n bigint := 0;
BEGIN
  IF activity_part THEN
  EXECUTE format($q$
    WITH
    a AS (
      SELECT contact_id,
        array_agg(occurred_at ORDER BY occurred_at) AS activity_at,
        array_agg(occurred_at ORDER BY occurred_at) FILTER (WHERE type = 'email') AS email_activity_at,
        array_agg(occurred_at ORDER BY occurred_at) FILTER (WHERE type = 'call') AS call_activity_at,
        array_agg(occurred_at ORDER BY occurred_at) FILTER (WHERE type = 'meeting') AS meeting_activity_at,
        array_agg(occurred_at ORDER BY occurred_at) FILTER (WHERE type = 'note') AS note_activity_at
      FROM activities WHERE org_id = $1%1$s GROUP BY contact_id)
    INSERT INTO contact_activity_facts AS f (org_id, contact_id, activity_at, email_activity_at, call_activity_at, meeting_activity_at, note_activity_at)
    SELECT c.org_id, c.id,
      coalesce(a.activity_at, '{}'), coalesce(a.email_activity_at, '{}'), coalesce(a.call_activity_at, '{}'),
      coalesce(a.meeting_activity_at, '{}'), coalesce(a.note_activity_at, '{}')
    FROM contacts c
    LEFT JOIN a ON a.contact_id = c.id
    WHERE c.org_id = $1%2$s
    ON CONFLICT (org_id, contact_id) DO UPDATE SET
      activity_at = excluded.activity_at, email_activity_at = excluded.email_activity_at, call_activity_at = excluded.call_activity_at,
      meeting_activity_at = excluded.meeting_activity_at, note_activity_at = excluded.note_activity_at$q$,
    only_ids, replace(only_ids, 'contact_id', 'c.id'))
  USING org, ids;
  GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  IF other_part THEN
  EXECUTE format($q$
    WITH
    d AS (
      SELECT contact_id,
        array_agg(created_at ORDER BY created_at DESC) AS deal_created_at,
        ARRAY[count(*) FILTER (WHERE stage = 'prospecting'), count(*) FILTER (WHERE stage = 'qualification'),
              count(*) FILTER (WHERE stage = 'proposal'), count(*) FILTER (WHERE stage = 'negotiation'),
              count(*) FILTER (WHERE stage = 'closed_won'), count(*) FILTER (WHERE stage = 'closed_lost')]::integer[] AS deal_count,
        ARRAY[max(amount) FILTER (WHERE stage = 'prospecting'), max(amount) FILTER (WHERE stage = 'qualification'),
              max(amount) FILTER (WHERE stage = 'proposal'), max(amount) FILTER (WHERE stage = 'negotiation'),
              max(amount) FILTER (WHERE stage = 'closed_won'), max(amount) FILTER (WHERE stage = 'closed_lost')]::numeric[] AS deal_max_amount,
        ARRAY[min(amount) FILTER (WHERE stage = 'prospecting'), min(amount) FILTER (WHERE stage = 'qualification'),
              min(amount) FILTER (WHERE stage = 'proposal'), min(amount) FILTER (WHERE stage = 'negotiation'),
              min(amount) FILTER (WHERE stage = 'closed_won'), min(amount) FILTER (WHERE stage = 'closed_lost')]::numeric[] AS deal_min_amount
      FROM deals WHERE org_id = $1%1$s GROUP BY contact_id),
    e AS (
      SELECT contact_id,
        array_agg(DISTINCT campaign_id) FILTER (WHERE type = 'delivered') AS delivered_campaigns,
        array_agg(DISTINCT campaign_id) FILTER (WHERE type = 'opened') AS opened_campaigns,
        array_agg(DISTINCT campaign_id) FILTER (WHERE type = 'clicked') AS clicked_campaigns,
        array_agg(DISTINCT campaign_id) FILTER (WHERE type = 'unsubscribed') AS unsubscribed_campaigns,
        array_agg(DISTINCT campaign_id) FILTER (WHERE type = 'bounced') AS bounced_campaigns
      FROM email_events WHERE org_id = $1%1$s GROUP BY contact_id),
    s AS (
      SELECT contact_id, jsonb_object_agg(product, score) AS fit_scores
      FROM fit_scores WHERE org_id = $1%1$s GROUP BY contact_id),
    up AS (
      INSERT INTO contact_facts AS f (org_id, contact_id,
        deal_created_at, deal_count, deal_max_amount, deal_min_amount,
        delivered_campaigns, opened_campaigns, clicked_campaigns, unsubscribed_campaigns, bounced_campaigns, fit_scores)
      SELECT c.org_id, c.id,
        coalesce(d.deal_created_at, '{}'), coalesce(d.deal_count, '{0,0,0,0,0,0}'),
        coalesce(d.deal_max_amount, '{NULL,NULL,NULL,NULL,NULL,NULL}'), coalesce(d.deal_min_amount, '{NULL,NULL,NULL,NULL,NULL,NULL}'),
        coalesce(e.delivered_campaigns, '{}'), coalesce(e.opened_campaigns, '{}'), coalesce(e.clicked_campaigns, '{}'),
        coalesce(e.unsubscribed_campaigns, '{}'), coalesce(e.bounced_campaigns, '{}'),
        coalesce(s.fit_scores, '{}')
      FROM contacts c
      LEFT JOIN d ON d.contact_id = c.id
      LEFT JOIN e ON e.contact_id = c.id
      LEFT JOIN s ON s.contact_id = c.id
      WHERE c.org_id = $1%2$s
      ON CONFLICT (org_id, contact_id) DO UPDATE SET
        deal_created_at = excluded.deal_created_at, deal_count = excluded.deal_count,
        deal_max_amount = excluded.deal_max_amount, deal_min_amount = excluded.deal_min_amount,
        delivered_campaigns = excluded.delivered_campaigns, opened_campaigns = excluded.opened_campaigns,
        clicked_campaigns = excluded.clicked_campaigns, unsubscribed_campaigns = excluded.unsubscribed_campaigns,
        bounced_campaigns = excluded.bounced_campaigns, fit_scores = excluded.fit_scores
      RETURNING 1)
    SELECT count(*) FROM up$q$, only_ids, replace(only_ids, 'contact_id', 'c.id'))
  INTO n USING org, ids;
  END IF;
  RETURN n;
END
$fn$;
