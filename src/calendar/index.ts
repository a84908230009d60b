/**
 * Suivi business calendar — the single source of truth for deadlines.
 *
 * Owns: French public holidays (configurable per operator), Europe/Paris (or any
 * IANA zone) local-date conversions with explicit DST rules, business-day and
 * calendar-hour deadlines, pauses while waiting on the customer, progress of a delay,
 * and per-site opening hours (isOpen / nextOpening / open intervals).
 * Pure functions: no I/O, no clock — every "now" is passed in as a Date.
 * Invalid input throws CalendarInputError { field, message }.
 */
export { CalendarInputError } from './errors.js';
export { type LocalDate, addDays, weekday } from './local-date.js';
export {
  PARIS,
  type Disambiguation,
  assertTimeZone,
  endOfLocalDay,
  fromLocal,
  startOfLocalDay,
  toLocalDate,
  toLocalTime,
  utcOffsetMinutes,
} from './zoned-time.js';
export {
  type BusinessCalendar,
  type CalendarOptions,
  type Holiday,
  FRENCH_CALENDAR,
  createBusinessCalendar,
  easterSunday,
  frenchHolidays,
} from './holidays.js';
export {
  type Due,
  MAX_BUSINESS_DAYS,
  MAX_HOURS,
  addBusinessDays,
  addCalendarHours,
  businessDaysBetween,
  nthBusinessDayAfter,
} from './business-days.js';
export { type Delay, type Pause, type PausedDue, dueWithPauses, fractionElapsed } from './pauses.js';
export {
  type OpenInterval,
  type OpeningPeriod,
  type Site,
  type SiteDefinition,
  type Weekday,
  defineSite,
  isOpen,
  nextOpening,
  openIntervals,
  openMinutesBetween,
  periodsOn,
} from './site-hours.js';
