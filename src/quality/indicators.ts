/**
 * Quality of service for the director: promises kept, repeat contacts, written complaints
 * answered in time, complaints per 100,000 customers, contacts per case — overall, per site,
 * per vendor and per day. Pure: queries.ts reads grouped counts, these functions turn them into
 * figures, so every definition can be tested without a database.
 */
import { type LocalDate, PARIS, addDays, endOfLocalDay, startOfLocalDay, toLocalDate } from '../calendar/index.js';
import type { PromiseStatus } from '../cases/policy.js';
import type { SiteKind } from '../sites/tables.js';

/** The regulator counts complaints per 100,000 customers. */
export const COMPLAINTS_PER = 100_000;
export const DEFAULT_PERIOD_DAYS = 30;
/** A report over more than a year is a different question (and a heavier query). */
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  /** First Paris day, inclusive. */
  from: LocalDate;
  /** Last Paris day, inclusive. */
  to: LocalDate;
}

/** The last `days` Paris days, today included. */
export function defaultPeriod(now: Date, days = DEFAULT_PERIOD_DAYS): Period {
  const to = toLocalDate(now, PARIS);
  return { from: addDays(to, -(days - 1)), to };
}

export function periodDays(period: Period): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The instants that bound the period: from the start of its first Paris day to the end of its last. */
export function periodBounds(period: Period): { start: Date; end: Date } {
  return { start: startOfLocalDay(period.from, PARIS), end: endOfLocalDay(period.to, PARIS) };
}

export type PromiseOutcome = 'kept' | 'broken' | 'pending';

/**
 * A promise counts once it is settled: kept, or broken — including a promise still open after
 * its due time, which is broken for the customer even if nobody has settled it yet. A superseded
 * promise does not count (its replacement, with the new date told to the customer, does); an
 * open promise not yet due is pending.
 */
export function promiseOutcome(status: PromiseStatus, pastDue: boolean): PromiseOutcome | null {
  if (status === 'superseded') return null;
  if (status === 'open') return pastDue ? 'broken' : 'pending';
  return status;
}

/** Counts read from the database for one group (a site, or cases without a site). */
export interface QualityCounts {
  promisesKept: number;
  promisesBroken: number;
  promisesPending: number;
  complaintRepliesKept: number;
  complaintRepliesBroken: number;
  casesWithInboundContact: number;
  repeatContactCases: number;
  inboundContacts: number;
  complaintsOpened: number;
  activeCustomers: number;
}

export const emptyCounts = (): QualityCounts => ({
  promisesKept: 0,
  promisesBroken: 0,
  promisesPending: 0,
  complaintRepliesKept: 0,
  complaintRepliesBroken: 0,
  casesWithInboundContact: 0,
  repeatContactCases: 0,
  inboundContacts: 0,
  complaintsOpened: 0,
  activeCustomers: 0,
});

export function addCounts(a: QualityCounts, b: QualityCounts): QualityCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as Array<keyof QualityCounts>) sum[key] = a[key] + b[key];
  return sum;
}

