import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../calendar/index.js';
import {
  type CallCandidate,
  DAY_MS,
  DEFAULT_OUTREACH_POLICY,
  type OutreachPolicy,
  decideCall,
  outreachPolicyFromEnv,
  zonesOpenForCalls,
} from './rules.js';

const policy = DEFAULT_OUTREACH_POLICY;
const consenting: CallCandidate = {
  timeZone: 'Europe/Paris',
  consent: 'granted',
  contractOffer: false,
  hasContractInProgress: true,
  attempts: [],
  lastRefusalAt: null,
};
// Tuesday 8 December 2026, 11:00 in Paris (UTC+1).
const tuesdayMorning = new Date('2026-12-08T10:00:00Z');

describe('decideCall examples', () => {
  it('allows a consenting customer on a weekday morning and names the basis', () => {
    expect(decideCall(policy, consenting, tuesdayMorning)).toEqual({ allowed: true, basis: 'consent' });
  });

  it('refuses the lunch break, the evening, weekends and public holidays, naming the rule', () => {
    const at = (iso: string) => decideCall(policy, consenting, new Date(iso));
    expect(at('2026-12-08T12:30:00Z')).toMatchObject({ allowed: false, rule: 'outside_calling_hours' }); // 13:30
    expect(at('2026-12-08T19:00:00Z')).toMatchObject({ allowed: false, rule: 'outside_calling_hours' }); // 20:00
    expect(at('2026-12-08T18:59:00Z')).toMatchObject({ allowed: true }); // 19:59
    expect(at('2026-12-12T10:00:00Z')).toMatchObject({ allowed: false, rule: 'weekend' }); // Saturday
    expect(at('2026-12-25T10:00:00Z')).toMatchObject({ allowed: false, rule: 'public_holiday' }); // Noël, a Friday
    expect(at('2027-03-29T09:00:00Z')).toMatchObject({ allowed: false, rule: 'public_holiday' }); // Lundi de Pâques
  });

  it("uses the customer's own time zone (La Réunion is UTC+4)", () => {
    const reunion = { ...consenting, timeZone: 'Indian/Reunion' };
    // 10:00 UTC = 14:00 at La Réunion, 11:00 in Paris.
    expect(decideCall(policy, reunion, tuesdayMorning)).toEqual({ allowed: true, basis: 'consent' });
    // 09:30 UTC = 13:30 at La Réunion: lunch break there, 10:30 in Paris.
    expect(decideCall(policy, reunion, new Date('2026-12-08T09:30:00Z'))).toMatchObject({
      rule: 'outside_calling_hours',
    });
    expect(zonesOpenForCalls(policy, ['Europe/Paris', 'Indian/Reunion'], new Date('2026-12-08T09:30:00Z'))).toEqual([
      'Europe/Paris',
    ]);
  });

  it('needs consent since 11 August 2026, except an offer on a contract in progress the customer has not refused', () => {
    const none = { ...consenting, consent: 'none' as const };
    expect(decideCall(policy, none, tuesdayMorning)).toMatchObject({ allowed: false, rule: 'consent_required' });
    expect(decideCall(policy, { ...none, contractOffer: true }, tuesdayMorning)).toEqual({
      allowed: true,
      basis: 'contract_in_progress',
    });
    expect(
      decideCall(policy, { ...none, contractOffer: true, hasContractInProgress: false }, tuesdayMorning),
    ).toMatchObject({ rule: 'consent_required' });
    expect(decideCall(policy, { ...none, consent: 'withdrawn', contractOffer: true }, tuesdayMorning)).toMatchObject({
      rule: 'consent_withdrawn',
    });
    // Tuesday 4 August 2026, before the law: no consent needed yet.
    expect(decideCall(policy, none, new Date('2026-08-04T09:00:00Z'))).toEqual({
      allowed: true,
      basis: 'before_consent_law',
    });
  });

  it('caps attempts at 4 per 30 days and waits 60 days after a refusal', () => {
    const days = (n: number) => new Date(tuesdayMorning.getTime() - n * DAY_MS);
    const four = { ...consenting, attempts: [days(1), days(5), days(10), days(29)] };
    expect(decideCall(policy, four, tuesdayMorning)).toMatchObject({ rule: 'attempt_cap' });
    expect(decideCall(policy, { ...four, attempts: [days(1), days(5), days(10), days(30)] }, tuesdayMorning)).toEqual({
      allowed: true,
      basis: 'consent',
    });
    const refused = decideCall(policy, { ...consenting, lastRefusalAt: days(59) }, tuesdayMorning);
    expect(refused).toMatchObject({ rule: 'refusal_cooldown', until: new Date(days(59).getTime() + 60 * DAY_MS) });
    expect(decideCall(policy, { ...consenting, lastRefusalAt: days(60) }, tuesdayMorning)).toMatchObject({
      allowed: true,
    });
  });

  it('reads a policy from the environment and refuses nonsense', () => {
    const custom = outreachPolicyFromEnv({
      OUTREACH_MAX_ATTEMPTS: '2',
      OUTREACH_CALLING_PERIODS: '09:00-12:00,15:00-18:00',
    });
    expect(custom.maxAttempts).toBe(2);
    expect(custom.callingPeriods).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '15:00', end: '18:00' },
    ]);
    expect(() => outreachPolicyFromEnv({ OUTREACH_MAX_ATTEMPTS: '-1' })).toThrow(/OUTREACH_MAX_ATTEMPTS/);
    expect(() => outreachPolicyFromEnv({ OUTREACH_DEFAULT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    expect(outreachPolicyFromEnv({}).reservationLeaseSeconds).toBe(300);
    expect(outreachPolicyFromEnv({ OUTREACH_RESERVATION_LEASE_SECONDS: '90' }).reservationLeaseSeconds).toBe(90);
    expect(() => outreachPolicyFromEnv({ OUTREACH_RESERVATION_LEASE_SECONDS: '0' })).toThrow(/reservationLeaseSeconds/);
  });
});

