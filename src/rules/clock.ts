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

/**
 * The calendar every date the service takes must fall in: dates in rules, the evaluation clock
 * (asOf) and timestamps written to contacts. JS Date and Postgres disagree outside it (Postgres has
 * no year 0 and writes BC years differently; JS prints years past 9999 as "+010000"), and no CRM
 * fact is older than 1900. With the longest relative span (1,000 years) counted back from the
 * earliest clock, a boundary stays past year 900, well inside both.
 */
export const DATE_RANGE = { minYear: 1900, maxYear: 2999 } as const;
export const DATE_RANGE_TEXT = `from ${DATE_RANGE.minYear}-01-01 to ${DATE_RANGE.maxYear}-12-31 (UTC)`;

/** Why a date cannot be used (invalid, or outside DATE_RANGE), or undefined when it can. */
export function dateOutOfRange(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return 'is not a real date';
  const year = date.getUTCFullYear();
  if (year < DATE_RANGE.minYear || year > DATE_RANGE.maxYear) return `is outside the supported dates, ${DATE_RANGE_TEXT}`;
  return undefined;
}
