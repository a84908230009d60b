import { describe, expect, it } from 'vitest';
import {
  type PromiseGroupRow,
  type SiteInfo,
  dailyPromises,
  defaultPeriod,
  figuresOf,
  emptyCounts,
  periodBounds,
  periodLength,
  promiseOutcome,
  qualityReport,
  ratio,
  resolvePeriod,
} from './indicators.js';

const sites: SiteInfo[] = [
  { id: 'vit', code: 'VIT', name: 'Vitry', kind: 'inhouse', vendorName: null },
  { id: 'cas', code: 'CAS', name: 'Atlas — Casablanca', kind: 'vendor', vendorName: 'Atlas' },
  { id: 'rab', code: 'RAB', name: 'Atlas — Rabat', kind: 'vendor', vendorName: 'Atlas' },
  { id: 'fes', code: 'FES', name: 'Médina — Fès', kind: 'vendor', vendorName: 'Médina' },
];

const promise = (fields: Partial<PromiseGroupRow>): PromiseGroupRow => ({
  siteId: 'vit',
  dueDate: '2026-12-03',
  complaintReply: false,
  status: 'kept',
  pastDue: true,
  count: 1,
  ...fields,
});

describe('promise outcome', () => {
  it('counts an open promise past its due time as broken, not yet due as pending, and ignores superseded ones', () => {
    expect(promiseOutcome('open', true)).toBe('broken');
    expect(promiseOutcome('open', false)).toBe('pending');
    expect(promiseOutcome('superseded', true)).toBeNull();
    expect(promiseOutcome('kept', true)).toBe('kept');
    expect(promiseOutcome('broken', false)).toBe('broken');
  });
});

describe('figures', () => {
  it('gives no percentage rather than 0 % when nothing fell due', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(figuresOf(emptyCounts())).toMatchObject({
      promisesKeptPercent: null,
      repeatContactPercent: null,
      complaintsAnsweredInTimePercent: null,
      complaintsPer100kCustomers: null,
      contactsPerCase: null,
    });
  });

  it('computes each ratio with its own denominator and rounding', () => {
    const figures = figuresOf({
      ...emptyCounts(),
      promisesKept: 2,
      promisesBroken: 1,
      promisesPending: 7,
      complaintRepliesKept: 1,
      complaintRepliesBroken: 3,
      casesWithInboundContact: 8,
      repeatContactCases: 1,
      inboundContacts: 9,
      complaintsOpened: 3,
      activeCustomers: 45_000,
    });
    // Pending promises are in neither side of the ratio.
    expect(figures.promisesKeptPercent).toBe(66.7);
    expect(figures.complaintsAnsweredInTimePercent).toBe(25);
    expect(figures.repeatContactPercent).toBe(12.5);
    expect(figures.contactsPerCase).toBe(1.13);
    // 3 complaints among 45,000 customers = 6.7 per 100,000.
    expect(figures.complaintsPer100kCustomers).toBe(6.7);
  });
});

describe('period', () => {
  // 23:30 UTC on 30 November is already 1 December in Paris.
  const now = new Date('2026-11-30T23:30:00Z');

  it('defaults to the last 30 Paris days, today included', () => {
    expect(defaultPeriod(now)).toEqual({ from: '2026-11-02', to: '2026-12-01' });
    expect(resolvePeriod({}, now)).toEqual({ period: { from: '2026-11-02', to: '2026-12-01' } });
    expect(resolvePeriod({ to: '2026-03-31' }, now)).toEqual({ period: { from: '2026-03-02', to: '2026-03-31' } });
  });

  it('names the field when from is after to or the period is longer than 366 days', () => {
    expect(resolvePeriod({ from: '2026-12-02', to: '2026-12-01' }, now)).toMatchObject({ field: 'from' });
    expect(resolvePeriod({ from: '2025-01-01', to: '2026-01-02' }, now)).toMatchObject({ field: 'to' });
    expect(resolvePeriod({ from: '2025-01-01', to: '2026-01-01' }, now)).toHaveProperty('period');
    expect(resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, now)).toEqual({
      period: { from: '2024-01-01', to: '2024-12-31' },
    });
    expect(periodLength({ from: '2026-03-28', to: '2026-03-30' })).toBe(3);
  });

  it('bounds the period by Paris midnights, across a DST change', () => {
    // Summer time starts on 29 March 2026: the period ends at 23:59:59.999 CEST.
    expect(periodBounds({ from: '2026-03-28', to: '2026-03-29' })).toEqual({
      start: new Date('2026-03-27T23:00:00.000Z'),
      end: new Date('2026-03-29T21:59:59.999Z'),
    });
  });
});

