/**
 * Per-site opening hours: a time zone, weekly periods (several per day: lunch
 * breaks, split shifts), exceptional days, optionally closed on a calendar's holidays.
 *
 * DST rule for period boundaries: a period covers every instant from the FIRST time
 * the local clock shows its start to the LAST time it shows its end. A boundary that
 * does not exist (spring forward) snaps to the instant the clocks jump; a boundary that
 * happens twice (fall back) uses the first occurrence for a start and the second for an end.
 * So 08:00–12:30 is always 4.5 h; a 01:00–03:00 night shift lasts 1 h in March, 3 h in October.
 */
import { CalendarInputError, assertInstant, describe } from './errors.js';
import type { BusinessCalendar } from './holidays.js';
import { DAY_MS, type LocalDate, MINUTE_MS, addDays, dayNumber, formatTime, parseTime, weekday } from './local-date.js';
import { assertTimeZone, boundaryMs, toLocalDate } from './zoned-time.js';

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** "HH:MM" local times, start < end; end may be "24:00". */
export interface OpeningPeriod {
  readonly start: string;
  readonly end: string;
}

export interface SiteDefinition {
  readonly name?: string;
  /** IANA zone, e.g. "Europe/Paris" (Colombes) or "Africa/Casablanca" (Morocco). */
  readonly timeZone: string;
  /** Missing day = closed. */
  readonly weekly: Partial<Readonly<Record<Weekday, readonly OpeningPeriod[]>>>;
  /** Exceptional days replacing the weekly hours; [] = closed all day. */
  readonly exceptions?: Readonly<Record<LocalDate, readonly OpeningPeriod[]>>;
  /**
   * When set, the site is closed on this calendar's holidays (unless an exception says otherwise).
   * Holiday dates are matched against the site's own local dates.
   */
  readonly closedOnHolidaysOf?: BusinessCalendar;
}

/** Validated, compiled site. Build with `defineSite`; immutable. */
export interface Site {
  readonly name: string;
  readonly timeZone: string;
  /** Per JS weekday (0 = Sunday), sorted [startMs, endMs) ms-of-day periods. */
  readonly weekly: readonly (readonly Period[])[];
  readonly exceptions: ReadonlyMap<LocalDate, readonly Period[]>;
  readonly holidays: BusinessCalendar | undefined;
}

/** [startMs, endMs) since local midnight; endMs may be 86_400_000 (24:00). */
export type Period = readonly [start: number, end: number];

export interface OpenInterval {
  readonly start: Date;
  readonly end: Date;
}

function compilePeriods(value: unknown, field: string): Period[] {
  if (!Array.isArray(value))
    throw new CalendarInputError(field, `${field} must be a list of {start, end} periods, got ${describe(value)}`);
  const periods = value.map((p: Partial<OpeningPeriod> | null, i): Period => {
    const start = parseTime(p?.start, `${field}[${i}].start`);
    const end = parseTime(p?.end, `${field}[${i}].end`, true);
    if (end <= start) {
      throw new CalendarInputError(
        `${field}[${i}].end`,
        `${field}[${i}] ends at ${p?.end}, which is not after its start ${p?.start}`,
      );
    }
    return [start, end];
  });
  periods.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < periods.length; i++) {
    const [prev, cur] = [periods[i - 1], periods[i]];
    if (prev && cur && cur[0] < prev[1]) {
      const show = (p: Period) => `${formatTime(p[0])}–${formatTime(p[1])}`;
      throw new CalendarInputError(field, `${field} has overlapping periods ${show(prev)} and ${show(cur)}`);
    }
  }
  return periods;
}

/** Validates a site definition; throws CalendarInputError with the offending field. */
export function defineSite(def: SiteDefinition): Site {
  const timeZone = assertTimeZone(def?.timeZone, 'timeZone');
  if (def.weekly === null || typeof def.weekly !== 'object')
    throw new CalendarInputError(
      'weekly',
      'weekly must be an object such as { mon: [{ start: "08:00", end: "12:30" }] }',
    );
  for (const key of Object.keys(def.weekly)) {
    if (!WEEKDAYS.includes(key as Weekday)) {
      throw new CalendarInputError(`weekly.${key}`, `unknown day "${key}"; use mon, tue, wed, thu, fri, sat or sun`);
    }
  }
  const weekly = WEEKDAYS.map((d) => compilePeriods(def.weekly[d] ?? [], `weekly.${d}`));
  const exceptions = new Map<LocalDate, Period[]>();
  for (const [date, periods] of Object.entries(def.exceptions ?? {})) {
    dayNumber(date, `exceptions.${date}`);
    exceptions.set(date, compilePeriods(periods, `exceptions.${date}`));
  }
  return Object.freeze({ name: def.name ?? timeZone, timeZone, weekly, exceptions, holidays: def.closedOnHolidaysOf });
}

