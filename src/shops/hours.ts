/**
 * A shop's opening hours and appointment slots, computed by the business calendar (pure, no I/O).
 * A slot is `slotMinutes` long, starts on a multiple of `slotMinutes` after an opening period's
 * start, and lies wholly inside one open interval: no appointment straddles the lunch break.
 */
import {
  FRENCH_CALENDAR,
  type LocalDate,
  type Site,
  addDays,
  defineSite,
  endOfLocalDay,
  openIntervals,
  startOfLocalDay,
  toLocalDate,
} from '../calendar/index.js';
import type { HoursJson } from './tables.js';

export interface ShopHours {
  timeZone: string;
  weekly: HoursJson;
  exceptions: HoursJson;
  slotMinutes: number;
  bookingHorizonDays: number;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE_MS = 60_000;

/** The calendar's site: weekly hours, exceptional days, closed on French public holidays. */
export function shopSite(hours: ShopHours): Site {
  return defineSite({
    timeZone: hours.timeZone,
    weekly: hours.weekly,
    exceptions: hours.exceptions as Record<LocalDate, Array<{ start: string; end: string }>>,
    closedOnHolidaysOf: FRENCH_CALENDAR,
  });
}

/** Every slot of a local day (past ones included; the caller filters on "now"). */
export function slotsOn(hours: ShopHours, date: LocalDate): Slot[] {
  const site = shopSite(hours);
  const length = hours.slotMinutes * MINUTE_MS;
  const slots: Slot[] = [];
  for (const interval of openIntervals(
    site,
    startOfLocalDay(date, hours.timeZone),
    endOfLocalDay(date, hours.timeZone),
  )) {
    for (let start = interval.start.getTime(); start + length <= interval.end.getTime(); start += length) {
      slots.push({ startsAt: new Date(start), endsAt: new Date(start + length) });
    }
  }
  return slots;
}

export type SlotProblem = 'in_the_past' | 'beyond_horizon' | 'not_a_slot';

/** Why `startsAt` cannot be booked at `now`, or null when it is a bookable slot. */
export function slotProblem(hours: ShopHours, startsAt: Date, now: Date): SlotProblem | null {
  if (startsAt.getTime() <= now.getTime()) return 'in_the_past';
  const today = toLocalDate(now, hours.timeZone);
  const day = toLocalDate(startsAt, hours.timeZone);
  if (day > addDays(today, hours.bookingHorizonDays)) return 'beyond_horizon';
  const match = slotsOn(hours, day).some((slot) => slot.startsAt.getTime() === startsAt.getTime());
  return match ? null : 'not_a_slot';
}
