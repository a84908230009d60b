/** Equipment loans: the shop's loanable items, lending, returns, overdue list and reminders. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';

export type LoanCategory = 'box' | 'dev_board' | 'tool' | 'other';
export type ItemCondition = 'new' | 'good' | 'worn' | 'damaged';

export const LOAN_CATEGORIES: LoanCategory[] = ['box', 'dev_board', 'tool', 'other'];
export const ITEM_CONDITIONS: ItemCondition[] = ['new', 'good', 'worn', 'damaged'];

export interface LoanItem {
  id: string;
  assetTag: string;
  name: string;
  category: LoanCategory;
  condition: ItemCondition;
  available: boolean;
  /** Present while the item is out; the borrower is shown to staff only. */
  loan?: {
    id: string | null;
    dueDate: string;
    borrowerId: string | null;
    borrower: { id: string; reference: string | null; name: string } | null;
  };
}

export interface LoanItems {
  limit: number;
  defaultDueDate: string;
  latestDueDate: string;
  items: LoanItem[];
}

export interface Loan {
  id: string;
  item: { id: string; name: string; assetTag: string; category: LoanCategory };
  shop: { code: string; name: string };
  borrower: { id: string; reference: string; name: string };
  borrowedAt: string;
  dueDate: string;
  dueAt: string;
  conditionOut: ItemCondition;
  returnedAt: string | null;
  conditionIn: ItemCondition | null;
  overdue: boolean;
}

export function useLoanItems(shopCode: string) {
  return useQuery({
    queryKey: ['loans', 'items', shopCode],
    queryFn: ({ signal }) => apiRequest<LoanItems>(`/api/shops/${encodeURIComponent(shopCode)}/loan-items`, { signal }),
  });
}

/** A member's loans, current and past; a subscriber leaves customerId out for their own. */
export function useLoans(customerId?: string) {
  return useQuery({
    queryKey: ['loans', 'member', customerId ?? 'me'],
    queryFn: ({ signal }) =>
      apiRequest<{ limit: number; items: Loan[] }>(withQuery('/api/loans', { customerId }), { signal }),
  });
}

export function useOverdueLoans() {
  return useQuery({
    queryKey: ['loans', 'overdue'],
    queryFn: ({ signal }) => apiRequest<{ items: Loan[] }>('/api/loans/overdue', { signal }),
  });
}

function useInvalidateLoans() {
  const client = useQueryClient();
  // Not awaited: the caller's own onSuccess runs at once, the lists refresh behind it.
  return () => {
    void client.invalidateQueries({ queryKey: ['loans'] });
  };
}

export function useAddLoanItem(shopCode: string) {
  const invalidate = useInvalidateLoans();
  return useMutation({
    mutationFn: (body: { assetTag: string; name: string; category: LoanCategory; condition: ItemCondition }) =>
      apiRequest<LoanItem>(`/api/shops/${encodeURIComponent(shopCode)}/loan-items`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Lending is safe to repeat: an item has one open loan at a time, so a second try is refused. */
export function useLend() {
  const invalidate = useInvalidateLoans();
  return useMutation({
    mutationFn: (body: { itemId: string; customerId: string; dueDate?: string }) =>
      apiRequest<Loan>('/api/loans', { method: 'POST', body }),
    onSettled: invalidate,
  });
}

export function useReturnLoan() {
  const invalidate = useInvalidateLoans();
  return useMutation({
    mutationFn: ({ id, condition }: { id: string; condition: ItemCondition }) =>
      apiRequest<Loan>(`/api/loans/${encodeURIComponent(id)}/return`, { method: 'POST', body: { condition } }),
    onSettled: invalidate,
  });
}

export function useRemindOverdue() {
  const invalidate = useInvalidateLoans();
  return useMutation({
    mutationFn: () => apiRequest<{ reminded: number }>('/api/loans/overdue-reminders', { method: 'POST' }),
    onSuccess: invalidate,
  });
}
