import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';
import type { CustomerRead, Overview, Page, Site } from './types';

export function useSites() {
  return useQuery({
    queryKey: ['sites'],
    queryFn: ({ signal }) => apiRequest<{ items: Site[] }>('/api/sites', { signal }),
    staleTime: 60_000,
  });
}

export function useOverview() {
  return useQuery({
    queryKey: ['overview'],
    queryFn: ({ signal }) => apiRequest<Overview>('/api/overview', { signal }),
  });
}

export function useCustomerReads(customerId: string) {
  return useInfiniteQuery({
    queryKey: ['audit', 'customer-reads', customerId],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CustomerRead>>(withQuery('/api/audit/customer-reads', { customerId, cursor: pageParam }), {
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
