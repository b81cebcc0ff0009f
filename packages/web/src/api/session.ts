import { sessionStateSchema } from '@openesia/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken } from './client';

export const sessionKey = ['session'] as const;

/** Who is signed in; every page reads it, every sign-in and sign-out refreshes it. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      const state = await api.get('/session', sessionStateSchema);
      rememberCsrfToken(state.csrfToken);
      return state;
    },
    staleTime: 30_000,
  });
}

export function useRefreshSession() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}
