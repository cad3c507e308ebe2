// Relative dates are evaluated against an explicit clock (`asOf`, UTC). The boundary is computed
// here, once, and bound as a parameter, so SQL and the in-memory reference evaluator agree exactly.
import type { RelativeDate } from './grammar.js';

/** asOf minus the span. Months step by calendar month, clamping the day (Mar 31 − 1 month = Feb 28/29). */
export function relativeBoundary(asOf: Date, span: RelativeDate): Date {
  const d = new Date(asOf.getTime());
  switch (span.unit) {
    case 'days':
      return new Date(d.getTime() - span.amount * 86_400_000);
    case 'weeks':
      return new Date(d.getTime() - span.amount * 7 * 86_400_000);
    case 'months':
    case 'years': {
      const months = span.unit === 'years' ? span.amount * 12 : span.amount;
      const day = d.getUTCDate();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - months);
      const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      d.setUTCDate(Math.min(day, lastDay));
      return d;
    }
  }
}

/** The N most recent campaigns sent at or before the clock, newest first. */
export function lastCampaigns<C extends { id: string; sentAt: Date | null }>(campaigns: readonly C[], asOf: Date, n: number): C[] {
  return campaigns
    .filter((c) => c.sentAt !== null && c.sentAt.getTime() <= asOf.getTime())
    .sort((a, b) => b.sentAt!.getTime() - a.sentAt!.getTime() || (a.id < b.id ? -1 : 1))
    .slice(0, n);
}