/** Local periods that apply on `date` (exception > holiday closure > weekly hours). */
export function periodsOn(site: Site, date: LocalDate): readonly Period[] {
  const exception = site.exceptions.get(date);
  if (exception !== undefined) return exception;
  if (site.holidays?.isHoliday(date)) return [];
  return site.weekly[weekday(date)] ?? [];
}

// Memo of UTC intervals per site and local day; sites are immutable so this is safe.
const memo = new WeakMap<Site, Map<LocalDate, readonly Span[]>>();
type Span = readonly [start: number, end: number];

function spansOn(site: Site, date: LocalDate): readonly Span[] {
  let cache = memo.get(site);
  if (cache === undefined) {
    cache = new Map();
    memo.set(site, cache);
  }
  const hit = cache.get(date);
  if (hit !== undefined) return hit;
  const day = dayNumber(date);
  const zone = site.timeZone;
  const spans: Span[] = [];
  for (const [start, end] of periodsOn(site, date)) {
    const s = boundaryMs(day, start, zone, 'start');
    const e = end === DAY_MS ? boundaryMs(day + 1, 0, zone, 'start') : boundaryMs(day, end, zone, 'end');
    if (e > s) spans.push([s, e]);
  }
  if (cache.size > 2_000) cache.clear();
  cache.set(date, spans);
  return spans;
}

/** True when `site` is open at `instant` (periods are [start, end): open at 08:00, closed at 12:30). */
export function isOpen(site: Site, instant: Date): boolean {
  const t = assertInstant(instant, 'instant').getTime();
  return spansOn(site, toLocalDate(instant, site.timeZone)).some(([s, e]) => s <= t && t < e);
}

/** Days searched by nextOpening beyond the later of `instant` and the last exception. */
const SEARCH_DAYS = 400;

/**
 * The first instant >= `instant` at which the site is open (`instant` itself if open),
 * e.g. to send staff reminders within opening hours. Null if the site never opens again.
 */
export function nextOpening(site: Site, instant: Date): Date | null {
  const t = assertInstant(instant, 'instant').getTime();
  let day = toLocalDate(instant, site.timeZone);
  let lastException = day;
  for (const d of site.exceptions.keys()) if (d > lastException) lastException = d;
  const stop = addDays(lastException, SEARCH_DAYS);
  for (; day <= stop; day = addDays(day, 1)) {
    for (const [s, e] of spansOn(site, day)) {
      if (e > t) return new Date(Math.max(s, t));
    }
  }
  return null;
}

/** Open intervals [start, end) intersecting [from, to), clipped to it; adjacent intervals merged. */
export function openIntervals(site: Site, from: Date, to: Date): OpenInterval[] {
  const a = assertInstant(from, 'from').getTime();
  const b = assertInstant(to, 'to').getTime();
  if (b < a) throw new CalendarInputError('to', `to (${to.toISOString()}) is before from (${from.toISOString()})`);
  if (b - a > 3 * 366 * DAY_MS) throw new CalendarInputError('to', 'the range is too long (at most 3 years)');
  const out: [number, number][] = [];
  const last = toLocalDate(to, site.timeZone);
  for (let day = toLocalDate(from, site.timeZone); day <= last; day = addDays(day, 1)) {
    for (const [s, e] of spansOn(site, day)) {
      const [cs, ce] = [Math.max(s, a), Math.min(e, b)];
      if (ce <= cs) continue;
      const prev = out[out.length - 1];
      if (prev !== undefined && prev[1] >= cs) prev[1] = Math.max(prev[1], ce);
      else out.push([cs, ce]);
    }
  }
  return out.map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
}

/** Minutes (possibly fractional) during which the site is open within [from, to). */
export function openMinutesBetween(site: Site, from: Date, to: Date): number {
  return openIntervals(site, from, to).reduce((sum, i) => sum + (i.end.getTime() - i.start.getTime()), 0) / MINUTE_MS;
}
