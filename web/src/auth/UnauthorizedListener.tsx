import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import { meQueryKey } from '../api/session';

/**
 * Any 401 from the API forgets the session; <RequireAuth> then redirects to /login
 * and remembers the page to come back to.
 */
export function UnauthorizedListener() {
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(meQueryKey, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);
  return null;
}
