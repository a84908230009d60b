/** Shops: slots, the customer's appointments, the shop's day agenda and device swaps. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';

export type AppointmentPurpose = 'subscription' | 'device_swap' | 'help';

export interface Shop {
  id: string;
  code: string;
  name: string;
  city: string;
  address: string;
  timeZone: string;
  openingHours: Partial<Record<string, Array<{ start: string; end: string }>>>;
  slotMinutes: number;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  free: boolean;
}

export interface Appointment {
  id: string;
  shop: { code: string; name: string };
  customer: { id: string; reference: string; name: string; phone: string | null };
  subscription: { id: string; reference: string; device: { serial: string; model: string } | null } | null;
  purpose: AppointmentPurpose;
  startsAt: string;
  endsAt: string;
  status: 'booked' | 'cancelled' | 'done' | 'no_show';
  note: string | null;
}

export interface SwapResult {
  id: string;
  case: { id: string; reference: string; status: string };
  faulty: { serial: string; model: string; status: string };
  replacement: { serial: string; model: string; status: string };
}

export function useShops() {
  return useQuery({
    queryKey: ['shops'],
    queryFn: ({ signal }) => apiRequest<{ items: Shop[] }>('/api/shops', { signal }),
  });
}

export function useSlots(shopCode: string | null, date: string) {
  return useQuery({
    queryKey: ['shops', shopCode, 'slots', date],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Slot[] }>(`/api/shops/${encodeURIComponent(shopCode ?? '')}/slots?date=${date}`, { signal }),
    enabled: Boolean(shopCode && date),
  });
}

export function useMyAppointments() {
  return useQuery({
    queryKey: ['appointments', 'mine'],
    queryFn: ({ signal }) => apiRequest<{ items: Appointment[] }>('/api/appointments', { signal }),
  });
}

export function useBookAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      shopCode: string;
      startsAt: string;
      purpose: AppointmentPurpose;
      subscriptionId?: string;
      note?: string;
    }) => apiRequest<Appointment>('/api/appointments', { method: 'POST', body }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['appointments'] }),
        client.invalidateQueries({ queryKey: ['shops'] }),
      ]),
  });
}

export function useCancelAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<Appointment>(`/api/appointments/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['appointments'] }),
        client.invalidateQueries({ queryKey: ['shops'] }),
      ]),
  });
}

export function useAgenda(shopCode: string | null, date: string) {
  return useQuery({
    queryKey: ['shops', shopCode, 'agenda', date],
    queryFn: ({ signal }) =>
      apiRequest<{ date: string; shop: { code: string; name: string }; items: Appointment[] }>(
        `/api/shops/${encodeURIComponent(shopCode ?? '')}/agenda?date=${date}`,
        { signal },
      ),
    enabled: Boolean(shopCode),
  });
}

/**
 * `onSwapped` runs from the mutation itself, before the agenda is refetched: the refetch marks the
 * visit done and unmounts the form, after which a callback passed to `mutate` would never run.
 */
export function useSwap(shopCode: string, onSwapped: (result: SwapResult) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      key,
      ...body
    }: {
      key: string;
      faultySerial: string;
      replacementSerial: string;
      fault: string;
      appointmentId?: string;
    }) =>
      apiRequest<SwapResult>(`/api/shops/${encodeURIComponent(shopCode)}/swaps`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
      }),
    onSuccess: (result) => {
      onSwapped(result);
      return client.invalidateQueries({ queryKey: ['shops', shopCode] });
    },
  });
}

export function useSetOutcome(shopCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'done' | 'no_show' }) =>
      apiRequest<Appointment>(`/api/appointments/${encodeURIComponent(id)}/outcome`, {
        method: 'POST',
        body: { status },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['shops', shopCode] }),
  });
}
