import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addCalendarHours, businessDaysBetween, nthBusinessDayAfter } from './business-days.js';
import { CalendarInputError } from './errors.js';
import { FRENCH_CALENDAR, createBusinessCalendar } from './holidays.js';
import { addDays } from './local-date.js';
import { endOfLocalDay, toLocalDate, toLocalTime } from './zoned-time.js';

const utc = (iso: string) => new Date(iso);
// Random instants 2024–2030, which include many holidays and DST changes.
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms));
const count = fc.integer({ min: 0, max: 60 });

describe('addBusinessDays — worked examples', () => {
  it('line move opened Friday 2026-12-18: 10 business days skip 25 Dec and 1 Jan', () => {
    const due = addBusinessDays(utc('2026-12-18T10:15:00Z'), 10);
    expect(due.dueDate).toBe('2027-01-05');
    expect(due.dueAt.toISOString()).toBe('2027-01-05T22:59:59.999Z'); // 23:59:59.999 CET
  });

  it('uses the Paris day of opening: 23:30 UTC on Friday is already Saturday in Paris', () => {
    expect(addBusinessDays(utc('2026-12-18T22:59:00Z'), 1).dueDate).toBe('2026-12-21');
    expect(addBusinessDays(utc('2026-12-18T23:30:00Z'), 1).dueDate).toBe('2026-12-21'); // Sat → Mon
    expect(addBusinessDays(utc('2026-12-18T22:59:00Z'), 2).dueDate).toBe('2026-12-22');
    expect(addBusinessDays(utc('2026-12-18T23:30:00Z'), 2).dueDate).toBe('2026-12-22');
    expect(addBusinessDays(utc('2026-12-17T23:30:00Z'), 1).dueDate).toBe('2026-12-21'); // opened Fri in Paris
  });

  it('skips Ascension and Whit Monday 2026, unless Whit Monday is worked', () => {
    // Wednesday 13 May 2026: Thu 14 Ascension, Mon 25 May Whit Monday
    expect(addBusinessDays(utc('2026-05-13T08:00:00Z'), 1).dueDate).toBe('2026-05-15');
    expect(addBusinessDays(utc('2026-05-22T08:00:00Z'), 1).dueDate).toBe('2026-05-26');
    const solidarity = createBusinessCalendar({ whitMondayWorked: true });
    expect(addBusinessDays(utc('2026-05-22T08:00:00Z'), 1, solidarity).dueDate).toBe('2026-05-25');
  });

  it('ends the due day at 23:59:59.999 Paris in summer time and on DST days', () => {
    expect(addBusinessDays(utc('2026-07-01T08:00:00Z'), 1).dueAt.toISOString()).toBe('2026-07-02T21:59:59.999Z');
    // Fri 2026-03-27 + 1 → Mon 30 March (after the spring change)
    expect(addBusinessDays(utc('2026-03-27T08:00:00Z'), 1).dueAt.toISOString()).toBe('2026-03-30T21:59:59.999Z');
    expect(addBusinessDays(utc('2026-10-23T08:00:00Z'), 1).dueAt.toISOString()).toBe('2026-10-26T22:59:59.999Z');
  });

  it('n = 0 is the end of the opening day', () => {
    expect(addBusinessDays(utc('2026-12-19T10:00:00Z'), 0).dueDate).toBe('2026-12-19');
  });

  it('rejects negative, fractional, NaN counts and invalid dates', () => {
    const t = utc('2026-01-05T10:00:00Z');
    expect(() => addBusinessDays(t, -1)).toThrow(CalendarInputError);
    expect(() => addBusinessDays(t, 1.5)).toThrow(/whole number/);
    expect(() => addBusinessDays(t, Number.NaN)).toThrow(/whole number/);
    expect(() => addBusinessDays(new Date('31/02/2026'), 1)).toThrow(/openedAt is an invalid date/);
    expect(() => addBusinessDays(t, 1e9)).toThrow(/too large/);
    expect(() => nthBusinessDayAfter('2026-1-5', 1)).toThrow(/YYYY-MM-DD/);
  });
});

