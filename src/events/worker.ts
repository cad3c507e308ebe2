// The delivery worker: drains due `webhook_deliveries` rows and POSTs each event, signed.
//
// Claiming: due rows are picked per tenant with FOR UPDATE SKIP LOCKED (so concurrent workers, in one
// process or many, never pick the same row) and leased by setting `locked_until`. The claim commits before any
// request is sent; a worker that dies mid-delivery leaves its rows leased, and they become due again
// when the lease runs out — that is what makes delivery survive a restart. The result is recorded
// only while the lease is still ours.
//
// Each attempt goes through deliverWebhook: the host is resolved and checked against the network
// policy every time (a name may point somewhere else since it was registered), one deadline covers
// the whole attempt, at most 4 KiB of the answer is read. Recorded: the status and a generic reason.
//
// 2xx = delivered. Anything else (status, refused connection, timeout, redirect) = a failed attempt:
// retried after base·2^(attempt−1), capped, until `maxAgeMs` after the delivery was created (or
// redelivered); then it is `failed`. At least once: the same event may arrive more than once (a lost
// response, an expired lease), always with the same event id.
import type { ObjectType } from '../rules/catalog.js';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type segmentEvents, webhookDeliveries } from '../db/schema.js';
import { deliverWebhook } from './deliver.js';
import { defaultEgressPolicy, type EgressPolicy } from '../net/egress.js';
import { eventPayload } from './events.js';
import { HEADER_ATTEMPT, HEADER_DELIVERY, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, sign } from './signature.js';
import { sleep } from '../lib/sleep.js';

export interface WorkerOptions {
  database: Database;
  now?: () => Date;
  /** Pause between polls when there was nothing (or less than a batch) to do. */
  pollIntervalMs?: number;
  /** Deliveries claimed and sent concurrently per poll. */
  batchSize?: number;
  /** The whole attempt: resolving the host, connecting, the headers and (up to 4 KiB of) the body. */
  timeoutMs?: number;
  /** How long a claim is exclusive; must exceed the timeout. Default timeout + 30 s. */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Give up this long after the delivery was created (or redelivered). */
  maxAgeMs?: number;
  /** Where deliveries may go (WEBHOOK_ALLOW_PRIVATE, and the resolver). Default: public addresses only, system DNS. */
  policy?: EgressPolicy;
  log?: (line: string) => void;
}

export interface WebhookWorker {
  /** One pass: claim due deliveries and attempt them all. Resolves to the number attempted. */
  runOnce(): Promise<number>;
  /** Stops polling; in-flight requests are aborted and their rows released for the next start. */
  stop(): Promise<void>;
}

const WORKER_DEFAULTS = {
  pollIntervalMs: 1_000,
  batchSize: 10,
  timeoutMs: 10_000,
  backoffBaseMs: 10_000,
  backoffMaxMs: 3_600_000,
  maxAgeMs: 86_400_000,
} as const;

/** Delay before attempt `attempt + 1`, after `attempt` failed ones (1-based). */
function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40));
}

interface Claimed {
  org_id: string;
  id: string;
  attempts: number;
  retry_from: Date | string;
  locked_until: Date | string;
  url: string;
  secret: string;
  event_id: string;
  event_seq: number | string;
  event_type: (typeof segmentEvents.$inferSelect)['type'];
  event_segment_id: string;
  event_segment_slug: string;
  event_contact_id: string | null;
  event_object_type: ObjectType;
  event_cause: (typeof segmentEvents.$inferSelect)['cause'];
  event_occurred_at: Date | string;
  /** A hand-off's page (handoff.ts); null for membership events. */
  event_payload: Record<string, unknown> | null;
}

const MAX_ERROR_LENGTH = 500;

