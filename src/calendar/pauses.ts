/**
 * Deadlines that pause while the case waits on the customer, and the progress
 * gauge ("80 % of the delay used → at risk").
 *
 * PAUSE RULE (kept deliberately simple and auditable):
 * - Business-day delays: a business day counts toward the delay only if the case
 *   was NOT paused at any moment of that local day. Equivalently: every business day
 *   touched by a pause (even for one minute) is added back, and the due instant stays
 *   at the end of a local day. A pause spanning 23:00 Mon → 09:00 Tue costs two days.
 *   Days before the opening day, weekends and holidays are unaffected by pauses.
 * - Hour delays: the clock is plain elapsed time; the exact paused duration is added
 *   back (a 3 h pause moves a 48 h deadline by 3 h).
 * - An open pause (`to: null`) is treated as ending at `now`; the result is then
 *   `provisional` (it keeps moving while the customer has not answered).
 * - Overlapping pauses are merged; time paused before `start` is ignored.
 */
import { type Due, MAX_BUSINESS_DAYS, MAX_HOURS } from './business-days.js';
import { CalendarInputError, assertAmount, assertCount, assertInstant } from './errors.js';
import { type BusinessCalendar, FRENCH_CALENDAR } from './holidays.js';
import { HOUR_MS, addDays } from './local-date.js';
import { startOfLocalDay, toLocalDate } from './zoned-time.js';

export interface Pause {
  readonly from: Date;
  /** null while the case is still waiting on the customer. */
  readonly to: Date | null;
}

export type Delay = { readonly businessDays: number } | { readonly hours: number };

export interface PausedDue extends Due {
  /** True when a pause is still open: the deadline will move later until it closes. */
  readonly provisional: boolean;
}

interface Span {
  from: number;
  to: number;
}

/** Validates, closes open pauses at `now`, clips to >= start, sorts and merges. */
function normalizePauses(pauses: readonly Pause[], start: number, now: Date | undefined): Span[] {
  if (!Array.isArray(pauses)) throw new CalendarInputError('pauses', 'pauses must be an array of {from, to} intervals');
  const spans: Span[] = pauses.map((p, i) => {
    const from = assertInstant(p?.from, `pauses[${i}].from`).getTime();
    let to: number;
    if (p.to === null) {
      if (now === undefined) {
        throw new CalendarInputError(
          'now',
          `pauses[${i}] is still open (to = null): pass "now" so it can be closed provisionally`,
        );
      }
      to = Math.max(from, assertInstant(now, 'now').getTime());
    } else {
      to = assertInstant(p.to, `pauses[${i}].to`).getTime();
      if (to < from)
        throw new CalendarInputError(
          `pauses[${i}].to`,
          `pauses[${i}] ends (${p.to.toISOString()}) before it starts (${p.from.toISOString()})`,
        );
    }
    return { from: Math.max(from, start), to };
  });
  const merged: Span[] = [];
  for (const s of spans.filter((x) => x.to > x.from).sort((x, y) => x.from - y.from)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

/** The due instant of `delay` from `start`, with paused time added back (rule above). */
export function dueWithPauses(
  start: Date,
  delay: Delay,
  pauses: readonly Pause[],
  options: { readonly now?: Date; readonly calendar?: BusinessCalendar } = {},
): PausedDue {
  const startMs = assertInstant(start, 'start').getTime();
  const calendar = options.calendar ?? FRENCH_CALENDAR;
  const zone = calendar.timeZone;
  const spans = normalizePauses(pauses, startMs, options.now);
  const provisional = pauses.some((p) => p.to === null);

  if (delay !== null && typeof delay === 'object' && 'businessDays' in delay) {
    let left = assertCount(delay.businessDays, 'delay.businessDays', MAX_BUSINESS_DAYS);
    let day = toLocalDate(start, zone);
    while (left > 0) {
      day = addDays(day, 1);
      if (!calendar.isBusinessDay(day)) continue;
      const dayStart = startOfLocalDay(day, zone).getTime();
      const dayEnd = startOfLocalDay(addDays(day, 1), zone).getTime();
      if (!spans.some((s) => s.from < dayEnd && s.to > dayStart)) left--;
    }
    return { dueAt: new Date(startOfLocalDay(addDays(day, 1), zone).getTime() - 1), dueDate: day, provisional };
  }
  if (delay !== null && typeof delay === 'object' && 'hours' in delay) {
    let remaining = assertAmount(delay.hours, 'delay.hours', MAX_HOURS) * HOUR_MS;
    let t = startMs;
    for (const s of spans) {
      if (s.to <= t) continue;
      const gap = Math.max(0, s.from - t);
      if (gap >= remaining) break;
      remaining -= gap;
      t = s.to;
    }
    const dueAt = new Date(t + remaining);
    return { dueAt, dueDate: toLocalDate(dueAt, zone), provisional };
  }
  throw new CalendarInputError('delay', 'delay must be { businessDays: n } or { hours: h }');
}

/** Milliseconds of [a, b) that fall on business days of `calendar` (local days in its zone). */
export function businessMsBetween(a: number, b: number, calendar: BusinessCalendar): number {
  if (b <= a) return 0;
  const zone = calendar.timeZone;
  const last = toLocalDate(new Date(b - 1), zone);
  let total = 0;
  for (let day = toLocalDate(new Date(a), zone); day <= last; day = addDays(day, 1)) {
    if (!calendar.isBusinessDay(day)) continue;
    const s = Math.max(a, startOfLocalDay(day, zone).getTime());
    const e = Math.min(b, startOfLocalDay(addDays(day, 1), zone).getTime());
    if (e > s) total += e - s;
  }
  return total;
}

/**
 * Share of the delay used at `now`: active time in [start, now) / active time in [start, due).
 * "Active" = not paused, and:
 * - without `calendar`: plain elapsed time (right for hour delays);
 * - with `calendar`: only time falling on its business days (a weekend does not move
 *   the gauge; right for business-day delays).
 * Returns 0 before start and can exceed 1 once overdue (1.25 = 25 % over). Open pauses
 * end at `now`. If the window has no active time, returns 0 before `due`, 1 from `due` on.
 */
export function fractionElapsed(
  start: Date,
  due: Date,
  now: Date,
  pauses: readonly Pause[] = [],
  calendar?: BusinessCalendar,
): number {
  const s = assertInstant(start, 'start').getTime();
  const d = assertInstant(due, 'due').getTime();
  const n = assertInstant(now, 'now').getTime();
  if (d < s) throw new CalendarInputError('due', `due (${due.toISOString()}) is before start (${start.toISOString()})`);
  const spans = normalizePauses(pauses, s, now);
  const measure = (a: number, b: number) => (calendar ? businessMsBetween(a, b, calendar) : Math.max(0, b - a));
  const active = (a: number, b: number) =>
    measure(a, b) - spans.reduce((sum, p) => sum + measure(Math.max(a, p.from), Math.min(b, p.to)), 0);
  const total = active(s, d);
  if (total <= 0) return n >= d ? 1 : 0;
  return Math.max(0, active(s, n)) / total;
}