export interface QualityFigures extends QualityCounts {
  /** kept ÷ (kept + broken) × 100, one decimal; null when no promise fell due. */
  promisesKeptPercent: number | null;
  /** repeat-contact cases ÷ cases with an inbound contact × 100; null without such cases. */
  repeatContactPercent: number | null;
  /** reply promises kept ÷ (kept + broken) × 100; null when no reply fell due. */
  complaintsAnsweredInTimePercent: number | null;
  /** written complaints opened ÷ active customers × 100,000; null without customers. */
  complaintsPer100kCustomers: number | null;
  /** inbound contacts ÷ cases with an inbound contact, two decimals; null without contacts. */
  contactsPerCase: number | null;
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** part ÷ whole, scaled and rounded; null when the whole is zero (no figure rather than 0 %). */
export function ratio(part: number, whole: number, scale = 100, decimals = 1): number | null {
  return whole > 0 ? round((part / whole) * scale, decimals) : null;
}

export function figuresOf(counts: QualityCounts): QualityFigures {
  return {
    ...counts,
    promisesKeptPercent: ratio(counts.promisesKept, counts.promisesKept + counts.promisesBroken),
    repeatContactPercent: ratio(counts.repeatContactCases, counts.casesWithInboundContact),
    complaintsAnsweredInTimePercent: ratio(
      counts.complaintRepliesKept,
      counts.complaintRepliesKept + counts.complaintRepliesBroken,
    ),
    complaintsPer100kCustomers: ratio(counts.complaintsOpened, counts.activeCustomers, COMPLAINTS_PER, 1),
    contactsPerCase: ratio(counts.inboundContacts, counts.casesWithInboundContact, 1, 2),
  };
}

/** Promise rows grouped by the case's site, the Paris due day, whether it is a complaint reply, and status. */
export interface PromiseGroupRow {
  siteId: string | null;
  dueDate: LocalDate;
  complaintReply: boolean;
  status: PromiseStatus;
  pastDue: boolean;
  count: number;
}

export interface ContactGroupRow {
  siteId: string | null;
  casesWithInboundContact: number;
  repeatContactCases: number;
  inboundContacts: number;
}

export interface SiteCountRow {
  siteId: string | null;
  count: number;
}

export interface SiteInfo {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  vendorName: string | null;
}

export interface QualityInput {
  period: Period;
  sites: readonly SiteInfo[];
  promises: readonly PromiseGroupRow[];
  contacts: readonly ContactGroupRow[];
  /** Written complaints opened in the period, by the customer's serving site. */
  complaints: readonly SiteCountRow[];
  /** Active customers in the period, by serving site. */
  activeCustomers: readonly SiteCountRow[];
}

export interface SiteQuality extends QualityFigures {
  siteId: string | null;
  code: string | null;
  name: string | null;
  kind: SiteKind | null;
  vendorName: string | null;
}

export interface VendorQuality extends QualityFigures {
  vendorName: string;
  siteIds: string[];
}

export interface DayQuality {
  date: LocalDate;
  promisesKept: number;
  promisesBroken: number;
}

export interface QualityReport {
  period: Period & { timeZone: string };
  overall: QualityFigures;
  bySite: SiteQuality[];
  byVendor: VendorQuality[];
  byDay: DayQuality[];
}

/** Adds every group row to the counts of its site (null: cases no site holds, customers no site serves). */
export function countsBySite(input: Omit<QualityInput, 'period' | 'sites'>): Map<string | null, QualityCounts> {
  const bySite = new Map<string | null, QualityCounts>();
  const countsFor = (siteId: string | null) => {
    let counts = bySite.get(siteId);
    if (!counts) {
      counts = emptyCounts();
      bySite.set(siteId, counts);
    }
    return counts;
  };
  for (const row of input.promises) {
    const outcome = promiseOutcome(row.status, row.pastDue);
    if (!outcome) continue;
    const counts = countsFor(row.siteId);
    if (outcome === 'kept') counts.promisesKept += row.count;
    if (outcome === 'broken') counts.promisesBroken += row.count;
    if (outcome === 'pending') counts.promisesPending += row.count;
    if (row.complaintReply && outcome === 'kept') counts.complaintRepliesKept += row.count;
    if (row.complaintReply && outcome === 'broken') counts.complaintRepliesBroken += row.count;
  }
  for (const row of input.contacts) {
    const counts = countsFor(row.siteId);
    counts.casesWithInboundContact += row.casesWithInboundContact;
    counts.repeatContactCases += row.repeatContactCases;
    counts.inboundContacts += row.inboundContacts;
  }
  for (const row of input.complaints) countsFor(row.siteId).complaintsOpened += row.count;
  for (const row of input.activeCustomers) countsFor(row.siteId).activeCustomers += row.count;
  return bySite;
}

/** Kept and broken promises per Paris due day, every day of the period present (zero when none). */
export function dailyPromises(period: Period, promises: readonly PromiseGroupRow[]): DayQuality[] {
  const days = new Map(periodDays(period).map((date) => [date, { date, promisesKept: 0, promisesBroken: 0 }]));
  for (const row of promises) {
    const day = days.get(row.dueDate);
    const outcome = promiseOutcome(row.status, row.pastDue);
    if (!day || !outcome) continue;
    if (outcome === 'kept') day.promisesKept += row.count;
    if (outcome === 'broken') day.promisesBroken += row.count;
  }
  return [...days.values()];
}

export function qualityReport(input: QualityInput): QualityReport {
  const bySiteCounts = countsBySite(input);
  const overall = [...bySiteCounts.values()].reduce(addCounts, emptyCounts());
  const bySite: SiteQuality[] = input.sites.map((site) => ({
    siteId: site.id,
    code: site.code,
    name: site.name,
    kind: site.kind,
    vendorName: site.vendorName,
    ...figuresOf(bySiteCounts.get(site.id) ?? emptyCounts()),
  }));
  const unassigned = bySiteCounts.get(null);
  if (unassigned) {
    bySite.push({ siteId: null, code: null, name: null, kind: null, vendorName: null, ...figuresOf(unassigned) });
  }
  const vendors = new Map<string, { siteIds: string[]; counts: QualityCounts }>();
  for (const site of input.sites) {
    if (site.kind !== 'vendor' || !site.vendorName) continue;
    const vendor = vendors.get(site.vendorName) ?? { siteIds: [], counts: emptyCounts() };
    vendor.siteIds.push(site.id);
    vendor.counts = addCounts(vendor.counts, bySiteCounts.get(site.id) ?? emptyCounts());
    vendors.set(site.vendorName, vendor);
  }
  return {
    period: { ...input.period, timeZone: PARIS },
    overall: figuresOf(overall),
    bySite,
    byVendor: [...vendors.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([vendorName, vendor]) => ({ vendorName, siteIds: vendor.siteIds, ...figuresOf(vendor.counts) })),
    byDay: dailyPromises(input.period, input.promises),
  };
}

/**
 * The period asked for: `to` defaults to today (Paris), `from` to 30 days ending on `to`.
 * Cross-field problems come back naming the field, for a 400.
 */
export function resolvePeriod(
  query: { from?: LocalDate; to?: LocalDate },
  now: Date,
): { period: Period } | { field: 'from' | 'to'; message: string } {
  const to = query.to ?? defaultPeriod(now).to;
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) return { field: 'from', message: 'must be on or before to' };
  if (periodLength({ from, to }) > MAX_PERIOD_DAYS) {
    return { field: 'to', message: `must be at most ${MAX_PERIOD_DAYS} days after from (both included)` };
  }
  return { period: { from, to } };
}

/** Days in the period, both ends included. */
export function periodLength(period: Period): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}