export function createWebhookWorker(options: WorkerOptions): WebhookWorker & { start(): void } {
  const o = { ...WORKER_DEFAULTS, ...stripUndefined(options) };
  const leaseMs = options.leaseMs ?? o.timeoutMs + 30_000;
  const now = options.now ?? (() => new Date());
  const policy = options.policy ?? defaultEgressPolicy;
  const log = options.log ?? (() => {});
  const db = options.database.db;
  const stopping = new AbortController();
  let loop: Promise<void> | undefined;

  /**
   * Claims up to `batchSize` due deliveries, one tenant per statement: first which tenants have work
   * (a plain read, no locks), then each tenant's own rows locked and leased in one statement that
   * names only that tenant. On Citus (tables distributed by org_id) each claim routes to the tenant's
   * shard; a FOR UPDATE across tenants would be refused there ("could not run distributed query with
   * FOR UPDATE/SHARE commands"). The event's columns are returned one by one: a function such as
   * to_jsonb() in the RETURNING of a distributed write is refused as well.
   */
  async function claim(): Promise<Claimed[]> {
    const at = now().toISOString();
    const until = new Date(new Date(at).getTime() + leaseMs).toISOString();
    const due = sql`d.status = 'pending' and d.next_attempt_at <= ${at}::timestamptz
      and (d.locked_until is null or d.locked_until <= ${at}::timestamptz)`;
    const tenants = await db.execute<{ org_id: string }>(sql`
      select d.org_id
      from webhook_deliveries d
      join webhook_endpoints w on w.org_id = d.org_id and w.id = d.endpoint_id and w.enabled
      where ${due}
      group by d.org_id
      order by min(d.next_attempt_at), d.org_id
      limit ${o.batchSize}`);
    const claimed: Claimed[] = [];
    for (const { org_id: orgId } of tenants) {
      const room = o.batchSize - claimed.length;
      if (room <= 0) break;
      const rows = await db.execute(sql`
        with due as (
          select d.id
          from webhook_deliveries d
          join webhook_endpoints w on w.org_id = d.org_id and w.id = d.endpoint_id and w.enabled
          where d.org_id = ${orgId} and ${due}
          order by d.next_attempt_at
          limit ${room}
          for update of d skip locked)
        update webhook_deliveries d
        set locked_until = ${until}::timestamptz
        from due, segment_events e, webhook_endpoints w
        where d.org_id = ${orgId} and d.id = due.id
          and e.org_id = ${orgId} and e.id = d.event_id
          and w.org_id = ${orgId} and w.id = d.endpoint_id
        returning d.org_id, d.id, d.attempts, d.retry_from, d.locked_until, w.url, w.secret,
          e.id as event_id, e.seq as event_seq, e.type as event_type, e.segment_id as event_segment_id,
          e.segment_slug as event_segment_slug, e.contact_id as event_contact_id, e.object_type as event_object_type, e.cause as event_cause,
          e.occurred_at as event_occurred_at, e.payload as event_payload`);
      claimed.push(...(rows as unknown as Claimed[]));
    }
    return claimed;
  }

  /** Records an outcome, only while our lease holds (else another worker owns the row now). */
  async function record(c: Claimed, changes: Partial<typeof webhookDeliveries.$inferInsert>): Promise<void> {
    await db
      .update(webhookDeliveries)
      .set(changes)
      .where(
        and(
          eq(webhookDeliveries.orgId, c.org_id),
          eq(webhookDeliveries.id, c.id),
          sql`${webhookDeliveries.lockedUntil} = ${new Date(c.locked_until).toISOString()}::timestamptz`,
        ),
      );
  }

  async function attempt(c: Claimed): Promise<void> {
    const started = now();
    const attempt = c.attempts + 1;
    const deadline = new Date(c.retry_from).getTime() + o.maxAgeMs;
    if (started.getTime() > deadline) {
      await record(c, { status: 'failed', lockedUntil: null, ...(c.attempts === 0 ? { lastError: 'expired before it could be attempted' } : {}) });
      return;
    }
    const body = JSON.stringify(
      eventPayload({
        orgId: c.org_id,
        id: c.event_id,
        seq: Number(c.event_seq),
        type: c.event_type,
        segmentId: c.event_segment_id,
        segmentSlug: c.event_segment_slug,
        contactId: c.event_contact_id,
        objectType: c.event_object_type,
        cause: c.event_cause,
        occurredAt: new Date(c.event_occurred_at),
        payload: c.event_payload,
      }),
    );
    const timestamp = Math.floor(started.getTime() / 1000);
    const outcome = await deliverWebhook(
      {
        url: c.url,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'segment-builder-webhooks/1',
          [HEADER_ID]: c.event_id,
          [HEADER_TIMESTAMP]: String(timestamp),
          [HEADER_SIGNATURE]: sign(c.secret, timestamp, body),
          [HEADER_DELIVERY]: c.id,
          [HEADER_ATTEMPT]: String(attempt),
        },
      },
      { policy, timeoutMs: o.timeoutMs, signal: stopping.signal },
    );
    if (stopping.signal.aborted) {
      // Stopped mid-request: not an attempt. Release the row so the next start sends it at once.
      await record(c, { lockedUntil: null });
      return;
    }
    const status = outcome.status;
    const error = outcome.ok ? null : outcome.reason;
    const at = now();
    if (error === null) {
      await record(c, { status: 'delivered', attempts: attempt, lastAttemptAt: started, lastStatus: status, lastError: null, deliveredAt: at, lockedUntil: null });
      return;
    }
    const next = new Date(at.getTime() + backoffMs(attempt, o.backoffBaseMs, o.backoffMaxMs));
    const giveUp = next.getTime() > deadline;
    await record(c, {
      status: giveUp ? 'failed' : 'pending',
      attempts: attempt,
      lastAttemptAt: started,
      lastStatus: status,
      lastError: error.slice(0, MAX_ERROR_LENGTH),
      lockedUntil: null,
      ...(giveUp ? {} : { nextAttemptAt: next }),
    });
    log(`delivery ${c.id} attempt ${attempt} failed (${error.slice(0, 200)})${giveUp ? '; giving up' : `; next at ${next.toISOString()}`}`);
  }

  async function runOnce(): Promise<number> {
    if (stopping.signal.aborted) return 0;
    const claimed = await claim();
    await Promise.all(claimed.map((c) => attempt(c).catch((err: Error) => log(`delivery ${c.id}: ${err.message}`))));
    return claimed.length;
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      let n = 0;
      try {
        n = await runOnce();
      } catch (err) {
        if (!stopping.signal.aborted) log(`webhook worker: ${(err as Error).message}`);
      }
      if (n < o.batchSize) await sleep(o.pollIntervalMs, stopping.signal);
    }
  }

  return {
    runOnce,
    start() {
      loop ??= run();
    },
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

/** Creates a worker and starts its polling loop. */
export function startWebhookWorker(options: WorkerOptions): WebhookWorker {
  const worker = createWebhookWorker(options);
  worker.start();
  return worker;
}


function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
