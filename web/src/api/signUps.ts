/** Subscribing at the shop counter: the offers a person may take, the sign-up, the day's sign-ups. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, withQuery } from './client';

export interface CounterOffer {
  id: string;
  product: string;
  name: string;
  audience: string;
  monthlyPriceCents: number;
}

export interface SignUp {
  id: string;
  at: string;
  newCustomer: boolean;
  customer: { id: string; reference: string; name: string };
  account: { reference: string };
  subscription: {
    id: string;
    reference: string;
    kind: 'fixed_box' | 'mobile_line';
    plan: string;
    status: string;
    msisdn: string | null;
    device: { serial: string; model: string } | null;
  };
  monthlyPriceCents: number | null;
  identity: { document: string; numberEnd: string; expiresOn: string; checkedAt: string; checkedBy: string };
}

export interface SignUpRequest {
  customerId?: string;
  customer?: {
    civility: string;
    firstName: string;
    lastName: string;
    email?: string;
    phone?: string;
    addressLine1: string;
    postcode: string;
    city: string;
    preferredChannel: string;
    preferredLanguage: string;
  };
  confirmNewCustomer?: boolean;
  identity: { document: string; number: string; expiresOn: string; birthDate: string; holderMatches: boolean };
  subscription: { kind: 'fixed_box' | 'mobile_line'; offerId: string; msisdn?: string; deviceSerial?: string };
  billingMethod: string;
  consents: { marketing_phone: boolean; marketing_sms: boolean; marketing_email: boolean };
}

export interface PossibleCustomer {
  id: string;
  reference: string;
  name: string;
  postcode: string;
  city: string;
}

/** The customers the server thinks this person may already be (409 on a new customer). */
export function possibleCustomersIn(error: unknown): PossibleCustomer[] {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  const found = (error.problem as { possibleCustomers?: unknown } | null)?.possibleCustomers;
  return Array.isArray(found) ? (found as PossibleCustomer[]) : [];
}

export function useCounterOffers(shopCode: string, customerId: string | null) {
  return useQuery({
    queryKey: ['shops', shopCode, 'sign-up-offers', customerId],
    queryFn: ({ signal }) =>
      apiRequest<{ existingCustomer: boolean; items: CounterOffer[] }>(
        withQuery(`/api/shops/${encodeURIComponent(shopCode)}/sign-up-offers`, { customerId: customerId ?? undefined }),
        { signal },
      ),
  });
}

export function useShelf(shopCode: string) {
  return useQuery({
    queryKey: ['shops', shopCode, 'devices', 'in_stock'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Array<{ id: string; model: string; serial: string }> }>(
        `/api/shops/${encodeURIComponent(shopCode)}/devices?status=in_stock`,
        { signal },
      ),
  });
}

export function useTodaysSignUps(shopCode: string) {
  return useQuery({
    queryKey: ['shops', shopCode, 'sign-ups'],
    queryFn: ({ signal }) =>
      apiRequest<{ date: string; items: SignUp[] }>(`/api/shops/${encodeURIComponent(shopCode)}/sign-ups`, { signal }),
  });
}

/** `onSignedUp` runs from the mutation itself, so the confirmation survives the form resetting. */
export function useSignUp(shopCode: string, onSignedUp: (result: SignUp) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: SignUpRequest }) =>
      apiRequest<SignUp>(`/api/shops/${encodeURIComponent(shopCode)}/sign-ups`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
      }),
    onSuccess: (result) => {
      onSignedUp(result);
      return client.invalidateQueries({ queryKey: ['shops', shopCode] });
    },
  });
}
