import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';
import { newIdempotencyKey } from './idempotencyKey';
import type { Page } from './types';

export type Tier = 'essentiel' | 'argent' | 'or';

export interface LoyaltyReward {
  id: string;
  code: string;
  name: { fr: string; en: string };
  /** What this member pays now (a protected old threshold if lower). */
  points: number | null;
  publishedPoints: number | null;
  pointsAway: number | null;
  protectedUntil: string | null;
  goal: { announcedAt: string } | null;
  announced: Array<{
    points: number;
    effectiveFrom: string;
    protectionUntil: string | null;
    youKeep: { points: number; until: string } | null;
  }>;
}

export interface LoyaltySummary {
  customerId: string;
  tier: Tier;
  balance: number;
  householdId: string | null;
  memberSince: string | null;
  expiries: Array<{ expiresOn: string; points: number }>;
  rewards: LoyaltyReward[];
}

export interface LoyaltyMovement {
  id: string;
  kind: 'earn_tenure' | 'earn_spend' | 'earn_event' | 'redemption' | 'expiry' | 'adjustment' | 'transfer';
  at: string;
  description: string;
  reason: string | null;
  points: number;
  expiresOn: string | null;
  author: string | null;
  thresholdPoints: number | null;
  protectedThreshold: boolean | null;
}

export interface CustomerOffer {
  id: string;
  product: string;
  name: string;
  audience: string;
  monthlyPriceCents: number;
  prospectMonthlyPriceCents: number | null;
}

