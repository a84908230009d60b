/** Day arithmetic on ISO dates (YYYY-MM-DD) in UTC, so time zones and DST never shift a day. */

import { WfmInputError } from './errors.js';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 for an ISO date; throws WfmInputError on anything else. */
export function dayNumber(parameter: string, isoDate: string): number {
  if (typeof isoDate !== 'string' || !ISO_DATE.test(isoDate)) {
    throw new WfmInputError(parameter, `must be an ISO date YYYY-MM-DD, got ${String(isoDate)}`);
  }
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new WfmInputError(parameter, `is not a real calendar date: ${isoDate}`);
  }
  return Math.round(ms / DAY_MS);
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday (planners' week). */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % 7) + 7) % 7;
}
