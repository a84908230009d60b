import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CaseFile } from './caseTypes';
import { apiRequest } from './client';

export interface CaseMergeRequest {
  intoCaseId: string;
  reason: string;
  version: number;
  intoVersion: number;
}

/** Merges `caseId` into another case of the same customer; answers with the surviving case file. */
export function useMergeCase(caseId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (merge: CaseMergeRequest) =>
      apiRequest<CaseFile>(`/api/cases/${encodeURIComponent(caseId)}/merge`, { method: 'POST', body: merge }),
    onSuccess: (surviving) => {
      queryClient.setQueryData(['cases', 'detail', surviving.id], surviving);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'customer', customerId] }),
      ]);
    },
  });
}
