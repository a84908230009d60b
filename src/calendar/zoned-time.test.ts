import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarInputError } from './errors.js';
import { endOfLocalDay, fromLocal, startOfLocalDay, toLocalDate, toLocalTime, utcOffsetMinutes } from './zoned-time.js';

const utc = (iso: string) => new Date(iso);

describe('instant → Paris local date/time', () => {
  it('uses the Paris date, not the UTC date, around midnight', () => {
    expect(toLocalDate(utc('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(toLocalTime(utc('2026-12-31T23:30:00Z'))).toBe('00:30:00');
    expect(toLocalDate(utc('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(toLocalDate(utc('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('follows the 2026-03-29 spring-forward (01:00 UTC)', () => {
    expect(toLocalTime(utc('2026-03-29T00:59:59Z'))).toBe('01:59:59');
    expect(toLocalTime(utc('2026-03-29T01:00:00Z'))).toBe('03:00:00');
    expect(utcOffsetMinutes(utc('2026-03-29T00:59:59Z'))).toBe(60);
    expect(utcOffsetMinutes(utc('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('follows the 2026-10-25 fall-back (01:00 UTC)', () => {
    expect(toLocalTime(utc('2026-10-25T00:30:00Z'))).toBe('02:30:00');
    expect(toLocalTime(utc('2026-10-25T01:30:00Z'))).toBe('02:30:00');
    expect(utcOffsetMinutes(utc('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('works for other zones (Casablanca: UTC+1, UTC+0 during Ramadan 2026)', () => {
    expect(toLocalTime(utc('2026-01-15T12:00:00Z'), 'Africa/Casablanca')).toBe('13:00:00');
    expect(toLocalTime(utc('2026-03-01T12:00:00Z'), 'Africa/Casablanca')).toBe('12:00:00');
  });
});

describe('Paris local → instant', () => {
  it('converts ordinary winter and summer times', () => {
    expect(fromLocal('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(fromLocal('2026-07-15', '09:00:30').toISOString()).toBe('2026-07-15T07:00:30.000Z');
    expect(fromLocal('2026-07-15', '24:00').toISOString()).toBe('2026-07-15T22:00:00.000Z');
  });

  it('non-existent 02:30 on 2026-03-29 moves forward to 03:30 CEST by default', () => {
    expect(fromLocal('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromLocal('2026-03-29', '02:30', 'Europe/Paris', 'earlier').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(() => fromLocal('2026-03-29', '02:30', 'Europe/Paris', 'reject')).toThrow(/does not exist/);
  });

  it('ambiguous 02:30 on 2026-10-25 is the first (CEST) occurrence by default', () => {
    expect(fromLocal('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromLocal('2026-10-25', '02:30', 'Europe/Paris', 'later').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(() => fromLocal('2026-10-25', '02:30', 'Europe/Paris', 'reject')).toThrow(/happens twice/);
  });

  it('transition days last 23 h and 25 h', () => {
    const len = (d: string) => (endOfLocalDay(d).getTime() + 1 - startOfLocalDay(d).getTime()) / 3_600_000;
    expect(len('2026-03-29')).toBe(23);
    expect(len('2026-10-25')).toBe(25);
    expect(len('2026-10-26')).toBe(24);
    expect(endOfLocalDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z');
    expect(endOfLocalDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });

  it('round-trips: fromLocal(toLocalDate(t), toLocalTime(t)) = t, except the repeated hour maps to its first pass', () => {
    const zones = ['Europe/Paris', 'Africa/Casablanca', 'America/New_York', 'UTC'];
    const start = Date.UTC(2025, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 * 1440 }), fc.constantFrom(...zones), (minute, zone) => {
        const t = new Date(start + minute * 60_000);
        const back = fromLocal(toLocalDate(t, zone), toLocalTime(t, zone), zone);
        const shift = t.getTime() - back.getTime();
        // shift is 0, or exactly one DST step when t is in the second pass of a repeated hour
        expect(shift === 0 || (shift === 3_600_000 && toLocalTime(back, zone) === toLocalTime(t, zone))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects invalid dates, times and zones with a field', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CalendarInputError);
        return (e as CalendarInputError).field;
      }
      throw new Error('did not throw');
    };
    expect(field(() => fromLocal('2026-13-01', '09:00'))).toBe('date');
    expect(field(() => fromLocal('2026-02-29', '09:00'))).toBe('date');
    expect(field(() => fromLocal('2026-02-01', '25:00'))).toBe('time');
    expect(field(() => fromLocal('2026-02-01', '9h'))).toBe('time');
    expect(field(() => fromLocal('2026-02-01', '09:00', 'Paris'))).toBe('timeZone');
    expect(field(() => toLocalDate(new Date('not a date')))).toBe('instant');
  });
});
