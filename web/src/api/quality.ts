import { parisToday } from '../format/parisTime';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';
import type { SiteKind } from './types';

/** Counts and figures for one group (overall, a site, a vendor); see GET /api/quality for definitions. */
export interface QualityFigures {
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
  promisesKeptPercent: number | null;
  repeatContactPercent: number | null;
  complaintsAnsweredInTimePercent: number | null;
  complaintsPer100kCustomers: number | null;
  contactsPerCase: number | null;
}

export interface SiteQuality extends QualityFigures {
  /** null: cases no site holds. */
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
  date: string;
  promisesKept: number;
  promisesBroken: number;
}

export interface QualityReport {
  period: { from: string; to: string; timeZone: string };
  overall: QualityFigures;
  bySite: SiteQuality[];
  byVendor: VendorQuality[];
  byDay: DayQuality[];
}

/** The last `days` Paris days, today included. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = parisToday(now);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export function useQualityReport(days: number) {
  return useQuery({
    queryKey: ['quality', days],
    queryFn: ({ signal }) => {
      const { from, to } = lastDays(days);
      return apiRequest<QualityReport>(withQuery('/api/quality', { from, to }), { signal });
    },
    staleTime: 60_000,
  });
}
