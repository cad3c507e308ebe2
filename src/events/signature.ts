// Webhook signatures: HMAC-SHA256 with the endpoint's secret over `${timestamp}.${body}`, sent as
// `Segment-Webhook-Signature: v1=<hex>`. The timestamp (Unix seconds, `Segment-Webhook-Timestamp`) is
// signed so a captured request cannot be replayed later; receivers reject old timestamps. The
// receiver side is in docs/events.md (the test receiver, test/events/support.ts, runs the same check).
import { createHmac, randomBytes } from 'node:crypto';

export const HEADER_ID = 'Segment-Webhook-Id';
export const HEADER_TIMESTAMP = 'Segment-Webhook-Timestamp';
export const HEADER_SIGNATURE = 'Segment-Webhook-Signature';
export const HEADER_DELIVERY = 'Segment-Webhook-Delivery';
export const HEADER_ATTEMPT = 'Segment-Webhook-Attempt';

const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64url')}`;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}
