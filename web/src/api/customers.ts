import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';
import type { CustomerDetail, CustomerSummary, Page } from './types';

export const CUSTOMER_PAGE_SIZE = 20;

export function useCustomerSearch(searchText: string) {
  const q = searchText.trim();
  return useInfiniteQuery({
    queryKey: ['customers', 'search', q],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CustomerSummary>>(
        withQuery('/api/customers', { q, limit: CUSTOMER_PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useCustomer(customerId: string | null | undefined) {
  return useQuery({
    queryKey: ['customers', 'detail', customerId],
    queryFn: ({ signal }) =>
      apiRequest<CustomerDetail>(`/api/customers/${encodeURIComponent(customerId ?? '')}`, { signal }),
    enabled: Boolean(customerId),
  });
}