describe('addBusinessDays — properties', () => {
  it('dueDate is a business day and dueAt is the last ms of that Paris day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (t, n) => {
        const { dueAt, dueDate } = addBusinessDays(t, n);
        expect(FRENCH_CALENDAR.isBusinessDay(dueDate)).toBe(true);
        expect(toLocalDate(dueAt)).toBe(dueDate);
        expect(toLocalTime(dueAt)).toBe('23:59:59');
        expect(toLocalDate(new Date(dueAt.getTime() + 1))).not.toBe(dueDate);
      }),
    );
  });

  it('n + m business days = n, then m more from the due instant', () => {
    fc.assert(
      fc.property(instant, count, count, (t, n, m) => {
        const first = addBusinessDays(t, n);
        expect(addBusinessDays(first.dueAt, m)).toEqual(addBusinessDays(t, n + m));
      }),
    );
  });

  it('is monotonic in n and in openedAt, and strictly after openedAt for n >= 1', () => {
    fc.assert(
      fc.property(instant, instant, count, count, (a, b, n, m) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = n <= m ? [n, m] : [m, n];
        expect(addBusinessDays(t1, n1).dueAt.getTime()).toBeLessThanOrEqual(addBusinessDays(t1, n2).dueAt.getTime());
        expect(addBusinessDays(t1, n1).dueAt.getTime()).toBeLessThanOrEqual(addBusinessDays(t2, n1).dueAt.getTime());
        if (n2 >= 1) {
          expect(addBusinessDays(t1, n2).dueAt.getTime()).toBeGreaterThan(t1.getTime());
          expect(addBusinessDays(t1, n2).dueAt.getTime()).toBeGreaterThan(addBusinessDays(t1, n2 - 1).dueAt.getTime());
        }
      }),
    );
  });

  it('businessDaysBetween is its inverse, and the day before the due date is one business day short', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (t, n) => {
        const { dueAt, dueDate } = addBusinessDays(t, n);
        expect(businessDaysBetween(t, dueAt)).toBe(n);
        const dayBefore = endOfLocalDay(addDays(dueDate, -1));
        expect(businessDaysBetween(t, dayBefore)).toBe(n - 1);
      }),
    );
  });
});

describe('businessDaysBetween', () => {
  it('counts business days after a up to and including b, signed', () => {
    const fri = utc('2026-12-18T10:00:00Z');
    const tue = utc('2027-01-05T10:00:00Z');
    expect(businessDaysBetween(fri, tue)).toBe(10);
    expect(businessDaysBetween(tue, fri)).toBe(-10);
    expect(businessDaysBetween(fri, fri)).toBe(0);
    expect(businessDaysBetween(fri, utc('2026-12-20T10:00:00Z'))).toBe(0); // weekend only
  });
});

describe('addCalendarHours', () => {
  it('counts physical hours: 48 h across the October change ends at 23:00 local, not 00:00', () => {
    const due = addCalendarHours(utc('2026-10-24T22:00:00Z'), 48); // Sun 25 Oct 00:00 CEST
    expect(due.dueAt.toISOString()).toBe('2026-10-26T22:00:00.000Z');
    expect(due.dueDate).toBe('2026-10-26');
    expect(toLocalTime(due.dueAt)).toBe('23:00:00');
  });

  it('ignores weekends and holidays; accepts fractional hours; rejects negative/NaN', () => {
    expect(addCalendarHours(utc('2026-12-24T12:00:00Z'), 1.5).dueAt.toISOString()).toBe('2026-12-24T13:30:00.000Z');
    expect(() => addCalendarHours(utc('2026-12-24T12:00:00Z'), -1)).toThrow(/negative/);
    expect(() => addCalendarHours(utc('2026-12-24T12:00:00Z'), Number.NaN)).toThrow(/finite/);
  });
});
