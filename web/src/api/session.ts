import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from './client';
import type { User } from './types';

export const meQueryKey = ['me'] as const;

/** Returns the signed-in user, or null when there is no valid session. */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const body = await apiRequest<{ user: User }>('/api/me', { signal, skipUnauthorizedRedirect: true });
    return body.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export async function login(email: string, password: string): Promise<User> {
  const body = await apiRequest<{ user: User }>('/api/session', {
    method: 'POST',
    body: { email, password },
    skipUnauthorizedRedirect: true,
  });
  return body.user;
}

export async function logout(): Promise<void> {
  await apiRequest<void>('/api/session', { method: 'DELETE', skipUnauthorizedRedirect: true });
}
