/**
 * French public holidays and the configurable `BusinessCalendar` used for
 * every "business day" computation (weekends + holidays are non-business days).
 */
import { CalendarInputError } from './errors.js';
import { type LocalDate, addDays, dayNumber, formatDate, weekday } from './local-date.js';
import { PARIS, assertTimeZone } from './zoned-time.js';

export interface Holiday {
  readonly date: LocalDate;
  readonly name: string;
}

/** Easter Sunday (Gregorian) by the anonymous Meeus/Jones/Butcher algorithm. */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new CalendarInputError('year', `year must be a whole number from 1583 to 9999, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(year, month, day);
}

export interface CalendarOptions {
  /** Zone whose local dates are business days (default "Europe/Paris"). */
  readonly timeZone?: string;
  /** Whit Monday is worked (journée de solidarité): not a holiday. Default false. */
  readonly whitMondayWorked?: boolean;
  /** Alsace-Moselle local law: Good Friday and 26 December are also holidays. Default false. */
  readonly alsaceMoselle?: boolean;
  /** Extra closed days ("YYYY-MM-DD"), e.g. an operator-wide "pont". */
  readonly extraClosedDays?: readonly LocalDate[];
}

/** Immutable holiday set + time zone. Build with `createBusinessCalendar`. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly options: Readonly<CalendarOptions>;
  /** All holidays of `year` (including extra closed days), sorted by date. */
  holidays(year: number): readonly Holiday[];
  /** Name of the holiday on `date`, or undefined. */
  holidayName(date: LocalDate): string | undefined;
  isHoliday(date: LocalDate): boolean;
  /** Monday–Friday and not a holiday. */
  isBusinessDay(date: LocalDate): boolean;
}

/** French holidays of `year` under `options` (extra closed days not included). */
export function frenchHolidays(year: number, options: CalendarOptions = {}): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: string): Holiday => ({ date: formatDate(year, month, day), name });
  const moving = (offset: number, name: string): Holiday => ({ date: addDays(easter, offset), name });
  const list: Holiday[] = [
    fixed(1, 1, "Jour de l'an"),
    moving(1, 'Lundi de Pâques'),
    fixed(5, 1, 'Fête du Travail'),
    fixed(5, 8, 'Victoire 1945'),
    moving(39, 'Ascension'),
    fixed(7, 14, 'Fête nationale'),
    fixed(8, 15, 'Assomption'),
    fixed(11, 1, 'Toussaint'),
    fixed(11, 11, 'Armistice 1918'),
    fixed(12, 25, 'Noël'),
  ];
  if (!options.whitMondayWorked) list.push(moving(50, 'Lundi de Pentecôte'));
  if (options.alsaceMoselle) list.push(moving(-2, 'Vendredi saint'), fixed(12, 26, 'Saint-Étienne'));
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Builds a calendar; defaults are the national French holidays in Europe/Paris. */
export function createBusinessCalendar(options: CalendarOptions = {}): BusinessCalendar {
  const timeZone = assertTimeZone(options.timeZone ?? PARIS);
  const extra = [...(options.extraClosedDays ?? [])];
  for (const [i, d] of extra.entries()) dayNumber(d, `extraClosedDays[${i}]`);
  const frozen: CalendarOptions = Object.freeze({ ...options, timeZone, extraClosedDays: Object.freeze(extra) });
  const byYear = new Map<number, Map<LocalDate, string>>();

  const yearMap = (year: number): Map<LocalDate, string> => {
    let map = byYear.get(year);
    if (map === undefined) {
      map = new Map(frenchHolidays(year, frozen).map((h) => [h.date, h.name]));
      for (const d of extra) if (d.startsWith(`${year}-`) && !map.has(d)) map.set(d, 'Fermeture exceptionnelle');
      byYear.set(year, map);
    }
    return map;
  };
  const holidayName = (date: LocalDate): string | undefined => {
    dayNumber(date);
    return yearMap(Number(date.slice(0, 4))).get(date);
  };
  return Object.freeze({
    timeZone,
    options: frozen,
    holidays: (year: number) =>
      [...yearMap(year)].map(([date, name]) => ({ date, name })).sort((x, y) => (x.date < y.date ? -1 : 1)),
    holidayName,
    isHoliday: (date: LocalDate) => holidayName(date) !== undefined,
    isBusinessDay: (date: LocalDate) => {
      const wd = weekday(date);
      return wd !== 0 && wd !== 6 && holidayName(date) === undefined;
    },
  });
}

/** National French calendar (Whit Monday off), Europe/Paris. */
export const FRENCH_CALENDAR: BusinessCalendar = createBusinessCalendar();
