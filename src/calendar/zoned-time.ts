/**
 * Conversions between UTC instants and wall-clock time in an IANA time zone,
 * built on Intl.DateTimeFormat (full ICU in Node 20). Default zone: Europe/Paris.
 *
 * DST policy for local → instant (`fromLocal`), same as Temporal's "compatible":
 * - a wall time that does not exist (spring forward, e.g. 2026-03-29 02:30 in Paris)
 *   is moved forward by the length of the gap: 02:30 → 03:30 CEST (01:30 UTC);
 * - a wall time that happens twice (fall back, e.g. 2026-10-25 02:30 in Paris)
 *   resolves to the EARLIER occurrence: 02:30 CEST (00:30 UTC).
 * Pass `disambiguation` = 'earlier' | 'later' | 'reject' to choose otherwise.
 * Day and opening-period boundaries use `boundaryMs` instead (see there): a skipped
 * midnight snaps to the instant the clocks jump, so a local day is never shortened twice.
 */
import { CalendarInputError, assertInstant, describe } from './errors.js';
import { DAY_MS, type LocalDate, dayNumber, formatTime, fromDayNumber, parseTime } from './local-date.js';

export const PARIS = 'Europe/Paris';

export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new CalendarInputError(
        'timeZone',
        `unknown time zone ${describe(zone)}; use an IANA name such as "Europe/Paris"`,
      );
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Throws CalendarInputError unless `zone` is a time zone known to ICU. */
export function assertTimeZone(zone: unknown, field = 'timeZone'): string {
  if (typeof zone !== 'string' || zone === '') {
    throw new CalendarInputError(
      field,
      `${field} must be an IANA time zone name such as "Europe/Paris", got ${describe(zone)}`,
    );
  }
  try {
    formatter(zone);
  } catch (e) {
    if (e instanceof CalendarInputError) throw new CalendarInputError(field, e.message);
    throw e;
  }
  return zone;
}

/** The wall clock of instant `ms` in `zone`, expressed as if it were a UTC timestamp. */
function wallMs(ms: number, zone: string): number {
  const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(zone).formatToParts(ms)) {
    if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  }
  const subSecond = ((ms % 1000) + 1000) % 1000;
  const base = new Date(0);
  base.setUTCFullYear(p.year, p.month - 1, p.day);
  base.setUTCHours(p.hour, p.minute, p.second, subSecond);
  return base.getTime();
}

/** UTC offset of `zone` at instant `ms`, in milliseconds (Paris winter: +3_600_000). */
export function offsetMs(ms: number, zone: string): number {
  return wallMs(ms, zone) - ms;
}

/** UTC offset of `zone` at `instant`, in minutes (Paris: 60 in winter, 120 in summer). */
export function utcOffsetMinutes(instant: Date, zone: string = PARIS): number {
  return offsetMs(assertInstant(instant, 'instant').getTime(), assertTimeZone(zone)) / 60_000;
}

/** The local calendar date of `instant` in `zone` (default Europe/Paris). */
export function toLocalDate(instant: Date, zone: string = PARIS): LocalDate {
  const ms = assertInstant(instant, 'instant').getTime();
  return fromDayNumber(Math.floor(wallMs(ms, assertTimeZone(zone)) / DAY_MS));
}

/** The local wall-clock time "HH:MM:SS" of `instant` in `zone` (default Europe/Paris). */
export function toLocalTime(instant: Date, zone: string = PARIS): string {
  const ms = assertInstant(instant, 'instant').getTime();
  const w = new Date(wallMs(ms, assertTimeZone(zone)));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
}

/** How a local wall time maps to instants: once, never (gap) or twice (repeated). */
export interface Resolution {
  readonly kind: 'unique' | 'gap' | 'repeated';
  /** unique: the instant. repeated: first occurrence. gap: wall time read with the post-transition offset. */
  readonly earlier: number;
  /** unique: the instant. repeated: second occurrence. gap: wall time read with the pre-transition offset. */
  readonly later: number;
}

/** Internal: resolves local (day number, ms of day) in `zone`. */
export function resolveLocal(day: number, msOfDay: number, zone: string): Resolution {
  const wall = day * DAY_MS + msOfDay;
  // Offsets a day either side bracket any transition (transitions are months apart).
  const before = offsetMs(wall - DAY_MS, zone);
  const after = offsetMs(wall + DAY_MS, zone);
  const valid = [...new Set([before, after])].map((o) => wall - o).filter((ms) => offsetMs(ms, zone) === wall - ms);
  valid.sort((a, b) => a - b);
  const [first, second] = valid;
  if (first !== undefined)
    return { kind: second === undefined ? 'unique' : 'repeated', earlier: first, later: second ?? first };
  return { kind: 'gap', earlier: wall - after, later: wall - before };
}

/** Internal: the instant clocks jump inside a gap (binary search between its two readings). */
export function jumpInstant(gap: Resolution, zone: string): number {
  let [lo, hi] = [gap.earlier, gap.later];
  const target = offsetMs(hi, zone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(mid, zone) === target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Internal: local (day number, ms of day) → UTC ms, with the DST policy described above. */
export function localToMs(
  day: number,
  msOfDay: number,
  zone: string,
  disambiguation: Disambiguation = 'compatible',
): number {
  const r = resolveLocal(day, msOfDay, zone);
  if (r.kind === 'unique') return r.earlier;
  if (disambiguation === 'reject') {
    const kind = r.kind === 'gap' ? 'does not exist (clocks jump forward)' : 'happens twice (clocks go back)';
    const shown = `${fromDayNumber(day)} ${formatTime(msOfDay)}`;
    throw new CalendarInputError(
      'time',
      `local time ${shown} in ${zone} ${kind}; choose another time or a disambiguation`,
    );
  }
  if (disambiguation === 'compatible') return r.kind === 'gap' ? r.later : r.earlier;
  return disambiguation === 'earlier' ? r.earlier : r.later;
}

/**
 * Internal: boundary of a local span (day start, opening period). A start resolves to the
 * first instant the clock shows it, an end to the last; a skipped time snaps to the jump.
 */
export function boundaryMs(day: number, msOfDay: number, zone: string, side: 'start' | 'end'): number {
  const r = resolveLocal(day, msOfDay, zone);
  if (r.kind === 'gap') return jumpInstant(r, zone);
  return side === 'start' ? r.earlier : r.later;
}

/**
 * The UTC instant at which the wall clock in `zone` shows `date` `time`
 * ("HH:MM" or "HH:MM:SS"; "24:00" = start of the next day). See the DST policy above.
 */
export function fromLocal(
  date: LocalDate,
  time: string,
  zone: string = PARIS,
  disambiguation: Disambiguation = 'compatible',
): Date {
  const day = dayNumber(date, 'date');
  const msOfDay = parseTime(time, 'time', true);
  return new Date(localToMs(day, msOfDay, assertTimeZone(zone), disambiguation));
}

/** First instant of local day `date` in `zone` (midnight, or the first valid instant after it). */
export function startOfLocalDay(date: LocalDate, zone: string = PARIS): Date {
  return new Date(boundaryMs(dayNumber(date), 0, assertTimeZone(zone), 'start'));
}

/** Last millisecond of local day `date` in `zone` (23:59:59.999 local). */
export function endOfLocalDay(date: LocalDate, zone: string = PARIS): Date {
  return new Date(boundaryMs(dayNumber(date) + 1, 0, assertTimeZone(zone), 'start') - 1);
}
