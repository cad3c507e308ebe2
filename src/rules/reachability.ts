// Who can be emailed: the one definition of reachability. A contact can receive email when it is
// subscribed and has an email address; otherwise it is unsubscribed, bounced or suppressed (its
// email status), or subscribed without an address. The "Suppressed contacts" system segment
// (src/segments/system.ts) is built from the same table, so the counts "N of M can be emailed" and
// that segment always agree, and a change of what suppresses a contact is made here, once.
import { EMAIL_STATUSES } from './crm.js';

export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const REACH_CLASSES = ['emailable', 'unsubscribed', 'bounced', 'suppressed', 'noEmail'] as const;
export type ReachClass = (typeof REACH_CLASSES)[number];

/** What each email status means for sending (a subscribed contact still needs an address). */
export const EMAIL_STATUS_REACH = {
  subscribed: 'emailable',
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  suppressed: 'suppressed',
} as const satisfies Record<EmailStatus, ReachClass>;

/** The statuses that must not be emailed: the "Suppressed contacts" system segment's rule. */
export const SUPPRESSED_STATUSES: EmailStatus[] = EMAIL_STATUSES.filter((s) => EMAIL_STATUS_REACH[s] !== 'emailable');

/** How many of a set of contacts fall in each class; `emailable` is the "N" of "N of M can be emailed". */
export type Reach = Record<ReachClass, number>;

export function emptyReach(): Reach {
  return Object.fromEntries(REACH_CLASSES.map((k) => [k, 0])) as Reach;
}

export function reachClass(status: EmailStatus, hasEmail: boolean): ReachClass {
  const cls = EMAIL_STATUS_REACH[status];
  return cls === 'emailable' && !hasEmail ? 'noEmail' : cls;
}
