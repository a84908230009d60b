/**
 * Business-day and calendar-hour deadline arithmetic.
 *
 * Rule: "N business days" = the Nth business day strictly AFTER the local day
 * (in the calendar's zone, Europe/Paris by default) on which the case was opened,
 * due at the END of that day (23:59:59.999 local). The opening day never counts,
 * even when opened at 00:01 on a business day. N = 0 means the end of the opening day.
 */
import { assertAmount, assertCount, assertInstant } from './errors.js';
import { HOUR_MS, type LocalDate, addDays, dayNumber } from './local-date.js';
import { type BusinessCalendar, FRENCH_CALENDAR } from './holidays.js';
import { endOfLocalDay, toLocalDate } from './zoned-time.js';

/** A deadline: the UTC instant plus its local date in the calendar's zone. */
export interface Due {
  readonly dueAt: Date;
  readonly dueDate: LocalDate;
}

/** Upper bounds that stop a typo (n = 1e9) from freezing the process. */
export const MAX_BUSINESS_DAYS = 5_000;
export const MAX_HOURS = 24 * 366 * 5;

/** The Nth business day after `date` (`date` itself when n = 0). */
export function nthBusinessDayAfter(
  date: LocalDate,
  n: number,
  calendar: BusinessCalendar = FRENCH_CALENDAR,
): LocalDate {
  dayNumber(date, 'date');
  let left = assertCount(n, 'n', MAX_BUSINESS_DAYS);
  let day = date;
  while (left > 0) {
    day = addDays(day, 1);
    if (calendar.isBusinessDay(day)) left--;
  }
  return day;
}

/** Due at the end of the Nth business day after the local day of `openedAt`. */
export function addBusinessDays(openedAt: Date, n: number, calendar: BusinessCalendar = FRENCH_CALENDAR): Due {
  const opened = toLocalDate(assertInstant(openedAt, 'openedAt'), calendar.timeZone);
  const dueDate = nthBusinessDayAfter(opened, n, calendar);
  return { dueAt: endOfLocalDay(dueDate, calendar.timeZone), dueDate };
}

/**
 * Due exactly `hours` of elapsed (physical) time after `openedAt`; weekends,
 * holidays and DST do not matter (48 h across the October change is still 48 h).
 * `dueDate` is the local date of `dueAt` in the calendar's zone.
 */
export function addCalendarHours(openedAt: Date, hours: number, calendar: BusinessCalendar = FRENCH_CALENDAR): Due {
  const start = assertInstant(openedAt, 'openedAt').getTime();
  const dueAt = new Date(start + assertAmount(hours, 'hours', MAX_HOURS) * HOUR_MS);
  return { dueAt, dueDate: toLocalDate(dueAt, calendar.timeZone) };
}

/**
 * Number of business days D with localDate(a) < D <= localDate(b); negative when b
 * is before a. Inverse of addBusinessDays: businessDaysBetween(t, addBusinessDays(t, n).dueAt) = n.
 */
export function businessDaysBetween(a: Date, b: Date, calendar: BusinessCalendar = FRENCH_CALENDAR): number {
  const from = dayNumber(toLocalDate(assertInstant(a, 'a'), calendar.timeZone));
  const to = dayNumber(toLocalDate(assertInstant(b, 'b'), calendar.timeZone));
  if (to < from) return -businessDaysBetween(b, a, calendar);
  let count = 0;
  let day = toLocalDate(a, calendar.timeZone);
  for (let i = from; i < to; i++) {
    day = addDays(day, 1);
    if (calendar.isBusinessDay(day)) count++;
  }
  return count;
}
