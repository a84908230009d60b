/**
 * Civil (wall-calendar) dates and times, independent of any time zone.
 * A `LocalDate` is an ISO string "YYYY-MM-DD"; arithmetic goes through a day
 * number (days since 1970-01-01), so it never touches DST.
 */
import { CalendarInputError, describe } from './errors.js';

/** A calendar date "YYYY-MM-DD" (no time, no zone). */
export type LocalDate = string;

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Days since 1970-01-01 of a validated "YYYY-MM-DD" date. Throws CalendarInputError otherwise. */
export function dayNumber(date: unknown, field = 'date'): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) {
    throw new CalendarInputError(field, `${field} must be a date written YYYY-MM-DD, got ${describe(date)}`);
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000) throw new CalendarInputError(field, `${field} has year ${year}; use a year from 1000 to 9999`);
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (month < 1 || month > 12 || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new CalendarInputError(field, `${field} ${describe(date)} does not exist in the calendar`);
  }
  return Math.round(ms / DAY_MS);
}

/** Inverse of `dayNumber`. */
export function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * DAY_MS);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function formatDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `date` shifted by `days` calendar days (may be negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Day of week, 0 = Sunday … 6 = Saturday (same convention as `Date#getDay`). */
export function weekday(date: LocalDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/**
 * Milliseconds since local midnight of "HH:MM" or "HH:MM:SS".
 * "24:00" (end of day) is accepted only when `allowEndOfDay` is true.
 */
export function parseTime(value: unknown, field: string, allowEndOfDay = false): number {
  const m = typeof value === 'string' ? TIME_RE.exec(value) : null;
  if (!m) throw new CalendarInputError(field, `${field} must be a time written HH:MM, got ${describe(value)}`);
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h === 24 && min === 0 && s === 0 && allowEndOfDay) return DAY_MS;
  if (h > 23) {
    const hint = allowEndOfDay ? ' (24:00 is allowed for end of day)' : '';
    throw new CalendarInputError(
      field,
      `${field} ${describe(value)} is not a valid time: hours go from 00 to 23${hint}`,
    );
  }
  if (min > 59 || s > 59) {
    throw new CalendarInputError(
      field,
      `${field} ${describe(value)} is not a valid time: minutes and seconds go from 00 to 59`,
    );
  }
  return h * HOUR_MS + min * MINUTE_MS + s * 1000;
}

/** "HH:MM" (or "HH:MM:SS" when seconds are non-zero) for a millisecond-of-day value. */
export function formatTime(msOfDay: number): string {
  const total = Math.floor(msOfDay / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  return s === 0 ? `${pad2(h)}:${pad2(m)}` : `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
