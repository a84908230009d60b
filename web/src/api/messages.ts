import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';
import type { Page } from './types';

export interface CustomerMessage {
  id: string;
  case: { id: string; reference: string } | null;
  channel: 'email' | 'sms' | 'letter';
  recipient: string;
  subject: string | null;
  body: string;
  kind: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  sentAt: string | null;
  createdAt: string;
  /** Staff only: delivery trouble to act on. */
  attempts?: number;
  lastError?: string | null;
}

const MESSAGE_PAGE_SIZE = 10;

/** Messages we sent (or are sending) to a customer, newest first; subscribers see only the sent ones. */
export function useCustomerMessages(customerId: string) {
  return useInfiniteQuery({
    queryKey: ['messages', 'customer', customerId],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CustomerMessage>>(
        withQuery('/api/outbox/messages', { customerId, limit: MESSAGE_PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