describe('report', () => {
  const period = { from: '2026-12-01', to: '2026-12-04' };
  const report = qualityReport({
    period,
    sites,
    promises: [
      promise({ status: 'kept', count: 3 }),
      promise({ status: 'broken', count: 1 }),
      promise({ status: 'open', pastDue: true, dueDate: '2026-12-04', count: 1 }),
      promise({ status: 'open', pastDue: false, dueDate: '2026-12-04', count: 5 }),
      promise({ status: 'superseded', count: 4 }),
      promise({ siteId: 'cas', status: 'kept', complaintReply: true, dueDate: '2026-12-02' }),
      promise({ siteId: 'rab', status: 'broken', complaintReply: true, dueDate: '2026-12-02' }),
      promise({ siteId: null, status: 'broken', dueDate: '2026-12-01' }),
    ],
    contacts: [
      { siteId: 'vit', casesWithInboundContact: 4, repeatContactCases: 1, inboundContacts: 6 },
      { siteId: 'cas', casesWithInboundContact: 1, repeatContactCases: 1, inboundContacts: 3 },
    ],
    complaints: [
      { siteId: 'cas', count: 1 },
      { siteId: 'rab', count: 1 },
    ],
    activeCustomers: [
      { siteId: 'vit', count: 150_000 },
      { siteId: 'cas', count: 40_000 },
      { siteId: 'rab', count: 10_000 },
    ],
  });

  it('gives every site a row, and one for cases no site holds', () => {
    expect(report.bySite.map((site) => site.code)).toEqual(['VIT', 'CAS', 'RAB', 'FES', null]);
    expect(report.bySite[0]).toMatchObject({
      promisesKept: 3,
      promisesBroken: 2,
      promisesPending: 5,
      promisesKeptPercent: 60,
      repeatContactPercent: 25,
      contactsPerCase: 1.5,
      complaintsPer100kCustomers: 0,
    });
    expect(report.bySite[3]).toMatchObject({ promisesKeptPercent: null, complaintsPer100kCustomers: null });
    expect(report.bySite[4]).toMatchObject({ siteId: null, promisesBroken: 1 });
  });

  it('adds every group into the overall figures', () => {
    expect(report.overall).toMatchObject({
      promisesKept: 4,
      promisesBroken: 4,
      promisesKeptPercent: 50,
      complaintRepliesKept: 1,
      complaintRepliesBroken: 1,
      complaintsAnsweredInTimePercent: 50,
      casesWithInboundContact: 5,
      repeatContactCases: 2,
      repeatContactPercent: 40,
      complaintsOpened: 2,
      activeCustomers: 200_000,
      complaintsPer100kCustomers: 1,
    });
  });

  it('sums a vendor over its sites, and lists vendors without figures too', () => {
    expect(report.byVendor).toEqual([
      expect.objectContaining({
        vendorName: 'Atlas',
        siteIds: ['cas', 'rab'],
        complaintsAnsweredInTimePercent: 50,
        complaintsOpened: 2,
        activeCustomers: 50_000,
        complaintsPer100kCustomers: 4,
      }),
      expect.objectContaining({ vendorName: 'Médina', promisesKeptPercent: null }),
    ]);
  });

  it('lists every day of the period with its kept and broken promises', () => {
    expect(report.byDay).toEqual([
      { date: '2026-12-01', promisesKept: 0, promisesBroken: 1 },
      { date: '2026-12-02', promisesKept: 1, promisesBroken: 1 },
      { date: '2026-12-03', promisesKept: 3, promisesBroken: 1 },
      { date: '2026-12-04', promisesKept: 0, promisesBroken: 1 },
    ]);
    expect(dailyPromises(period, [promise({ dueDate: '2026-11-30' })]).every((day) => day.promisesKept === 0)).toBe(
      true,
    );
  });
});
