/** Getting into an account without a password: a reset link by e-mail, a password set with a link. */
import { useMutation } from '@tanstack/react-query';
import { ApiError, apiRequest } from './client';

/** Why a link no longer works, as the server names it (`reason` in the problem body). */
export type LinkRefusal = 'unknown' | 'expired' | 'used' | 'replaced';

export function linkRefusalOf(error: unknown): LinkRefusal | null {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 410)) return null;
  const reason = (error.problem as { reason?: unknown } | null)?.reason;
  return reason === 'unknown' || reason === 'expired' || reason === 'used' || reason === 'replaced' ? reason : null;
}

export function useRequestPasswordReset(options: { onSuccess?: () => void } = {}) {
  return useMutation({
    mutationFn: (email: string) =>
      apiRequest<{ message: string }>('/api/password-resets', {
        method: 'POST',
        body: { email },
        skipUnauthorizedRedirect: true,
      }),
    onSuccess: () => options.onSuccess?.(),
  });
}

export function useSetPasswordWithLink(options: { onSuccess?: () => void } = {}) {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      apiRequest<void>('/api/account-tokens/consume', {
        method: 'POST',
        body: input,
        skipUnauthorizedRedirect: true,
      }),
    onSuccess: () => options.onSuccess?.(),
  });
}

/** “Créer mon espace”: an existing customer asks for her online space; the answer never says whether the details matched. */
export function useClaimAccount(options: { onSuccess?: () => void } = {}) {
  return useMutation({
    mutationFn: (input: { customerReference: string; email: string }) =>
      apiRequest<{ message: string }>('/api/account-claims', {
        method: 'POST',
        body: input,
        skipUnauthorizedRedirect: true,
      }),
    onSuccess: () => options.onSuccess?.(),
  });
}
