import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarInputError } from './errors.js';
import { FRENCH_CALENDAR, createBusinessCalendar, easterSunday, frenchHolidays } from './holidays.js';
import { weekday } from './local-date.js';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
    [1818, '1818-03-22'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const e = easterSunday(year);
        expect(weekday(e)).toBe(0);
        expect(e.slice(5) >= '03-22' && e.slice(5) <= '04-25').toBe(true);
      }),
    );
  });

  it('rejects years outside the Gregorian range', () => {
    expect(() => easterSunday(1500)).toThrow(CalendarInputError);
    expect(() => easterSunday(2026.5)).toThrow(/whole number/);
  });
});

describe('French holidays', () => {
  it('lists the 11 national holidays of 2026 with Easter-based dates', () => {
    expect(frenchHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "Jour de l'an" },
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-05-01', name: 'Fête du Travail' },
      { date: '2026-05-08', name: 'Victoire 1945' },
      { date: '2026-05-14', name: 'Ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte' },
      { date: '2026-07-14', name: 'Fête nationale' },
      { date: '2026-08-15', name: 'Assomption' },
      { date: '2026-11-01', name: 'Toussaint' },
      { date: '2026-11-11', name: 'Armistice 1918' },
      { date: '2026-12-25', name: 'Noël' },
    ]);
  });

  it('default calendar: holidays and weekends are not business days', () => {
    expect(FRENCH_CALENDAR.timeZone).toBe('Europe/Paris');
    expect(FRENCH_CALENDAR.isHoliday('2026-05-14')).toBe(true);
    expect(FRENCH_CALENDAR.holidayName('2026-05-25')).toBe('Lundi de Pentecôte');
    expect(FRENCH_CALENDAR.isBusinessDay('2026-05-25')).toBe(false);
    expect(FRENCH_CALENDAR.isBusinessDay('2026-05-26')).toBe(true);
    expect(FRENCH_CALENDAR.isBusinessDay('2026-05-23')).toBe(false); // Saturday
    expect(FRENCH_CALENDAR.isBusinessDay('2026-05-24')).toBe(false); // Sunday
    expect(FRENCH_CALENDAR.isHoliday('2026-12-26')).toBe(false);
  });

  it('Whit Monday can be worked (journée de solidarité)', () => {
    const cal = createBusinessCalendar({ whitMondayWorked: true });
    expect(cal.isBusinessDay('2026-05-25')).toBe(true);
    expect(cal.holidays(2026)).toHaveLength(10);
    expect(cal.isHoliday('2026-05-14')).toBe(true);
  });

  it('extra closed days and Alsace-Moselle holidays', () => {
    const cal = createBusinessCalendar({ extraClosedDays: ['2026-05-15'], alsaceMoselle: true });
    expect(cal.holidayName('2026-05-15')).toBe('Fermeture exceptionnelle');
    expect(cal.holidayName('2026-04-03')).toBe('Vendredi saint');
    expect(cal.holidayName('2026-12-26')).toBe('Saint-Étienne');
    expect(cal.holidays(2026).map((h) => h.date)).toContain('2026-05-15');
    expect(cal.holidays(2027).map((h) => h.date)).not.toContain('2026-05-15');
    expect(FRENCH_CALENDAR.isHoliday('2026-05-15')).toBe(false);
  });

  it('rejects malformed configuration and dates with the field name', () => {
    const err = (() => {
      try {
        createBusinessCalendar({ extraClosedDays: ['2026-02-30'] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CalendarInputError);
    expect((err as CalendarInputError).field).toBe('extraClosedDays[0]');
    expect(() => createBusinessCalendar({ timeZone: 'Europe/Pariss' })).toThrow(/unknown time zone/);
    expect(() => FRENCH_CALENDAR.isBusinessDay('26/05/2026')).toThrow(/YYYY-MM-DD/);
  });
});