const base = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}`;

export function useLoyalty(customerId: string | null | undefined) {
  return useQuery({
    queryKey: ['loyalty', customerId],
    queryFn: ({ signal }) => apiRequest<LoyaltySummary>(`${base(customerId ?? '')}/loyalty`, { signal }),
    enabled: Boolean(customerId),
  });
}

export function useLoyaltyMovements(customerId: string) {
  return useInfiniteQuery({
    queryKey: ['loyalty', customerId, 'movements'],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<LoyaltyMovement>>(
        withQuery(`${base(customerId)}/loyalty/movements`, { limit: 10, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useCustomerOffers(customerId: string) {
  return useQuery({
    queryKey: ['offers', customerId],
    queryFn: ({ signal }) =>
      apiRequest<{ existingCustomer: boolean; tier: Tier; items: CustomerOffer[] }>(`${base(customerId)}/offers`, {
        signal,
      }),
  });
}

/** Redeem a reward; one key per click so a retried request never spends twice. */
export function useRedeem(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rewardId: string) =>
      apiRequest<{ transactionId: string; balance: number }>(`${base(customerId)}/loyalty/redemptions`, {
        method: 'POST',
        body: { rewardId },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['loyalty', customerId] }),
  });
}

export function useGoal(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ rewardId, set }: { rewardId: string; set: boolean }) =>
      apiRequest<void>(`${base(customerId)}/loyalty/goals/${encodeURIComponent(rewardId)}`, {
        method: set ? 'PUT' : 'DELETE',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['loyalty', customerId] }),
  });
}

// --- Programme management (supervisors and admins, API permission loyalty:manage) ---

export const TIERS: readonly Tier[] = ['essentiel', 'argent', 'or'];

export interface AnnouncedThreshold {
  id: string;
  points: number;
  previousPoints: number | null;
  /** First instant of the new threshold (midnight in Paris). */
  effectiveFrom: string;
  /** Protected members keep the old threshold until this instant (exclusive). */
  protectionUntil: string | null;
  reason: string | null;
  announcedAt: string;
  /** Only for those who manage the programme. */
  protectedMembers?: number;
}

export interface CatalogueReward {
  id: string;
  code: string;
  name: { fr: string; en: string };
  thresholds: Array<{ tier: Tier; points: number | null; announced: AnnouncedThreshold[] }>;
}

export interface RewardCatalogue {
  notice: {
    months: number;
    /** 'YYYY-MM-DD': the first day an increase announced today may take effect. */
    earliestIncreaseOn: string;
    protectionMonths: number;
    protectionDistancePoints: number;
  };
  items: CatalogueReward[];
}

export interface ThresholdChangeInput {
  rewardId: string;
  tier: Tier;
  points: number;
  effectiveOn?: string;
  protectionUntil?: string;
  reason: string;
}

export interface ThresholdChangeResult {
  id: string;
  rewardId: string;
  tier: Tier;
  previousPoints: number;
  points: number;
  increase: boolean;
  effectiveOn: string;
  effectiveFrom: string;
  protectionUntil: string | null;
  membersInTier: number;
  notified: number;
  protectedMembers: number;
}

export interface NewReward {
  code: string;
  nameFr: string;
  nameEn: string;
  thresholds: Partial<Record<Tier, number>>;
}

export type OfferAudience = 'new_customers' | 'existing_customers' | 'all_customers' | 'segment';
export const OFFER_AUDIENCES: readonly OfferAudience[] = [
  'existing_customers',
  'all_customers',
  'segment',
  'new_customers',
];

export interface Offer {
  id: string;
  product: string;
  name: string;
  audience: OfferAudience;
  segment: Tier | null;
  monthlyPriceCents: number;
  validFrom: string;
  validUntil: string | null;
}

export interface RetentionAlert {
  id: string;
  offerId: string;
  product: string;
  prospectPriceCents: number;
  existingPriceCents: number;
  raisedAt: string;
}

export interface NewOffer {
  product: string;
  name: string;
  audience: OfferAudience;
  segment?: Tier;
  monthlyPriceCents: number;
  validFrom?: string;
  validUntil?: string;
  onRetentionGap: 'block' | 'alert';
}

export type PublishedOffer = Offer & {
  retentionAlert: { id: string; prospectPriceCents: number; existingPriceCents: number } | null;
};

const catalogueKey = ['loyalty-catalogue'] as const;
const offersKey = ['offers-admin'] as const;

export function useRewardCatalogue() {
  return useQuery({
    queryKey: catalogueKey,
    queryFn: ({ signal }) => apiRequest<RewardCatalogue>('/api/loyalty/rewards', { signal }),
  });
}

/** Add a reward; `onCreated` runs before the catalogue is refetched. */
export function useCreateReward(onCreated?: (reward: { id: string; code: string }) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reward: NewReward) =>
      apiRequest<{ id: string; code: string; name: { fr: string; en: string } }>('/api/loyalty/rewards', {
        method: 'POST',
        body: reward,
      }),
    onSuccess: (reward) => {
      onCreated?.(reward);
      return client.invalidateQueries({ queryKey: catalogueKey });
    },
  });
}

/** Announce a threshold change; `onScheduled` runs before the catalogue is refetched. */
export function useScheduleThresholdChange(onScheduled?: (result: ThresholdChangeResult) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ rewardId, ...body }: ThresholdChangeInput) =>
      apiRequest<ThresholdChangeResult>(`/api/loyalty/rewards/${encodeURIComponent(rewardId)}/threshold-changes`, {
        method: 'POST',
        body,
      }),
    onSuccess: (result) => {
      onScheduled?.(result);
      return Promise.all([
        client.invalidateQueries({ queryKey: catalogueKey }),
        client.invalidateQueries({ queryKey: ['loyalty'] }),
      ]);
    },
  });
}

export function useOffersAdmin() {
  return useQuery({
    queryKey: offersKey,
    queryFn: ({ signal }) =>
      apiRequest<{ items: Offer[]; retentionAlerts: RetentionAlert[] }>('/api/offers', { signal }),
  });
}

/** Publish an offer; `onPublished` runs before the offers are refetched. */
export function usePublishOffer(onPublished?: (offer: PublishedOffer) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (offer: NewOffer) => apiRequest<PublishedOffer>('/api/offers', { method: 'POST', body: offer }),
    onSuccess: (offer) => {
      onPublished?.(offer);
      return Promise.all([
        client.invalidateQueries({ queryKey: offersKey }),
        client.invalidateQueries({ queryKey: ['offers'] }),
      ]);
    },
  });
}

export interface ResolvedRetentionAlert {
  id: string;
  offerId: string;
  product: string;
  resolvedAt: string;
  resolvedBy: { id: string; name: string };
  note: string;
}

/** Mark a retention alert as dealt with; `onResolved` runs before the offers are refetched (the alert leaves the list). */
export function useResolveRetentionAlert(onResolved?: (alert: ResolvedRetentionAlert) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      apiRequest<ResolvedRetentionAlert>(`/api/offers/retention-alerts/${encodeURIComponent(id)}/resolve`, {
        method: 'POST',
        body: { note },
      }),
    onSuccess: (alert) => {
      onResolved?.(alert);
      return client.invalidateQueries({ queryKey: offersKey });
    },
  });
}
