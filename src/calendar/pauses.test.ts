import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addCalendarHours } from './business-days.js';
import { CalendarInputError } from './errors.js';
import { FRENCH_CALENDAR } from './holidays.js';
import { addDays, dayNumber } from './local-date.js';
import { type Pause, dueWithPauses, fractionElapsed } from './pauses.js';
import { endOfLocalDay, fromLocal, startOfLocalDay, toLocalDate } from './zoned-time.js';

const paris = (date: string, time: string) => fromLocal(date, time);
const H = 3_600_000;
const opened = paris('2026-06-01', '10:00'); // Monday

describe('dueWithPauses — business days (each business day touched by a pause is added back)', () => {
  it('no pause: same as addBusinessDays', () => {
    expect(dueWithPauses(opened, { businessDays: 5 }, []).dueDate).toBe('2026-06-08');
  });

  it('adds back every business day touched, weekends excluded', () => {
    const wed: Pause = { from: paris('2026-06-03', '14:00'), to: paris('2026-06-03', '16:00') };
    const friToMon: Pause = { from: paris('2026-06-05', '18:00'), to: paris('2026-06-08', '09:00') };
    expect(dueWithPauses(opened, { businessDays: 5 }, [wed]).dueDate).toBe('2026-06-09');
    expect(dueWithPauses(opened, { businessDays: 5 }, [friToMon]).dueDate).toBe('2026-06-10');
    const both = dueWithPauses(opened, { businessDays: 5 }, [friToMon, wed]);
    expect(both.dueDate).toBe('2026-06-11');
    expect(both.dueAt.toISOString()).toBe('2026-06-11T21:59:59.999Z');
    expect(both.provisional).toBe(false);
  });

  it('ignores pauses on the opening day, before opening, and on weekends', () => {
    const sameDay: Pause = { from: paris('2026-06-01', '11:00'), to: paris('2026-06-01', '15:00') };
    const before: Pause = { from: paris('2026-05-20', '11:00'), to: paris('2026-05-29', '15:00') };
    const weekend: Pause = { from: paris('2026-06-06', '00:00'), to: paris('2026-06-08', '00:00') };
    expect(dueWithPauses(opened, { businessDays: 5 }, [sameDay, before, weekend]).dueDate).toBe('2026-06-08');
  });

  it('an open pause ends provisionally at now; now is then required', () => {
    const open: Pause = { from: paris('2026-06-02', '09:00'), to: null };
    const r = dueWithPauses(opened, { businessDays: 5 }, [open], { now: paris('2026-06-04', '12:00') });
    expect(r).toMatchObject({ dueDate: '2026-06-11', provisional: true }); // Tue, Wed, Thu added back
    expect(() => dueWithPauses(opened, { businessDays: 5 }, [open])).toThrow(CalendarInputError);
  });

  it('rejects pauses ending before they start, and malformed delays', () => {
    const bad: Pause = { from: paris('2026-06-03', '14:00'), to: paris('2026-06-03', '13:00') };
    try {
      dueWithPauses(opened, { businessDays: 5 }, [bad]);
      expect.unreachable();
    } catch (e) {
      expect((e as CalendarInputError).field).toBe('pauses[0].to');
    }
    expect(() => dueWithPauses(opened, { businessDays: -2 }, [])).toThrow(/negative/);
    expect(() => dueWithPauses(opened, {} as { hours: number }, [])).toThrow(/businessDays/);
  });
});

describe('dueWithPauses — hours (paused duration added back exactly)', () => {
  it('48 h fault repair with a 3 h pause, a pause straddling the start, and overlapping pauses', () => {
    const start = new Date('2026-06-01T08:00:00Z');
    const p = (a: number, b: number): Pause => ({
      from: new Date(start.getTime() + a * H),
      to: new Date(start.getTime() + b * H),
    });
    expect(dueWithPauses(start, { hours: 48 }, [p(10, 13)]).dueAt.toISOString()).toBe('2026-06-03T11:00:00.000Z');
    expect(dueWithPauses(start, { hours: 48 }, [p(-5, 2)]).dueAt.toISOString()).toBe('2026-06-03T10:00:00.000Z');
    expect(dueWithPauses(start, { hours: 48 }, [p(10, 13), p(12, 14)]).dueAt.toISOString()).toBe(
      '2026-06-03T12:00:00.000Z',
    );
    expect(dueWithPauses(start, { hours: 48 }, [p(48, 60)]).dueAt.toISOString()).toBe('2026-06-03T08:00:00.000Z');
    // a pause starting before the (extended) due still counts
    expect(dueWithPauses(start, { hours: 48 }, [p(10, 13), p(49, 50)]).dueAt.toISOString()).toBe(
      '2026-06-03T12:00:00.000Z',
    );
  });
});

