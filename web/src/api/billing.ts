import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';
import { newIdempotencyKey } from './idempotencyKey';

export type Words = { fr: string; en: string };
export type BillLineKind = 'plan' | 'option' | 'usage' | 'equipment' | 'one_off' | 'credit' | 'refund' | 'third_party';
export interface ChargeFlag {
  code: 'no_consent' | 'after_block' | 'new_merchant' | 'burst' | 'first_subscription';
  label: Words;
}
export type DisputeOutcomeCode = 'refunded' | 'under_review' | 'granted' | 'partially_granted' | 'declined';
export interface DisputeRef {
  id: string;
  outcome: DisputeOutcomeCode;
  case: { id: string; reference: string };
}

export interface BillSummary {
  id: string;
  reference: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  paymentDueDate: string;
  paid: boolean;
  totalExclVatCents: number;
  vatCents: number;
  totalInclVatCents: number;
  flaggedLines: number;
  pdf: string;
}

export interface BillLine {
  id: string;
  position: number;
  kind: BillLineKind;
  label: string;
  amountExclVatCents: number;
  vatRateBp: number;
  vatCents: number;
  amountInclVatCents: number;
  explanation: Words;
  thirdParty: {
    chargeId: string;
    merchantName: string;
    serviceName: string;
    consentComplete: boolean;
    flags: ChargeFlag[];
  } | null;
  dispute: DisputeRef | null;
  disputable: boolean;
}

export interface Bill extends BillSummary {
  lines: BillLine[];
  vatBreakdown: Array<{ vatRateBp: number; baseCents: number; vatCents: number }>;
}

export interface ThirdPartyCharge {
  id: string;
  subscriptionId: string;
  merchantName: string;
  serviceName: string;
  occurredAt: string;
  amountInclVatCents: number;
  consentComplete: boolean;
  flags: ChargeFlag[];
  explanation: Words;
  bill: { id: string; reference: string } | null;
  dispute: DisputeRef | null;
  refund: { id: string; amountCents: number; billReference: string | null } | null;
  disputable: boolean;
}

export interface ThirdPartyLine {
  subscriptionId: string;
  reference: string;
  kind: 'fixed_box' | 'mobile_line';
  plan: string;
  number: string | null;
  thirdPartyBilling: 'allowed' | 'blocked';
  changedAt: string | null;
  history: Array<{
    status: 'allowed' | 'blocked';
    at: string;
    channel: string;
    reason: string | null;
    by: string | null;
  }>;
}

export interface ThirdPartyView {
  lines: ThirdPartyLine[];
  charges: ThirdPartyCharge[];
  rejections: Array<{
    id: number;
    merchantName: string;
    serviceName: string;
    occurredAt: string;
    amountInclVatCents: number;
    at: string;
  }>;
}

export interface DisputeResult {
  id: string;
  outcome: DisputeOutcomeCode;
  case: { id: string; reference: string };
  refund: { id: string; amountCents: number; onNextBill: boolean } | null;
}

