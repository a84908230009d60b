import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CaseDocument } from './caseTypes';
import { apiRequest } from './client';

export interface NewReplyLetter {
  body: string;
  signerName?: string;
}

/** Writes the reply letter; one Idempotency-Key per form submission so a retry makes one letter. */
export function useCreateReplyLetter(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ letter, idempotencyKey }: { letter: NewReplyLetter; idempotencyKey: string }) =>
      apiRequest<CaseDocument>(`/api/cases/${encodeURIComponent(caseId)}/reply-letter`, {
        method: 'POST',
        body: letter,
        headers: { 'idempotency-key': idempotencyKey },
      }),
    // The case changed: a letter on the timeline, the reply promise settled, a new document.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] }),
  });
}
