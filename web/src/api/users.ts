import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery } from './client';
import type { ApiToken, NewUser, Page, User } from './types';

export const usersQueryKey = ['users'] as const;

export function useUsers() {
  return useInfiniteQuery({
    queryKey: usersQueryKey,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<User>>(withQuery('/api/users', { cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (newUser: NewUser) => apiRequest<User>('/api/users', { method: 'POST', body: newUser }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}

export function useCreateToken() {
  return useMutation({
    mutationFn: ({ userId, name }: { userId: string; name: string }) =>
      apiRequest<ApiToken>(`/api/users/${encodeURIComponent(userId)}/tokens`, {
        method: 'POST',
        body: { name },
      }),
  });
}
