import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpen } from '../calendar/index.js';
import { type ShopHours, shopSite, slotProblem, slotsOn } from './hours.js';

// Tuesday to Saturday with a lunch break, as the Nancy shop-laboratory.
const nancy: ShopHours = {
  timeZone: 'Europe/Paris',
  weekly: {
    tue: [
      { start: '10:00', end: '12:30' },
      { start: '14:00', end: '19:00' },
    ],
    sat: [{ start: '10:00', end: '18:00' }],
  },
  exceptions: { '2026-12-26': [] },
  slotMinutes: 30,
  bookingHorizonDays: 30,
};

describe('shop slots', () => {
  it('cuts the opening periods into slots in Paris time and skips the lunch break', () => {
    const slots = slotsOn(nancy, '2026-12-22');
    expect(slots).toHaveLength(5 + 10);
    expect(slots[0]?.startsAt.toISOString()).toBe('2026-12-22T09:00:00.000Z');
    expect(slots[4]?.endsAt.toISOString()).toBe('2026-12-22T11:30:00.000Z');
    expect(slots[5]?.startsAt.toISOString()).toBe('2026-12-22T13:00:00.000Z');
  });

  it('has no slot on a closed day, an exceptional closure or a public holiday', () => {
    expect(slotsOn(nancy, '2026-12-21')).toEqual([]); // Monday
    expect(slotsOn(nancy, '2026-12-26')).toEqual([]); // exceptional closure
    expect(slotsOn(nancy, '2026-12-29')).toHaveLength(15);
    // Tuesday 14 July 2026 is Bastille Day.
    expect(slotsOn(nancy, '2026-07-14')).toEqual([]);
  });

  it('follows daylight saving: 10:00 is 08:00Z in summer', () => {
    expect(slotsOn(nancy, '2026-06-30')[0]?.startsAt.toISOString()).toBe('2026-06-30T08:00:00.000Z');
  });

  it('refuses a slot in the past, beyond the horizon, or off the grid', () => {
    const now = new Date('2026-12-18T09:00:00Z');
    expect(slotProblem(nancy, new Date('2026-12-22T09:00:00Z'), now)).toBeNull();
    expect(slotProblem(nancy, new Date('2026-12-22T09:10:00Z'), now)).toBe('not_a_slot');
    expect(slotProblem(nancy, new Date('2026-12-22T11:30:00Z'), now)).toBe('not_a_slot'); // lunch
    expect(slotProblem(nancy, new Date('2026-12-17T09:00:00Z'), now)).toBe('in_the_past');
    expect(slotProblem(nancy, new Date('2027-02-02T09:00:00Z'), now)).toBe('beyond_horizon');
  });

  it('every slot lies wholly inside opening hours (property)', () => {
    const site = shopSite(nancy);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (offset) => {
        const date = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        for (const slot of slotsOn(nancy, date)) {
          expect(isOpen(site, slot.startsAt)).toBe(true);
          expect(isOpen(site, new Date(slot.endsAt.getTime() - 1))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