const customerBase = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}`;

export function useBills(customerId: string) {
  return useInfiniteQuery({
    queryKey: ['bills', customerId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<{ items: BillSummary[]; nextCursor: string | null }>(
        withQuery(`${customerBase(customerId)}/bills`, { limit: 6, cursor: pageParam }),
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useBill(billId: string | null) {
  return useQuery({
    queryKey: ['bill', billId],
    queryFn: ({ signal }) => apiRequest<Bill>(`/api/bills/${encodeURIComponent(billId ?? '')}`, { signal }),
    enabled: Boolean(billId),
  });
}

export function useThirdParty(customerId: string) {
  return useQuery({
    queryKey: ['third-party', customerId],
    queryFn: ({ signal }) => apiRequest<ThirdPartyView>(`${customerBase(customerId)}/third-party-billing`, { signal }),
  });
}

function useRefreshBilling() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['bills'] });
    void client.invalidateQueries({ queryKey: ['bill'] });
    void client.invalidateQueries({ queryKey: ['third-party'] });
    void client.invalidateQueries({ queryKey: ['cases'] });
  };
}

/** One key per dispute the person means: a retried click or a lost answer replays the same request. */
export function useDispute() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (input: {
      billLineId?: string;
      chargeId?: string;
      reason: string;
      channel?: string;
      idempotencyKey?: string;
    }) => {
      const { idempotencyKey, ...body } = input;
      return apiRequest<DisputeResult>('/api/billing/disputes', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': idempotencyKey ?? newIdempotencyKey() },
      });
    },
    onSuccess: refresh,
  });
}

export function useSetThirdPartyBilling() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (input: { subscriptionId: string; status: 'allowed' | 'blocked'; channel?: string }) =>
      apiRequest<{ status: 'allowed' | 'blocked'; changed: boolean }>(
        `/api/subscriptions/${encodeURIComponent(input.subscriptionId)}/third-party-billing`,
        { method: 'PUT', body: { status: input.status, ...(input.channel ? { channel: input.channel } : {}) } },
      ),
    onSuccess: refresh,
  });
}

// ---------------------------------------------------------------- review of a disputed charge

export interface ReviewDecision {
  id: string;
  disputeId: string;
  decision: 'grant' | 'decline';
  amountCents: number | null;
  reason: string | null;
  decidedAt: string;
  decidedBy: string;
  refund: { id: string; amountCents: number; billReference: string | null; onNextBill: boolean } | null;
}

export interface BillingDisputeReview {
  id: string;
  outcome: DisputeOutcomeCode;
  reason: string;
  channel: string;
  openedAt: string;
  case: { id: string; reference: string };
  charge: {
    id: string;
    merchantName: string;
    serviceName: string;
    chargeType: 'purchase' | 'subscription';
    occurredAt: string;
    receivedAt: string;
    amountInclVatCents: number;
    line: string | null;
    bill: { id: string; reference: string } | null;
    flags: ChargeFlag[];
    consentComplete: boolean;
    consentGaps: Array<{ code: string; label: Words }>;
    consent: {
      channel: string;
      firstStepAt: string | null;
      secondStepAt: string | null;
      sourceIp: string | null;
      sourceLine: string | null;
      confirmationPage: string | null;
      recordedAt: string | null;
    } | null;
  } | null;
  billLine: { id: string; label: string; amountInclVatCents: number; billReference: string } | null;
  refundedCents: number;
  refundableCents: number;
  decisions: ReviewDecision[];
  canGrant: boolean;
  canDecline: boolean;
}

const reviewKey = (caseId: string) => ['billing-dispute', caseId] as const;

/** The billing dispute of a case (the case page of a billing_dispute); none when the case has no dispute. */
export function useBillingDisputeOfCase(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: reviewKey(caseId),
    queryFn: ({ signal }) =>
      apiRequest<BillingDisputeReview>(`/api/cases/${encodeURIComponent(caseId)}/billing-dispute`, { signal }),
    enabled,
    retry: false,
  });
}

/**
 * A reviewer's decision: grant (all that remains, or a part) or decline with a reason. The caller
 * keeps one Idempotency-Key per decision it means, so a retried click decides once. `onDecided`
 * runs before the refetches (they may remove the form).
 */
export function useReviewDecision(caseId: string, onDecided: (decision: ReviewDecision) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      disputeId: string;
      key: string;
      decision: 'grant' | 'decline';
      amountCents?: number;
      reason?: string;
    }) => {
      const { disputeId, key, ...body } = input;
      return apiRequest<ReviewDecision>(`/api/billing/disputes/${encodeURIComponent(disputeId)}/decisions`, {
        method: 'POST',
        body,
        headers: { 'idempotency-key': key },
      });
    },
    onSuccess: (decision) => {
      onDecided(decision);
      return Promise.all([
        client.invalidateQueries({ queryKey: reviewKey(caseId) }),
        client.invalidateQueries({ queryKey: ['cases'] }),
        client.invalidateQueries({ queryKey: ['bills'] }),
        client.invalidateQueries({ queryKey: ['bill'] }),
        client.invalidateQueries({ queryKey: ['third-party'] }),
      ]);
    },
  });
}
