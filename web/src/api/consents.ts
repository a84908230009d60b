import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';

export type ConsentPurpose = 'marketing_phone' | 'marketing_sms' | 'marketing_email' | 'service_messages';

export interface SalesCallStatus {
  doNotCallForSales: boolean;
  rule: string | null;
  ruleLabel: { fr: string; en: string } | null;
  until: string | null;
  contractOffersAllowed: boolean;
}

export interface Consent {
  purpose: ConsentPurpose;
  status: 'granted' | 'withdrawn' | 'none';
  source: string | null;
  recordedAt: string | null;
  recordedBy: string | null;
  evidence: string | null;
}

export interface ConsentsView {
  consents: Consent[];
  history: Array<Consent & { id: number; recordedAt: string }>;
  salesCalls: SalesCallStatus;
}

export interface ContactHistory {
  since: string;
  salesCalls: SalesCallStatus;
  calls: Array<{
    id: string;
    at: string;
    campaign: string;
    status: 'placed' | 'blocked';
    outcome: string | null;
    rule: string | null;
  }>;
  contacts: Array<{
    id: string;
    at: string;
    channel: string;
    direction: string;
    summary: string;
    caseReference: string;
  }>;
}

const base = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}`;

export function useConsents(customerId: string | null | undefined) {
  return useQuery({
    queryKey: ['consents', customerId],
    queryFn: ({ signal }) => apiRequest<ConsentsView>(`${base(customerId ?? '')}/consents`, { signal }),
    enabled: Boolean(customerId),
  });
}

export function useContactHistory(customerId: string) {
  return useQuery({
    queryKey: ['consents', customerId, 'contacts'],
    queryFn: ({ signal }) => apiRequest<ContactHistory>(`${base(customerId)}/contact-history?days=30`, { signal }),
  });
}

export function useSetConsent(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      purpose,
      status,
      evidence,
    }: {
      purpose: ConsentPurpose;
      status: 'granted' | 'withdrawn';
      evidence?: string;
    }) =>
      apiRequest<void>(`${base(customerId)}/consents/${purpose}`, {
        method: 'PUT',
        body: evidence ? { status, evidence } : { status },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['consents', customerId] }),
  });
}
