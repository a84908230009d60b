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