// ---- property: no call ever allowed outside the window, beyond the cap or without consent ----

const ZONES = ['Europe/Paris', 'Indian/Reunion', 'America/Cayenne', 'Pacific/Noumea', 'America/Martinique'];

/** Wall-clock weekday (0 = Sunday) and minutes of day in `zone`, computed by Intl (independent of src/calendar). */
function wallClock(instant: Date, zone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    weekday,
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const policyArb = fc
  .record({
    // Two disjoint periods from random cut points (15-minute steps from 06:00; calling hours never
    // straddle the 02:00–03:00 DST changes, where the calendar's period rule is not wall-clock).
    cuts: fc.uniqueArray(fc.integer({ min: 24, max: 96 }), { minLength: 4, maxLength: 4 }),
    maxAttempts: fc.integer({ min: 0, max: 6 }),
    attemptWindowDays: fc.integer({ min: 1, max: 45 }),
    refusalCooldownDays: fc.integer({ min: 0, max: 90 }),
    extraClosedDays: fc.array(
      fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
      { maxLength: 20 },
    ),
    whitMondayWorked: fc.boolean(),
    alsaceMoselle: fc.boolean(),
  })
  .map(({ cuts, extraClosedDays, whitMondayWorked, alsaceMoselle, ...numbers }): OutreachPolicy => {
    const [a = 0, b = 1, c = 2, d = 3] = [...cuts].sort((x, y) => x - y).map((q) => q * 15);
    return {
      ...DEFAULT_OUTREACH_POLICY,
      ...numbers,
      callingPeriods: [
        { start: hhmm(a), end: b === 1440 ? '24:00' : hhmm(b) },
        { start: hhmm(c), end: d === 1440 ? '24:00' : hhmm(d) },
      ],
      holidays: createBusinessCalendar({
        whitMondayWorked,
        alsaceMoselle,
        extraClosedDays: extraClosedDays.map((day) => day.toISOString().slice(0, 10)),
      }),
    };
  });

const nowArb = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2028-12-31T00:00:00Z'),
  noInvalidDate: true,
});

const candidateArb = (now: Date) =>
  fc.record({
    timeZone: fc.option(fc.constantFrom(...ZONES), { nil: null }),
    consent: fc.constantFrom('granted' as const, 'withdrawn' as const, 'none' as const),
    contractOffer: fc.boolean(),
    hasContractInProgress: fc.boolean(),
    attempts: fc
      .array(fc.integer({ min: 0, max: 60 * 24 * 50 }), { maxLength: 8 })
      .map((minutesAgo) => minutesAgo.map((m) => new Date(now.getTime() - m * 60_000))),
    lastRefusalAt: fc.option(
      fc.integer({ min: 0, max: 60 * 24 * 120 }).map((m) => new Date(now.getTime() - m * 60_000)),
      { nil: null },
    ),
  });

describe('outreach rules (property)', () => {
  it('never allows a call outside the window, on a weekend or holiday, beyond the cap, in a cooldown or without consent', () => {
    fc.assert(
      fc.property(
        policyArb,
        nowArb.chain((now) => fc.tuple(fc.constant(now), candidateArb(now))),
        (p, [now, candidate]) => {
          const decision = decideCall(p, candidate, now);
          if (!decision.allowed) return;
          const zone = candidate.timeZone ?? p.defaultTimeZone;
          const wall = wallClock(now, zone);
          // window: a weekday, not a holiday, inside one of the periods
          expect(wall.weekday).toBeGreaterThanOrEqual(1);
          expect(wall.weekday).toBeLessThanOrEqual(5);
          expect(p.holidays.isHoliday(wall.date)).toBe(false);
          const inPeriod = p.callingPeriods.some(
            (period) => minutesOf(period.start) <= wall.minutes && wall.minutes < minutesOf(period.end),
          );
          expect(inPeriod).toBe(true);
          // cap
          const recent = candidate.attempts.filter(
            (at) => now.getTime() - at.getTime() < p.attemptWindowDays * DAY_MS,
          ).length;
          expect(recent).toBeLessThan(p.maxAttempts);
          // cooldown
          if (candidate.lastRefusalAt) {
            expect(now.getTime() - candidate.lastRefusalAt.getTime()).toBeGreaterThanOrEqual(
              p.refusalCooldownDays * DAY_MS,
            );
          }
          // consent
          expect(candidate.consent).not.toBe('withdrawn');
          if (now.getTime() >= p.consentRequiredFrom.getTime()) {
            expect(
              candidate.consent === 'granted' || (candidate.contractOffer && candidate.hasContractInProgress),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the dialler’s zone screening agrees with the per-call window decision', () => {
    fc.assert(
      fc.property(policyArb, nowArb, (drawn, now) => {
        const p = { ...drawn, maxAttempts: Math.max(1, drawn.maxAttempts) };
        const open = zonesOpenForCalls(p, ZONES, now);
        for (const zone of ZONES) {
          const decision = decideCall(p, { ...consenting, timeZone: zone }, now);
          const windowRule =
            !decision.allowed && ['weekend', 'public_holiday', 'outside_calling_hours'].includes(decision.rule);
          expect(open.includes(zone)).toBe(!windowRule);
        }
      }),
      { numRuns: 500 },
    );
  });
});
