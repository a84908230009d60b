import { describe, expect, it } from 'vitest';
import { addMonths, mediationDates } from './mediation.js';
import { type StaffMember, ownerDisplayName } from './owner.js';
import { caseTypes, parsePromiseDelays } from './policy.js';
import { firstPromiseOf, promiseProgress, promiseRisk } from './promises.js';
import { repeatContactOutcome } from './repeat-contact.js';

describe('case policies', () => {
  it('sets the first promise of every type from the Paris day of opening', () => {
    // Thursday 30 April 2026, 23:30 in Paris (21:30 UTC): 1 May is a holiday, then a weekend.
    const openedAt = new Date('2026-04-30T21:30:00Z');
    const due = Object.fromEntries(caseTypes.map((type) => [type, firstPromiseOf(type, openedAt).due.dueDate]));
    expect(due).toEqual({
      line_move: '2026-05-19', // 8 May and 14 May (Ascension) are holidays too
      fault_repair: '2026-05-02',
      number_porting: '2026-05-06',
      device_swap: '2026-05-06',
      billing_dispute: '2026-05-11',
      written_complaint: '2026-05-05',
      contract_change: '2026-05-11',
      termination: '2026-05-11',
      general_request: '2026-05-11',
    });
    expect(firstPromiseOf('fault_repair', openedAt).due.dueAt.toISOString()).toBe('2026-05-02T21:30:00.000Z');
    expect(firstPromiseOf('written_complaint', openedAt).kind).toBe('written_reply');
  });

  it("uses the operator's own delays where configured, the defaults elsewhere", () => {
    const openedAt = new Date('2026-04-30T21:30:00Z');
    const delays = parsePromiseDelays(' line_move=3bd, fault_repair=24h ');
    expect(delays).toEqual({ line_move: { businessDays: 3 }, fault_repair: { hours: 24 } });
    expect(firstPromiseOf('line_move', openedAt, delays)).toMatchObject({
      kind: 'resolution',
      due: { dueDate: '2026-05-06' },
      reason: 'Délai prévu pour ce type de demande : 3 jours ouvrés.',
    });
    expect(firstPromiseOf('fault_repair', openedAt, delays).due.dueAt.toISOString()).toBe('2026-05-01T21:30:00.000Z');
    expect(firstPromiseOf('termination', openedAt, delays).due.dueDate).toBe('2026-05-11');
    expect(parsePromiseDelays(undefined)).toEqual({});
    for (const wrong of ['line_move=10', 'moving=3bd', 'line_move=0bd', 'line_move=-1h']) {
      expect(() => parsePromiseDelays(wrong), wrong).toThrow(/CASE_PROMISE_DELAYS/);
    }
  });

  it('measures risk in business time for day promises: a weekend does not move the gauge', () => {
    const promise = {
      startsAt: new Date('2026-12-18T09:00:00Z'),
      dueAt: new Date('2027-01-05T22:59:59.999Z'),
      dueDate: '2027-01-05',
    };
    const saturday = promiseProgress(promise, new Date('2026-12-26T12:00:00Z'));
    expect(promiseProgress(promise, new Date('2026-12-27T20:00:00Z'))).toBe(saturday);
    expect(saturday).toBeCloseTo(4.58 / 10.58, 2);
    expect(promiseRisk(promise, new Date('2026-12-27T20:00:00Z'))).toBe('on_track');
    expect(promiseRisk(promise, new Date('2027-01-04T11:00:00Z'))).toBe('at_risk');
    expect(promiseRisk(promise, new Date('2027-01-05T23:00:00Z'))).toBe('broken');
  });
});

describe('names and dates shown to the customer', () => {
  it('names the owner by first name, last initial and advisor code', () => {
    expect(ownerDisplayName('Stéphane Bernard', 'VIT-0001')).toBe('Stéphane B. (VIT-0001)');
    expect(ownerDisplayName('Anne-Sophie  de la Tour', 'COL-0042')).toBe('Anne-Sophie T. (COL-0042)');
    expect(ownerDisplayName('Madonna', 'COL-0001')).toBe('Madonna (COL-0001)');
  });

  it('adds months to a calendar day, clamping to the end of shorter months', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 2)).toBe('2027-02-15');
    // 23:30 in Paris on 31 December is already the next year's complaint date.
    expect(mediationDates(new Date('2026-12-31T23:30:00Z')).complaintDate).toBe('2027-01-01');
  });
});

describe('repeat-contact routing', () => {
  const staff = (id: string, fields: Partial<StaffMember> = {}): StaffMember => ({
    id,
    displayName: 'Test Person',
    advisorCode: `VIT-${id}`,
    role: 'advisor',
    siteId: 'vit',
    siteKind: 'inhouse',
    disabled: false,
    ...fields,
  });
  const facts = {
    alreadyFlagged: false,
    alreadyRouted: false,
    owner: staff('1'),
    seniors: [staff('9', { role: 'senior_advisor' })],
  };

  it('flags at the 2nd contact, routes to the owner at the 3rd, once', () => {
    expect(repeatContactOutcome({ ...facts, inboundInWindow: 1 })).toEqual({ flag: false, routing: null });
    expect(repeatContactOutcome({ ...facts, inboundInWindow: 2 })).toEqual({ flag: true, routing: null });
    expect(repeatContactOutcome({ ...facts, inboundInWindow: 3, alreadyFlagged: true }).routing?.toUserId).toBe('1');
    expect(repeatContactOutcome({ ...facts, inboundInWindow: 4, alreadyFlagged: true, alreadyRouted: true })).toEqual({
      flag: false,
      routing: null,
    });
  });

  it('routes to a senior when the owner is absent or not customer-facing, and says so when there is none', () => {
    const absent = { ...facts, inboundInWindow: 3, owner: staff('1', { disabled: true }) };
    expect(repeatContactOutcome(absent).routing?.toUserId).toBe('9');
    const planner = { ...facts, inboundInWindow: 3, owner: staff('1', { role: 'planner', advisorCode: null }) };
    expect(repeatContactOutcome(planner).routing?.toUserId).toBe('9');
    expect(repeatContactOutcome({ ...absent, seniors: [] }).routing).toMatchObject({ toUserId: null });
  });
});