const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) });
const pausesFrom = (startMs: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: -3 * 24, max: 40 * 24 }), fc.integer({ min: 0, max: 5 * 24 })).map(([offset, len]) => ({
      from: new Date(startMs + offset * H),
      to: new Date(startMs + (offset + len) * H),
    })),
    { maxLength: 4 },
  );
const withPauses = instant.chain((s) => fc.tuple(fc.constant(new Date(s)), pausesFrom(s)));

describe('dueWithPauses — properties', () => {
  it('business days: exactly n untouched business days after the opening day, the last one being the due date', () => {
    fc.assert(
      fc.property(withPauses, fc.integer({ min: 1, max: 20 }), ([start, pauses], n) => {
        const { dueDate, dueAt } = dueWithPauses(start, { businessDays: n }, pauses);
        const touched = (d: string) =>
          pauses.some((p) => p.from < startOfLocalDay(addDays(d, 1)) && p.to > startOfLocalDay(d) && p.to > p.from);
        let untouched = 0;
        for (let d = addDays(toLocalDate(start), 1); d <= dueDate; d = addDays(d, 1)) {
          if (FRENCH_CALENDAR.isBusinessDay(d) && !touched(d)) untouched++;
        }
        expect(untouched).toBe(n);
        expect(FRENCH_CALENDAR.isBusinessDay(dueDate) && !touched(dueDate)).toBe(true);
        expect(dueAt).toEqual(endOfLocalDay(dueDate));
        expect(dayNumber(dueDate)).toBeGreaterThanOrEqual(dayNumber(addBusinessDays(start, n).dueDate));
      }),
      { numRuns: 60 },
    );
  });

  it('hours: the extension equals the paused time inside [start, due), and never shortens', () => {
    fc.assert(
      fc.property(withPauses, fc.integer({ min: 0, max: 200 }), ([start, pauses], hours) => {
        const due = dueWithPauses(start, { hours }, pauses).dueAt.getTime();
        // paused measure by 1-hour sampling (all pause bounds are whole hours from start)
        let paused = 0;
        for (let t = start.getTime(); t < due; t += H)
          if (pauses.some((p) => p.from.getTime() <= t && t < p.to.getTime())) paused += H;
        expect(due - start.getTime()).toBe(hours * H + paused);
        expect(due).toBeGreaterThanOrEqual(addCalendarHours(start, hours).dueAt.getTime());
      }),
      { numRuns: 100 },
    );
  });
});

describe('fractionElapsed', () => {
  const start = new Date('2026-06-01T08:00:00Z');
  const at = (h: number) => new Date(start.getTime() + h * H);

  it('plain time: 8 h of 10 h is 0.8; paused time is not counted; overdue exceeds 1', () => {
    expect(fractionElapsed(start, at(10), at(8))).toBeCloseTo(0.8, 12);
    expect(fractionElapsed(start, at(10), at(8), [{ from: at(1), to: at(3) }])).toBeCloseTo(6 / 8, 12);
    expect(fractionElapsed(start, at(10), at(8), [{ from: at(7), to: null }])).toBeCloseTo(7 / 9, 12);
    expect(fractionElapsed(start, at(10), at(15))).toBeCloseTo(1.5, 12);
    expect(fractionElapsed(start, at(10), at(-3))).toBe(0);
  });

  it('business time: a weekend does not move the gauge', () => {
    const friNight = paris('2026-06-06', '00:00'); // Saturday 00:00 Paris
    const { dueAt } = addBusinessDays(friNight, 2); // end of Tue 9 June
    expect(fractionElapsed(friNight, dueAt, paris('2026-06-07', '23:00'), [], FRENCH_CALENDAR)).toBe(0);
    expect(fractionElapsed(friNight, dueAt, paris('2026-06-09', '00:00'), [], FRENCH_CALENDAR)).toBeCloseTo(0.5, 6);
    expect(fractionElapsed(friNight, dueAt, paris('2026-06-09', '00:00'))).toBeCloseTo(72 / 96, 6);
  });

  it('rejects a due before start', () => {
    expect(() => fractionElapsed(at(5), at(1), at(2))).toThrow(/before start/);
  });

  it('is 0 at start, 1 at due and non-decreasing in now (business time, with pauses)', () => {
    fc.assert(
      fc.property(
        withPauses,
        fc.integer({ min: 1, max: 15 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([start, pauses], n, x, y) => {
          const { dueAt } = dueWithPauses(start, { businessDays: n }, pauses);
          const span = dueAt.getTime() - start.getTime();
          const [a, b] = [Math.min(x, y), Math.max(x, y)].map((f) => new Date(start.getTime() + Math.floor(f * span)));
          const f = (now: Date) => fractionElapsed(start, dueAt, now, pauses, FRENCH_CALENDAR);
          expect(f(start)).toBe(0);
          expect(f(dueAt)).toBe(1);
          expect(f(a as Date)).toBeLessThanOrEqual(f(b as Date));
        },
      ),
      { numRuns: 40 },
    );
  });
});
