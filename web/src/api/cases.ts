import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AtRiskItem,
  CaseChange,
  CaseDocument,
  CaseFile,
  CaseSummary,
  Interaction,
  NewCase,
  NewInteraction,
  WrittenComplaintItem,
} from './caseTypes';
import { apiRequest, withQuery } from './client';
import type { Page } from './types';

export const CASE_PAGE_SIZE = 20;

const caseKey = (caseId: string | undefined) => ['cases', 'detail', caseId] as const;
const customerCasesKey = (customerId: string | null | undefined) => ['cases', 'customer', customerId] as const;

export function useCase(caseId: string | undefined) {
  return useQuery({
    queryKey: caseKey(caseId),
    queryFn: ({ signal }) => apiRequest<CaseFile>(`/api/cases/${encodeURIComponent(caseId ?? '')}`, { signal }),
    enabled: Boolean(caseId),
  });
}

export function useCustomerCases(customerId: string | null | undefined) {
  return useInfiniteQuery({
    queryKey: customerCasesKey(customerId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CaseSummary>>(
        withQuery(`/api/customers/${encodeURIComponent(customerId ?? '')}/cases`, {
          limit: CASE_PAGE_SIZE,
          cursor: pageParam,
        }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: Boolean(customerId),
  });
}

export interface OwnerCandidate {
  id: string;
  displayName: string;
  site: { name: string; code: string } | null;
  openCases: number;
  isOwner: boolean;
}

export function useOwnerCandidates(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'owner-candidates', caseId],
    queryFn: ({ signal }) =>
      apiRequest<{ items: OwnerCandidate[] }>(`/api/cases/${encodeURIComponent(caseId)}/owner-candidates`, { signal }),
    enabled,
  });
}

/** The signed-in staff member's unfinished cases, the nearest promise first. */
export function useOwnedCases() {
  return useInfiniteQuery({
    queryKey: ['cases', 'mine'],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CaseSummary>>(withQuery('/api/cases/mine', { limit: CASE_PAGE_SIZE, cursor: pageParam }), {
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useWrittenComplaints() {
  return useInfiniteQuery({
    queryKey: ['cases', 'queues', 'written-complaints'],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<WrittenComplaintItem>>(
        withQuery('/api/cases/queues/written-complaints', { limit: CASE_PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useAtRiskQueue() {
  return useQuery({
    queryKey: ['cases', 'queues', 'at-risk'],
    queryFn: ({ signal }) => apiRequest<{ items: AtRiskItem[] }>('/api/cases/queues/at-risk', { signal }),
  });
}

export function useOpenCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (newCase: NewCase) => apiRequest<CaseFile>('/api/cases', { method: 'POST', body: newCase }),
    onSuccess: (file) => {
      queryClient.setQueryData(caseKey(file.id), file);
      return queryClient.invalidateQueries({ queryKey: customerCasesKey(file.customerId) });
    },
  });
}

/** Adds a contact; the caller passes one Idempotency-Key per form submission so retries store it once. */
export function useRecordInteraction(caseId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ interaction, idempotencyKey }: { interaction: NewInteraction; idempotencyKey: string }) =>
      apiRequest<Interaction>(`/api/cases/${encodeURIComponent(caseId)}/interactions`, {
        method: 'POST',
        body: interaction,
        headers: { 'idempotency-key': idempotencyKey },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKey(caseId) }),
        queryClient.invalidateQueries({ queryKey: customerCasesKey(customerId) }),
      ]),
  });
}

export function useUpdateCase(caseId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: CaseChange) =>
      apiRequest<CaseFile>(`/api/cases/${encodeURIComponent(caseId)}`, { method: 'PATCH', body: change }),
    onSuccess: (file) => {
      queryClient.setQueryData(caseKey(caseId), file);
      return queryClient.invalidateQueries({ queryKey: customerCasesKey(customerId) });
    },
  });
}

/** Attaches a file to a case; one Idempotency-Key per chosen file, so a retry stores it once. */
export function useAttachFile(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, idempotencyKey }: { file: File; idempotencyKey: string }) =>
      apiRequest<CaseDocument>(`/api/cases/${encodeURIComponent(caseId)}/documents`, {
        method: 'POST',
        body: file,
        headers: { 'x-filename': encodeURIComponent(file.name), 'idempotency-key': idempotencyKey },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKey(caseId) }),
  });
}

/** After a 409 the case is read again so the next attempt sends the current version. */
export function useReloadCase(caseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
}
