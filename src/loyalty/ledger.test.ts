import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOYALTY_POLICY,
  type Lot,
  addMonths,
  applicableThreshold,
  expirySchedule,
  planThresholdChange,
  pointsToExpire,
  protectionReason,
} from './ledger.js';

const policy = DEFAULT_LOYALTY_POLICY;

describe('expiry (oldest points first)', () => {
  it('expires only what is left of lots past their last day', () => {
    const lots: Lot[] = [
      { amount: 100, expiresOn: '2026-01-31' },
      { amount: 50, expiresOn: '2026-06-30' },
    ];
    expect(pointsToExpire(lots, 0, '2026-01-31')).toBe(0); // still valid that day
    expect(pointsToExpire(lots, 0, '2026-02-01')).toBe(100);
    expect(pointsToExpire(lots, 70, '2026-02-01')).toBe(30); // 70 spent came out of the oldest lot
    expect(pointsToExpire(lots, 120, '2026-07-01')).toBe(30);
    expect(expirySchedule(lots, 70, '2026-01-15')).toEqual([
      { expiresOn: '2026-01-31', points: 30 },
      { expiresOn: '2026-06-30', points: 50 },
    ]);
  });

  it('never expires more than the balance, and the schedule never announces more than it holds', () => {
    const day = fc
      .integer({ min: 0, max: 900 })
      .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 500 }), expiresOn: day }), { maxLength: 12 }),
        fc.nat(),
        day,
        (lots, spendDraw, today) => {
          const credited = lots.reduce((sum, lot) => sum + lot.amount, 0);
          const debited = credited === 0 ? 0 : spendDraw % (credited + 1);
          const balance = credited - debited;
          const now = pointsToExpire(lots, debited, today);
          expect(now).toBeGreaterThanOrEqual(0);
          expect(now).toBeLessThanOrEqual(balance);
          const coming = expirySchedule(lots, debited + now, today).reduce((sum, e) => sum + e.points, 0);
          expect(now + coming).toBeLessThanOrEqual(balance);
        },
      ),
    );
  });
});

describe('threshold changes', () => {
  it('adds calendar months, clamped to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-08', 24)).toBe('2028-12-08');
  });

  it('schedules an increase after one month of notice, and protects until six months after', () => {
    const now = new Date('2026-12-08T10:00:00Z');
    const plan = planThresholdChange(policy, { currentPoints: 2400, newPoints: 2900, now });
    expect(plan).toMatchObject({ ok: true, increase: true, effectiveOn: '2027-01-09' });
    if (!plan.ok) return;
    expect(plan.effectiveFrom.toISOString()).toBe('2027-01-08T23:00:00.000Z'); // midnight in Paris
    expect(plan.protectionUntil?.toISOString()).toBe('2027-07-09T22:00:00.000Z'); // end of 9 July, summer time
    expect(
      planThresholdChange(policy, { currentPoints: 2400, newPoints: 2900, effectiveOn: '2027-01-08', now }),
    ).toEqual({
      ok: false,
      error: expect.objectContaining({ field: 'body.effectiveOn' }),
    });
    const down = planThresholdChange(policy, { currentPoints: 2400, newPoints: 2000, now });
    expect(down).toMatchObject({ ok: true, increase: false, protectionUntil: null });
    if (down.ok) expect(down.effectiveFrom).toEqual(now);
  });

  it('never lets an increase take effect before the notice period (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 6 }),
        (now, current, increase, notice) => {
          const p = { ...policy, noticeMonths: notice };
          const plan = planThresholdChange(p, { currentPoints: current, newPoints: current + increase, now });
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          // At least `notice` months later, as the calendar counts them.
          expect(plan.effectiveFrom.getTime()).toBeGreaterThan(now.getTime() + notice * 28 * 86_400_000);
          expect(plan.protectionUntil?.getTime() ?? 0).toBeGreaterThan(plan.effectiveFrom.getTime());
        },
      ),
    );
  });

  it('charges a protected member the old threshold until the protection date, then the new one', () => {
    const schedule = [
      {
        id: 'a',
        points: 2400,
        effectiveFrom: new Date('2026-01-01T00:00:00Z'),
        previousPoints: null,
        protectionUntil: null,
      },
      {
        id: 'b',
        points: 2900,
        effectiveFrom: new Date('2027-01-08T23:00:00Z'),
        previousPoints: 2400,
        protectionUntil: new Date('2027-07-09T22:00:00Z'),
      },
    ];
    const protections = [{ thresholdId: 'b', points: 2400, protectedUntil: new Date('2027-07-09T22:00:00Z') }];
    const before = applicableThreshold(schedule, protections, new Date('2026-12-20T10:00:00Z'));
    expect(before).toMatchObject({ points: 2400, published: 2400, protectedUntil: null });
    expect(before?.upcoming).toHaveLength(1);
    expect(applicableThreshold(schedule, protections, new Date('2027-02-01T10:00:00Z'))).toMatchObject({
      points: 2400,
      published: 2900,
    });
    expect(applicableThreshold(schedule, [], new Date('2027-02-01T10:00:00Z'))).toMatchObject({ points: 2900 });
    expect(applicableThreshold(schedule, protections, new Date('2027-07-09T22:00:00Z'))).toMatchObject({
      points: 2900,
    });
    expect(protectionReason(policy, { balance: 1900, goalAnnounced: false }, 2400)).toBe('near_threshold');
    expect(protectionReason(policy, { balance: 1899, goalAnnounced: false }, 2400)).toBeNull();
    expect(protectionReason(policy, { balance: 10, goalAnnounced: true }, 2400)).toBe('goal');
  });
});
